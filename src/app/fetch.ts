import type { Deps } from './deps.js';
import { displayUrl } from '../core/remoteUrl.js';
import { UsageError } from '../errors/index.js';
import { listRemotes } from '../store/gitConfig.js';
import type { TrackingUpdate } from '../store/remote/tracking.js';
import { defaultRemote, fetchRemote, moveTrackingRefs, namedRemote, screenFetched } from './remotes.js';
import { hasForgotten } from '../store/forgetLog.js';
import { signature } from './signature.js';

export interface FetchOptions {
  /** Every configured remote. */
  all?: boolean;
  /** Remove tracking refs whose branch the remote no longer has. */
  prune?: boolean;
}

export interface FetchResult {
  remotes: Array<{ name: string; url: string; updates: TrackingUpdate[] }>;
}

/** `memoir fetch [<remote>] [--all] [--prune]`: the remotes' branches into refs/remotes/<remote>/*, nothing else. */
export async function runFetch(
  remoteName: string | undefined,
  options: FetchOptions,
  deps: Deps,
): Promise<FetchResult> {
  if (options.all && remoteName)
    throw new UsageError('conflicting-options', '--all fetches every remote: name none, or drop --all');
  const memory = await deps.memory();
  const remotes = options.all
    ? await listRemotes(memory.gitdir)
    : [remoteName ? await namedRemote(memory, remoteName) : await defaultRemote(memory, (await memory.head()).branch)];
  const result: FetchResult = { remotes: [] };
  const who = await signature(deps);
  for (const remote of remotes) {
    const { updates, received } = await fetchRemote(memory, remote, deps, options);
    // a remote that still holds history a forget rewrote does not bring the forgotten facts back
    if (hasForgotten(memory.gitdir))
      await screenFetched(memory, received, async () => {
        const { refuseIncoming, screenIncoming } = await import('./screenIncoming.js');
        for (const update of updates)
          if (update.new)
            refuseIncoming(
              await screenIncoming(memory, update.old, update.new, await deps.taxonomy(), { forgottenOnly: true }),
              update.ref.replace(/^refs\/remotes\//, ''),
            );
      });
    await deps.locked(memory, async () => moveTrackingRefs(memory, updates, who, 'fetch'));
    result.remotes.push({ name: remote.name, url: displayUrl(remote.url), updates });
  }
  return result;
}
