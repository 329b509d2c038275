import { leafPathFromFile } from '../core/leafFile.js';
import type { GitStore } from './git.js';
import { changedLeafFiles } from './treeDiff.js';

/*
 * The leaf files of a tree, kept for the last tree listed in the store's cache
 * (`state/cache/leaf-list`: the tree's id, then `<blob id> <leaf>` a line). `ls` of an unchanged
 * memory read the same ~80 trees on every run, a tenth of its time at 100,000 facts; a tree
 * never changes, so the listing of one is never stale. The file is memoir's own and safe to lose:
 * one that does not read whole is ignored, and the trees are read again.
 */

export interface LeafFile {
  /** Dotted leaf path. */
  path: string;
  /** The leaf file's blob id. */
  oid: string;
}

const FILE = 'leaf-list';
const OID = /^[0-9a-f]{40}$/;

interface Cache {
  read(name: string): string | undefined;
  write(name: string, text: string): void;
}

/** Every leaf file of a tree, in path order: from the cache when it lists this tree, else read and kept. */
export async function leavesOfTree(git: GitStore, tree: string, cache: Cache): Promise<LeafFile[]> {
  const kept = cachedListing(cache.read(FILE), tree);
  if (kept) return kept;
  // every leaf file is a change from no tree at all, in path order
  const files = (await changedLeafFiles(git, undefined, tree)).map((change) => ({
    path: change.path,
    oid: change.after!,
  }));
  cache.write(FILE, `${tree}\n${files.map((f) => `${f.oid} ${f.path}\n`).join('')}`);
  return files;
}

function cachedListing(text: string | undefined, tree: string): LeafFile[] | undefined {
  if (!text?.startsWith(`${tree}\n`) || !text.endsWith('\n')) return undefined;
  const files: LeafFile[] = [];
  for (const line of text.slice(tree.length + 1, -1).split('\n')) {
    if (line === '') continue;
    const [oid, path] = [line.slice(0, 40), line.slice(41)];
    if (!OID.test(oid) || line[40] !== ' ' || leafPathFromFile(`${path.replaceAll('.', '/')}.md`) !== path)
      return undefined;
    files.push({ path, oid });
  }
  return files;
}
