import type { GitStore } from './git.js';

/** Every commit reachable from `start`, itself included. */
export async function ancestors(git: GitStore, start: string): Promise<Set<string>> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const parent of (await git.readCommit(queue.pop()!)).parents) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      queue.push(parent);
    }
  }
  return seen;
}

/** Every commit reachable from any of `tips`, themselves included; a tip already reached is not walked again. */
export async function ancestorsOfAll(git: GitStore, tips: Iterable<string>): Promise<Set<string>> {
  const all = new Set<string>();
  for (const tip of tips) if (!all.has(tip)) for (const oid of await ancestors(git, tip)) all.add(oid);
  return all;
}

/**
 * Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor). The walk
 * stops as soon as it meets `ancestor`: a fast-forward (a push, a pull) finds it a commit or two
 * back instead of reading the whole history.
 */
export async function isAncestor(git: GitStore, ancestor: string, descendant: string): Promise<boolean> {
  if (ancestor === descendant) return true;
  const seen = new Set<string>([descendant]);
  const queue = [descendant];
  while (queue.length > 0) {
    for (const parent of (await git.readCommit(queue.shift()!)).parents) {
      if (parent === ancestor) return true;
      if (seen.has(parent)) continue;
      seen.add(parent);
      queue.push(parent);
    }
  }
  return false;
}

/**
 * The best common ancestors of two commits, as `git merge-base --all` finds them: common
 * ancestors that are not ancestors of another common ancestor. More than one in a
 * criss-cross history; none when the histories are unrelated.
 * @example await mergeBases(git, ours, theirs) // ['3f2a…']
 */
export async function mergeBases(git: GitStore, a: string, b: string): Promise<string[]> {
  const fromA = await ancestors(git, a);
  // walk back from b, stopping at the first common commits on each path
  const frontier = new Set<string>();
  const seen = new Set<string>([b]);
  const queue = [b];
  while (queue.length > 0) {
    const oid = queue.pop()!;
    if (fromA.has(oid)) {
      frontier.add(oid);
      continue;
    }
    for (const parent of (await git.readCommit(oid)).parents) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      queue.push(parent);
    }
  }
  if (frontier.size <= 1) return [...frontier];
  // a frontier commit reachable from another one is not a best base
  const candidates = [...frontier];
  const below = new Set<string>();
  for (const c of candidates)
    for (const parent of (await git.readCommit(c)).parents) for (const x of await ancestors(git, parent)) below.add(x);
  return candidates.filter((c) => !below.has(c)).sort();
}
