import { createHash } from '../core/lazyBuiltins.js';
import * as path from 'node:path';
import { readFileIfExists } from './atomicFile.js';
import { STATE_DIR } from './repository.js';
import { writeInside } from './safeWrite.js';

/*
 * The secret guard's clean verdicts on text that is the same run after run: the author line
 * written into every commit and reflog entry. Loading the guard and compiling its patterns costs
 * ~20 ms a process, more than a push or a fast-forward pull does itself. Each entry is the
 * SHA-256 of memoir's version and the text, so the file holds no text, a new memoir screens
 * again, and an entry planted in a copied folder can only skip the screen of a text its
 * planter already knows.
 */

const fileIn = (gitdir: string): string => path.join(gitdir, STATE_DIR, 'cache', 'screened');
/** Enough for the identities one person uses; the oldest go first. */
const KEEP = 32;

const entry = (version: string, text: string): string =>
  createHash('sha256').update(`${version}\0${text}`).digest('hex');

function entriesIn(gitdir: string): string[] {
  try {
    return (readFileIfExists(fileIn(gitdir)) ?? '').split('\n').filter(Boolean);
  } catch {
    return []; // an unreadable cache only means screening again
  }
}

export function screenedBefore(gitdir: string, version: string, text: string): boolean {
  return entriesIn(gitdir).includes(entry(version, text));
}

/** Remembers a clean verdict; a cache that cannot be written costs the next run a screen, nothing more. */
export function rememberScreened(gitdir: string, version: string, text: string): void {
  const entries = [...entriesIn(gitdir), entry(version, text)].slice(-KEEP);
  try {
    writeInside(gitdir, fileIn(gitdir), `${entries.join('\n')}\n`);
  } catch {}
}
