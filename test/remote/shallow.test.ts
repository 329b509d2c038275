import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { expectFsckClean, gitIn, ok, revParse } from '../helpers/e2e.js';
import { type GitServer, startGitServer } from '../helpers/gitServer.js';
import { memoirIn, runIn } from '../helpers/inProcess.js';
import { sshShim } from '../helpers/sshShim.js';

/*
 * `clone --depth N`: the last N commits of the branch, the rest left on the remote; memoir reads
 * the boundary as roots (git's `shallow` file), and pulls and pushes go on from there.
 */

let server: GitServer;
let url: string;
let bare: string;
let origin: string;

beforeAll(async () => {
  server = await startGitServer();
  url = server.createBare('deep', { head: 'main' });
  bare = path.join(server.root, 'deep.git');
  origin = tempDir();
  ok(await memoirIn(['clone', url, '.'], { cwd: origin }));
  for (const text of [
    'I prefer dark mode in every app',
    'PRs need two approvals before merging',
    'I drink my coffee black',
    'We have a cat named Miso',
  ])
    ok(await runIn(origin, ['add', '--yes', '--commit', text]));
  ok(await runIn(origin, ['push', '-u']));
});
afterAll(() => server.stop());

const count = (dir: string) => Number(gitIn(dir, ['rev-list', '--count', 'HEAD']).trim());

async function shallowClone(from: string, depth: number, env: Record<string, string> = {}): Promise<string> {
  const dir = tempDir();
  ok(await memoirIn(['clone', '--depth', String(depth), from, '.'], { cwd: dir, env }));
  return dir;
}

describe('clone --depth', () => {
  it.each([
    ['HTTP', () => url, {}],
    ['a local path', () => bare, {}],
  ])('over %s: only the last commits, read as a whole history', async (_, where) => {
    const dir = await shallowClone(where(), 2);
    expect(count(dir)).toBe(2);
    expect(gitIn(dir, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
    expect(
      ok(await runIn(dir, ['log', '--oneline']))
        .stdout.trim()
        .split('\n'),
    ).toHaveLength(2);
    expect(JSON.parse(ok(await runIn(dir, ['get', 'preferences.ui.theme', '--json'])).stdout)[0].text).toBe(
      'I prefer dark mode in every app',
    );
    ok(await runIn(dir, ['blame', 'relationships.pets.animals']));
    expectFsckClean(dir);
  });

  it('over SSH, through the system git', async () => {
    const shim = sshShim(tempDir());
    const dir = await shallowClone(`git@example.com:${bare}`, 1, shim.env);
    expect(count(dir)).toBe(1);
    expectFsckClean(dir);
  });

  it('pulls and pushes from a shallow store', async () => {
    const dir = await shallowClone(url, 1);
    ok(await runIn(origin, ['add', '--yes', '--commit', 'I read science fiction novels']));
    ok(await runIn(origin, ['push']));
    ok(await runIn(dir, ['pull']));
    expect(revParse(dir)).toBe(revParse(origin));
    expect(count(dir)).toBe(2);
    ok(await runIn(dir, ['add', '--yes', '--commit', 'I take the train to work']));
    ok(await runIn(dir, ['push']));
    expect(execFileSync('git', ['--git-dir', bare, 'rev-parse', 'main'], { encoding: 'utf8' }).trim()).toBe(
      revParse(dir),
    );
    execFileSync('git', ['--git-dir', bare, 'fsck', '--strict']);
  });

  it('refuses a depth below 1', async () => {
    const result = await memoirIn(['clone', '--depth', '0', url, '.'], { cwd: tempDir() });
    expect([result.code, result.errorCode]).toEqual([2, 'invalid-count']);
  });
});
