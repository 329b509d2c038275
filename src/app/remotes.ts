import type { Deps } from './deps.js';
import { RefusedError, UsageError } from '../errors/index.js';
import { getRemote, getUpstream, listRemotes, type RemoteConfig, type Upstream } from '../store/gitConfig.js';
import type { Memory } from '../store/memory.js';
import { openTransport } from '../store/remote/open.js';
import { checkedRemoteUrl } from './remoteInput.js';
import { trackingUpdates, type TrackingUpdate } from '../store/remote/tracking.js';
import type { RemoteRefs, Transport, TransferOptions } from '../store/remote/transport.js';
import type { Person } from '../store/git.js';

/*
 * The steps fetch, pull, push and clone share: which remote, how to reach it, what a fetch
 * brought and how the remote-tracking refs move.
 */

/** A configured remote, or a usage error naming the ones there are. */
export async function namedRemote(memory: Memory, name: string): Promise<RemoteConfig> {
  const remote = await getRemote(memory.gitdir, name);
  if (remote) return remote;
  // the name is echoed in the error: a pasted token is refused without being repeated
  const { screenWrittenText } = await import('../core/guardText.js');
  screenWrittenText(name, 'the remote name', 'nothing was changed');
  const names = (await listRemotes(memory.gitdir)).map((r) => r.name);
  throw new UsageError('unknown-remote', `there is no remote named "${name}"`, {
    hint: names.length
      ? `the remotes are ${names.join(', ')}; add one with "memoir remote add ${name} <url>"`
      : `add one with "memoir remote add ${name} <url>"`,
  });
}

/** The remote a command means when none is named: the branch's upstream's, else origin (as git does). */
export async function defaultRemote(memory: Memory, branch: string | undefined): Promise<RemoteConfig> {
  const upstream = branch ? await getUpstream(memory.gitdir, branch) : undefined;
  return namedRemote(memory, upstream?.remote ?? 'origin');
}

/** The remote's branch a local branch goes to and comes from: its upstream's on that remote, else the same name. */
export function remoteBranchOf(upstream: Upstream | undefined, remote: string, branch: string): string {
  return upstream?.remote === remote && upstream.merge.startsWith('refs/heads/') ? upstream.merge.slice(11) : branch;
}

/** A transfer's progress (the remote's phases, indexing the pack), reported to Deps.progress where it has one. */
export function transferProgress(deps: Deps): TransferOptions['onProgress'] {
  const report = deps.progress;
  return report && ((p) => report(p.phase, p.loaded, p.total));
}

/** How to reach a remote: its transport, with the user's credentials for HTTP. */
export function transportTo(remote: { name: string; url: string }, deps: Deps): Promise<Transport> {
  // a URL written into the config by hand or by git is checked as `remote add` checks it
  return openTransport(checkedRemoteUrl(remote.url, deps.cwd), remote.name, {
    env: deps.env,
    cwd: deps.cwd,
    agent: `memoir/${deps.version}`,
    prompt: deps.promptCredentials,
  });
}

/**
 * Fetches a remote's branches into the store (objects only: no ref moves) and says how its
 * tracking refs would move.
 */
export async function fetchRemote(
  memory: Memory,
  remote: RemoteConfig,
  deps: Deps,
  options: { prune?: boolean; depth?: number } = {},
): Promise<{ refs: RemoteRefs; updates: TrackingUpdate[]; received: string[] }> {
  const transport = await transportTo(remote, deps);
  const before = new Set(await memory.packNames());
  const refs = await memory.fetchFrom(transport, { depth: options.depth, onProgress: transferProgress(deps) });
  const updates = await trackingUpdates(memory, remote.name, remote.fetch, refs, Boolean(options.prune));
  const received = (await memory.packNames()).filter((name) => !before.has(name));
  return { refs, updates, received };
}

/**
 * Runs the screen of what a fetch brought; when it refuses, the packs that fetch received are
 * removed before the refusal goes on, so nothing of a refused history stays in the store.
 */
export async function screenFetched(
  memory: Memory,
  received: readonly string[],
  screen: () => Promise<void>,
): Promise<void> {
  try {
    await screen();
  } catch (error) {
    if (error instanceof RefusedError) await memory.removePacks(received);
    throw error;
  }
}

/** Moves the tracking refs as fetched; `verb` starts their reflog messages (`fetch`, `pull`). The caller holds the lock. */
export function moveTrackingRefs(memory: Memory, updates: readonly TrackingUpdate[], who: Person, verb: string): void {
  for (const update of updates) {
    if (update.kind === 'up-to-date') continue;
    if (update.kind === 'pruned') memory.deleteBranch(update.ref);
    else
      memory.updateBranch(
        update.ref,
        update.new!,
        update.old,
        who,
        `${verb}: ${update.kind === 'new' ? 'storing head' : update.kind === 'forced' ? 'forced-update' : 'fast-forward'}`,
      );
  }
}
