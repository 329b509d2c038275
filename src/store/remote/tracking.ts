import { isRefName } from '../../core/refName.js';
import type { Memory } from '../memory.js';
import { listRefs, readRef } from '../refs.js';
import { mapRefspec } from '../refspec.js';
import type { RemoteRefs } from './transport.js';

/*
 * Remote-tracking refs (`refs/remotes/origin/main`): where memoir last saw each branch of a
 * remote, named by the remote's fetch refspecs as git names them. A refspec may only map
 * into the remote's own `refs/remotes/<name>/`: the config may have come with someone else's
 * folder, and `+refs/heads/*:refs/heads/*` would let a fetch overwrite local branches.
 */

export type TrackingKind = 'new' | 'fast-forward' | 'forced' | 'pruned' | 'up-to-date';

export interface TrackingUpdate {
  /** The remote's branch name. */
  branch: string;
  /** The local ref, e.g. `refs/remotes/origin/main`. */
  ref: string;
  old?: string;
  new?: string;
  kind: TrackingKind;
}

/** The local ref a remote branch is tracked at, by the first refspec that maps it; undefined when none does. */
export function trackingRef(remote: string, refspecs: readonly string[], branch: string): string | undefined {
  for (const spec of refspecs) {
    const local = mapRefspec(spec, `refs/heads/${branch}`, 'forward');
    if (local?.startsWith(`refs/remotes/${remote}/`) && isRefName(local)) return local;
  }
  return undefined;
}

/** How each tracking ref of `remote` moves to what was fetched, and (with `prune`) which go. */
export async function trackingUpdates(
  memory: Memory,
  remote: string,
  refspecs: readonly string[],
  fetched: RemoteRefs,
  prune: boolean,
): Promise<TrackingUpdate[]> {
  const updates: TrackingUpdate[] = [];
  const kept = new Set<string>();
  for (const [branch, oid] of fetched.branches) {
    const ref = trackingRef(remote, refspecs, branch);
    if (!ref) continue;
    kept.add(ref);
    const old = readRef(memory.gitdir, ref);
    const kind: TrackingKind =
      old === undefined
        ? 'new'
        : old === oid
          ? 'up-to-date'
          : (await memory.isAncestor(old, oid).catch(() => false))
            ? 'fast-forward'
            : 'forced';
    updates.push({ branch, ref, ...(old ? { old } : {}), new: oid, kind });
  }
  if (prune)
    for (const { name, oid } of listRefs(memory.gitdir, `refs/remotes/${remote}/`)) {
      const ref = `refs/remotes/${remote}/${name}`;
      if (!kept.has(ref)) updates.push({ branch: name, ref, old: oid, kind: 'pruned' });
    }
  return updates;
}
