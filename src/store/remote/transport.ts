import type { GitStore } from '../git.js';
import type { Progress } from './pktLine.js';

/*
 * What memoir asks of a remote, whatever reaches it (smart HTTP, the system's git over SSH, a
 * local path): its branches, the objects of those branches we lack, and branch updates with
 * the objects they need. Which refs memoir then moves locally, and which pushes it allows, are
 * decided above this, the same for every transport.
 */

export interface RemoteRefs {
  /** Branch name (without refs/heads/) → commit id. */
  branches: Map<string, string>;
  /** The branch the remote's HEAD names, when it says; it may name a branch that does not exist. */
  head?: string;
}

/** A remote's branches from its refs (`refs/heads/x` → id; others ignored) and what its HEAD names. */
export function remoteRefs(refs: Iterable<readonly [string, string]>, headRef: string | undefined): RemoteRefs {
  const branches = new Map<string, string>();
  for (const [ref, oid] of refs)
    if (ref.startsWith('refs/heads/') && /^[0-9a-f]{40}$/.test(oid)) branches.set(ref.slice(11), oid);
  return { branches, ...(headRef?.startsWith('refs/heads/') ? { head: headRef.slice(11) } : {}) };
}

/** One branch update to send: `old` is what the remote must still hold (undefined: the branch must not exist); `new` undefined deletes it. */
export interface BranchUpdate {
  branch: string;
  old: string | undefined;
  new: string | undefined;
}

export interface BranchUpdateResult extends BranchUpdate {
  ok: boolean;
  /** The remote's reason when it refused (`non-fast-forward`, `stale info`, a hook's message). */
  reason?: string;
}

export interface TransferOptions {
  onProgress?: (progress: Progress) => void;
  /** A shallow fetch: only this many commits of each branch's history (`clone --depth`). */
  depth?: number;
}

/** What a fetch brought: the branches, and how the shallow boundary moved (`clone --depth`). */
export interface Fetched extends RemoteRefs {
  shallow?: { add: string[]; remove: string[] };
}

export interface Transport {
  /** The remote's branches as it advertises them for fetching. */
  listRefs(): Promise<RemoteRefs>;
  /**
   * Fetches into `local` the objects of the remote's branches it lacks (`haves`: commits
   * `local` has, to tell the remote where to stop), and returns the branches as fetched.
   */
  fetch(local: GitStore, haves: readonly string[], options?: TransferOptions): Promise<Fetched>;
  /**
   * Reads the remote's branches, asks `plan` what to update (it may refuse by throwing, before
   * anything is sent), then sends the objects and the updates. Each update is applied by the
   * remote only if the branch still holds `old`.
   */
  push(
    local: GitStore,
    plan: (remote: RemoteRefs) => Promise<BranchUpdate[]>,
    options?: TransferOptions,
  ): Promise<{ remote: RemoteRefs; results: BranchUpdateResult[] }>;
}
