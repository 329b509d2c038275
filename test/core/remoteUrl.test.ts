import { describe, expect, it } from 'vitest';
import { displayUrl, parseRemoteUrl } from '../../src/core/remoteUrl.js';

describe('remote URLs', () => {
  it.each([
    ['https://github.com/org/memory.git', 'http'],
    ['http://127.0.0.1:8080/memory.git', 'http'],
    ['ssh://git@github.com/org/memory.git', 'ssh'],
    ['ssh://git@host:2222/srv/memory', 'ssh'],
    ['git+ssh://host/memory', 'ssh'],
    ['git@github.com:org/memory.git', 'ssh'],
    ['host:memory', 'ssh'],
    ['/mnt/backup/memory', 'local'],
    ['./memory', 'local'],
    ['../team/.memoir', 'local'],
    ['file:///mnt/backup/memory', 'local'],
  ])('%s is reached as %s', (url, kind) => {
    expect(parseRemoteUrl(url)).toMatchObject({ kind });
  });

  it('takes file:// URLs as the path they name', () => {
    expect(parseRemoteUrl('file:///mnt/my%20disk/memory')).toEqual({ kind: 'local', path: '/mnt/my disk/memory' });
  });

  it('keeps the user of an HTTP URL, to ask for its password', () => {
    expect(parseRemoteUrl('https://ci-bot@git.example.com/memory.git')).toEqual({
      kind: 'http',
      url: 'https://ci-bot@git.example.com/memory.git',
      username: 'ci-bot',
    });
  });

  it.each(['https://user:hunter2@github.com/org/m.git', 'ssh://git:pw@host/m'])('refuses a password in %s', (url) => {
    expect(parseRemoteUrl(url)).toEqual({ problem: 'password' });
  });

  it.each([
    'ext::sh -c touch% /tmp/pwned',
    'fd::17',
    'git://example.com/memory.git',
    'ftp://example.com/memory',
    'file://otherhost/srv/memory',
    '--upload-pack=touch /tmp/x',
    '',
  ])('refuses %j: no transport that runs commands, no unauthenticated git://', (url) => {
    expect(parseRemoteUrl(url)).toEqual({ problem: 'unsupported' });
  });

  it('shows a URL without its password', () => {
    expect(displayUrl('https://user:hunter2@github.com/m.git')).toBe('https://user:***@github.com/m.git');
    expect(displayUrl('https://github.com/m.git')).toBe('https://github.com/m.git');
  });
});
