import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { expectFsckClean, gitdirOf, gitIn, gitStatus, ok, repoTemplate, revParse } from '../helpers/e2e.js';
import { runnerIn } from '../helpers/inProcess.js';
import { FOOD, LANGS, THEME, sessionIn } from '../helpers/merge.js';

/*
 * A branch's upstream (issue 16): status, branch -vv, @{u} revisions, branch -u/--unset-upstream.
 * The remote-tracking refs are made by hand, as a fetch would leave them; every count is checked
 * against native git's `rev-list --left-right --count`.
 */

/** main with three commits, and a remote "origin" configured as `memoir remote add` records it (nothing fetched). */
const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  await s.remember('I prefer dark mode', THEME);
  await s.remember('Likes pizza', FOOD);
  await s.remember('Writes TypeScript', LANGS);
  gitIn(dir, ['config', 'remote.origin.url', 'https://example.com/memory.git']);
  gitIn(dir, ['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*']);
});

/** A terminal without colour. */
const person = { terminal: true, env: { NO_COLOR: '1' } };

interface UpstreamJson {
  name: string;
  remote: string;
  branch: string;
  ahead?: number;
  behind?: number;
  gone?: true;
}

/** `git rev-list --left-right --count a...b` as the JSON counts. */
function nativeCounts(dir: string, a: string, b: string) {
  const [ahead, behind] = gitIn(dir, ['rev-list', '--left-right', '--count', `${a}...${b}`])
    .trim()
    .split(/\s+/)
    .map(Number);
  return { ahead, behind };
}

const statusUpstream = async (run: ReturnType<typeof runnerIn>) =>
  parseJson<{ upstream: UpstreamJson | null }>(ok(await run(['status', '--json'])).stdout).upstream;

/** origin/main one commit behind main plus one commit of its own (as another clone pushed it), main following it. */
async function diverged(dir: string) {
  const s = sessionIn(dir);
  ok(await s.run(['branch', 'elsewhere', 'main~1']));
  await s.checkout('elsewhere');
  for (let i = 0; i < 5; i++) s.tick();
  await s.remember('Likes sushi', FOOD);
  gitIn(dir, ['update-ref', 'refs/remotes/origin/main', revParse(dir, 'elsewhere')]);
  await s.checkout('main');
  ok(await s.run(['branch', '-D', 'elsewhere']));
  ok(await s.run(['branch', '--set-upstream-to', 'origin/main']));
  return s;
}

describe('status with an upstream', () => {
  it('shows nothing of an upstream where the branch follows none', async () => {
    const run = runnerIn(repo());
    expect(ok(await run(['status'])).stdout).not.toContain('# upstream');
    expect(await statusUpstream(run)).toBeNull();
  });

  it('counts ahead and behind as git does, before and after merging the upstream in', async () => {
    const dir = repo();
    const s = await diverged(dir);
    expect(await statusUpstream(s.run)).toEqual({
      name: 'origin/main',
      remote: 'origin',
      branch: 'main',
      ...nativeCounts(dir, 'main', 'origin/main'),
    });
    expect(nativeCounts(dir, 'main', 'origin/main')).toEqual({ ahead: 1, behind: 1 });
    expect(ok(await s.run(['status'])).stdout).toContain('# upstream origin/main +1 -1\n');

    ok(await s.run(['merge', 'origin/main', '--no-input']));
    expect(await statusUpstream(s.run)).toMatchObject({ ahead: 2, behind: 0 });
    expect(nativeCounts(dir, 'main', 'origin/main')).toEqual({ ahead: 2, behind: 0 });

    gitIn(dir, ['update-ref', 'refs/remotes/origin/main', revParse(dir, 'main')]);
    expect(ok(await s.run(['status'])).stdout).toContain('# upstream origin/main +0 -0\n');
    expectFsckClean(dir);
  });

  it('says the upstream is gone when its remote-tracking ref is missing (no counts)', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    gitIn(dir, ['config', 'branch.main.remote', 'origin']);
    gitIn(dir, ['config', 'branch.main.merge', 'refs/heads/main']);
    expect(await statusUpstream(run)).toEqual({ name: 'origin/main', remote: 'origin', branch: 'main', gone: true });
    expect(ok(await run(['status'])).stdout).toContain('# upstream origin/main gone\n');
    expect(ok(await run(['branch', '-vv'])).stdout).toMatch(/^\*\tmain\t[0-9a-f]{40}\t.*\torigin\/main\tgone\n$/);
  });

  it("tells a person in git's words, and branch -vv shows [origin/main: ahead 1, behind 1]", async () => {
    const dir = repo();
    const s = await diverged(dir);
    const human = ok(await s.run(['status'], person)).stdout;
    expect(human).toContain("Your branch and 'origin/main' have diverged, and have 1 and 1 different commits each.");
    const branches = ok(await s.run(['branch', '-vv'], person)).stdout;
    expect(branches).toMatch(/^\* main +[0-9a-f]{7} +\[origin\/main: ahead 1, behind 1\] /);
    // -v alone: the tip and subject, no upstream
    expect(ok(await s.run(['branch', '-v'], person)).stdout).not.toContain('origin/main');
    expect(ok(await s.run(['branch', '--verbose', '--verbose'], person)).stdout).toBe(branches);
    gitIn(dir, ['update-ref', 'refs/remotes/origin/main', revParse(dir, 'main~1')]);
    expect(ok(await s.run(['status'], person)).stdout).toContain("Your branch is ahead of 'origin/main' by 1 commit.");
    expect(ok(await s.run(['branch', '-vv'], person)).stdout).toContain('[origin/main: ahead 1]');
  });
});

