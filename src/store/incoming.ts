import type { Fact } from '../core/fact.js';
import { lineFacts, mayHoldFence } from '../core/leafDelta.js';
import { leafFilePath } from '../core/leafFile.js';
import { leafLines } from './leafFacts.js';
import type { CommitInfo } from './git.js';
import { ancestors } from './mergeBases.js';
import type { Memory } from './memory.js';
import { changedLeafFiles } from './treeDiff.js';

/** The facts one commit wrote at one leaf: added, or edited in any way (text, source, metadata, spacing). */
export interface IncomingFacts {
  commit: CommitInfo;
  path: string;
  facts: Fact[];
}

/**
 * Every fact that the commits reachable from `theirs` but not from `ours` (undefined: an
 * unborn branch, so all of them) wrote, commit by commit: what a merge of `theirs` would
 * bring into history, including facts a later commit removed again. Each commit is compared
 * with its first parent by tree object id, so an unchanged subtree costs one comparison; a
 * merge commit is credited only with lines none of its parents held (the others arrive
 * through their own commits, or are already ours).
 */
export async function* incomingFacts(
  memory: Memory,
  ours: string | undefined,
  theirs: string,
): AsyncGenerator<IncomingFacts> {
  for (const commit of await commitsToScreen(memory, ours, theirs)) yield* written(memory, commit);
}

/**
 * The commits reachable from `theirs` and not from `ours`. First a walk that stops at `ours`: if
 * no path of it reaches a root, none of the commits it met is an ancestor of `ours` (the history
 * of such a commit leads to a root without passing `ours`), so they are exactly the answer; a
 * fast-forward pull reads only its new commits. Otherwise the walk is redone against every
 * ancestor of `ours`.
 */
async function commitsToScreen(memory: Memory, ours: string | undefined, theirs: string): Promise<CommitInfo[]> {
  const walk = async (known: (oid: string) => boolean): Promise<{ commits: CommitInfo[]; root: boolean }> => {
    const commits: CommitInfo[] = [];
    let root = false;
    const seen = new Set<string>([theirs]);
    const queue = [theirs];
    while (queue.length > 0) {
      const oid = queue.pop()!;
      if (known(oid)) continue;
      const commit = await memory.readCommit(oid);
      if (commit.parents.length === 0) root = true;
      for (const parent of commit.parents) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        queue.push(parent);
      }
      commits.push(commit);
    }
    return { commits, root };
  };
  if (!ours) return (await walk(() => false)).commits;
  const quick = await walk((oid) => oid === ours);
  if (!quick.root) return quick.commits;
  const all = await ancestors(memory.git, ours);
  return (await walk((oid) => all.has(oid))).commits;
}

/** The facts one commit wrote, leaf by leaf (see incomingFacts). */
export async function* written(memory: Memory, commit: CommitInfo): AsyncGenerator<IncomingFacts> {
  const [first, ...others] = commit.parents;
  const parentTree = first ? (await memory.readCommit(first)).tree : undefined;
  for (const change of await changedLeafFiles(memory.git, parentTree, commit.tree)) {
    if (!change.after) continue;
    // lines are compared as text: only a line no parent held is parsed (a leaf holds hundreds)
    const before = new Set(await linesOf(memory, change.before));
    for (const other of others) {
      const entry = await memory.git.entryAt((await memory.readCommit(other)).tree, leafFilePath(change.path));
      for (const line of await linesOf(memory, entry?.type === 'blob' ? entry.oid : undefined)) before.add(line);
    }
    const fresh = (await linesOf(memory, change.after)).filter((line) => !before.has(line));
    if (fresh.length === 0) continue;
    const text = await memory.git.readBlobText(change.after);
    // the fresh lines alone where they decide their facts; else the whole file is parsed, so a
    // fresh line's id (derived for a foreign line or a copy) is the one it has there
    const facts =
      (!mayHoldFence(text) && lineFacts(fresh, text, change.path)) ||
      (await leafLines(memory.git, change.after, change.path)).lines.flatMap((line) =>
        line.kind === 'fact' && !before.has(line.raw.replace(/\r$/, '')) ? [line.fact] : [],
      );
    if (facts.length > 0) yield { commit, path: change.path, facts };
  }
}

async function linesOf(memory: Memory, blob: string | undefined): Promise<string[]> {
  return blob ? (await memory.git.readBlobText(blob)).split(/\r?\n/) : [];
}
