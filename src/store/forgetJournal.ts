import * as path from 'node:path';
import { readFileIfExists } from './atomicFile.js';
import { STATE_DIR } from './repository.js';
import { pruneObjects } from './repack.js';
import { removeInside, writeInside } from './safeWrite.js';

/*
 * A forget is crash-safe by a redo journal, as a database makes a transaction durable. Before
 * the journal, the new history is packed (an extra pack changes nothing) and the refs packed
 * with their old values (the same refs). The journal then lists every file still to write
 * whole (packed-refs first: one rename moves every ref at once), every file to remove, and the
 * one pack to keep. Written, it is replayed to the end and removed; a process killed half-way
 * leaves it for the next writer, which replays it when it takes the lock (Memory#lock). Every
 * step is idempotent, and the journal holds object ids and hashes, never a forgotten text.
 */

export interface ForgetJournal {
  version: 1;
  /** The receipt this forget appends to the forget log. */
  receipt: string;
  /** Files relative to the store, written whole, in order. */
  writes: Array<{ file: string; content: string }>;
  /** Files relative to the store, removed. */
  removes: string[];
  /** The packfile (`pack-<sha>`) holding all that stays: every other pack and loose object goes. */
  keep: string;
}

/** The journal's place; Memory#lock looks for it by this name. */
const journalFile = (gitdir: string) => path.join(gitdir, STATE_DIR, 'forget-journal.json');

/** Writes the journal (the point of no return) and carries it out. The caller holds the lock. */
export function commitForget(gitdir: string, journal: ForgetJournal): void {
  writeInside(gitdir, journalFile(gitdir), JSON.stringify(journal) + '\n');
  replay(gitdir, journal);
}

/** Finishes a forget a killed process left half done; returns its receipt id, or undefined when none was pending. */
export function finishPendingForget(gitdir: string): string | undefined {
  const text = readFileIfExists(journalFile(gitdir));
  if (text === undefined) return undefined;
  const journal = JSON.parse(text) as ForgetJournal;
  replay(gitdir, journal);
  return journal.receipt;
}

function replay(gitdir: string, journal: ForgetJournal): void {
  for (const { file, content } of journal.writes) writeInside(gitdir, inside(gitdir, file), content);
  for (const file of journal.removes) removeInside(gitdir, inside(gitdir, file));
  pruneObjects(gitdir, journal.keep);
  removeInside(gitdir, journalFile(gitdir));
}

/** A journal's path, resolved inside the store: a tampered journal cannot write elsewhere. */
function inside(gitdir: string, file: string): string {
  const resolved = path.resolve(gitdir, file);
  if (!resolved.startsWith(path.resolve(gitdir) + path.sep))
    throw new Error(`forget journal names a file outside the store: ${file}`);
  return resolved;
}
