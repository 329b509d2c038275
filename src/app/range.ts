import type { CommitInfo } from '../store/git.js';
import type { Memory } from '../store/memory.js';

/*
 * A revision or a range as git reads it, for the commands that walk history (log, verify,
 * policy audit): none, HEAD's history; one revision, its history; `a..b`, b's commits that a
 * lacks; `a...b`, those of either side alone. An end left out of a range is HEAD.
 */

export interface Selection {
  /** Where the walk starts (two tips for `a...b`; none for an unborn branch). */
  start: string[];
  /** For a range: the commits it may show. */
  only?: Set<string>;
  /** The revision the history or range ends at, as written (`main` of `origin/main..main`). */
  end?: string;
}

export async function selectRange(
  memory: Memory,
  rev: string | undefined,
  head: string | undefined,
): Promise<Selection> {
  if (rev === undefined) return { start: head ? [head] : [] };
  const range = /^(.*?)(\.\.\.?)(.*)$/.exec(rev);
  if (!range) return { start: [await memory.resolve(rev)], end: rev };
  const [, a, dots, b] = range;
  const exclude = await memory.resolve(a || 'HEAD');
  const include = await memory.resolve(b || 'HEAD');
  const symmetric = dots === '...';
  const only = await memory.commitsInRange(exclude, include, symmetric);
  return { start: symmetric ? [exclude, include] : [include], only, ...(b ? { end: b } : {}) };
}

/** The commits of a selection, newest first, each once; a range's walk stops at its last commit. */
export function commitsOf(memory: Memory, start: string[], only?: ReadonlySet<string>): AsyncGenerator<CommitInfo> {
  return inSelection(start, only, (tips) => memory.walk(tips));
}

/**
 * A walk from `start` (Memory.walk, or the commit graph's) kept to a range's commits, stopping at
 * its last one; nothing for an unborn branch or an empty range.
 */
export async function* inSelection<T extends { oid: string }>(
  start: string[],
  only: ReadonlySet<string> | undefined,
  walk: (start: string[]) => AsyncIterable<T>,
): AsyncGenerator<T> {
  if (start.length === 0 || only?.size === 0) return;
  let left = only?.size ?? Number.POSITIVE_INFINITY;
  for await (const commit of walk(start)) {
    if (only && !only.has(commit.oid)) continue;
    yield commit;
    if (--left === 0) return;
  }
}
