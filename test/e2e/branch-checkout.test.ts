import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  jsonError,
  ok,
  readStageFile,
  repoTemplate,
  revParse,
  snapshotRepository,
} from '../helpers/e2e.js';
import { FOOD, THEME, at, sessionIn, textsAt } from '../helpers/merge.js';
import { runnerIn } from '../helpers/inProcess.js';

/** main with two commits: a theme and a food. */
const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  await s.remember('I prefer dark mode', THEME);
  await s.remember('Likes pizza', FOOD);
});

interface BranchJson {
  name: string;
  commit: string;
  current: boolean;
  subject: string;
}

describe('memoir branch', () => {
  it('creates a branch at HEAD or at a revision, and lists them with the current one marked (plain and --json)', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    expect(ok(await run(['branch', 'feature'])).stdout).toMatch(/^Created branch feature at [0-9a-f]{7}\n$/);
    ok(await run(['branch', 'old', 'main~1']));
    expect(revParse(dir, 'feature')).toBe(revParse(dir, 'main'));
    expect(revParse(dir, 'old')).toBe(revParse(dir, 'main~1'));
    const plain = ok(await run(['branch']))
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t').slice(0, 2));
    expect(plain).toEqual([
      ['', 'feature'],
      ['*', 'main'],
      ['', 'old'],
    ]);
    const list = parseJson<BranchJson[]>(ok(await run(['branch', '--json'])).stdout);
    expect(list.map((b) => [b.name, b.current, b.commit])).toEqual([
      ['feature', false, revParse(dir, 'main')],
      ['main', true, revParse(dir, 'main')],
      ['old', false, revParse(dir, 'main~1')],
    ]);
    expect(list[1].subject).toBe('Remember preferences.food.cuisine: Likes pizza');
    // native git sees a normal branch with a reflog
    expect(
      gitIn(dir, ['branch', '--list'])
        .split('\n')
        .filter(Boolean)
        .map((l) => l.trim()),
    ).toEqual(['feature', '* main', 'old']);
    expect(gitIn(dir, ['reflog', 'show', 'feature'])).toMatch(/branch: Created from main/);
    expectFsckClean(dir);
  });

  it.each([
    ['a space', 'has space'],
    ['".."', 'a..b'],
    ['a leading "-"', '-x'],
    ['".lock"', 'x.lock'],
    ['"~"', 'x~1'],
    ['a trailing "/"', 'x/'],
    ['"@{"', 'a@{b'],
    ['HEAD', 'HEAD'],
  ])('a name with %s is refused with exit 2 and the reason; nothing written', async (_what, name) => {
    const dir = repo();
    const before = snapshotRepository(dir);
    const result = await runnerIn(dir)(['branch', '--json', '--', name]);
    expect(result.code).toBe(2);
    expect(jsonError(result)).toMatchObject({ code: 'invalid-branch-name' });
    expect(jsonError(result).message).toContain('is not a valid branch name');
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('refuses a branch that exists (exit 1) and an unknown start (exit 2)', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    expect((await run(['branch', 'main'])).code).toBe(1);
    expect((await run(['branch', 'x', 'nope'])).code).toBe(2);
  });

  it('-d deletes a merged branch; an unmerged one exits 1 with a hint to -D, which forces', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    ok(await s.run(['branch', 'merged']));
    expect(ok(await s.run(['branch', '-d', 'merged'])).stdout).toMatch(/^Deleted branch merged \(was [0-9a-f]{7}\)\n$/);
    ok(await s.run(['checkout', '-b', 'work']));
    await s.remember('Likes sushi', FOOD);
    await s.checkout('main');
    const refused = await s.run(['branch', '-d', 'work']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not fully merged');
    expect(refused.stderr).toContain('hint: merge it first, or delete it anyway with "memoir branch -D work"');
    expect(gitIn(dir, ['branch', '--list', 'work'])).toContain('work');
    ok(await s.run(['branch', '-D', 'work']));
    expect(gitIn(dir, ['branch', '--list', 'work'])).toBe('');
    expect((await s.run(['branch', '-d', 'main'])).code).toBe(1); // the current branch
    expect((await s.run(['branch', '-d', 'nope'])).code).toBe(2);
    expectFsckClean(dir);
  });

  it('-m renames a branch (the current one too: HEAD follows), keeping its reflog', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    ok(await run(['branch', 'a']));
    ok(await run(['branch', '-m', 'a', 'b']));
    expect(
      gitIn(dir, ['branch', '--list'])
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ).toEqual(['b', '* main']);
    expect(gitIn(dir, ['reflog', 'show', 'b'])).toContain('renamed a to b');
    ok(await run(['branch', '-m', 'trunk']));
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/trunk');
    expect(parseJson<BranchJson[]>(ok(await run(['branch', '--json'])).stdout).find((b) => b.current)?.name).toBe(
      'trunk',
    );
    expect((await run(['branch', '-m', 'b', 'trunk'])).code).toBe(1);
    expectFsckClean(dir);
  });
});