describe('branch -r and -a', () => {
  it('names remote-tracking branches as git does: origin/main with -r, remotes/origin/main beside the local ones with -a', async () => {
    const dir = repo();
    await diverged(dir);
    const run = runnerIn(dir);
    const names = (out: string) =>
      out
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[1]);
    expect(names(ok(await run(['branch', '-r'])).stdout)).toEqual(['origin/main']);
    expect(names(ok(await run(['branch', '-a'])).stdout)).toEqual(['main', 'remotes/origin/main']);
    const human = ok(await run(['branch', '-a'], person)).stdout;
    expect(human).toMatch(/^\* main +[0-9a-f]{7} .*\n {2}remotes\/origin\/main +[0-9a-f]{7} /);
    expect(ok(await run(['branch', '-r'], person)).stdout).toMatch(/^ {2}origin\/main +[0-9a-f]{7} /);
    expect(gitIn(dir, ['branch', '-r']).trim()).toBe('origin/main');
    const json = parseJson<Array<{ name: string; remote?: true }>>(ok(await run(['branch', '-a', '--json'])).stdout);
    expect(json.map((b) => [b.name, b.remote ?? false])).toEqual([
      ['main', false],
      ['origin/main', true],
    ]);
  });
});

describe('branch -vv --json and plain', () => {
  it('gives each branch its upstream, in the same shape as status', async () => {
    const dir = repo();
    const s = await diverged(dir);
    ok(await s.run(['branch', 'feature']));
    const list = parseJson<Array<{ name: string; upstream: UpstreamJson | null }>>(
      ok(await s.run(['branch', '--json'])).stdout,
    );
    expect(list).toEqual([
      expect.objectContaining({ name: 'feature', upstream: null }),
      expect.objectContaining({
        name: 'main',
        upstream: { name: 'origin/main', remote: 'origin', branch: 'main', ahead: 1, behind: 1 },
      }),
    ]);
    const plain = ok(await s.run(['branch', '-vv']))
      .stdout.split('\n')
      .filter(Boolean);
    expect(plain.map((l) => l.split('\t').slice(4))).toEqual([
      ['', ''],
      ['origin/main', '+1 -1'],
    ]);
    // without -vv the plain records keep their four fields
    expect(
      ok(await s.run(['branch']))
        .stdout.split('\n')[0]
        .split('\t'),
    ).toHaveLength(4);
  });
});

describe('@{upstream} revisions', () => {
  it('resolves @{u}, @{upstream}, main@{u} in any case, with ~N and ^N after them, as native git does', async () => {
    const dir = repo();
    const s = await diverged(dir);
    for (const rev of [
      '@{u}',
      '@{upstream}',
      '@{U}',
      'main@{u}',
      'main@{UPSTREAM}',
      '@{u}~1',
      'main@{u}^',
      'HEAD@{u}~2',
    ]) {
      const shown = parseJson<{ id: string }>(ok(await s.run(['show', rev, '--json'])).stdout);
      expect(shown.id, rev).toBe(revParse(dir, rev.replace(/^HEAD@/, '@')));
    }
  });

  it('refuses @{u} on a branch that follows nothing, naming the two ways to set one (exit 2)', async () => {
    const run = runnerIn(repo());
    const result = await run(['show', '@{u}']);
    expect(result.errorCode).toBe('no-upstream');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('memoir branch --set-upstream-to origin/main');
    expect(result.stderr).toContain('memoir push -u origin main');
  });

  it('refuses @{u} whose remote-tracking ref is missing, with the hint to fetch (exit 2)', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    gitIn(dir, ['config', 'branch.main.remote', 'origin']);
    gitIn(dir, ['config', 'branch.main.merge', 'refs/heads/main']);
    const result = await run(['show', 'main@{u}']);
    expect(result.errorCode).toBe('upstream-gone');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('memoir fetch origin');
  });

  it('refuses nope@{u} for a branch that does not exist, and @{u} on a detached HEAD', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    expect((await run(['show', 'nope@{u}'])).errorCode).toBe('unknown-revision');
    ok(await run(['checkout', 'main~1']));
    const detached = await run(['show', '@{u}']);
    expect(detached.errorCode).toBe('unknown-revision');
    expect(detached.code).toBe(2);
  });
});

