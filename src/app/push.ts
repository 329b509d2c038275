import type { Deps } from './deps.js';
import { displayUrl } from '../core/remoteUrl.js';
import { shortOid } from '../core/words.js';
import { MemoirError, UsageError } from '../errors/index.js';
import { getUpstream, setUpstream } from '../store/gitConfig.js';
import type { Memory } from '../store/memory.js';
import { forgetThatRewrote, tipBeforeForgets } from '../store/forgetLog.js';
import { readRef } from '../store/refs.js';
import { trackingRef } from '../store/remote/tracking.js';
import type { BranchUpdate, RemoteRefs } from '../store/remote/transport.js';
import { defaultRemote, namedRemote, remoteBranchOf, transferProgress, transportTo } from './remotes.js';
import { signature } from './signature.js';

export interface PushOptions {
  /** Every local branch. */
  all?: boolean;
  /** Record the remote branch as each pushed branch's upstream. */
  setUpstream?: boolean;
  /** Overwrite the remote's branch, only if it is still where memoir last fetched it. */
  forceWithLease?: boolean;
  /** Delete the named branch on the remote. */
  delete?: boolean;
}

export type PushKind = 'new' | 'fast-forward' | 'forced' | 'deleted' | 'up-to-date';

export interface PushedBranch {
  /** The local branch (for a deletion, the remote's). */
  branch: string;
  /** Its name on the remote. */
  remoteBranch: string;
  old?: string;
  new?: string;
  kind: PushKind;
}

export interface PushResult {
  remote: string;
  url: string;
  branches: PushedBranch[];
  /** Branches whose upstream was set (-u). */
  upstreamSet: string[];
}

interface Planned {
  branch: string;
  remoteBranch: string;
  oid?: string;
  /** The remote's branch must still hold this for a forced update (the tracking ref's value). */
  lease?: string;
}

/**
 * `memoir push [<remote>] [<branch>]`: the branch's new commits to the remote. A push that
 * would drop the remote's commits is refused before anything is sent, unless
 * --force-with-lease and the remote is still where memoir last saw it.
 */
export async function runPush(
  remoteName: string | undefined,
  branchName: string | undefined,
  options: PushOptions,
  deps: Deps,
): Promise<PushResult> {
  if (options.all && (branchName || options.delete))
    throw new UsageError(
      'conflicting-options',
      '--all pushes every branch: name none, and do not combine it with --delete',
    );
  if (options.delete && (!remoteName || !branchName))
    throw new UsageError('usage', '--delete needs the remote and the branch: memoir push <remote> --delete <branch>');
  const memory = await deps.memory();
  const head = await memory.head();
  const remote = remoteName ? await namedRemote(memory, remoteName) : await defaultRemote(memory, head.branch);
  const planned = await plannedBranches(memory, head.branch, branchName, remote.name, options);
  for (const p of planned)
    if (options.forceWithLease) {
      const ref = trackingRef(remote.name, remote.fetch, p.remoteBranch);
      // after a forget, the tip the remote still holds is the one before the rewrite
      p.lease = ref ? tipBeforeForgets(memory.gitdir, ref, readRef(memory.gitdir, ref)) : undefined;
    }
  const pushed: PushedBranch[] = [];
  const transport = await transportTo(remote, deps);
  const { results } = await memory.pushTo(
    transport,
    async (refs) => {
      const updates: BranchUpdate[] = [];
      for (const p of planned) {
        const { update, outcome } = await planOne(memory, p, refs, remote.name, options);
        pushed.push(outcome);
        if (update) updates.push(update);
      }
      return updates;
    },
    { onProgress: transferProgress(deps) },
  );
  const refused = results.filter((r) => !r.ok);
  const accepted = results.filter((r) => r.ok);
  const who = await signature(deps);
  const upstreamSet: string[] = [];
  await deps.locked(memory, async () => {
    for (const r of accepted) {
      const ref = trackingRef(remote.name, remote.fetch, r.branch);
      if (!ref) continue;
      if (r.new) memory.updateBranch(ref, r.new, readRef(memory.gitdir, ref), who, 'update by push');
      else memory.deleteBranch(ref);
    }
    if (options.setUpstream)
      for (const p of planned)
        if (p.oid && !refused.some((r) => r.branch === p.remoteBranch)) {
          await setUpstream(memory.gitdir, p.branch, { remote: remote.name, merge: `refs/heads/${p.remoteBranch}` });
          upstreamSet.push(p.branch);
        }
  });
  if (refused.length > 0) {
    const first = refused[0];
    throw new MemoirError(
      'push-rejected',
      `${remote.name} refused ${first.branch}${first.reason ? ` (${first.reason})` : ''}`,
      { hint: `"memoir pull ${remote.name} ${first.branch}" brings its new commits in; then push again` },
    );
  }
  return { remote: remote.name, url: displayUrl(remote.url), branches: pushed, upstreamSet };
}

