import { UsageError } from '../errors/index.js';
import { configValues, listRemotes, type Upstream, upstreamIn } from './gitConfig.js';
import { mapRefspec } from './refspec.js';
import { trackingRef } from './remote/tracking.js';

/*
 * The branch a local branch follows, as git finds it: `branch.<b>.remote` and `.merge` in the
 * config, mapped through the remote's fetch refspecs to the remote-tracking ref that holds the
 * last fetched tip (`refs/heads/main` of origin → `refs/remotes/origin/main`). `status` asks on
 * every run: the config is read with configText.ts, not isomorphic-git's GitConfig.
 */

export interface Tracking {
  /** As git shows it: `origin/main` (a local upstream: its branch name). */
  name: string;
  /** The remote's name, `.` for a local branch. */
  remote: string;
  /** The branch on the remote: `main`. */
  branch: string;
  /** The remote's ref, as `branch.<b>.merge` records it: `refs/heads/main`. */
  merge: string;
  /** The ref that holds its last fetched tip: `refs/remotes/origin/main`. */
  ref: string;
}

/** The upstream `branch` follows, if the config names one (whether or not its tracking ref exists). */
export function upstreamOf(gitdir: string, branch: string): Tracking | undefined {
  const config = configValues(gitdir);
  const upstream = upstreamIn(config, branch);
  return upstream && trackingOf(upstream, config.get(`remote.${upstream.remote}.fetch`) ?? []);
}

/** Where a remote's branch is kept locally: the first of the remote's fetch refspecs that maps it, else git's default. */
export function trackingOf(upstream: Upstream, refspecs: string[]): Tracking {
  const branch = upstream.merge.replace(/^refs\/heads\//, '');
  const { remote: remoteName, merge } = upstream;
  if (remoteName === '.') return { name: branch, remote: '.', branch, merge, ref: merge };
  // the ref a fetch moves (the same rule: into refs/remotes/<remote>/ only), else git's default place
  const mapped = merge.startsWith('refs/heads/') ? trackingRef(remoteName, refspecs, branch) : undefined;
  const ref = mapped ?? `refs/remotes/${remoteName}/${branch}`;
  return { name: shortRefName(ref), remote: remoteName, branch, merge, ref };
}

/**
 * The upstream a remote-tracking ref stands for (`refs/remotes/origin/main` → origin's
 * `refs/heads/main`), by the refspecs of the configured remotes; undefined when no remote
 * fetches into it.
 */
export async function upstreamForTrackingRef(gitdir: string, ref: string): Promise<Upstream | undefined> {
  const remotes = await listRemotes(gitdir);
  for (const remote of remotes)
    for (const spec of remote.fetch) {
      const merge = mapRefspec(spec, ref, 'reverse');
      if (merge) return { remote: remote.name, merge };
    }
  // a remote whose refspecs say nothing of it: git's default layout
  const remote = remotes
    .filter((r) => ref.startsWith(`refs/remotes/${r.name}/`))
    .sort((a, b) => b.name.length - a.name.length)[0];
  return remote && { remote: remote.name, merge: `refs/heads/${ref.slice(`refs/remotes/${remote.name}/`.length)}` };
}

/** `refs/remotes/origin/main` → `origin/main`, `refs/heads/x` → `x`. */
export function shortRefName(ref: string): string {
  return ref.replace(/^refs\/(remotes|heads)\//, '');
}

/** `@{u}` of a branch that follows nothing, as git says it, with the two ways to set one. */
export function noUpstream(branch: string): UsageError {
  return new UsageError('no-upstream', `no upstream configured for branch '${branch}'`, {
    hint: `set one with "memoir branch --set-upstream-to origin/${branch}", or push with "memoir push -u origin ${branch}"`,
    data: { branch },
  });
}

/** The upstream is configured but its remote-tracking ref is missing (never fetched, or pruned). */
export function upstreamGone(branch: string, tracking: Tracking): UsageError {
  const hint =
    tracking.remote === '.'
      ? `"memoir branch --unset-upstream ${branch}" forgets it, or "memoir branch --set-upstream-to <branch> ${branch}" picks another`
      : `"memoir fetch ${tracking.remote}" brings it; if it was deleted there, "memoir branch --unset-upstream ${branch}"`;
  return new UsageError(
    'upstream-gone',
    `branch '${branch}' follows '${tracking.name}', which has not been fetched or is gone`,
    { hint, data: { branch, upstream: tracking.name } },
  );
}
