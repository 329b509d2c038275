import { buildCorpus, Corpus } from '../core/recall.js';
import type { LeafModel } from '../core/recallLeaves.js';
import type { Superseded } from './history.js';
import type { Fact } from '../core/fact.js';
import type { ProgressSink } from '../core/progress.js';
import { readFileIfExists } from './atomicFile.js';
import { bytesOf, decodeIndex, encodeIndex } from './recallIndexFile.js';
import * as fs from 'node:fs';
import { writeInside } from './safeWrite.js';
import type { Memory } from './memory.js';
import { stateFilePath } from './stateFile.js';

/*
 * recall's caches in `.memoir/state/`: the facts of one tree with their stemmed words and the
 * commit that recorded each (recall-index.bin, keyed by the tree's object id; recallIndexFile.ts),
 * and the leaf navigation model of an extended taxonomy (recall-leaves.json, keyed by a hash of
 * it). Both are caches: written atomically (a reader sees the old file or the new), and one that
 * is missing, from another version, unreadable or for another key is simply rebuilt. No lock: two
 * processes that rebuild at once write the same content, and the last rename wins.
 */

/** Bumped whenever what the files hold, or how terms are computed, changes. */
export const RECALL_INDEX_FORMAT = 12;

const INDEX_FILE = 'recall-index.bin';
/** What earlier versions kept the index in: removed when the new one is written. */
const OLD_INDEX_FILE = 'recall-index.json';

interface LeavesFile {
  format: number;
  key: string;
  model: LeafModel;
}

function readCache<T extends { format: number }>(
  gitdir: string,
  name: string,
  valid: (value: T) => boolean,
): T | undefined {
  const text = readFileIfExists(stateFilePath(gitdir, name));
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as T;
    return value && value.format === RECALL_INDEX_FORMAT && valid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(gitdir: string, name: string, value: unknown): void {
  try {
    writeInside(gitdir, stateFilePath(gitdir, name), value instanceof Uint8Array ? value : JSON.stringify(value));
  } catch {
    // a cache: a repository we may not write to (read-only mount) is still readable
  }
}

/** The leaf model for a taxonomy (`key` identifies it), built with `build` when not cached. */
export function cachedLeafModel(
  gitdir: string,
  key: string,
  build: () => LeafModel | Promise<LeafModel>,
): Promise<LeafModel> {
  const cached = readCache<LeavesFile>(
    gitdir,
    'recall-leaves.json',
    (f) => f.key === key && Array.isArray(f.model?.paths) && typeof f.model.terms === 'string',
  );
  if (cached) return Promise.resolve(cached.model);
  return Promise.resolve(build()).then((model) => {
    writeCache(gitdir, 'recall-leaves.json', { format: RECALL_INDEX_FORMAT, key, model } satisfies LeavesFile);
    return model;
  });
}

export interface RecallIndex {
  tree: string;
  corpus: Corpus;
  /** Whether it was built now (the first recall after a change) rather than read from the cache. */
  built: boolean;
  /** Lets go of the file the facts' lines are read from: once the facts wanted are read. */
  close(): void;
}

/**
 * The index of a commit's facts. Cached for one tree at a time: `persist` false (a look at an
 * older revision) builds it without replacing the cache of the current tree. A build tells
 * `progress` how far it has got: the first recall after a big commit can take seconds.
 */
export async function recallIndex(
  memory: Memory,
  commit: string,
  persist: boolean,
  progress?: ProgressSink,
): Promise<RecallIndex> {
  const { tree } = await memory.readCommit(commit);
  const fd = openIfExists(stateFilePath(memory.gitdir, INDEX_FILE));
  const cached = fd === undefined ? undefined : decodeIndex(RECALL_INDEX_FORMAT, bytesOf(fd));
  if (cached?.tree === tree)
    return { tree, corpus: new Corpus(cached.parts), built: false, close: () => fs.closeSync(fd!) };
  if (fd !== undefined) fs.closeSync(fd);
  // the commit that recorded each fact, as blame finds it: one walk over the whole tree, stopping early
  const { blameFacts } = await import('./history.js');
  // and the values they replaced at `one` leaves: a memory still knows what was true before
  const past = new Map<string, Superseded>();
  const attributed = await blameFacts(memory, commit, '', past, progress);
  const indexed = (f: Fact) => ({
    id: f.id,
    path: f.path,
    text: f.text,
    recordedAt: f.recordedAt,
    confidence: f.confidence,
    when: f.when,
    validFrom: f.validFrom,
    validUntil: f.validUntil,
  });
  const corpus = buildCorpus(
    [
      ...attributed.map(({ fact, commit: c }) => ({ ...indexed(fact), commit: c.oid })),
      ...[...past.values()].map(({ fact, by }) => ({ ...indexed(fact), supersededBy: by })),
    ],
    progress,
  );
  if (persist) {
    writeCache(memory.gitdir, INDEX_FILE, encodeIndex(RECALL_INDEX_FORMAT, tree, corpus));
    try {
      fs.rmSync(stateFilePath(memory.gitdir, OLD_INDEX_FILE), { force: true });
    } catch {
      // a repository we may not write to: recall still answers
    }
  }
  return { tree, corpus: new Corpus(corpus), built: true, close: () => undefined };
}

function openIfExists(file: string): number | undefined {
  try {
    return fs.openSync(file, 'r');
  } catch {
    return undefined; // not built yet, or unreadable: built again
  }
}
