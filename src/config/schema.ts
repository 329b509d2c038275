/*
 * Every configuration key memoir knows: its type, its environment variable, its default.
 * One table drives validation, the environment mapping, and `memoir config`'s listing.
 */

export type ConfigValue = string | number | boolean;

export interface ConfigKey {
  key: string;
  type: 'string' | 'number' | 'boolean';
  env: string;
  description: string;
  default?: ConfigValue;
  /** Allowed values, when the key is an enumeration. */
  values?: readonly string[];
  min?: number;
  max?: number;
}

export const CONFIG_KEYS: readonly ConfigKey[] = [
  { key: 'author.name', type: 'string', env: 'MEMOIR_AUTHOR_NAME', description: 'name recorded as the author of commits' },
  { key: 'author.email', type: 'string', env: 'MEMOIR_AUTHOR_EMAIL', description: 'email recorded as the author of commits' },
  { key: 'lock.timeout', type: 'number', env: 'MEMOIR_LOCK_TIMEOUT', default: 10, min: 0, description: 'seconds a writer waits for another to finish' },
];

export function findConfigKey(key: string): ConfigKey | undefined {
  return CONFIG_KEYS.find((k) => k.key === key);
}
