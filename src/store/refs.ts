import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomicSync, readFileIfExists } from './atomicFile.js';
import type { Person } from './git.js';
import { STATE_DIR } from './repository.js';

export const ZERO_OID = '0'.repeat(40);

/** `+0100` for a timezone offset in isomorphic-git's minutes (-60 is UTC+1). */
export function formatTimezone(offsetMinutes: number): string {
  const east = -offsetMinutes;
  const abs = Math.abs(east);
  return `${east >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

export interface RefUpdate {
  /** Full ref name, e.g. `refs/heads/main`. */
  ref: string;
  oid: string;
  /** The value it had before (undefined for a new ref), recorded in the reflog. */
  old?: string;
  who: Person;
  /** Reflog message, e.g. `commit: Add 2 facts`. */
  message: string;
}

/**
 * Points a ref at a commit, atomically (readers see the old or the new id, never a torn
 * file), and records the move in git's reflog format so that both `git reflog` and
 * `memoir reflog` can list it. The caller holds the repository lock.
 */
export function updateRef(gitdir: string, update: RefUpdate): void {
  writeFileAtomicSync(path.join(gitdir, update.ref), update.oid + '\n', { tmpDir: path.join(gitdir, STATE_DIR, 'tmp') });
  const line = `${update.old ?? ZERO_OID} ${update.oid} ${update.who.name} <${update.who.email}> ${update.who.timestamp} ${formatTimezone(update.who.timezoneOffset)}\t${update.message.split('\n')[0]}\n`;
  appendReflog(gitdir, update.ref, line);
  if (symbolicHead(gitdir) === update.ref) appendReflog(gitdir, 'HEAD', line);
}

function appendReflog(gitdir: string, ref: string, line: string): void {
  const file = path.join(gitdir, 'logs', ref);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, line);
}

/** The ref HEAD points at (`refs/heads/main`), or undefined when HEAD is detached. */
export function symbolicHead(gitdir: string): string | undefined {
  const head = readFileIfExists(path.join(gitdir, 'HEAD'))?.trim() ?? '';
  return head.startsWith('ref: ') ? head.slice(5) : undefined;
}
