import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitStore } from './git.js';
import { parseCommit, parseTree } from './objects.js';
import { indexEntries } from './packIndex.js';
import { buildPack, copiedPack, storePack } from './packWriter.js';
import type { RawObject } from './rewriteHistory.js';
import { removeInside } from './safeWrite.js';

/*
 * The object store rebuilt as one packfile of what is reachable, as `git repack -a -d` and
 * `git prune` leave it: what `forget` does so that no object of the old history stays readable.
 */

/**
 * Every object reachable from `tips` (commits, annotated tags, trees, blobs): the new ones from
 * `fresh`, the rest from the store. A shallow boundary's parents and a submodule's commits are
 * not followed; any other object the store lacks is an error (the store was damaged already).
 */
export async function reachableObjects(
  git: GitStore,
  tips: Iterable<string>,
  fresh: ReadonlyMap<string, RawObject>,
  shallow: ReadonlySet<string>,
): Promise<Map<string, RawObject>> {
  const found = new Map<string, RawObject>();
  const stack = [...tips];
  while (stack.length > 0) {
    const oid = stack.pop()!;
    if (found.has(oid)) continue;
    const object = fresh.get(oid) ?? (await git.readObject(oid));
    found.set(oid, object);
    if (object.type === 'commit') {
      const commit = parseCommit(oid, object.content);
      stack.push(commit.tree);
      if (!shallow.has(oid)) stack.push(...commit.parents);
    } else if (object.type === 'tree') {
      for (const entry of parseTree(object.content)) if (entry.type !== 'commit') stack.push(entry.oid);
    } else if (object.type === 'tag') {
      const target = /^object ([0-9a-f]{40})$/m.exec(object.content.toString('utf8'))?.[1];
      if (target) stack.push(target);
    }
  }
  return found;
}

/** Writes the objects as one packfile and its index (`objects/pack/pack-<sha>`), the index last; returns that name. */
export async function writePackOf(git: GitStore, objects: ReadonlyMap<string, RawObject>): Promise<string> {
  const pack = buildPack([...objects.values()]);
  return storePack(git.gitdir, pack, () => git.indexPack(pack));
}

/** The packfiles of the store, by name (`pack-<sha>`). */
export function packNames(gitdir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(gitdir, 'objects', 'pack'))
      .filter((file) => /^pack-[0-9a-f]+\.idx$/.test(file))
      .map((file) => file.slice(0, -4));
  } catch {
    return [];
  }
}

/** Removes every loose object and every packfile but `keep` (with its index and side files). Idempotent. */
export function pruneObjects(gitdir: string, keep: string): void {
  const objects = path.join(gitdir, 'objects');
  for (const dir of safeList(objects)) {
    if (!/^[0-9a-f]{2}$/.test(dir)) continue;
    for (const file of safeList(path.join(objects, dir))) removeInside(gitdir, path.join(objects, dir, file));
    try {
      fs.rmdirSync(path.join(objects, dir));
    } catch {
      // not empty (a file of another kind) or gone: left as it is
    }
  }
  const packs = path.join(objects, 'pack');
  for (const file of safeList(packs))
    if (file.startsWith('pack-') && !file.startsWith(`${keep}.`)) removeInside(gitdir, path.join(packs, file));
  // the dumb-HTTP list of packs names old ones; `git update-server-info` writes it again
  removeInside(gitdir, path.join(objects, 'info', 'packs'));
}

/** Removes packfiles by name (with their index and side files): a refused fetch's, whose history no ref names. */
export function removePacks(gitdir: string, names: readonly string[]): void {
  const packs = path.join(gitdir, 'objects', 'pack');
  for (const name of names)
    for (const file of safeList(packs)) if (file.startsWith(`${name}.`)) removeInside(gitdir, path.join(packs, file));
}

/** The loose objects of the store (`objects/ab/cdef…`), by id. */
export function looseObjectIds(gitdir: string): string[] {
  const objects = path.join(gitdir, 'objects');
  return safeList(objects)
    .filter((dir) => /^[0-9a-f]{2}$/.test(dir))
    .flatMap((dir) =>
      safeList(path.join(objects, dir))
        .filter((f) => /^[0-9a-f]{38}$/.test(f))
        .map((f) => dir + f),
    );
}

/**
 * Moves every loose object, and the objects of every packfile, into one new packfile (a lone
 * pack with no loose objects is left as it is), as `git repack -a -d` and `git prune-packed` do: the pack is written whole (its
 * index last) before any loose file or old pack goes, so a process killed at any point leaves
 * every object readable; nothing is dropped, reachable or not. Big writes leave packs of their
 * own (GitStore.batchObjects), and every read looks through each. Returns how many loose
 * objects and packs were folded, and the new pack's name.
 */
