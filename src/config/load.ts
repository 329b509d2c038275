import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../errors/index.js';
import { CONFIG_KEYS, findConfigKey, type ConfigKey, type ConfigValue } from './schema.js';

export interface ConfigEntry {
  value: ConfigValue | undefined;
  /** `default`, `user config <file>`, `project config <file>`, `env <VAR>` or `flag --x`. */
  source: string;
  /** The directory relative paths in the value are relative to: the config file's, else the working directory. */
  base?: string;
}

export interface Config {
  entries: Map<string, ConfigEntry>;
  get<T extends ConfigValue>(key: string): T | undefined;
  /** The files that were read, in precedence order (user first). */
  files: string[];
}

export interface LoadConfigOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Values given as command-line flags, by config key, with the flag's name. */
  flags?: Record<string, { value: ConfigValue | undefined; flag: string }>;
}

function configError(file: string, message: string): UsageError {
  return new UsageError('invalid-config', `${file}: ${message}`, { hint: `fix or remove it ("memoir config" lists the keys memoir knows)`, data: { file } });
}

/** Flattens `{author: {name: x}}` to `author.name`, rejecting keys memoir does not know. */
function flatten(raw: unknown, file: string): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  if (raw === null || raw === undefined) return flat;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw configError(file, 'the configuration must be a mapping of keys');
  const visit = (node: Record<string, unknown>, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !findConfigKey(key)) visit(value as Record<string, unknown>, key);
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
  if (typeof v === 'string' && spec.type === 'boolean' && /^(true|false|1|0|yes|no)$/i.test(v)) v = /^(true|1|yes)$/i.test(v);
  if (typeof v !== spec.type || (typeof v === 'number' && !Number.isFinite(v))) throw configError(where, `"${spec.key}" must be a ${spec.type}, not ${JSON.stringify(value)}`);
  if (spec.values && !spec.values.includes(v as string)) throw configError(where, `"${spec.key}" must be one of ${spec.values.join(', ')}`);
  if (typeof v === 'number' && ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))) {
    throw configError(where, `"${spec.key}" must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}`);
  }
  return v as ConfigValue;
}

function userConfigFile(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  for (const name of ['config.yaml', 'config.yml', 'config.json']) {
    const file = path.join(base, 'memoir', name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

async function readUserConfig(file: string): Promise<unknown> {
  const text = fs.readFileSync(file, 'utf8');
  try {
    if (file.endsWith('.json')) return JSON.parse(text);
    const { parse } = await import('yaml');
    return parse(text);
  } catch (error) {
    throw configError(file, `cannot be parsed: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Whether any file cosmiconfig could load exists from `cwd` up to the project root (the first
 * directory with a package.json). Most directories have none, and then cosmiconfig, which
 * costs 10–15 ms to load, is not loaded at all; when one might exist, cosmiconfig decides.
 */
export function mayHaveProjectConfig(cwd: string): boolean {
  let dir = path.resolve(cwd);
  for (;;) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      // unreadable: let cosmiconfig decide
      return true;
    }
    if (names.some((n) => n.startsWith('.memoirrc') || n.startsWith('memoir.config.'))) return true;
    if (names.includes('.config') && fs.existsSync(path.join(dir, '.config')) && safeList(path.join(dir, '.config')).some((n) => n.startsWith('memoirrc'))) return true;
    if (names.includes('package.json')) return hasMemoirKey(path.join(dir, 'package.json'));
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

/** package.json#memoir: a top-level "memoir" key (not, say, a bin named memoir). */
function hasMemoirKey(file: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    return typeof pkg === 'object' && pkg !== null && 'memoir' in pkg;
  } catch {
    return true; // unreadable: let cosmiconfig decide and report it
  }
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

async function readProjectConfig(cwd: string): Promise<{ config: unknown; filepath: string } | undefined> {
  if (!mayHaveProjectConfig(cwd)) return undefined;
  const { cosmiconfig } = await import('cosmiconfig');
  try {
    // cosmiconfig 9 looks only in `cwd` itself unless told otherwise; 'project' walks up to
    // the nearest directory with a package.json (or to the root), as git looks for .git.
    const result = await cosmiconfig('memoir', { searchStrategy: 'project' }).search(cwd);
    return result && !result.isEmpty ? { config: result.config, filepath: result.filepath } : undefined;
  } catch (error) {
    const file = (error as { filepath?: string }).filepath ?? 'memoir configuration';
    throw configError(file, `cannot be parsed: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * The effective configuration. Precedence, highest first: flags, `MEMOIR_*` environment,
 * the project config (cosmiconfig's search from `cwd`: .memoirrc, .memoirrc.json|yaml,
 * memoir.config.js|mjs|cjs, package.json#memoir), the user config under
 * $XDG_CONFIG_HOME/memoir/, then defaults.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<Config> {
  const entries = new Map<string, ConfigEntry>();
  for (const spec of CONFIG_KEYS) entries.set(spec.key, { value: spec.default, source: 'default' });
  const files: string[] = [];
  const layer = (flat: Map<string, unknown>, source: string, file: string) => {
    for (const [key, value] of flat) entries.set(key, { value: coerce(findConfigKey(key)!, value, file), source, base: path.dirname(file) });
  };

  const userFile = userConfigFile(options.env);
  if (userFile) {
    files.push(userFile);
    layer(flatten(await readUserConfig(userFile), userFile), `user config ${userFile}`, userFile);
  }
  const project = await readProjectConfig(options.cwd);
  if (project) {
    files.push(project.filepath);
    layer(flatten(project.config, project.filepath), `project config ${project.filepath}`, project.filepath);
  }
  for (const spec of CONFIG_KEYS) {
    const value = options.env[spec.env];
    if (value !== undefined && value !== '') entries.set(spec.key, { value: coerce(spec, value, `environment variable ${spec.env}`), source: `env ${spec.env}` });
  }
  for (const [key, { value, flag }] of Object.entries(options.flags ?? {})) {
    if (value !== undefined) entries.set(key, { value: coerce(findConfigKey(key)!, value, `flag ${flag}`), source: `flag ${flag}` });
  }
  return {
    entries,
    files,
    get: <T extends ConfigValue>(key: string) => entries.get(key)?.value as T | undefined,
  };
}
