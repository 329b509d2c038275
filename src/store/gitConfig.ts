import * as path from 'node:path';
import { readFileIfExists } from './atomicFile.js';
import { writeInside } from './safeWrite.js';
import { parseConfigText } from './configText.js';

/*
 * The repository's own git config (`.memoir/config`): where its remotes are and which branch
 * follows which, in git's own keys, so that `git --git-dir=.memoir fetch origin` uses the same
 * settings. Only these keys are read here; nothing else in the file (credential helpers,
 * proxies, ssh commands, hooks) is ever followed: a store may have come from someone else's
 * folder.
 */

type GitConfig = Awaited<ReturnType<typeof import('isomorphic-git/managers')['GitConfigManager']['get']>>;

export interface RemoteConfig {
  name: string;
  url: string;
  /** Refspecs, e.g. `+refs/heads/*:refs/remotes/origin/*`. */
  fetch: string[];
}

export interface Upstream {
  remote: string;
  /** The branch on the remote, as a full ref (`refs/heads/main`). */
  merge: string;
}

/** The refspec `remote add` records, as git writes it. */
export function defaultRefspec(remote: string): string {
  return `+refs/heads/*:refs/remotes/${remote}/*`;
}

/**
 * The config for editing, parsed by isomorphic-git's GitConfig (which keeps every other line as
 * it was), handed the text through the one fs call it makes. Loaded only to write: reads go
 * through the small reader in configText.ts.
 */
async function read(gitdir: string): Promise<GitConfig> {
  const { GitConfigManager } = await import('isomorphic-git/managers');
  const text = readFileIfExists(path.join(gitdir, 'config')) ?? '';
  const fs = { read: async () => text } as unknown as Parameters<typeof GitConfigManager.get>[0]['fs'];
  return GitConfigManager.get({ fs, gitdir });
}

/** Every value of the config by key (`remote.origin.url`), read without isomorphic-git. */
export function configValues(gitdir: string): Map<string, string[]> {
  return parseConfigText(readFileIfExists(path.join(gitdir, 'config')) ?? '');
}

/** Reads the config, applies `edit`, and writes it back atomically. The caller holds the lock. */
async function edit(gitdir: string, change: (config: GitConfig) => Promise<void>): Promise<void> {
  const config = await read(gitdir);
  await change(config);
  writeInside(gitdir, path.join(gitdir, 'config'), `${config.toString().replace(/\n*$/, '')}\n`);
}

/** Every remote with a URL, in the order the config names them. */
export async function listRemotes(gitdir: string): Promise<RemoteConfig[]> {
  const config = configValues(gitdir);
  const remotes: RemoteConfig[] = [];
  for (const [key, urls] of config) {
    const name = /^remote\.(.+)\.url$/.exec(key)?.[1];
    if (name !== undefined && urls.length > 0)
      remotes.push({ name, url: urls.at(-1)!, fetch: config.get(`remote.${name}.fetch`) ?? [] });
  }
  return remotes;
}

export async function getRemote(gitdir: string, name: string): Promise<RemoteConfig | undefined> {
  return (await listRemotes(gitdir)).find((r) => r.name === name);
}

export async function addRemote(gitdir: string, name: string, url: string): Promise<void> {
  await edit(gitdir, async (config) => {
    await config.set(`remote.${name}.url`, url);
    await config.set(`remote.${name}.fetch`, defaultRefspec(name));
  });
}

export async function setRemoteUrl(gitdir: string, name: string, url: string): Promise<void> {
  await edit(gitdir, (config) => config.set(`remote.${name}.url`, url));
}

/** Removes a remote's section, and the upstream settings of branches that followed it (as git does). */
export async function removeRemote(gitdir: string, name: string): Promise<void> {
  await edit(gitdir, async (config) => {
    await config.deleteSection('remote', name);
    for (const branch of await branchesFollowing(config, name)) {
      await config.set(`branch.${branch}.remote`, undefined);
      await config.set(`branch.${branch}.merge`, undefined);
    }
  });
}

/** The keys of a remote's section a rename carries over (the ones that run commands, uploadpack and receivepack, are dropped). */
const REMOTE_KEYS = ['url', 'pushurl', 'fetch', 'push', 'tagopt', 'prune', 'mirror'];

/** Renames a remote: its settings, its refspecs (the default one rewritten), and the branches that follow it. */
export async function renameRemote(gitdir: string, from: string, to: string): Promise<void> {
  await edit(gitdir, async (config) => {
    const values = new Map<string, string[]>();
    for (const key of REMOTE_KEYS) values.set(key, (await config.getall(`remote.${from}.${key}`)).map(String));
    await config.deleteSection('remote', from);
    for (const [key, list] of values)
      for (const value of list)
        await config.append(
          `remote.${to}.${key}`,
          key === 'fetch' && value === defaultRefspec(from) ? defaultRefspec(to) : value,
        );
    for (const branch of await branchesFollowing(config, from)) await config.set(`branch.${branch}.remote`, to);
  });
}

async function branchesFollowing(config: GitConfig, remote: string): Promise<string[]> {
  const branches: string[] = [];
  for (const branch of await config.getSubsections('branch'))
    if (branch && (await config.get(`branch.${branch}.remote`)) === remote) branches.push(branch);
  return [...new Set(branches)];
}

/** The remote branch a local branch follows (`branch.<b>.remote` and `.merge`), if it has one. */
export async function getUpstream(gitdir: string, branch: string): Promise<Upstream | undefined> {
  return upstreamIn(configValues(gitdir), branch);
}

/** `branch.<b>.remote` and `.merge` in config values already read; undefined unless both are set. */
export function upstreamIn(config: Map<string, string[]>, branch: string): Upstream | undefined {
  const remote = config.get(`branch.${branch}.remote`)?.at(-1);
  const merge = config.get(`branch.${branch}.merge`)?.at(-1);
  return remote && merge ? { remote, merge } : undefined;
}

/** Records (or, with undefined, removes) the remote branch a local branch follows. */
export async function setUpstream(gitdir: string, branch: string, upstream: Upstream | undefined): Promise<void> {
  await edit(gitdir, async (config) => {
    if (!upstream) return config.deleteSection('branch', branch);
    await config.set(`branch.${branch}.remote`, upstream.remote);
    await config.set(`branch.${branch}.merge`, upstream.merge);
  });
}
