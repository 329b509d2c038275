import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRefName } from '../core/refName.js';
import type { Person } from './git.js';
import { deleteRef, listRefs, looseRefs, renameReflog, updateRef } from './refs.js';
import { removeInside, writeInside } from './safeWrite.js';

/*
 * A remote's tracking refs, `refs/remotes/<remote>/*`: what the last fetch saw of its
 * branches, loose or packed, with their reflogs, and the symbolic `refs/remotes/<remote>/HEAD`
 * naming its default branch. They go with the remote when it is removed and move with it when
 * it is renamed, as `git remote remove|rename` does. The caller holds the repository lock.
 */

const prefixOf = (remote: string) => `refs/remotes/${remote}/`;

/** The symbolic refs among a remote's loose refs (`HEAD`), by short name, with their targets. */
function symbolicRefs(gitdir: string, remote: string): Array<{ name: string; target: string }> {
  return looseRefs(gitdir, prefixOf(remote)).flatMap(({ name, value }) =>
    value.startsWith('ref: ') ? [{ name, target: value.slice(5).trim() }] : [],
  );
}

/** Whether a remote's name can stand in a ref (`refs/remotes/<name>/x`); a hand-written config may hold any. */
function hasRefs(remote: string): boolean {
  return !remote.includes('/') && isRefName(`${prefixOf(remote)}HEAD`);
}

/** Removes the folders a remote's refs and reflogs leave empty (git does too). */
function pruneEmptyFolders(gitdir: string, remote: string): void {
  const prune = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) prune(path.join(dir, entry.name));
    try {
      fs.rmdirSync(dir);
    } catch {
      // not empty (a file memoir does not know), or already gone: left as it is
    }
  };
  prune(path.join(gitdir, prefixOf(remote)));
  prune(path.join(gitdir, 'logs', prefixOf(remote)));
}

/**
 * Deletes every tracking ref of `remote` (loose, packed, symbolic) and its reflog; returns how
 * many there were.
 */
export function deleteTrackingRefs(gitdir: string, remote: string): number {
  if (!hasRefs(remote)) return 0;
  const prefix = prefixOf(remote);
  const names = [...listRefs(gitdir, prefix).map((r) => r.name), ...symbolicRefs(gitdir, remote).map((r) => r.name)];
  for (const name of names) deleteRef(gitdir, prefix + name);
  pruneEmptyFolders(gitdir, remote);
  return names.length;
}

/**
 * Moves every tracking ref of `from` to `to`, their reflogs with them (each gains a line, as
 * git's rename writes); a symbolic ref that named one of `from`'s refs names the moved one.
 * Returns how many refs moved.
 */
export function renameTrackingRefs(gitdir: string, from: string, to: string, who: Person): number {
  if (!hasRefs(from) || !hasRefs(to)) return 0;
  const [oldPrefix, newPrefix] = [prefixOf(from), prefixOf(to)];
  const symbolic = symbolicRefs(gitdir, from);
  const refs = listRefs(gitdir, oldPrefix);
  for (const { name, oid } of refs) {
    renameReflog(gitdir, oldPrefix + name, newPrefix + name);
    updateRef(gitdir, {
      ref: newPrefix + name,
      oid,
      old: oid,
      who,
      message: `remote: renamed ${oldPrefix + name} to ${newPrefix + name}`,
    });
    deleteRef(gitdir, oldPrefix + name);
  }
  for (const { name, target } of symbolic) {
    const moved = target.startsWith(oldPrefix) ? newPrefix + target.slice(oldPrefix.length) : target;
    renameReflog(gitdir, oldPrefix + name, newPrefix + name);
    writeInside(gitdir, path.join(gitdir, newPrefix + name), `ref: ${moved}\n`);
    removeInside(gitdir, path.join(gitdir, oldPrefix + name));
  }
  pruneEmptyFolders(gitdir, from);
  return refs.length + symbolic.length;
}
