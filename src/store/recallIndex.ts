import { buildCorpus, Corpus, type CorpusData } from '../core/recall.js';
import type { LeafModel } from '../core/recallLeaves.js';
import type { Superseded } from './history.js';
import type { Fact } from '../core/fact.js';
import type { ProgressSink } from '../core/progress.js';
import { readFileIfExists } from './atomicFile.js';
import { writeInside } from './safeWrite.js';
import type { Memory } from './memory.js';
import { stateFilePath } from './stateFile.js';

/*
 * recall's caches in `.memoir/state/`: the facts of one tree with their stemmed words and the
 * commit that recorded each (recall-index.json, keyed by the tree's object id), and the leaf
 * navigation model (recall-leaves.json, keyed by a hash of the taxonomy). Both are caches:
 * written atomically (a reader sees the old file or the new), and one that is missing, from
 * another version, unreadable or for another key is simply rebuilt. No lock: two processes
 * that rebuild at once write the same content, and the last rename wins.
 */

/** Bumped whenever what the files hold, or how terms are computed, changes. */
export const RECALL_INDEX_FORMAT = 9;

interface IndexFile {
  format: number;
  tree: string;
  corpus: CorpusData;
}

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
    writeInside(gitdir, stateFilePath(gitdir, name), JSON.stringify(value));
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
  const cached = readCache<IndexFile>(memory.gitdir, 'recall-index.json', (f) => f.tree === tree && isCorpus(f.corpus));
  if (cached) return { tree, corpus: new Corpus(cached.corpus), built: false };
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
  if (persist)
    writeCache(memory.gitdir, 'recall-index.json', { format: RECALL_INDEX_FORMAT, tree, corpus } satisfies IndexFile);
  return { tree, corpus: new Corpus(corpus), built: true };
}

/** How many pieces `text` splits into at `separator`, counted without making them. */
function pieces(text: string, separator: string): number {
  let count = 1;
  for (let at = text.indexOf(separator); at !== -1; at = text.indexOf(separator, at + 1)) count++;
  return count;
}

function isCorpus(c: CorpusData | undefined): boolean {
  if (
    typeof c?.lines !== 'string' ||
    typeof c.recorded !== 'string' ||
    typeof c.unsure !== 'string' ||
    typeof c.postings !== 'string'
  )
    return false;
  if (
    !Array.isArray(c.commits) ||
    !c.commits.every((x) => typeof x === 'string') ||
    !Array.isArray(c.leaves) ||
    !Array.isArray(c.leafOf) ||
    !Array.isArray(c.lengths)
  )
    return false;
  const count = c.leafOf.length;
  return (
    c.lengths.length === count &&
    c.leafOf.every((l) => Number.isInteger(l) && l >= 0 && l < c.leaves.length) &&
    (count === 0
      ? c.lines === '' && c.recorded === ''
      : pieces(c.lines, '\n') === count && pieces(c.recorded, ',') === count) &&
    Array.isArray(c.dated) &&
    c.dated.length % 3 === 0 &&
    c.dated.every((n, i) => Number.isInteger(n) && (i % 3 !== 0 || (n >= 0 && n < count)))
  );
}
