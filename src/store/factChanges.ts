import type { Fact } from '../core/fact.js';
import { diffLeaf, type FactChange } from '../core/factDiff.js';
import { changedLineFacts } from '../core/leafDelta.js';
import { prefixFilePath } from '../core/leafFile.js';
import { leafFacts } from './leafFacts.js';
import type { Cardinality } from '../core/taxonomy.js';
import type { GitStore } from './git.js';
import { changedLeafFiles, type LeafFileChange } from './treeDiff.js';
import { byCodeUnit } from '../core/order.js';

/*
 * What changed between two trees or commits, fact by fact: the leaf files that differ (trees
 * compared by object id, so identical subtrees are skipped unread), then each file's facts
 * before and after, compared by core/factDiff.ts.
 */

/** Fact-level changes from one tree to another (before undefined: an empty memory), grouped by leaf in path order (see diffLeaf). */
export async function treeFactChanges(
  git: GitStore,
  before: string | undefined,
  after: string,
  cardinalityOf: (path: string) => Cardinality,
): Promise<FactChange[]> {
  const changes: FactChange[] = [];
  for await (const leaf of changedFacts(git, await changedLeafFiles(git, before, after)))
    changes.push(...diffLeaf(leaf.path, leaf.before, leaf.after, cardinalityOf(leaf.path)));
  return changes;
}

/**
 * The leaf files that differ between two commits (either undefined: an empty memory),
 * optionally only under some dotted prefixes. Trees are compared by object id, so
 * identical subtrees are skipped unread.
 */
export async function changedLeaves(
  git: GitStore,
  from: string | undefined,
  to: string | undefined,
  prefixes: readonly string[] = [],
): Promise<LeafFileChange[]> {
  const treeOf = async (commit: string | undefined) => (commit ? (await git.readCommit(commit)).tree : undefined);
  const [before, after] = await Promise.all([treeOf(from), treeOf(to)]);
  if (prefixes.length === 0) return changedLeafFiles(git, before, after);
  const changes = new Map<string, LeafFileChange>();
  for (const prefix of prefixes) {
    const file = prefixFilePath(prefix);
    const at = async (tree: string | undefined) => (tree ? git.entryAt(tree, file) : undefined);
    const [a, b] = await Promise.all([at(before), at(after)]);
    if (a?.oid === b?.oid) continue;
    const found =
      a?.type === 'blob' || b?.type === 'blob'
        ? [
            {
              path: prefix,
              before: a?.type === 'blob' ? a.oid : undefined,
              after: b?.type === 'blob' ? b.oid : undefined,
            },
          ]
        : await changedLeafFiles(git, a?.oid, b?.oid, file);
    for (const change of found) changes.set(change.path, change);
  }
  return [...changes.values()].sort((x, y) => byCodeUnit(x.path, y.path));
}

/** Fact-level changes from one commit to another, grouped by leaf in path order (see diffLeaf). */
export async function commitFactChanges(
  git: GitStore,
  from: string | undefined,
  to: string | undefined,
  cardinalityOf: (path: string) => Cardinality,
  prefixes: readonly string[] = [],
): Promise<FactChange[]> {
  const changes: FactChange[] = [];
  for await (const leaf of changedFacts(git, await changedLeaves(git, from, to, prefixes))) {
    changes.push(...diffLeaf(leaf.path, leaf.before, leaf.after, cardinalityOf(leaf.path)));
  }
  return changes;
}

/**
 * The facts before and after of each changed leaf file (none where the file is absent), or only
 * those of its changed lines where they decide the diff alone (core/leafDelta.ts).
 */
async function* changedFacts(
  git: GitStore,
  changes: readonly LeafFileChange[],
): AsyncGenerator<{ path: string; before: Fact[]; after: Fact[] }> {
  const parse = async (oid: string | undefined, leaf: string) => (oid ? leafFacts(git, oid, leaf) : []);
  for (const change of changes) {
    // two versions of a leaf: the facts of the lines they do not share, where those decide the diff
    const delta =
      change.before && change.after
        ? changedLineFacts(await git.readBlob(change.before), await git.readBlob(change.after), change.path)
        : undefined;
    if (delta) {
      yield { path: change.path, ...delta };
      continue;
    }
    const [before, after] = await Promise.all([parse(change.before, change.path), parse(change.after, change.path)]);
    yield { path: change.path, before, after };
  }
}
