import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoir, parseJson, tempDir } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitdirOf,
  gitIn,
  jsonError,
  ok,
  repoTemplate,
  revParse,
  snapshotRepository,
} from '../helpers/e2e.js';
import { memoirIn, runIn, runnerIn } from '../helpers/inProcess.js';

/*
 * `memoir remote`, read back with native git: the remotes live in `.memoir/config` in git's own
 * keys, and the tracking refs a fetch leaves (written here by hand with git) go and move with
 * their remote.
 */

const ORIGIN = 'https://example.com/acme/memories.git';

/** main with one commit. */
const repo = repoTemplate(async (dir) => {
  ok(await runIn(dir, ['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit']));
});

/** What a fetch from origin would leave: packed and loose tracking refs, a reflog, the symbolic HEAD, an upstream. */
async function withTrackingRefs(dir: string): Promise<string> {
  ok(await runIn(dir, ['remote', 'add', 'origin', ORIGIN]));
  ok(await runIn(dir, ['remote', 'add', 'backup', '/mnt/disk/memories.git']));
  const oid = revParse(dir);
  gitIn(dir, ['update-ref', 'refs/remotes/origin/main', oid]);
  gitIn(dir, ['update-ref', 'refs/remotes/origin/agents/a-1', oid]);
  gitIn(dir, ['pack-refs', '--all']);
  gitIn(dir, ['update-ref', '--create-reflog', '-m', 'fetch: fast-forward', 'refs/remotes/origin/side', oid]);
  gitIn(dir, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
  gitIn(dir, ['update-ref', 'refs/remotes/backup/main', oid]);
  gitIn(dir, ['config', 'branch.main.remote', 'origin']);
  gitIn(dir, ['config', 'branch.main.merge', 'refs/heads/main']);
  expect(fs.readFileSync(path.join(gitdirOf(dir), 'packed-refs'), 'utf8')).toContain('refs/remotes/origin/main');
  return oid;
}

const refsUnder = (dir: string, prefix: string) =>
  gitIn(dir, ['for-each-ref', '--format=%(refname) %(objectname)', prefix]).split('\n').filter(Boolean);

/** The remote and branch settings, one `key value` a line, sorted (git keeps the order they were written in). */
const configOf = (dir: string) =>
  gitIn(dir, ['config', '--get-regexp', '^(remote|branch)\\.']).split('\n').filter(Boolean).sort();

describe('memoir remote', () => {
  it('adds remotes native git uses, and lists them as names, -v lines (as git prints them) and JSON', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    expect(ok(await run(['remote'])).stdout).toBe('');
    expect(ok(await run(['remote', 'add', 'origin', ORIGIN])).stdout).toBe(`Added remote origin (${ORIGIN})\n`);
    // a relative path is resolved where it was typed: here a subfolder the store is found from
    const sub = path.join(dir, 'notes');
    fs.mkdirSync(sub);
    ok(await memoirIn(['remote', 'add', 'backup', '../disk/memories.git', '-q'], { cwd: sub }));
    ok(await run(['remote', 'add', 'team', 'git@example.com:acme/memories.git']));
    ok(await run(['remote', 'add', 'usb', 'file:///media/usb/memories.git']));
    const backup = path.join(dir, 'disk', 'memories.git');
    expect(gitIn(dir, ['config', 'remote.backup.url']).trim()).toBe(backup);
    expect(gitIn(dir, ['config', '--get-all', 'remote.team.fetch']).trim()).toBe('+refs/heads/*:refs/remotes/team/*');
    expect(ok(await run(['remote'])).stdout).toBe('backup\norigin\nteam\nusb\n');
    expect(ok(await run(['remote', '-v'])).stdout).toBe(gitIn(dir, ['remote', '-v']));
    expect(gitIn(dir, ['remote', '-v'])).toContain(`origin\t${ORIGIN} (push)\n`);
    expect(parseJson(ok(await run(['remote', '--json'])).stdout)).toEqual([
      { name: 'backup', url: backup, fetch: ['+refs/heads/*:refs/remotes/backup/*'] },
      { name: 'origin', url: ORIGIN, fetch: ['+refs/heads/*:refs/remotes/origin/*'] },
      { name: 'team', url: 'git@example.com:acme/memories.git', fetch: ['+refs/heads/*:refs/remotes/team/*'] },
      { name: 'usb', url: 'file:///media/usb/memories.git', fetch: ['+refs/heads/*:refs/remotes/usb/*'] },
    ]);
    const human = ok(await run(['remote', '-v'], { terminal: true })).stdout.split('\n');
    expect(human[0]).toMatch(/^backup {2,}\/.*\(fetch\)$/);
    expect(human[0].indexOf('/')).toBe(human[2].indexOf('h')); // the URLs start in one column
    expectFsckClean(dir);
  });

  it('set-url changes the URL and keeps the refspec; --json reports the change', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    ok(await run(['remote', 'add', 'origin', ORIGIN]));
    const change = ok(await run(['remote', 'set-url', 'origin', 'ssh://git@example.com/acme/memories.git', '--json']));
    expect(parseJson(change.stdout)).toEqual({
      action: 'url-set',
      name: 'origin',
      url: 'ssh://git@example.com/acme/memories.git',
    });
    expect(gitIn(dir, ['remote', 'get-url', 'origin']).trim()).toBe('ssh://git@example.com/acme/memories.git');
    expect(gitIn(dir, ['config', '--get-all', 'remote.origin.fetch']).trim()).toBe(
      '+refs/heads/*:refs/remotes/origin/*',
    );
  });

  it('rename moves the tracking refs (packed and loose), their reflogs, the symbolic HEAD and the upstream', async () => {
    const dir = repo();
    const oid = await withTrackingRefs(dir);
    const result = ok(await runIn(dir, ['remote', 'rename', 'origin', 'upstream']));
    expect(result.stdout).toBe('Renamed remote origin to upstream\n');
    expect(refsUnder(dir, 'refs/remotes/origin/')).toEqual([]);
    expect(refsUnder(dir, 'refs/remotes/upstream/')).toEqual([
      `refs/remotes/upstream/HEAD ${oid}`,
      `refs/remotes/upstream/agents/a-1 ${oid}`,
      `refs/remotes/upstream/main ${oid}`,
      `refs/remotes/upstream/side ${oid}`,
    ]);
    expect(refsUnder(dir, 'refs/remotes/backup/')).toEqual([`refs/remotes/backup/main ${oid}`]);
    expect(gitIn(dir, ['symbolic-ref', 'refs/remotes/upstream/HEAD']).trim()).toBe('refs/remotes/upstream/main');
    expect(gitIn(dir, ['reflog', 'show', '--format=%gs', 'refs/remotes/upstream/side']).split('\n')).toEqual([
      'remote: renamed refs/remotes/origin/side to refs/remotes/upstream/side',
      'fetch: fast-forward',
      '',
    ]);
    expect(fs.existsSync(path.join(gitdirOf(dir), 'refs', 'remotes', 'origin'))).toBe(false);
    expect(fs.existsSync(path.join(gitdirOf(dir), 'logs', 'refs', 'remotes', 'origin'))).toBe(false);
    expect(configOf(dir)).toEqual([
      'branch.main.merge refs/heads/main',
      'branch.main.remote upstream',
      'remote.backup.fetch +refs/heads/*:refs/remotes/backup/*',
      'remote.backup.url /mnt/disk/memories.git',
      'remote.upstream.fetch +refs/heads/*:refs/remotes/upstream/*',
      `remote.upstream.url ${ORIGIN}`,
    ]);
    expect(gitIn(dir, ['rev-parse', 'upstream/main', '@{upstream}']).trim()).toBe(`${oid}\n${oid}`);
    expectFsckClean(dir);
  });

  it('remove (and rm) deletes the tracking refs, their reflogs and the upstreams that named the remote', async () => {
    const dir = repo();
    const oid = await withTrackingRefs(dir);
    const result = ok(await runIn(dir, ['remote', 'remove', 'origin', '--json']));
    expect(parseJson(result.stdout)).toEqual({
      action: 'removed',
      name: 'origin',
      url: ORIGIN,
      trackingRefs: 4,
      upstreamsCleared: ['main'],
    });
    expect(refsUnder(dir, 'refs/remotes/')).toEqual([`refs/remotes/backup/main ${oid}`]);
    expect(fs.readFileSync(path.join(gitdirOf(dir), 'packed-refs'), 'utf8')).not.toContain('origin');
    expect(fs.existsSync(path.join(gitdirOf(dir), 'logs', 'refs', 'remotes', 'origin'))).toBe(false);
    expect(configOf(dir)).toEqual([
      'remote.backup.fetch +refs/heads/*:refs/remotes/backup/*',
      'remote.backup.url /mnt/disk/memories.git',
    ]);
    const human = ok(await runIn(dir, ['remote', 'rm', 'backup']));
    expect(human.stdout).toBe('Removed remote backup (was /mnt/disk/memories.git)\n');
    expect(human.stderr).toBe('');
    expect(gitIn(dir, ['remote'])).toBe('');
    expect(refsUnder(dir, 'refs/remotes/')).toEqual([]);
    expectFsckClean(dir);
  });

  it('says which branches lost their upstream on stderr', async () => {
    const dir = repo();
    await withTrackingRefs(dir);
    const result = ok(await runIn(dir, ['remote', 'rm', 'origin']));
    expect(result.stdout).toBe(`Removed remote origin (was ${ORIGIN})\n`);
    expect(result.stderr).toBe('main: no upstream any more\n');
  });
});

