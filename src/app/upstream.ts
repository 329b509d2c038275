import type { Deps } from './deps.js';
import { isRefName } from '../core/refName.js';
import { MemoirError, UsageError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';
import { noUpstream, shortRefName } from '../store/upstream.js';

/*
 * A branch's upstream: how far it is from it (status, branch -vv), and setting or forgetting
 * it (branch --set-upstream-to, --unset-upstream).
 */

interface UpstreamName {
  /** `origin/main`, as git shows it. */
  name: string;
  remote: string;
  /** The branch on the remote. */
  branch: string;
}

/** Where a branch stands against its upstream; `gone` when the remote-tracking ref is missing (git's `[gone]`). */
export type UpstreamState = UpstreamName & ({ ahead: number; behind: number } | { gone: true });

/** The upstream of `branch` (whose tip is `tip`) and the commits each side lacks; undefined when it follows nothing. */
export async function upstreamState(
  memory: Memory,
  branch: string,
  tip: string | undefined,
): Promise<UpstreamState | undefined> {
  const upstream = await memory.upstream(branch);
  if (!upstream) return undefined;
  const name = { name: upstream.name, remote: upstream.remote, branch: upstream.branch };
  if (!upstream.oid) return { ...name, gone: true };
  if (!tip) return { ...name, ahead: 0, behind: (await memory.ancestorsOf([upstream.oid])).size };
  return { ...name, ...(await memory.aheadBehind(tip, upstream.oid)) };
}

export interface UpstreamChange {
  action: 'upstream-set' | 'upstream-unset';
  /** The local branch. */
  name: string;
  /** `origin/main`. */
  upstream: string;
  remote: string;
  /** The remote's ref, as recorded in `branch.<b>.merge`. */
  merge: string;
}

/** `branch --set-upstream-to origin/main [<branch>]`: the remote-tracking branch must exist. */
export async function runSetUpstream(
  target: string,
  branchArg: string | undefined,
  context: Deps,
): Promise<UpstreamChange> {
  const memory = await context.memory();
  return context.locked(memory, async () => {
    const branch = await branchOf(memory, branchArg, `memoir branch --set-upstream-to ${target} <branch>`);
    const ref = await existingRef(memory, target);
    const upstream = await memory.upstreamFor(ref);
    if (!upstream)
      throw new UsageError('unknown-upstream', `'${target}' is not the remote-tracking branch of any remote`, {
        hint: '"memoir remote -v" lists the remotes; "memoir remote add <name> <url>" adds one',
        data: { upstream: target },
      });
    await memory.setUpstream(branch, upstream);
    return { action: 'upstream-set', name: branch, upstream: shortRefName(ref), ...upstream };
  });
}

/** `branch --unset-upstream [<branch>]`: forgets what the branch follows. */
export async function runUnsetUpstream(branchArg: string | undefined, context: Deps): Promise<UpstreamChange> {
  const memory = await context.memory();
  return context.locked(memory, async () => {
    const branch = await branchOf(memory, branchArg, 'memoir branch --unset-upstream <branch>');
    const upstream = await memory.upstream(branch);
    if (!upstream) throw noUpstream(branch);
    await memory.setUpstream(branch, undefined);
    const { name, remote, merge } = upstream;
    return { action: 'upstream-unset', name: branch, upstream: name, remote, merge };
  });
}

/** The branch named, or the current one; it must exist (or be the current branch, still without commits). */
async function branchOf(memory: Memory, name: string | undefined, usage: string): Promise<string> {
  const head = await memory.head();
  const branch = name ?? head.branch;
  if (!branch) throw new MemoirError('detached-head', 'HEAD is detached: name the branch', { hint: usage });
  if (
    branch !== head.branch &&
    !(isRefName(`refs/heads/${branch}`) && (await memory.resolveRef(`refs/heads/${branch}`)))
  )
    throw new UsageError('unknown-branch', `no branch named "${branch}"`, {
      hint: '"memoir branch" lists the branches',
    });
  return branch;
}

/** The full ref of an upstream as typed: a remote-tracking branch (`origin/main`), else a local branch. */
async function existingRef(memory: Memory, target: string): Promise<string> {
  const candidates = target.startsWith('refs/') ? [target] : [`refs/remotes/${target}`, `refs/heads/${target}`];
  for (const ref of candidates) if (isRefName(ref) && (await memory.resolveRef(ref))) return ref;
  const remote = target.includes('/') ? target.slice(0, target.indexOf('/')) : '';
  throw new UsageError('unknown-upstream', `no remote-tracking branch named '${target}'`, {
    hint: `"memoir fetch${remote ? ` ${remote}` : ''}" brings the remote's branches; then try again`,
    data: { upstream: target },
  });
}
