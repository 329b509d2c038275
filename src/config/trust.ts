import { createHash } from '../core/lazyBuiltins.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * Folders the user trusts to choose where facts and credentials go. A project config file may
 * set such keys (classifier.provider, classifier.baseURL, ...) only once the user has run
 * `memoir config trust` there; the file's hash is recorded, so an edit (a pulled commit, say)
 * needs trusting again. The record lives in the user's config directory, never in a project.
 */

export interface TrustedFile {
  /** Absolute path of the project config file. */
  file: string;
  /** SHA-256 of its content when it was trusted. */
  sha256: string;
  trustedAt: string;
}

export type TrustState = 'trusted' | 'changed' | 'untrusted';

/** The user's memoir config directory: $XDG_CONFIG_HOME/memoir, else ~/.config/memoir. */
export function userConfigDir(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'memoir');
}

export function trustStoreFile(env: NodeJS.ProcessEnv): string {
  return path.join(userConfigDir(env), 'trusted.json');
}

export function fileHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function readTrusted(env: NodeJS.ProcessEnv): TrustedFile[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(trustStoreFile(env), 'utf8'));
  } catch {
    return []; // missing or unreadable: nothing is trusted
  }
  const files = (raw as { files?: unknown }).files;
  if (!Array.isArray(files)) return [];
  return files.filter((f): f is TrustedFile => typeof f?.file === 'string' && typeof f?.sha256 === 'string');
}

/** Replaces the record atomically, readable by the user alone. */
export function writeTrusted(env: NodeJS.ProcessEnv, files: TrustedFile[]): void {
  const target = trustStoreFile(env);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ version: 1, files }, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(temp, target);
}

/** Whether the user trusted this file as it is now. */
export function trustOf(env: NodeJS.ProcessEnv, file: string): TrustState {
  const entry = readTrusted(env).find((t) => t.file === file);
  if (!entry) return 'untrusted';
  return entry.sha256 === fileHash(file) ? 'trusted' : 'changed';
}
