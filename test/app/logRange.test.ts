import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitIn, jsonError, ok, repoTemplate, revParse } from '../helpers/e2e.js';
import { runnerIn } from '../helpers/inProcess.js';
import { FOOD, LANGS, THEME, sessionIn } from '../helpers/merge.js';

/*
 * log of a revision or a range (issue 16: after a fetch, `memoir log main..origin/main` shows
 * what came in). Every selection is checked against native `git log --format=%H` on the same
 * store, order included.
 */

/**
 * main: three commits; origin/main (as a fetch would leave it): main~1 plus two commits of its
 * own, one touching FOOD, one THEME; main follows origin/main.
 */
const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  await s.remember('I prefer dark mode', THEME);
  await s.remember('Likes pizza', FOOD);
  ok(await s.run(['branch', 'elsewhere']));
  await s.remember('Writes TypeScript', LANGS);
  await s.checkout('elsewhere');
  for (let i = 0; i < 3; i++) s.tick();
  await s.remember('Likes sushi', FOOD);
  await s.remember('I prefer light mode', THEME);
  gitIn(dir, ['update-ref', 'refs/remotes/origin/main', revParse(dir, 'elsewhere')]);
  await s.checkout('main');
  ok(await s.run(['branch', '-D', 'elsewhere']));
  gitIn(dir, ['config', 'remote.origin.url', 'https://example.com/memory.git']);
  gitIn(dir, ['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*']);
  ok(await s.run(['branch', '--set-upstream-to', 'origin/main']));
});

const ids = async (run: ReturnType<typeof runnerIn>, args: string[]) =>
  parseJson<Array<{ id: string }>>(ok(await run(['log', '--json', ...args])).stdout).map((c) => c.id);

const native = (dir: string, args: string[]) =>
  gitIn(dir, ['log', '--format=%H', ...args])
    .split('\n')
    .filter(Boolean);

describe('log of a revision or a range', () => {
  it.each([
    [['origin/main'], ['origin/main']],
    [['main..origin/main'], ['main..origin/main']],
    [['origin/main..main'], ['origin/main..main']],
    [['main...origin/main'], ['main...origin/main']],
    [['@{u}..'], ['@{u}..']],
    [['..origin/main'], ['..origin/main']],
    [['HEAD~1'], ['HEAD~1']],
    [
      ['main..origin/main', '-n', '1'],
      ['main..origin/main', '-n', '1'],
    ],
  ])('memoir log %j selects what git log %j does', async (args, gitArgs) => {
    const dir = repo();
    const expected = native(dir, gitArgs);
    expect(expected.length).toBeGreaterThan(0);
    expect(await ids(runnerIn(dir), args)).toEqual(expected);
  });

  it('takes paths after the revision, with or without --, as git log does with a leaf file', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    const food = native(dir, ['main...origin/main', '--', 'preferences/food/cuisine.md']);
    expect(food).toHaveLength(1);
    expect(await ids(run, ['main...origin/main', FOOD])).toEqual(food);
    expect(await ids(run, ['main...origin/main', '--', 'preferences.food'])).toEqual(food);
    const two = native(dir, ['origin/main', '--', 'preferences/ui/theme.md', 'preferences/food/cuisine.md']);
    expect(await ids(run, ['origin/main', THEME, FOOD])).toEqual(two);
  });

  it('shows nothing for a range that holds no commit, and exits 0', async () => {
    const run = runnerIn(repo());
    const result = ok(await run(['log', 'main..main']));
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(await ids(run, ['origin/main..origin/main~1'])).toEqual([]);
  });

  it('names a mistyped path as a path, and an unknown name as a revision (exit 2, nothing written)', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    const before = gitIn(dir, ['for-each-ref']);
    const path = await run(['log', 'preferences.ui.them', '--json']);
    expect(path.code).toBe(2);
    expect(jsonError(path)).toMatchObject({ code: 'unknown-path' });
    const revision = await run(['log', 'origin/mian', '--json']);
    expect(revision.code).toBe(2);
    expect(jsonError(revision)).toMatchObject({ code: 'unknown-revision' });
    const range = await run(['log', 'main..nowhere', '--json']);
    expect(jsonError(range)).toMatchObject({ code: 'unknown-revision', data: { revision: 'nowhere' } });
    const two = await run(['log', 'main', 'origin/main']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(
      /^memoir: log shows one revision or range, got 2: main origin\/main\nhint: .*main\.\.origin\/main/,
    );
    expect(gitIn(dir, ['for-each-ref'])).toBe(before);
  });

  it('decorates each commit with the branches and remote-tracking branches at it, as git log does', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    ok(await run(['branch', 'agent-2', 'origin/main']));
    const person = { terminal: true, env: { NO_COLOR: '1' } };
    const lines = ok(await run(['log', '--oneline', 'main...origin/main'], person)).stdout.split('\n');
    const short = (rev: string) => revParse(dir, rev).slice(0, 7);
    expect(lines).toContain(`${short('origin/main')} (agent-2, origin/main) Remember ${THEME}: I prefer light mode`);
    expect(lines).toContain(`${short('main')} (HEAD -> main) Remember ${LANGS}: Writes TypeScript`);
    ok(await run(['checkout', revParse(dir, 'main')]));
    expect(ok(await run(['log', '-n', '1'], person)).stdout).toMatch(/^commit [0-9a-f]{40} \(HEAD, main\)\n/);
  });

  it('starts --as-of from the revision it is given', async () => {
    const dir = repo();
    const tip = revParse(dir, 'origin/main');
    const date = gitIn(dir, ['show', '-s', '--format=%cI', `${tip}~1`]).trim();
    expect(await ids(runnerIn(dir), ['origin/main', '--as-of', date])).toEqual(native(dir, [`${tip}~1`]));
  });
});