export async function packLooseObjects(git: GitStore): Promise<{ count: number; packs: number; pack?: string }> {
  const ids = looseObjectIds(git.gitdir);
  const packs = packNames(git.gitdir);
  // the packs are folded in whenever the store would otherwise be left with more than one
  const folded = packs.length + (ids.length > 0 ? 1 : 0) > 1 ? packs : [];
  if (ids.length === 0 && folded.length === 0) return { count: 0, packs: 0 };
  const objects = new Map<string, RawObject>();
  for (const oid of folded.length > 0 ? allObjectIds(git.gitdir) : ids) objects.set(oid, await git.readObject(oid));
  const pack = await writePackOf(git, objects);
  const dirs = new Set<string>();
  for (const oid of ids) {
    removeInside(git.gitdir, path.join(git.gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
    dirs.add(oid.slice(0, 2));
  }
  for (const dir of dirs)
    try {
      fs.rmdirSync(path.join(git.gitdir, 'objects', dir));
    } catch {
      // not empty: an object written meanwhile by another tool stays
    }
  removePacks(
    git.gitdir,
    folded.filter((name) => name !== pack),
  );
  return { count: ids.length, packs: folded.length, pack };
}

/** Every object id the store holds, loose and packed (for a check over all of it). */
export function allObjectIds(gitdir: string): string[] {
  const ids: string[] = [];
  const objects = path.join(gitdir, 'objects');
  for (const dir of safeList(objects))
    if (/^[0-9a-f]{2}$/.test(dir))
      for (const file of safeList(path.join(objects, dir))) if (/^[0-9a-f]{38}$/.test(file)) ids.push(dir + file);
  for (const name of packNames(gitdir)) ids.push(...packedIds(gitdir, name));
  return [...new Set(ids)];
}

/** The ids a pack's index lists. */
function packedIds(gitdir: string, name: string): string[] {
  return indexEntries(fs.readFileSync(path.join(gitdir, 'objects', 'pack', `${name}.idx`))).map((e) => e.oid);
}

/** A pack at least this size is left as it is by rollUpPacks: a clone's, gc's, or an earlier fold grown full. */
const SMALL_PACK = 1024 * 1024;
/** How many small packs rollUpPacks lets gather before it folds them (git's gc.autoPackLimit is 50). */
const ROLL_AT = 16;

/**
 * Folds the small packs into one once there are ROLL_AT of them, as `git gc --auto` does past
 * gc.autoPackLimit. Every write of 16 objects or more is a pack of its own, and every pack is
 * one more index each process reads and searches: 2,000 commits of bulk adds made 2,000 packs,
 * and a read of a few objects spent most of its time listing and searching them. A pack past
 * SMALL_PACK is never rewritten, so a fold costs at most ~ROLL_AT small packs, and the store holds
 * one big pack per megabyte of history and fewer than ROLL_AT small ones. Packs with a `.keep`
 * file are left alone, as git leaves them. The new pack is complete before the old ones go; a
 * reader that listed them finds the objects again (store/packReader.ts).
 */
export async function rollUpPacks(git: GitStore): Promise<string | undefined> {
  const dir = path.join(git.gitdir, 'objects', 'pack');
  const names = packNames(git.gitdir);
  if (names.length < ROLL_AT) return undefined;
  const small = names.filter((name) => {
    if (fs.existsSync(path.join(dir, `${name}.keep`))) return false;
    try {
      return fs.statSync(path.join(dir, `${name}.pack`)).size < SMALL_PACK;
    } catch {
      return false; // gone meanwhile
    }
  });
  if (small.length < ROLL_AT) return undefined;
  // memoir's own packs hold whole objects: their entries are copied as they are
  const file = (name: string, ext: string) => fs.readFileSync(path.join(dir, `${name}.${ext}`));
  let pack: string;
  try {
    const copied = copiedPack(small.map((name) => ({ pack: file(name, 'pack'), index: file(name, 'idx') })));
    pack = copied ? await storePack(git.gitdir, copied.pack, () => copied.index) : await rebuiltPack(git, small);
  } catch (error) {
    // one went meanwhile (another process folded them): the next write looks again
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  removePacks(
    git.gitdir,
    small.filter((name) => name !== pack),
  );
  return pack;
}

/** The small packs' objects, read and written again: a pack of deltas (a fetch's) cannot be copied entry by entry. */
async function rebuiltPack(git: GitStore, names: readonly string[]): Promise<string> {
  const objects = new Map<string, RawObject>();
  for (const name of names) for (const oid of packedIds(git.gitdir, name)) objects.set(oid, await git.readObject(oid));
  return writePackOf(git, objects);
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
