import { EMPTY_TREE, type GitStore, type TreeEntry } from './git.js';
import { leafPathFromFile } from '../core/leafFile.js';
import { byCodeUnit } from '../core/order.js';

export interface LeafFileChange {
  /** Dotted leaf path. */
  path: string;
  /** Blob ids before and after; undefined where the file is absent. */
  before?: string;
  after?: string;
}

/**
 * The leaf files that differ between two trees. Subtrees with the same object id are
 * identical and skipped without being read, so the cost follows the size of the change.
 * `dir` is the slash path of the trees when they are subtrees (`preferences/ui`).
 */
export async function changedLeafFiles(
  git: GitStore,
  before: string | undefined,
  after: string | undefined,
  dir = '',
): Promise<LeafFileChange[]> {
  const changes: LeafFileChange[] = [];
  await compare(git, before, after, dir, changes);
  return changes.sort((a, b) => byCodeUnit(a.path, b.path));
}

async function entries(git: GitStore, tree: string | undefined): Promise<Map<string, TreeEntry>> {
  if (!tree || tree === EMPTY_TREE) return new Map();
  return new Map((await git.readTree(tree)).map((e) => [e.path, e]));
}

/**
 * Visits each entry that differs between two trees (by object id), descending into the subtrees
 * that differ and only those; `visit` hears an entry's slash path and its two sides (a subtree
 * after its own entries).
 */
export async function compareTrees(
  git: GitStore,
  before: string | undefined,
  after: string | undefined,
  dir: string,
  visit: (path: string, before: TreeEntry | undefined, after: TreeEntry | undefined) => void,
): Promise<void> {
  if (before === after) return;
  const [a, b] = await Promise.all([entries(git, before), entries(git, after)]);
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const ea = a.get(name);
    const eb = b.get(name);
    if (ea?.oid === eb?.oid) continue;
    const path = dir ? `${dir}/${name}` : name;
    const treeA = ea?.type === 'tree' ? ea.oid : undefined;
    const treeB = eb?.type === 'tree' ? eb.oid : undefined;
    if (treeA || treeB) await compareTrees(git, treeA, treeB, path, visit);
    visit(path, ea, eb);
  }
}

async function compare(
  git: GitStore,
  before: string | undefined,
  after: string | undefined,
  dir: string,
  out: LeafFileChange[],
): Promise<void> {
  await compareTrees(git, before, after, dir, (file, ea, eb) => {
    const blobA = ea?.type === 'blob' ? ea.oid : undefined;
    const blobB = eb?.type === 'blob' ? eb.oid : undefined;
    const leaf = leafPathFromFile(file);
    if (leaf && (blobA || blobB)) out.push({ path: leaf, before: blobA, after: blobB });
  });
}
