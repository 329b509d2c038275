import type { Deps } from './deps.js';
import { displayUrl } from '../core/remoteUrl.js';
import { MemoirError } from '../errors/index.js';
import {
  addRemote,
  getRemote,
  getUpstream,
  listRemotes,
  type RemoteConfig,
  removeRemote,
  renameRemote,
  setRemoteUrl,
} from '../store/gitConfig.js';
import type { Memory } from '../store/memory.js';
import { deleteTrackingRefs, renameTrackingRefs } from '../store/trackingRefs.js';
import { checkRemoteName, remoteUrlToStore } from './remoteInput.js';
import { signature } from './signature.js';
import { namedRemote } from './remotes.js';
import { byCodeUnit } from '../core/order.js';

/*
 * `memoir remote`: the repositories this memory is shared with, kept in `.memoir/config` in
 * git's own keys (see store/gitConfig.ts). URLs leave here only through displayUrl.
 */

/** A remote as it is shown: its URL with any password masked. */
export type RemoteInfo = RemoteConfig;

export type RemoteChange =
  | { action: 'added'; name: string; url: string }
  | { action: 'url-set'; name: string; url: string }
  | { action: 'removed'; name: string; url: string; trackingRefs: number; upstreamsCleared: string[] }
  | { action: 'renamed'; name: string; from: string; trackingRefs: number };

const shown = (remote: RemoteConfig): RemoteInfo => ({ ...remote, url: displayUrl(remote.url) });

export async function runListRemotes(context: Deps): Promise<RemoteInfo[]> {
  const memory = await context.memory();
  // by name, as git lists them
  return (await listRemotes(memory.gitdir)).map(shown).sort((a, b) => byCodeUnit(a.name, b.name));
}

async function refuseExisting(memory: Memory, name: string, hint: string): Promise<void> {
  if (await getRemote(memory.gitdir, name))
    throw new MemoirError('remote-exists', `a remote named "${name}" already exists`, { hint });
}

export async function runRemoteAdd(name: string, url: string, context: Deps): Promise<RemoteChange> {
  await checkRemoteName(name);
  const stored = await remoteUrlToStore(url, context.cwd);
  const memory = await context.memory();
  return context.locked(memory, async () => {
    await refuseExisting(
      memory,
      name,
      `change its URL with "memoir remote set-url ${name} <url>", or choose another name`,
    );
    await addRemote(memory.gitdir, name, stored);
    return { action: 'added', name, url: displayUrl(stored) };
  });
}

export async function runRemoteSetUrl(name: string, url: string, context: Deps): Promise<RemoteChange> {
  const stored = await remoteUrlToStore(url, context.cwd);
  const memory = await context.memory();
  return context.locked(memory, async () => {
    await namedRemote(memory, name);
    await setRemoteUrl(memory.gitdir, name, stored);
    return { action: 'url-set', name, url: displayUrl(stored) };
  });
}

/** Removes a remote, its tracking refs, and the upstream of every branch that followed it (as git does). */
export async function runRemoteRemove(name: string, context: Deps): Promise<RemoteChange> {
  const memory = await context.memory();
  return context.locked(memory, async () => {
    const remote = await namedRemote(memory, name);
    const upstreamsCleared: string[] = [];
    for (const branch of memory.branches())
      if ((await getUpstream(memory.gitdir, branch.name))?.remote === name) upstreamsCleared.push(branch.name);
    // the refs first: a failure leaves the remote configured, and removing it again finishes the job
    const trackingRefs = deleteTrackingRefs(memory.gitdir, name);
    await removeRemote(memory.gitdir, name);
    return { action: 'removed', name, url: displayUrl(remote.url), trackingRefs, upstreamsCleared };
  });
}

/** Renames a remote: its config, the branches that follow it, its tracking refs and their reflogs. */
export async function runRemoteRename(from: string, to: string, context: Deps): Promise<RemoteChange> {
  await checkRemoteName(to);
  const memory = await context.memory();
  return context.locked(memory, async () => {
    await namedRemote(memory, from);
    await refuseExisting(memory, to, `remove it first with "memoir remote remove ${to}", or choose another name`);
    const trackingRefs = renameTrackingRefs(memory.gitdir, from, to, await signature(context));
    await renameRemote(memory.gitdir, from, to);
    return { action: 'renamed', name: to, from, trackingRefs };
  });
}