describe('memoir checkout', () => {
  it('switches branches (HEAD symbolic, reflog entry) and creates one with -b', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    expect(ok(await run(['checkout', '-b', 'feature'])).stdout).toBe("Switched to a new branch 'feature'\n");
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/feature');
    expect(ok(await run(['checkout', 'main'])).stdout).toBe("Switched to branch 'main'\n");
    expect(gitIn(dir, ['reflog', '-1', 'HEAD'])).toContain('checkout: moving from feature to main');
    expect(ok(await run(['checkout', 'main'])).stdout).toBe("Already on 'main'\n");
    const json = parseJson<{ branch: string; created: boolean }>(
      ok(await run(['checkout', '-b', 'old', 'main~1', '--json'])).stdout,
    );
    expect(json).toMatchObject({ branch: 'old', created: true, detached: false });
    expect(revParse(dir, 'HEAD')).toBe(revParse(dir, 'main~1'));
    expect(textsAt(dir, 'HEAD', FOOD)).toEqual([]);
    expectFsckClean(dir);
  });

  it('a revision detaches HEAD, with a warning and a hint to create a branch', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    const result = ok(await run(['checkout', 'main~1']));
    expect(result.stderr).toContain("warning: you are in 'detached HEAD' state");
    expect(result.stderr).toContain(
      'hint: to keep what you commit here, create a branch: "memoir checkout -b <new-branch>"',
    );
    expect(gitIn(dir, ['rev-parse', 'HEAD']).trim()).toBe(revParse(dir, 'main~1'));
    expect(parseJson<{ branch: null; detached: boolean }>(ok(await run(['status', '--json'])).stdout)).toMatchObject({
      branch: null,
      detached: true,
    });
    expect((await run(['checkout', 'nope'])).code).toBe(2);
  });

  it('staged facts carry over when they apply to the target', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    ok(await run(['branch', 'feature']));
    ok(await run(['add', 'Likes ramen', '-p', FOOD], { env: at(50) }));
    const result = ok(await run(['checkout', 'feature']));
    expect(result.stderr).toContain('1 staged change carried over');
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Likes ramen']);
    ok(await run(['commit']));
    expect(textsAt(dir, 'feature', FOOD)).toEqual(['Likes pizza', 'Likes ramen']);
    expect(textsAt(dir, 'main', FOOD)).toEqual(['Likes pizza']);
  });

  it('refuses (exit 1) when staged changes would be lost or conflict; --force discards them, saying how many', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    ok(await s.run(['checkout', '-b', 'other']));
    await s.remember('I prefer light mode', THEME);
    await s.checkout('main');
    ok(await s.run(['branch', 'older', 'main~1']));
    // a removal of a fact "older" does not have, and a new theme where "other" holds another value
    const pizza = /id=([0-9a-f]+)/.exec(gitIn(dir, ['show', `main:preferences/food/cuisine.md`]))![1];
    ok(await s.run(['rm', pizza]));
    ok(await s.run(['add', 'I prefer solarized', '-p', THEME], { env: at(40) }));
    const before = snapshotRepository(dir);
    const refused = await s.run(['checkout', 'older', '--json']);
    expect(refused.code).toBe(1);
    expect(jsonError(refused)).toMatchObject({
      code: 'stage-would-be-lost',
      data: { changes: [{ op: 'remove', reason: 'gone' }] },
    });
    expect(snapshotRepository(dir)).toEqual(before);
    const conflict = await s.run(['checkout', 'other']);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('the leaf holds another value there');
    expect(conflict.stderr).toContain('--force');
    const forced = ok(await s.run(['checkout', 'other', '--force']));
    expect(forced.stderr).toContain('Discarded 1 staged change that would not apply here (--force)');
    expect(readStageFile(dir).ops.map((o) => o.op)).toEqual(['remove']);
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/other');
  });
});

describe('--branch and MEMOIR_BRANCH on writes', () => {
  it('add --commit --branch writes to that branch without switching, creating it from the current branch', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    const main = revParse(dir, 'main');
    const result = ok(
      await run(['add', 'Likes sushi', '-p', FOOD, '--commit', '--branch', 'agent-1', '--json'], { env: at(30) }),
    );
    expect(parseJson<{ commit: { branch: string } }>(result.stdout).commit.branch).toBe('agent-1');
    expect(revParse(dir, 'main')).toBe(main);
    expect(gitIn(dir, ['rev-parse', 'agent-1~1']).trim()).toBe(main);
    expect(textsAt(dir, 'agent-1', FOOD)).toEqual(['Likes pizza', 'Likes sushi']);
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
    // an existing branch gets the next commit on top
    ok(await run(['add', 'Likes tacos', '-p', FOOD, '--commit'], { env: { ...at(31), MEMOIR_BRANCH: 'agent-1' } }));
    expect(textsAt(dir, 'agent-1', FOOD)).toEqual(['Likes pizza', 'Likes sushi', 'Likes tacos']);
    expect(revParse(dir, 'main')).toBe(main);
    expect(gitIn(dir, ['reflog', 'show', 'agent-1']).split('\n').filter(Boolean)).toHaveLength(2);
    expectFsckClean(dir);
  });

  it('commit --branch applies the stage to that branch; a bad name exits 2 and keeps the stage', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes curry', '-p', FOOD], { env: at(30) }));
    const bad = await run(['commit', '--branch', 'a..b']);
    expect(bad.code).toBe(2);
    expect(readStageFile(dir).ops).toHaveLength(1);
    const badEnv = await run(['commit'], { env: { MEMOIR_BRANCH: 'no spaces' } });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('MEMOIR_BRANCH');
    ok(await run(['commit', '--branch', 'side']));
    expect(textsAt(dir, 'side', FOOD)).toEqual(['Likes pizza', 'Likes curry']);
    expect(textsAt(dir, 'main', FOOD)).toEqual(['Likes pizza']);
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('--branch needs --commit on add', async () => {
    const result = await runnerIn(repo())(['add', 'x', '-p', FOOD, '--branch', 'b']);
    expect(result.code).toBe(2);
  });
});
