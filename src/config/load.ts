import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors/index.js';
import {
  CONFIG_KEYS,
  findConfigKey,
  type ConfigKey,
  type ConfigKeyName,
  type ConfigType,
  type ConfigValue,
} from './schema.js';
import { findProjectConfig, readConfigFile } from './projectConfig.js';
import { trustOf, userConfigDir, type TrustState } from './trust.js';

export interface ConfigEntry {
  value: ConfigValue | undefined;
  /** `default`, `user config <file>`, `project config <file>`, `env <VAR>` or `flag --x`. */
  source: string;
  /** The directory relative paths in the value are relative to: the config file's, else the working directory. */
  base?: string;
}

export interface Config {
  entries: Map<string, ConfigEntry>;
  /** A key's effective value, typed by the key (see ConfigType): defaults are already filled in. */
  get<K extends ConfigKeyName>(key: K): ConfigType<K>;
  /** The files that were read, in precedence order (user first). */
  files: string[];
  /** Settings a project file made that only the user may make: not applied. */
  refused: RefusedSetting[];
  /** Executable config files found in the project's folders: never loaded. */
  ignored: string[];
  /** The project config file in force, and whether the user trusted it as it is. */
  project?: { file: string; trust: TrustState };
}

export interface RefusedSetting {
  key: string;
  file: string;
}

export interface LoadConfigOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Values given as command-line flags, by config key, with the flag's name. */
  flags?: Record<string, { value: ConfigValue | undefined; flag: string }>;
}

function configError(file: string, message: string): UsageError {
  return new UsageError('invalid-config', `${file}: ${message}`, {
    hint: `fix or remove it ("memoir config" lists the keys memoir knows)`,
    data: { file },
  });
}

/** Flattens `{author: {name: x}}` to `author.name`, rejecting keys memoir does not know. */
function flatten(raw: unknown, file: string): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  if (raw === null || raw === undefined) return flat;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw configError(file, 'the configuration must be a mapping of keys');
  const visit = (node: Record<string, unknown>, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !findConfigKey(key))
        visit(value as Record<string, unknown>, key);
      else if (!findConfigKey(key)) throw configError(file, `unknown key "${key}"`);
      else flat.set(key, value);
    }
  };
  visit(raw as Record<string, unknown>, '');
  return flat;
}

/** Checks and converts one value (strings from the environment are converted to the key's type). */
export function coerce(spec: ConfigKey, value: unknown, where: string): ConfigValue {
  let v = value;
  if (typeof v === 'string' && spec.type === 'number' && v.trim() !== '' && !Number.isNaN(Number(v))) v = Number(v);
  if (typeof v === 'string' && spec.type === 'boolean' && /^(true|false|1|0|yes|no)$/i.test(v))
    v = /^(true|1|yes)$/i.test(v);
  if (typeof v !== spec.type || (typeof v === 'number' && !Number.isFinite(v)))
    throw configError(where, `"${spec.key}" must be a ${spec.type}, not ${JSON.stringify(value)}`);
  if (spec.values && !spec.values.includes(v as string))
    throw configError(where, `"${spec.key}" must be one of ${spec.values.join(', ')}`);
  if (typeof v === 'number' && ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))) {
    throw configError(where, `"${spec.key}" must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}`);
  }
  return v as ConfigValue;
}

function userConfigFile(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['config.yaml', 'config.yml', 'config.json']) {
    const file = path.join(userConfigDir(env), name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** A config file's settings, or a usage error with the file and a one-line reason (never its content). */
async function readSettings(file: string): Promise<unknown> {
  try {
    return await readConfigFile(file);
  } catch (error) {
    // JSON.parse quotes the text it choked on: say where, not what
    const reason = (error as Error).message.split('\n')[0].replace(/, ".*" is not valid JSON$/, ' (not valid JSON)');
    throw configError(file, `cannot be parsed: ${reason}`);
  }
}

/**
 * The effective configuration. Precedence, highest first: flags, `MEMOIR_*` environment, the
 * project config (data only, found upward from `cwd`: see projectConfig.ts), the user config
 * under $XDG_CONFIG_HOME/memoir/, then defaults. A project file may not set the keys that decide
 * where facts and credentials go (`userOnly`) unless the user trusted it (`memoir config trust`).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<Config> {
  const entries = new Map<string, ConfigEntry>();
  for (const spec of CONFIG_KEYS) entries.set(spec.key, { value: spec.default, source: 'default' });
  const files: string[] = [];
  const refused: RefusedSetting[] = [];
  const layer = (flat: Map<string, unknown>, source: string, file: string, mayChooseDestinations: boolean) => {
    for (const [key, value] of flat) {
      const spec = findConfigKey(key)!;
      const coerced = coerce(spec, value, file);
      if (spec.userOnly && !mayChooseDestinations) refused.push({ key, file });
      else entries.set(key, { value: coerced, source, base: path.dirname(file) });
    }
  };

  const userFile = userConfigFile(options.env);
  if (userFile) {
    files.push(userFile);
    layer(flatten(await readSettings(userFile), userFile), `user config ${userFile}`, userFile, true);
  }
  const search = findProjectConfig(options.cwd);
  let project: Config['project'];
  if (search.file) {
    const settings = flatten(await readSettings(search.file), search.file);
    if (settings.size > 0) {
      project = { file: search.file, trust: trustOf(options.env, search.file) };
      files.push(search.file);
      layer(settings, `project config ${search.file}`, search.file, project.trust === 'trusted');
    }
  }
  for (const spec of CONFIG_KEYS) {
    const value = options.env[spec.env];
    if (value !== undefined && value !== '')
      entries.set(spec.key, {
        value: coerce(spec, value, `environment variable ${spec.env}`),
        source: `env ${spec.env}`,
      });
  }
  for (const [key, { value, flag }] of Object.entries(options.flags ?? {})) {
    if (value !== undefined)
      entries.set(key, { value: coerce(findConfigKey(key)!, value, `flag ${flag}`), source: `flag ${flag}` });
  }
  return {
    entries,
    files,
    refused,
    ignored: search.ignored,
    project,
    get: <K extends ConfigKeyName>(key: K) => entries.get(key)?.value as ConfigType<K>,
  };
}

/**
 * One line for each thing a project folder tried and was not allowed: code that was not run,
 * keys that only the user may set. Printed on stderr by every command that reads the config.
 */
export function configWarnings(config: Config): string[] {
  const warnings = config.ignored.map(
    (file) => `ignored ${file}: memoir never runs code from a folder (use .memoirrc.yaml)`,
  );
  if (config.refused.length > 0) {
    const keys = config.refused.map((r) => r.key).join(', ');
    const why =
      config.project?.trust === 'changed'
        ? 'it changed since you trusted it'
        : 'a project may not choose where facts go or who commits';
    warnings.push(`ignored ${keys} from ${config.refused[0].file}: ${why} ("memoir config trust" allows it)`);
  }
  return warnings;
}
