import * as path from 'node:path';
import { findProjectConfig } from '../config/projectConfig.js';
import { fileHash, readTrusted, writeTrusted, type TrustedFile } from '../config/trust.js';
import { CONFIG_KEYS } from '../config/schema.js';
import { UsageError } from '../errors/index.js';

/*
 * `memoir config trust|untrust|trusted`: the user's record of project config files allowed to
 * choose where facts and credentials go. Trust is given to a file as it is now (its hash).
 */

export interface TrustResult {
  action: 'trusted' | 'untrusted' | 'unchanged';
  file: string;
  sha256: string;
  /** The keys a trusted project file may now set. */
  keys: string[];
}

/** The project config that applies in `dir`, or a usage error saying there is none. */
function projectFileIn(dir: string): string {
  const { file } = findProjectConfig(dir);
  if (!file) {
    throw new UsageError('no-project-config', `no project config in ${dir} or above it up to the project root`, {
      hint: 'write the settings to .memoirrc.yaml (or .memoirrc.json) first; "memoir config" lists the keys',
    });
  }
  return file;
}

export const USER_ONLY_KEYS = CONFIG_KEYS.filter((k) => k.userOnly).map((k) => k.key);

export function trustFolder(dir: string, env: NodeJS.ProcessEnv, now: Date): TrustResult {
  const file = projectFileIn(path.resolve(dir));
  const sha256 = fileHash(file);
  const trusted = readTrusted(env);
  const known = trusted.find((t) => t.file === file);
  if (known?.sha256 === sha256) return { action: 'unchanged', file, sha256, keys: USER_ONLY_KEYS };
  const entry: TrustedFile = { file, sha256, trustedAt: now.toISOString() };
  writeTrusted(env, [...trusted.filter((t) => t.file !== file), entry]);
  return { action: 'trusted', file, sha256, keys: USER_ONLY_KEYS };
}

export function untrustFolder(dir: string, env: NodeJS.ProcessEnv): TrustResult {
  const file = projectFileIn(path.resolve(dir));
  const trusted = readTrusted(env);
  const known = trusted.find((t) => t.file === file);
  if (known)
    writeTrusted(
      env,
      trusted.filter((t) => t !== known),
    );
  return { action: known ? 'untrusted' : 'unchanged', file, sha256: known?.sha256 ?? fileHash(file), keys: [] };
}
