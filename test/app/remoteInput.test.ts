import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRemoteName, remoteUrlToStore } from '../../src/app/remoteInput.js';
import type { MemoirError } from '../../src/errors/index.js';

// What `memoir remote add|set-url|rename` accept, before anything is written.

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
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
  ])('%s is stored as %s', (url, stored) => {
    expect(remoteUrlToStore(url, cwd)).toBe(stored);
  });

  it.each([
    ['https://ada:pw@example.com/m.git', 'credential-in-url'],
    ['ext::sh -c id', 'invalid-remote-url'],
    ['git://example.com/m.git', 'invalid-remote-url'],
    ['-upload-pack=id', 'invalid-remote-url'],
    ['', 'invalid-remote-url'],
    ['/mnt/disk\nx', 'control-character'],
  ])('%s is refused: %s', (url, code) => {
    expect(codeOf(() => remoteUrlToStore(url, cwd))).toBe(code);
  });
});

describe('checkRemoteName', () => {
  it.each(['origin', 'backup-2', 'team_a', 'v1.0', 'Ünïcode'])('%s is a remote name', (name) => {
    expect(checkRemoteName(name)).toBe(name);
  });
  it.each(['a/b', 'a..b', 'x.lock', '.hidden', 'end.', 'HEAD', '-x', 'a b', 'a"b', 'a:b', 'a@{1}', ''])(
    '%s is not',
    (name) => expect(codeOf(() => checkRemoteName(name))).toBe('invalid-remote-name'),
  );
});
