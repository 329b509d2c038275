import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  addRemote,
  getRemote,
  getUpstream,
  listRemotes,
  removeRemote,
  renameRemote,
  setRemoteUrl,
  setUpstream,
} from '../../src/store/gitConfig.js';
import { newMemory } from '../helpers/store.js';

const git = (gitdir: string, ...args: string[]) =>
  execFileSync('git', ['--git-dir', gitdir, ...args], { encoding: 'utf8' }).trim();

describe('the repository git config', () => {
  it('records remotes and upstreams in the keys native git reads', async () => {
    const { gitdir } = await newMemory();
    await addRemote(gitdir, 'origin', 'https://example.com/memory.git');
    await addRemote(gitdir, 'backup', '/mnt/disk/memory');
    await setUpstream(gitdir, 'feature.x', { remote: 'origin', merge: 'refs/heads/feature.x' });
    expect(git(gitdir, 'remote', '-v').split('\n')).toContain('origin\thttps://example.com/memory.git (fetch)');
    expect(git(gitdir, 'config', '--get', 'remote.origin.fetch')).toBe('+refs/heads/*:refs/remotes/origin/*');
    expect(git(gitdir, 'config', '--get', 'branch.feature.x.merge')).toBe('refs/heads/feature.x');
    expect(git(gitdir, 'config', '--get', 'core.bare')).toBe('true');
    expect((await listRemotes(gitdir)).map((r) => r.name)).toEqual(['origin', 'backup']);
  });

  it('renames a remote with its default refspec and the branches that follow it', async () => {
    const { gitdir } = await newMemory();
    await addRemote(gitdir, 'origin', 'https://example.com/memory.git');
    await setUpstream(gitdir, 'main', { remote: 'origin', merge: 'refs/heads/main' });
    git(gitdir, 'config', 'remote.origin.pushurl', 'https://example.com/push.git');
    git(gitdir, 'config', 'remote.origin.uploadpack', 'touch /tmp/owned');
    await renameRemote(gitdir, 'origin', 'upstream');
    expect(git(gitdir, 'config', '--get', 'remote.upstream.pushurl')).toBe('https://example.com/push.git');
    expect(git(gitdir, 'config', '--list')).not.toContain('uploadpack');
    expect(await getRemote(gitdir, 'origin')).toBeUndefined();
    expect(await getRemote(gitdir, 'upstream')).toEqual({
      name: 'upstream',
      url: 'https://example.com/memory.git',
      fetch: ['+refs/heads/*:refs/remotes/upstream/*'],
    });
    expect(await getUpstream(gitdir, 'main')).toEqual({ remote: 'upstream', merge: 'refs/heads/main' });
    expect(git(gitdir, 'config', '--get', 'branch.main.remote')).toBe('upstream');
  });

  it('removes a remote and the upstream settings that named it, keeping the rest', async () => {
    const { gitdir } = await newMemory();
    await addRemote(gitdir, 'origin', 'https://example.com/a.git');
    await addRemote(gitdir, 'backup', '/mnt/disk/memory');
    await setUpstream(gitdir, 'main', { remote: 'backup', merge: 'refs/heads/main' });
    await setUpstream(gitdir, 'work', { remote: 'origin', merge: 'refs/heads/work' });
    await setRemoteUrl(gitdir, 'origin', 'https://example.com/b.git');
    await removeRemote(gitdir, 'backup');
    expect(await listRemotes(gitdir)).toEqual([
      { name: 'origin', url: 'https://example.com/b.git', fetch: ['+refs/heads/*:refs/remotes/origin/*'] },
    ]);
    expect(await getUpstream(gitdir, 'main')).toBeUndefined();
    expect(await getUpstream(gitdir, 'work')).toEqual({ remote: 'origin', merge: 'refs/heads/work' });
    expect(git(gitdir, 'config', '--list').split('\n')).not.toContain('branch.main.remote=backup');
    // only the upstream keys go, as git unsets them: the branch's other settings stay
    git(gitdir, 'config', 'branch.work.description', 'agent work');
    await removeRemote(gitdir, 'origin');
    expect(git(gitdir, 'config', '--get', 'branch.work.description')).toBe('agent work');
  });

  it('reads remotes that native git added', async () => {
    const { gitdir } = await newMemory();
    git(gitdir, 'remote', 'add', 'team', 'git@example.com:org/memory.git');
    git(gitdir, 'config', 'branch.main.remote', 'team');
    git(gitdir, 'config', 'branch.main.merge', 'refs/heads/main');
    expect(await getRemote(gitdir, 'team')).toMatchObject({ url: 'git@example.com:org/memory.git' });
    expect(await getUpstream(gitdir, 'main')).toEqual({ remote: 'team', merge: 'refs/heads/main' });
  });
});
