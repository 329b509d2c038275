import type { Deps } from './deps.js';
import { displayUrl } from '../core/remoteUrl.js';
import { MemoirError, UsageError } from '../errors/index.js';
import { getUpstream } from '../store/gitConfig.js';
import { trackingRef, type TrackingUpdate } from '../store/remote/tracking.js';
import { type MergeOptions, runMerge } from './merge.js';
import { refuseMergeInProgress } from './mergeSteps.js';
import type { MergeOutcome } from './mergeSteps.js';
import { fetchRemote, moveTrackingRefs, screenFetched, namedRemote, remoteBranchOf } from './remotes.js';
import { refuseIncoming, screenIncoming } from './screenIncoming.js';
import { signature } from './signature.js';

export type PullOptions = Pick<
  MergeOptions,
  'message' | 'ff' | 'ffOnly' | 'strategy' | 'allowInvalid' | 'allowUnrelatedHistories'
>;

export interface PullResult {
  remote: string;
  url: string;
  /** The remote's branch merged, e.g. `main`. */
  branch: string;
  /** How the remote-tracking refs moved. */
  fetched: TrackingUpdate[];
  merge: MergeOutcome;
}

/**
 * `memoir pull [<remote>] [<branch>]`: fetch, then the fact-level merge of the remote's branch
 * into the current one. What it brings in is screened before any ref moves, the remote-tracking
 * refs included: a refused pull leaves the repository as it was.
 */
export async function runPull(
  remoteName: string | undefined,
  branchName: string | undefined,
  options: PullOptions,
  deps: Deps,
): Promise<PullResult> {
  const memory = await deps.memory();
  const head = await memory.head();
  if (!head.branch)
    throw new MemoirError('detached-head', 'HEAD is detached: there is no branch to pull into', {
      hint: 'switch to a branch first: memoir checkout <branch>',
    });
  refuseMergeInProgress(memory);
  const upstream = await getUpstream(memory.gitdir, head.branch);
  if (!remoteName && !upstream)
    throw new UsageError('no-upstream', `${head.branch} has no upstream: which remote branch should be pulled?`, {
      hint: `name it: memoir pull origin ${head.branch}; or record it with "memoir push -u origin ${head.branch}"`,
    });
  const remote = await namedRemote(memory, remoteName ?? upstream!.remote);
  const branch = branchName ?? remoteBranchOf(upstream, remote.name, head.branch);
  const { refs, updates, received } = await fetchRemote(memory, remote, deps);
  const theirs = refs.branches.get(branch);
  if (!theirs)
    throw new UsageError('unknown-branch', `${remote.name} has no branch named "${branch}"`, {
      hint: `"memoir fetch ${remote.name}" then "memoir branch -r" lists its branches`,
    });
  const ref = trackingRef(remote.name, remote.fetch, branch);
  const name = ref ? ref.slice('refs/remotes/'.length) : `${remote.name}/${branch}`;
  const taxonomy = await deps.taxonomy();
  await screenFetched(memory, received, async () =>
    refuseIncoming(
      await screenIncoming(memory, head.oid, theirs, taxonomy, { forgottenOnly: options.allowInvalid }),
      name,
    ),
  );
  const who = await signature(deps);
  await deps.locked(memory, async () => moveTrackingRefs(memory, updates, who, 'pull'));
  const screened = options.allowInvalid ? undefined : { ours: head.oid, theirs };
  const merge = await runMerge(ref ? name : theirs, { ...options, screened }, deps);
  return { remote: remote.name, url: displayUrl(remote.url), branch, fetched: updates, merge };
}
