import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedRemoteUrl, checkRemoteName, remoteUrlToStore } from '../../src/app/remoteInput.js';
import type { MemoirError } from '../../src/errors/index.js';

// What `memoir remote add|set-url|rename` accept, before anything is written.

const codeOf = async (fn: () => unknown): Promise<string | undefined> => {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return (error as MemoirError).code;
  }
};

describe('remoteUrlToStore', () => {
  const cwd = '/home/ada/project/notes';
  it.each([
    ['https://example.com/acme/memories.git', 'https://example.com/acme/memories.git'],
    ['https://ada@example.com/acme/memories.git', 'https://ada@example.com/acme/memories.git'],
    ['ssh://git@example.com:2222/acme/memories.git', 'ssh://git@example.com:2222/acme/memories.git'],
    ['git@github.com:acme/memories.git', 'git@github.com:acme/memories.git'],
    ['file:///mnt/disk/memories.git', 'file:///mnt/disk/memories.git'],
    ['/mnt/disk/memories.git', '/mnt/disk/memories.git'],
    ['../backup.git', path.resolve(cwd, '../backup.git')],
    ['backup', path.resolve(cwd, 'backup')],
    ['./a:b/memories.git', path.resolve(cwd, 'a:b/memories.git')], // a colon after a slash: a path, as git reads it
  ])('%s is stored as %s', async (url, stored) => {
    expect(await remoteUrlToStore(url, cwd)).toBe(stored);
    // and used as such before a transfer, without the token scan
    expect(checkedRemoteUrl(url, cwd)).toBe(stored);
  });

  it.each([
    ['https://ada:pw@example.com/m.git', 'credential-in-url'],
    ['ext::sh -c id', 'invalid-remote-url'],
    ['git://example.com/m.git', 'invalid-remote-url'],
    ['-upload-pack=id', 'invalid-remote-url'],
    ['', 'invalid-remote-url'],
    ['/mnt/disk\nx', 'control-character'],
    ['https://ghp_R8kq2ZfW7mNc4Lx9Tb1Vd6Hs3Jy0Pa5Ue2Gi@github.com/a/m.git', 'credential-in-url'],
  ])('%s is refused: %s', async (url, code) => {
    expect(await codeOf(() => remoteUrlToStore(url, cwd))).toBe(code);
  });
});

describe('checkRemoteName', () => {
  it.each(['origin', 'backup-2', 'team_a', 'v1.0', 'Ünïcode'])('%s is a remote name', async (name) => {
    expect(await checkRemoteName(name)).toBe(name);
  });
  it.each(['a/b', 'a..b', 'x.lock', '.hidden', 'end.', 'HEAD', '-x', 'a b', 'a"b', 'a:b', 'a@{1}', ''])(
    '%s is not',
    async (name) => expect(await codeOf(() => checkRemoteName(name))).toBe('invalid-remote-name'),
  );
});