describe('branch --set-upstream-to / --unset-upstream', () => {
  it('records the upstream in the keys native git reads, and forgets it', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    gitIn(dir, ['update-ref', 'refs/remotes/origin/main', revParse(dir, 'main~1')]);
    expect(ok(await run(['branch', '-u', 'origin/main'])).stdout).toBe('Branch main follows origin/main\n');
    expect(gitIn(dir, ['config', 'branch.main.remote']).trim()).toBe('origin');
    expect(gitIn(dir, ['config', 'branch.main.merge']).trim()).toBe('refs/heads/main');
    expect(gitIn(dir, ['rev-parse', '--abbrev-ref', 'main@{u}']).trim()).toBe('origin/main');

    ok(await run(['branch', 'feature']));
    const set = parseJson(ok(await run(['branch', '--set-upstream-to', 'origin/main', 'feature', '--json'])).stdout);
    expect(set).toEqual({
      action: 'upstream-set',
      name: 'feature',
      upstream: 'origin/main',
      remote: 'origin',
      merge: 'refs/heads/main',
    });
    expect(gitIn(dir, ['rev-parse', '--abbrev-ref', 'feature@{u}']).trim()).toBe('origin/main');

    expect(ok(await run(['branch', '--unset-upstream'])).stdout).toBe('Branch main no longer follows origin/main\n');
    expect(gitStatus(dir, ['config', 'branch.main.remote'])).toBe(1);
    const again = await run(['branch', '--unset-upstream']);
    expect(again.errorCode).toBe('no-upstream');
    expect(again.code).toBe(2);
    expect(gitIn(dir, ['config', 'branch.feature.remote']).trim()).toBe('origin');
    expectFsckClean(dir);
  });

  it('refuses a remote-tracking branch that was never fetched (hint: fetch) and changes nothing', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    const config = fs.readFileSync(path.join(gitdirOf(dir), 'config'), 'utf8');
    const result = await run(['branch', '-u', 'origin/main']);
    expect(result.errorCode).toBe('unknown-upstream');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('memoir fetch origin');
    // a tracking ref no configured remote fetches into
    gitIn(dir, ['update-ref', 'refs/remotes/stray/main', revParse(dir)]);
    expect((await run(['branch', '-u', 'stray/main'])).errorCode).toBe('unknown-upstream');
    expect((await run(['branch', '-u', 'origin/main', 'nope'])).errorCode).toBe('unknown-branch');
    expect((await run(['branch', '-u', 'origin/main', '--unset-upstream'])).code).toBe(2);
    expect(fs.readFileSync(path.join(gitdirOf(dir), 'config'), 'utf8')).toBe(config);
  });

  it('follows a local branch (remote ".", as git records it)', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    ok(await run(['branch', 'base', 'main~2']));
    ok(await run(['branch', '-u', 'base']));
    expect(gitIn(dir, ['config', 'branch.main.remote']).trim()).toBe('.');
    expect(await statusUpstream(run)).toEqual({
      name: 'base',
      remote: '.',
      branch: 'base',
      ...nativeCounts(dir, 'main', 'base'),
    });
    expect(parseJson<{ id: string }>(ok(await run(['show', '@{u}', '--json'])).stdout).id).toBe(revParse(dir, 'base'));
  });

  it('moves the upstream with a renamed branch and forgets it with a deleted one, as git does', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    gitIn(dir, ['update-ref', 'refs/remotes/origin/main', revParse(dir)]);
    ok(await run(['branch', 'work']));
    ok(await run(['branch', '-u', 'origin/main', 'work']));
    ok(await run(['branch', '-m', 'work', 'play']));
    expect(gitStatus(dir, ['config', 'branch.work.remote'])).toBe(1);
    expect(gitIn(dir, ['rev-parse', '--abbrev-ref', 'play@{u}']).trim()).toBe('origin/main');
    ok(await run(['branch', '-d', 'play']));
    expect(gitStatus(dir, ['config', 'branch.play.remote'])).toBe(1);
    ok(await run(['branch', 'play']));
    expect((await run(['show', 'play@{u}'])).errorCode).toBe('no-upstream');
  });
});
