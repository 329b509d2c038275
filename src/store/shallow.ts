import * as path from 'node:path';
import { readFileIfExists } from './atomicFile.js';
import { removeInside, writeInside } from './safeWrite.js';

/*
 * A shallow store (`memoir clone --depth N`): git's `shallow` file lists the commits whose
 * parents were not fetched. memoir reads those commits as roots, as git does, so log, blame and
 * merge bases stop there instead of failing on a missing object.
 */

/** The commits a shallow store holds without their parents. */
export function readShallow(gitdir: string): Set<string> {
  const text = readFileIfExists(path.join(gitdir, 'shallow')) ?? '';
  return new Set(text.split('\n').filter((line) => /^[0-9a-f]{40}$/.test(line)));
}

/** Records the shallow boundary after a fetch: `add` cut off there, `remove` now has its parents. */
export function updateShallow(gitdir: string, add: readonly string[], remove: readonly string[]): void {
  if (add.length === 0 && remove.length === 0) return;
  const shallow = readShallow(gitdir);
  for (const oid of add) shallow.add(oid);
  for (const oid of remove) shallow.delete(oid);
  const file = path.join(gitdir, 'shallow');
  if (shallow.size === 0) removeInside(gitdir, file);
  else writeInside(gitdir, file, [...shallow].sort().join('\n') + '\n');
}
