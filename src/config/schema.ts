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
  /** Never shown: `memoir config` says only whether it is set. */
  secret?: boolean;
  /**
   * Decides where facts and credentials go, or who commits are by: set only by the user's own
   * config, the environment or a flag, never by a project file unless the user trusted its folder.
   */
  userOnly?: boolean;
}

/** The table with its literal types, from which each key's value type is derived (ConfigType). */
const KEYS = [
  {
    key: 'author.name',
    type: 'string',
    env: 'MEMOIR_AUTHOR_NAME',
    userOnly: true,
    description: 'name recorded as the author of commits',
  },
  {
    key: 'author.email',
    type: 'string',
    env: 'MEMOIR_AUTHOR_EMAIL',
    userOnly: true,
    description: 'email recorded as the author of commits',
  },
  {
    key: 'lock.timeout',
    type: 'number',
    env: 'MEMOIR_LOCK_TIMEOUT',
    default: 10,
    min: 0,
    description: 'seconds a writer waits for another to finish',
  },
  {
    key: 'taxonomy',
    type: 'string',
    env: 'MEMOIR_TAXONOMY',
    description: 'a YAML file of extra leaves, added to the built-in taxonomy (same names replace)',
  },
  {
    key: 'classifier.provider',
    type: 'string',
    env: 'MEMOIR_CLASSIFIER_PROVIDER',
    default: 'offline',
    values: ['offline', 'openai'],
    userOnly: true,
    description: 'offline: the embedded classifier, nothing leaves the machine; openai: an OpenAI-compatible model',
  },
  {
    key: 'classifier.model',
    type: 'string',
    env: 'MEMOIR_CLASSIFIER_MODEL',
    default: 'gpt-4o-mini',
    description: 'model name for the OpenAI-compatible classifier',
  },
  {
    key: 'classifier.baseURL',
    type: 'string',
    env: 'MEMOIR_CLASSIFIER_BASE_URL',
    userOnly: true,
    description:
      'endpoint of an OpenAI-compatible server (Ollama, vLLM, llama.cpp, Azure); else OPENAI_BASE_URL, else OpenAI',
  },
  {
    key: 'classifier.apiKey',
    type: 'string',
    env: 'MEMOIR_CLASSIFIER_API_KEY',
    secret: true,
    userOnly: true,
    description: 'API key for the classifier (OPENAI_API_KEY is used when unset)',
  },
  {
    key: 'classifier.timeout',
    type: 'number',
    env: 'MEMOIR_CLASSIFIER_TIMEOUT',
    default: 30,
    min: 1,
    description: 'seconds to wait for the model before giving up',
  },
  {
    key: 'classifier.retries',
    type: 'number',
    env: 'MEMOIR_CLASSIFIER_RETRIES',
    default: 2,
    min: 0,
    max: 10,
    description: 'retries, with backoff, on rate limits, server errors and dropped connections',
  },
  {
    key: 'classifier.shortlist',
    type: 'number',
    env: 'MEMOIR_CLASSIFIER_SHORTLIST',
    default: 20,
    min: 0,
    max: 1000,
    description:
      'leaves of the offline ranking described to the model per fact (the others by path only); 0: describe every leaf',
  },
  {
    key: 'classifier.fallback',
    type: 'string',
    env: 'MEMOIR_CLASSIFIER_FALLBACK',
    default: 'none',
    values: ['none', 'offline'],
    description: 'offline: when the model is unavailable, warn and use the offline classifier',
  },
  {
    key: 'merge.similarity',
    type: 'number',
    env: 'MEMOIR_MERGE_SIMILARITY',
    // chosen by the table of same and different pairs in test/core/merge.test.ts
    default: 0.92,
    min: 0,
    max: 1,
    description:
      'merge: two facts added on both sides of a many leaf count as one at or above this text similarity (1 = only the same text); two values of a one leaf are a conflict unless their texts are the same',
  },
  {
    key: 'consolidate.staleAfter',
    type: 'number',
    env: 'MEMOIR_CONSOLIDATE_STALE_AFTER',
    default: 365,
    min: 1,
    description:
      'consolidate: flag the value of a one leaf recorded more than this many days ago (flagged for a person, never changed)',
  },
  {
    key: 'review.autoAccept',
    type: 'number',
    env: 'MEMOIR_REVIEW_AUTO_ACCEPT',
    default: 0.8,
    min: 0,
    max: 1,
    description:
      'without a terminal, facts classified with at least this confidence are staged; the rest wait for review',
  },
  {
    key: 'mcp.lowConfidence',
    type: 'string',
    env: 'MEMOIR_MCP_LOW_CONFIDENCE',
    default: 'hold',
    values: ['hold', 'commit'],
    description:
      'memoir_remember, when the classifier is below review.autoAccept: hold the fact for "memoir review", or commit it at the top suggestion',
  },
  {
    key: 'user.signingKey',
    type: 'string',
    env: 'MEMOIR_SIGNING_KEY',
    userOnly: true,
    description:
      'an SSH private key file (ed25519 or RSA, no passphrase) that signs commits, as git with gpg.format=ssh',
  },
  {
    key: 'commit.sign',
    type: 'boolean',
    env: 'MEMOIR_COMMIT_SIGN',
    default: false,
    userOnly: true,
    description: 'sign every commit memoir makes (as commit -S) with user.signingKey',
  },
  {
    key: 'gpg.ssh.allowedSignersFile',
    type: 'string',
    env: 'MEMOIR_ALLOWED_SIGNERS',
    userOnly: true,
    description: "the allowed-signers file verify-commit checks signatures against (git's format)",
  },
] as const satisfies readonly ConfigKey[];

export const CONFIG_KEYS: readonly ConfigKey[] = KEYS;

type KeySpec = (typeof KEYS)[number];

/** A configuration key memoir knows: 'lock.timeout', 'review.autoAccept', ... */
export type ConfigKeyName = KeySpec['key'];

type SpecOf<K extends ConfigKeyName> = Extract<KeySpec, { key: K }>;

/** A key's values: one of its `values` when it has them, else its `type`. */
type ValueOf<S> = S extends { values: readonly (infer V)[] }
  ? V
  : S extends { type: 'number' }
    ? number
    : S extends { type: 'boolean' }
      ? boolean
      : string;

/** What `config.get(key)` returns: a key with a default always has a value (loadConfig fills it). */
export type ConfigType<K extends ConfigKeyName> =
  SpecOf<K> extends { default: ConfigValue } ? ValueOf<SpecOf<K>> : ValueOf<SpecOf<K>> | undefined;

/** A key's default from the table, typed by the key: `configDefault('merge.similarity')` is a number. */
export function configDefault<K extends ConfigKeyName>(key: K): ConfigType<K> {
  return findConfigKey(key)?.default as ConfigType<K>;
}

export function findConfigKey(key: string): ConfigKey | undefined {
  return CONFIG_KEYS.find((k) => k.key === key);
}