/** The branches a push sends, each with its name on the remote. */
async function plannedBranches(
  memory: Memory,
  current: string | undefined,
  named: string | undefined,
  remote: string,
  options: PushOptions,
): Promise<Planned[]> {
  if (options.delete) return [{ branch: named!, remoteBranch: named! }];
  const chosen = options.all ? memory.branches() : [oneBranch(memory, named ?? current, named !== undefined)];
  const planned: Planned[] = [];
  for (const b of chosen) {
    const remoteBranch = remoteBranchOf(await getUpstream(memory.gitdir, b.name), remote, b.name);
    planned.push({ branch: b.name, remoteBranch, oid: b.oid });
  }
  return planned;
}

/** The one branch a push names (or the current one), with its tip. */
function oneBranch(memory: Memory, name: string | undefined, named: boolean): { name: string; oid: string } {
  if (!name)
    throw new MemoirError('detached-head', 'HEAD is detached: there is no current branch to push', {
      hint: 'name the branch: memoir push <remote> <branch>',
    });
  const branch = memory.branches().find((b) => b.name === name);
  if (branch) return branch;
  throw new UsageError(
    'unknown-branch',
    named ? `no branch named "${name}"` : `${name} has no commits yet: there is nothing to push`,
    { hint: named ? '"memoir branch" lists the branches' : 'commit first: memoir add --commit "<fact>"' },
  );
}

/** One branch's update, or the refusal that stops the push before anything is sent. */
async function planOne(
  memory: Memory,
  p: Planned,
  refs: RemoteRefs,
  remote: string,
  options: PushOptions,
): Promise<{ update?: BranchUpdate; outcome: PushedBranch }> {
  const theirs = refs.branches.get(p.remoteBranch);
  const at = { branch: p.branch, remoteBranch: p.remoteBranch, ...(theirs ? { old: theirs } : {}) };
  if (!p.oid) {
    if (!theirs)
      throw new UsageError('unknown-branch', `${remote} has no branch named "${p.remoteBranch}"`, {
        hint: `"memoir fetch ${remote}" then "memoir branch -r" lists its branches`,
      });
    return { update: { branch: p.remoteBranch, old: theirs, new: undefined }, outcome: { ...at, kind: 'deleted' } };
  }
  if (theirs === p.oid) return { outcome: { ...at, new: p.oid, kind: 'up-to-date' } };
  const update = { branch: p.remoteBranch, old: theirs, new: p.oid };
  if (!theirs) return { update, outcome: { ...at, new: p.oid, kind: 'new' } };
  if ((await memory.isCommit(theirs)) && (await memory.isAncestor(theirs, p.oid)))
    return { update, outcome: { ...at, new: p.oid, kind: 'fast-forward' } };
  const forgotten = forgetThatRewrote(memory.gitdir, theirs);
  if (!options.forceWithLease && forgotten)
    throw new MemoirError(
      'push-rejected',
      `${remote}'s ${p.remoteBranch} still holds the history that forget ${forgotten} rewrote`,
      {
        hint: `publish the rewrite: memoir push --force-with-lease ${remote} ${p.branch} (other clones must then clone again)`,
        data: { branch: p.branch, remote: theirs, receipt: forgotten },
      },
    );
  if (!options.forceWithLease)
    throw new MemoirError(
      'push-rejected',
      `${remote}'s ${p.remoteBranch} has commits that ${p.branch} lacks: pushing would drop them`,
      {
        hint: `"memoir pull ${remote} ${p.remoteBranch}" merges them in; then push again (--force-with-lease overwrites them)`,
        data: { branch: p.branch, remote: theirs },
      },
    );
  if (theirs !== p.lease)
    throw new MemoirError(
      'stale-lease',
      `${remote}'s ${p.remoteBranch} is at ${shortOid(theirs)}, not at ${p.lease ? shortOid(p.lease) : 'nothing'} where memoir last fetched it: someone pushed since`,
      {
        hint: `"memoir fetch ${remote}" and look at what is there ("memoir log ${remote}/${p.remoteBranch}"), then push again`,
      },
    );
  return { update, outcome: { ...at, new: p.oid, kind: 'forced' } };
}