describe('memoir remote refuses, and changes nothing', () => {
  const cases: Array<[string, number, string, string[]]> = [
    ['add of an existing name', 1, 'remote-exists', ['remote', 'add', 'origin', '/elsewhere']],
    ['rename onto an existing name', 1, 'remote-exists', ['remote', 'rename', 'origin', 'backup']],
    ['remove of an unknown remote', 2, 'unknown-remote', ['remote', 'remove', 'nowhere']],
    ['rm of an unknown remote', 2, 'unknown-remote', ['remote', 'rm', 'nowhere']],
    ['set-url of an unknown remote', 2, 'unknown-remote', ['remote', 'set-url', 'nowhere', ORIGIN]],
    ['rename of an unknown remote', 2, 'unknown-remote', ['remote', 'rename', 'nowhere', 'elsewhere']],
    ['a name with "/"', 2, 'invalid-remote-name', ['remote', 'add', 'team/a', ORIGIN]],
    ['a name with ".."', 2, 'invalid-remote-name', ['remote', 'add', 'a..b', ORIGIN]],
    ['a name ending in .lock', 2, 'invalid-remote-name', ['remote', 'add', 'x.lock', ORIGIN]],
    ['a name with a space', 2, 'invalid-remote-name', ['remote', 'add', 'my remote', ORIGIN]],
    ['a name with a double quote', 2, 'invalid-remote-name', ['remote', 'add', 'a"b', ORIGIN]],
    ['an empty name', 2, 'invalid-remote-name', ['remote', 'add', '', ORIGIN]],
    ['rename to a bad name', 2, 'invalid-remote-name', ['remote', 'rename', 'origin', 'up/stream']],
    ['a helper transport', 2, 'invalid-remote-url', ['remote', 'add', 'x', 'ext::sh -c touch% /tmp/pwned']],
    ['git://', 2, 'invalid-remote-url', ['remote', 'add', 'x', 'git://example.com/memories.git']],
    ['an unknown scheme', 2, 'invalid-remote-url', ['remote', 'add', 'x', 'ftp://example.com/memories.git']],
    ['file:// on another host', 2, 'invalid-remote-url', ['remote', 'add', 'x', 'file://server/memories.git']],
    ['an empty URL', 2, 'invalid-remote-url', ['remote', 'add', 'x', '']],
    ['set-url to an unsupported URL', 2, 'invalid-remote-url', ['remote', 'set-url', 'origin', 'ext::nc evil 1']],
    ['a control character in the URL', 2, 'control-character', ['remote', 'add', 'x', '/mnt/disk\x1b[2J']],
    [
      'a password in the URL',
      2,
      'credential-in-url',
      ['remote', 'add', 'x', 'https://ada:Zq7hunterWp3@example.com/m.git'],
    ],
    ['an extra operand', 2, 'usage', ['remote', 'origin']],
  ];
  const prepared = repoTemplate(async (dir) => {
    ok(await runIn(dir, ['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit']));
    await withTrackingRefs(dir);
  });
  it.each(cases)('%s: exit %i, %s', async (_what, code, errorCode, args) => {
    const dir = prepared();
    const before = snapshotRepository(dir);
    const result = await runIn(dir, args);
    expect(result.code, result.stderr).toBe(code);
    if (errorCode !== 'usage') expect(result.errorCode).toBe(errorCode);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/\nhint: |^error: /);
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('outside a repository: not-a-repository (exit 2)', async () => {
    const result = await memoirIn(['remote', 'add', 'origin', ORIGIN], { cwd: tempDir() });
    expect([result.code, result.errorCode]).toEqual([2, 'not-a-repository']);
  });
});

describe('memoir remote, as a process', () => {
  it('exit codes, and errors as JSON on stderr under --json', () => {
    const dir = tempDir();
    ok(memoir(['init'], { cwd: dir }));
    ok(memoir(['remote', 'add', 'origin', ORIGIN], { cwd: dir }));
    expect(memoir(['remote', 'add', 'origin', ORIGIN], { cwd: dir }).code).toBe(1);
    const unknown = memoir(['remote', 'rm', 'nowhere', '--json'], { cwd: dir });
    expect([unknown.code, jsonError(unknown).code, unknown.stdout]).toEqual([2, 'unknown-remote', '']);
    expect(memoir(['remote', 'add', 'x', 'git://example.com/m.git'], { cwd: dir }).code).toBe(2);
    expect(memoir(['remote', '-v'], { cwd: dir }).stdout).toBe(`origin\t${ORIGIN} (fetch)\norigin\t${ORIGIN} (push)\n`);
  });
});
