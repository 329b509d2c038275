import { EMPTY_TREE, type GitStore, type TreeEntry } from './git.js';
import type { ProgressSink } from '../core/progress.js';

/** New content for a file (slash path), or null to delete it. */
export type FileChanges = Map<string, string | null>;

/** git orders tree entries by name, comparing a subtree's name as if it ended in "/". */
function gitOrder(a: TreeEntry, b: TreeEntry): number {
  const ka = a.type === 'tree' ? a.path + '/' : a.path;
  const kb = b.type === 'tree' ? b.path + '/' : b.path;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Writes the tree that results from applying `changes` to `baseTree`. Only the trees on the
 * path to a changed file are read and rewritten; every other subtree is reused by its id,
 * so the cost follows the size of the change, not of the memory. Emptied directories are
 * pruned, as git does. `progress` hears each file written ("writing leaves").
 */
export async function writeTreeWithChanges(
  store: GitStore,
  baseTree: string | undefined,
  changes: FileChanges,
  progress?: ProgressSink,
): Promise<string> {
  const tally = progress && { progress, done: 0, total: changes.size };
  return (await rebuild(store, baseTree, changes, tally)) ?? (await store.writeTree([]));
}

async function rebuild(
  store: GitStore,
  treeOid: string | undefined,
  changes: FileChanges,
  tally?: { progress: ProgressSink; done: number; total: number },
): Promise<string | undefined> {
  const entries = new Map<string, TreeEntry>();
  if (treeOid && treeOid !== EMPTY_TREE)
    for (const entry of await store.readTree(treeOid)) entries.set(entry.path, entry);

  const subdirs = new Map<string, FileChanges>();
  for (const [file, content] of changes) {
    const slash = file.indexOf('/');
    if (slash === -1) {
      if (content === null) entries.delete(file);
      else entries.set(file, { mode: '100644', path: file, oid: await store.writeBlobText(content), type: 'blob' });
      tally?.progress('writing leaves', ++tally.done, tally.total);
      continue;
    }
    const dir = file.slice(0, slash);
    if (!subdirs.has(dir)) subdirs.set(dir, new Map());
    subdirs.get(dir)!.set(file.slice(slash + 1), content);
  }
  for (const [dir, subChanges] of subdirs) {
    const existing = entries.get(dir);
    const subTree = await rebuild(store, existing?.type === 'tree' ? existing.oid : undefined, subChanges, tally);
    if (subTree === undefined) entries.delete(dir);
    else entries.set(dir, { mode: '040000', path: dir, oid: subTree, type: 'tree' });
  }
  if (entries.size === 0) return undefined;
  return store.writeTree([...entries.values()].sort(gitOrder));
}
