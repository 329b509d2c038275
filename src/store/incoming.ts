import type { Fact } from '../core/fact.js';
import { leafFilePath, parseLeafLines } from '../core/leafFile.js';
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
  const known = ours ? await ancestors(memory.git, ours) : new Set<string>();
  const seen = new Set<string>([theirs]);
  const queue = [theirs];
  while (queue.length > 0) {
    const oid = queue.pop()!;
    if (known.has(oid)) continue;
    const commit = await memory.readCommit(oid);
    for (const parent of commit.parents) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      queue.push(parent);
    }
    yield* written(memory, commit);
  }
}

async function* written(memory: Memory, commit: CommitInfo): AsyncGenerator<IncomingFacts> {
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
    const after = await linesOf(memory, change.after);
    if (after.every((line) => before.has(line))) continue;
    // the whole file is parsed, so a fresh line's id (derived for a foreign line or a copy) is the one it has there
    const lines = parseLeafLines(after.join('\n'), change.path).lines;
    const facts = lines.flatMap((line) =>
      line.kind === 'fact' && !before.has(line.raw.replace(/\r$/, '')) ? [line.fact] : [],
    );
    if (facts.length > 0) yield { commit, path: change.path, facts };
  }
}

async function linesOf(memory: Memory, blob: string | undefined): Promise<string[]> {
  return blob ? (await memory.git.readBlobText(blob)).split(/\r?\n/) : [];
}
