import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { qualifiedBranchName } from '../../src/core/refName.js';
import { type memoir, parseJson } from '../helpers/cli.js';
import { gitdirOf, gitIn, ok, readStageFile, repoTemplate, type ErrorJson } from '../helpers/e2e.js';
import { call, connect } from '../helpers/mcp.js';
import { memoirIn } from '../helpers/inProcess.js';

// `--branch refs/heads/main` must not create refs/heads/refs/heads/main, a branch no revision can
// name again (git resolves refs/heads/main to main itself); `heads/main` is shadowed the same way.
// Every way a branch name comes in refuses it with exit 2 and names the short form.

const repo = repoTemplate(async (dir) =>
  ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir })),
);

/** Every ref of the repository, as native git lists them. */
const refsOf = (dir: string) => gitIn(dir, ['for-each-ref', '--format=%(refname)']).trim().split('\n');

function expectRefused(result: ReturnType<typeof memoir>, meant: string | null): void {
  expect(result.code, result.stderr).toBe(2);
  const error = parseJson<ErrorJson>(result.stderr);
  expect(error.code).toBe('invalid-branch-name');
  expect(error.data).toMatchObject({ meant });
  if (meant) expect(error.hint).toContain(meant);
}

describe('a qualified branch name is refused wherever a branch name comes in', () => {
  it.each([
    [
      'add --commit --branch',
      ['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--branch', 'refs/heads/main', '--json'],
      'main',
    ],
    [
      'add --commit --branch heads/',
      ['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--branch', 'heads/agent', '--json'],
      'agent',
    ],
    ['branch <name>', ['branch', 'refs/heads/feature', '--json'], 'feature'],
    ['branch refs/tags/…', ['branch', 'refs/tags/v1', '--json'], null],
    ['branch -m', ['branch', '-m', 'main', 'refs/heads/renamed', '--json'], 'renamed'],
    ['checkout -b', ['checkout', '-b', 'refs/heads/new', '--json'], 'new'],
  ])('%s', async (_how, args, meant) => {
    const dir = repo();
    const before = refsOf(dir);
    expectRefused(await memoirIn(args as string[], { cwd: dir }), meant);
    expect(refsOf(dir)).toEqual(before);
    expect(readStageFile(dir).ops).toEqual([]);
    expect(fs.existsSync(path.join(gitdirOf(dir), 'refs', 'heads', 'refs'))).toBe(false);
  });

  it('commit --branch and MEMOIR_BRANCH, with facts staged: refused, the stage kept as it was', async () => {
    const dir = repo();
    ok(await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks'], { cwd: dir }));
    const before = refsOf(dir);
    expectRefused(await memoirIn(['commit', '--branch', 'refs/heads/main', '--json'], { cwd: dir }), 'main');
    expectRefused(
      await memoirIn(['commit', '--json'], { cwd: dir, env: { MEMOIR_BRANCH: 'refs/heads/main' } }),
      'main',
    );
    expect(refsOf(dir)).toEqual(before);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Likes green tea']);
  });

  it('MEMOIR_BRANCH with add --commit stages nothing', async () => {
    const dir = repo();
    expectRefused(
      await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--json'], {
        cwd: dir,
        env: { MEMOIR_BRANCH: 'heads/main' },
      }),
      'main',
    );
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('the short names still work, and a branch whose name merely contains "heads" is fine', async () => {
    const dir = repo();
    ok(
      await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--branch', 'agent'], {
        cwd: dir,
      }),
    );
    ok(await memoirIn(['branch', 'team/heads/one'], { cwd: dir }));
    ok(await memoirIn(['checkout', '-b', 'refsx'], { cwd: dir }));
    expect(refsOf(dir)).toEqual([
      'refs/heads/agent',
      'refs/heads/main',
      'refs/heads/refsx',
      'refs/heads/team/heads/one',
    ]);
  });
});

describe('qualifiedBranchName', () => {
  it.each([
    ['refs/heads/main', 'main'],
    ['heads/main', 'main'],
    ['refs/heads/feature/x', 'feature/x'],
    ['refs/remotes/origin/main', undefined],
  ])('%j is refused (meant %j)', (name, meant) => {
    const found = qualifiedBranchName(name);
    expect(found?.problem).toBeTruthy();
    expect(found?.meant).toBe(meant);
  });

  it.each(['main', 'feature/heads/x', 'refsx', 'my-refs/x', 'headsup'])('%j is a plain branch name', (name) => {
    expect(qualifiedBranchName(name)).toBeUndefined();
  });
});

describe('through MCP', () => {
  it('memoir_remember {branch} and memoir_checkout {branch, create}: invalid-branch-name, nothing staged, HEAD where it was', async () => {
    const dir = repo();
    const before = refsOf(dir);
    const { client } = await connect(dir);
    const remember = await call(client, 'memoir_remember', {
      content: 'Likes green tea',
      path: 'preferences.food.drinks',
      branch: 'refs/heads/main',
    });
    expect(remember.body).toMatchObject({ code: 'invalid-branch-name', exitCode: 2, data: { meant: 'main' } });
    expect(readStageFile(dir).ops).toEqual([]);
    for (const args of [{ branch: 'refs/heads/main' }, { branch: 'refs/heads/new', create: true }]) {
      const checkout = await call(client, 'memoir_checkout', args);
      expect(checkout.body, JSON.stringify(args)).toMatchObject({ code: 'invalid-branch-name', exitCode: 2 });
    }
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
    expect(refsOf(dir)).toEqual(before);
    // and the server is not left blocked by a half-done write
    expect(
      (await call(client, 'memoir_remember', { content: 'Likes green tea', path: 'preferences.food.drinks' })).body,
    ).toMatchObject({ status: 'committed' });
  });
});
