import type { GitStore } from './git.js';

/*
 * How far two commits have drifted apart, as `git rev-list --left-right --count ours...theirs`
 * counts it, and the commits of a range (`a..b`, `a...b`), found by the same walk. It reads only
 * the commits above the point where the two histories meet: both sides are walked together,
 * newest commit first, each commit marked with the sides that reach it; once every commit still
 * waiting is reached from both sides, the rest of history is common and is never read. As git does, the walk goes on while the waiting commits are as new as the
 * last one read, plus a few more (SLOP), so that a clock a little wrong on one machine does not
 * stop it early; with equal timestamps (a fixed clock) it walks to the roots and stays exact.
 */

const OURS = 1;
const THEIRS = 2;
const BOTH = OURS | THEIRS;
/** Commits read past the meeting point before stopping, as git's limit_list does. */
const SLOP = 5;

interface Waiting {
  oid: string;
  date: number;
  order: number;
}

export interface AheadBehind {
  /** Commits reachable from ours and not from theirs. */
  ahead: number;
  /** Commits reachable from theirs and not from ours. */
  behind: number;
}

/**
 * Counts the commits each side has that the other lacks.
 * @example await aheadBehind(git, main, originMain) // { ahead: 2, behind: 1 }
 */
export async function aheadBehind(git: GitStore, ours: string, theirs: string): Promise<AheadBehind> {
  let ahead = 0;
  let behind = 0;
  for (const flag of (await sides(git, ours, theirs)).values()) {
    if (flag === OURS) ahead++;
    else if (flag === THEIRS) behind++;
  }
  return { ahead, behind };
}

/**
 * The commits in a range, as `git rev-list` selects them: `exclude..include`, those reachable
 * from include and not from exclude; with `symmetric` (`a...b`), those reachable from either
 * and not from both.
 */
export async function commitsInRange(
  git: GitStore,
  exclude: string,
  include: string,
  symmetric = false,
): Promise<Set<string>> {
  const range = new Set<string>();
  for (const [oid, flag] of await sides(git, exclude, include))
    if (flag === THEIRS || (symmetric && flag === OURS)) range.add(oid);
  return range;
}

/** Each commit the walk read, with the sides (OURS, THEIRS or both) that reach it. */
async function sides(git: GitStore, ours: string, theirs: string): Promise<Map<string, number>> {
  const flags = new Map<string, number>();
  if (ours === theirs) return flags.set(ours, BOTH);
  const parentsOf = new Map<string, string[]>();
  const queue = new NewestFirst();
  let order = 0;
  /** Waiting commits not yet reached from both sides: while there are any, the walk goes on. */
  let undecided = 0;
  const enqueue = async (oid: string, flag: number) => {
    const commit = await git.readCommit(oid);
    parentsOf.set(oid, commit.parents);
    flags.set(oid, flag);
    if (flag !== BOTH) undecided++;
    queue.push({ oid, date: commit.committer.timestamp, order: order++ });
  };
  const waiting = new Set<string>();
  const addFlags = (oid: string, flag: number): boolean => {
    const old = flags.get(oid)!;
    if ((old | flag) === old) return false;
    flags.set(oid, old | flag);
    if (waiting.has(oid) && (old | flag) === BOTH) undecided--;
    return true;
  };
  /** A commit already walked past gained a side: so do its ancestors walked so far. */
  const spread = (oid: string) => {
    const stack = [oid];
    while (stack.length > 0) {
      const child = stack.pop()!;
      for (const parent of parentsOf.get(child)!)
        if (addFlags(parent, flags.get(child)!) && !waiting.has(parent)) stack.push(parent);
    }
  };
  for (const [oid, flag] of [
    [ours, OURS],
    [theirs, THEIRS],
  ] as const) {
    await enqueue(oid, flag);
    waiting.add(oid);
  }
  let slop = SLOP;
  while (queue.size > 0) {
    const { oid, date } = queue.pop()!;
    waiting.delete(oid);
    const flag = flags.get(oid)!;
    if (flag !== BOTH) undecided--;
    for (const parent of parentsOf.get(oid)!) {
      if (!flags.has(parent)) {
        await enqueue(parent, flag);
        waiting.add(parent);
      } else if (addFlags(parent, flag) && !waiting.has(parent)) spread(parent);
    }
    if (undecided > 0 || (queue.size > 0 && queue.peek()!.date >= date)) slop = SLOP;
    else if (--slop <= 0) break;
  }
  return flags;
}

/** A binary heap of waiting commits: the newest first, the first queued first among equals. */
class NewestFirst {
  private readonly items: Waiting[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Waiting | undefined {
    return this.items[0];
  }

  push(item: Waiting): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(items[i], items[up])) break;
      [items[i], items[up]] = [items[up], items[i]];
      i = up;
    }
  }

  pop(): Waiting | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let next = i;
      if (left < items.length && before(items[left], items[next])) next = left;
      if (right < items.length && before(items[right], items[next])) next = right;
      if (next === i) return top;
      [items[i], items[next]] = [items[next], items[i]];
      i = next;
    }
  }
}

function before(a: Waiting, b: Waiting): boolean {
  return a.date !== b.date ? a.date > b.date : a.order < b.order;
}
