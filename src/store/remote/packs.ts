import { createHash } from '../../core/lazyBuiltins.js';
import type { GitStore, TreeEntry } from '../git.js';
import { PackError } from '../packIndex.js';
import { storePack } from '../packWriter.js';
import { type Progress, ProtocolError } from './pktLine.js';

/*
 * Objects move between repositories as packfiles, as git moves them: the sender lists what the
 * receiver lacks and packs it; the receiver checks the pack whole and adds it to objects/pack.
 */

/**
 * Adds a received packfile to the store: checked (header, checksum) before anything is
 * written, indexed in memory, then the pack and its index written atomically, the index last,
 * since readers find packs by their index. A pack cut short never reaches objects/pack.
 * Returns how many objects it held.
 */
export async function receivePack(git: GitStore, pack: Buffer, onProgress?: (p: Progress) => void): Promise<number> {
  if (pack.length === 0) return 0;
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK')
    throw new ProtocolError('the remote sent something that is not a packfile');
  const trailer = pack.subarray(-20).toString('hex');
  if (createHash('sha1').update(pack.subarray(0, -20)).digest('hex') !== trailer)
    throw new ProtocolError('the packfile arrived damaged or incomplete (its checksum does not match)');
  const count = pack.readUInt32BE(8);
  if (count === 0) return 0;
  await storePack(git.gitdir, pack, async () => {
    try {
      return await git.indexPack(pack, onProgress && ((phase, loaded, total) => onProgress({ phase, loaded, total })));
    } catch (error) {
      if (error instanceof PackError) throw new ProtocolError(`the packfile is damaged: ${error.message}`);
      throw error;
    }
  });
  return count;
}

/**
 * The objects a receiver lacks to have `tips`: the commits reachable from them that it does not
 * know (`known` says, per commit; it then has all of that commit's history and objects), and
 * for each, the trees and blobs its tree does not share with its first parent's (compared by
 * id, so unchanged subtrees are skipped whole). With `depth`, only that many commits of each
 * line are sent: the last ones, whose parents stay behind, are the receiver's `shallow`
 * boundary, and their trees go whole.
 */
export async function objectsToSend(
  git: GitStore,
  tips: readonly string[],
  known: (commit: string) => boolean | Promise<boolean>,
  depth?: number,
): Promise<{ objects: string[]; shallow: string[] }> {
  const objects = new Set<string>();
  const shallow: string[] = [];
  const queue = tips.map((oid) => ({ oid, level: 1 }));
  while (queue.length > 0) {
    const { oid, level } = queue.shift()!;
    if (objects.has(oid) || (await known(oid))) continue;
    objects.add(oid);
    const commit = await git.readCommit(oid);
    const cut = depth !== undefined && level >= depth && commit.parents.length > 0;
    // a boundary only where the receiver lacks a parent
    if (cut && (await someUnknown(commit.parents, known))) shallow.push(oid);
    const parent = !cut && commit.parents[0] ? (await git.readCommit(commit.parents[0])).tree : undefined;
    await addTree(git, commit.tree, parent, objects);
    if (!cut) queue.push(...commit.parents.map((p) => ({ oid: p, level: level + 1 })));
  }
  return { objects: [...objects], shallow };
}

async function someUnknown(
  commits: readonly string[],
  known: (commit: string) => boolean | Promise<boolean>,
): Promise<boolean> {
  for (const commit of commits) if (!(await known(commit))) return true;
  return false;
}

async function addTree(git: GitStore, tree: string, before: string | undefined, objects: Set<string>): Promise<void> {
  if (tree === before || objects.has(tree)) return;
  objects.add(tree);
  const old = new Map<string, TreeEntry>((before ? await git.readTree(before) : []).map((e) => [e.path, e]));
  for (const entry of await git.readTree(tree)) {
    const was = old.get(entry.path);
    if (was?.oid === entry.oid) continue;
    if (entry.type === 'tree') await addTree(git, entry.oid, was?.type === 'tree' ? was.oid : undefined, objects);
    else if (entry.type === 'blob') objects.add(entry.oid);
  }
}
