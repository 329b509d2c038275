import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { expectFsckClean, gitIn, ok, revParse } from '../helpers/e2e.js';
import { deadUrl, type GitServer, isolatedGitEnv, startGitServer } from '../helpers/gitServer.js';
import { memoirIn, runIn } from '../helpers/inProcess.js';

/*
 * Remotes over smart HTTP, against git's own `git http-backend` on loopback (test/helpers/gitServer.ts):
 * memoir's client in-process, native git beside it to read back and to write as another tool would.
 */

let server: GitServer;
beforeAll(async () => {
  server = await startGitServer();
});
afterAll(() => server.stop());

const TOKEN = 'ghp_' + 'R8kq2ZfW7mNc4Lx9Tb1Vd6Hs3Jy0Pa5Ue2Gi';

async function clone(url: string): Promise<string> {
  const dir = tempDir();
  ok(await memoirIn(['clone', url, '.'], { cwd: dir }));
  return dir;
}

/** A remote with one fact on main, pushed from the clone `a` (which follows origin/main). */
async function published(name: string): Promise<{ url: string; a: string }> {
  const url = server.createBare(name, { head: 'main' });
  const a = await clone(url);
  await remember(a, 'I prefer dark mode in every app');
  ok(await runIn(a, ['push', '-u']));
  return { url, a };
}

const remember = async (dir: string, text: string) => ok(await runIn(dir, ['add', '--yes', '--commit', text]));
const texts = async (dir: string, leaf: string) =>
  JSON.parse(ok(await runIn(dir, ['get', leaf, '--json'])).stdout).map((f: { text: string }) => f.text);
const remoteHead = (bare: string, branch = 'main') =>
  execFileSync('git', ['--git-dir', bare, 'rev-parse', branch], { encoding: 'utf8' }).trim();
const barePath = (name: string) => path.join(server.root, `${name}.git`);

/** A non-bare clone made with native git, to commit as plain git would. */
function nativeClone(url: string): string {
  const dir = path.join(tempDir(), 'work');
  const env = {
    ...isolatedGitEnv(path.dirname(dir)),
    GIT_AUTHOR_NAME: 'Plain Git',
    GIT_AUTHOR_EMAIL: 'plain@example.com',
  };
  execFileSync('git', ['clone', '-q', '-b', 'main', url, dir], { env });
  return dir;
}

function nativeCommitAndPush(dir: string, file: string, line: string): void {
  const env = {
    ...isolatedGitEnv(path.dirname(dir)),
    GIT_AUTHOR_NAME: 'Plain Git',
    GIT_AUTHOR_EMAIL: 'plain@example.com',
    GIT_COMMITTER_NAME: 'Plain Git',
    GIT_COMMITTER_EMAIL: 'plain@example.com',
  };
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.appendFileSync(path.join(dir, file), line);
  execFileSync('git', ['-C', dir, 'add', file], { env });
  execFileSync('git', ['-C', dir, 'commit', '-q', '-m', 'Add a fact by hand'], { env });
  execFileSync('git', ['-C', dir, 'push', '-q', 'origin', 'HEAD:main'], { env });
}

describe('remotes over smart HTTP', () => {
  it('clones an empty repository, creates its branch with the first push, and a second clone sees the facts', async () => {
    // HEAD of the bare repository names master; only main is ever pushed
    const url = server.createBare('round-trip');
    const a = await clone(url);
    await remember(a, 'I prefer dark mode in every app');
    const pushed = ok(await runIn(a, ['push', '-u', 'origin', 'main', '--json']));
    expect(JSON.parse(pushed.stdout).branches).toMatchObject([{ branch: 'main', kind: 'new' }]);
    expect(remoteHead(barePath('round-trip'))).toBe(revParse(a));
    expect(gitIn(a, ['rev-parse', '@{upstream}']).trim()).toBe(revParse(a));

    const b = await clone(url);
    expect(revParse(b)).toBe(revParse(a));
    expect(await texts(b, 'preferences.ui.theme')).toEqual(['I prefer dark mode in every app']);
    expect(gitIn(b, ['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('main');
    expect(JSON.parse(ok(await runIn(b, ['branch', '-r', '--json'])).stdout)).toMatchObject([
      { name: 'origin/main', remote: true, commit: revParse(a) },
    ]);
    expect(gitIn(b, ['symbolic-ref', 'refs/remotes/origin/HEAD']).trim()).toBe('refs/remotes/origin/main');
    expectFsckClean(b);

    // native git reads the same remote: the facts are readable files
    const work = nativeClone(url);
    expect(fs.readFileSync(path.join(work, 'preferences/ui/theme.md'), 'utf8')).toContain(
      'I prefer dark mode in every app',
    );
    execFileSync('git', ['--git-dir', barePath('round-trip'), 'fsck', '--strict']);
  });

  it('refuses a push that would drop commits before anything is sent; pull merges fact by fact, then the push goes through', async () => {
    const { url, a } = await published('diverge');
    const b = await clone(url);
    await remember(a, 'PRs need two approvals before merging');
    ok(await runIn(a, ['push']));
    await remember(b, 'I drink my coffee black');

    const posts = () =>
      server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('git-receive-pack')).length;
    const before = posts();
    const refused = await runIn(b, ['push']);
    expect(refused.code).toBe(1);
    expect(refused.errorCode).toBe('push-rejected');
    expect(refused.stderr).toContain('memoir pull');
    expect(posts()).toBe(before);
    expect(remoteHead(barePath('diverge'))).toBe(revParse(a));

    const pulled = ok(await runIn(b, ['pull', '--json']));
    expect(JSON.parse(pulled.stdout).status).toBe('merged');
    expect(gitIn(b, ['log', '-1', '--format=%s']).trim()).toBe("Merge remote-tracking branch 'origin/main' into main");
    ok(await runIn(b, ['push']));
    ok(await runIn(a, ['pull']));
    expect(revParse(a)).toBe(revParse(b));
    expect(await texts(a, 'preferences.food.drinks')).toEqual(['I drink my coffee black']);
    expect(await texts(b, 'workflow.review.process')).toEqual(['PRs need two approvals before merging']);
    expectFsckClean(a);
  });

  it('a conflicting pull stops with exit 3; resolve and merge --continue finish it', async () => {
    const { url, a } = await published('conflict');
    const b = await clone(url);
    await remember(a, 'I prefer light mode in every app');
    ok(await runIn(a, ['push']));
    await remember(b, 'I prefer a sepia theme in every app');
    const pulled = await runIn(b, ['pull']);
    expect(pulled.code).toBe(3);
    ok(await runIn(b, ['resolve', 'preferences.ui.theme', '--theirs']));
    ok(await runIn(b, ['merge', '--continue']));
    expect(await texts(b, 'preferences.ui.theme')).toEqual(['I prefer light mode in every app']);
    ok(await runIn(b, ['push']));
    expect(remoteHead(barePath('conflict'))).toBe(revParse(b));
  });

  it('--force-with-lease overwrites only a remote branch that is where memoir last saw it', async () => {
    const { url, a } = await published('lease');
    const b = await clone(url);
    await remember(a, 'PRs need two approvals before merging');
    ok(await runIn(a, ['push']));
    ok(await runIn(b, ['reset', '--hard', '--force', 'HEAD']));
    await remember(b, 'I drink my coffee black');
    const stale = await runIn(b, ['push', '--force-with-lease']);
    expect(stale.errorCode).toBe('stale-lease');
    expect(stale.code).toBe(1);
    expect(remoteHead(barePath('lease'))).toBe(revParse(a));
    ok(await runIn(b, ['fetch']));
    ok(await runIn(b, ['push', '--force-with-lease']));
    expect(remoteHead(barePath('lease'))).toBe(revParse(b));
  });

  it('a server that dies in the middle of a fetch changes nothing locally', async () => {
    const url = server.createBare('cut', { head: 'main' });
    const a = await clone(url);
    for (const text of ['I prefer dark mode in every app', 'PRs need two approvals before merging'])
      await remember(a, text);
    ok(await runIn(a, ['push', '-u']));
    const b = tempDir();
    ok(await memoirIn(['init'], { cwd: b }));
    ok(await runIn(b, ['remote', 'add', 'origin', url]));
    const refs = () => gitIn(b, ['for-each-ref']);
    const before = refs();
    server.cutNext('git-upload-pack', 200);
    const cut = await runIn(b, ['fetch']);
    expect(cut.code).toBe(1);
    expect(['remote-transfer-failed', 'remote-unreachable']).toContain(cut.errorCode);
    expect(refs()).toBe(before);
    expect(fs.readdirSync(path.join(b, '.memoir/objects/pack'))).toEqual([]);
    expectFsckClean(b);
    ok(await runIn(b, ['fetch']));
    expect(revParse(b, 'origin/main')).toBe(revParse(a));
  });

  it('pulls a fact committed with plain git, and shows it in log, get and blame', async () => {
    const { url, a } = await published('plain');
    nativeCommitAndPush(nativeClone(url), 'preferences/food/drinks.md', '- I drink my coffee black\n');
    ok(await runIn(a, ['pull']));
    expect(await texts(a, 'preferences.food.drinks')).toEqual(['I drink my coffee black']);
    expect(ok(await runIn(a, ['log', '-n', '1'])).stdout).toContain('Add a fact by hand');
    expect(ok(await runIn(a, ['blame', 'preferences.food.drinks'])).stdout).toContain('Plain Git');
  });

  it('stops a pull that brings a credential before any ref moves, the tracking refs included (exit 4)', async () => {
    const { url, a } = await published('secret');
    nativeCommitAndPush(nativeClone(url), 'preferences/food/drinks.md', `- the deploy token is ${TOKEN}\n`);
    const refs = gitIn(a, ['for-each-ref']);
    const refused = await runIn(a, ['pull']);
    expect(refused.code).toBe(4);
    expect(refused.errorCode).toBe('secret-in-merge');
    expect(refused.stdout + refused.stderr).not.toContain(TOKEN.slice(4, 14));
    expect(gitIn(a, ['for-each-ref'])).toBe(refs);
    const taken = ok(await runIn(a, ['pull', '--allow-invalid']));
    expect(taken.stderr).toMatch(/taken with --allow-invalid: commit [0-9a-f]{7} adds .+ at preferences\.food\.drinks/);
    expect(taken.stdout + taken.stderr).not.toContain(TOKEN.slice(4, 14));
  });

  it('says in one line that a server is down or that there is no repository, and changes nothing', async () => {
    const dir = tempDir();
    ok(await memoirIn(['init'], { cwd: dir }));
    ok(await runIn(dir, ['remote', 'add', 'down', `${await deadUrl()}/memory.git`]));
    ok(await runIn(dir, ['remote', 'add', 'nowhere', `${server.url}/missing.git`]));
    const down = await runIn(dir, ['fetch', 'down']);
    expect([down.code, down.errorCode]).toEqual([1, 'remote-unreachable']);
    expect(down.stderr.trim().split('\n')[0]).toMatch(/cannot reach down/);
    const missing = await runIn(dir, ['fetch', 'nowhere']);
    expect([missing.code, missing.errorCode]).toEqual([1, 'remote-not-found']);
    expect(gitIn(dir, ['for-each-ref'])).toBe('');
  });
});

describe('a remote that needs credentials', () => {
  let guarded: GitServer;
  beforeAll(async () => {
    guarded = await startGitServer({ auth: { username: 'ci-bot', password: 'pw-correct-horse' } });
  });
  afterAll(() => guarded.stop());

  it('is refused with a clear error without credentials, and cloned with MEMOIR_REMOTE_USERNAME/PASSWORD or a token', async () => {
    const url = guarded.createBare('private', { head: 'main' });
    const none = tempDir();
    const refused = await memoirIn(['clone', url, '.'], { cwd: none });
    expect([refused.code, refused.errorCode]).toEqual([1, 'remote-auth-failed']);
    expect(fs.existsSync(path.join(none, '.memoir'))).toBe(false);

    const dir = tempDir();
    const env = { MEMOIR_REMOTE_USERNAME: 'ci-bot', MEMOIR_REMOTE_PASSWORD: 'pw-correct-horse' };
    const cloned = ok(await memoirIn(['clone', url, '.'], { cwd: dir, env }));
    expect(cloned.stdout + cloned.stderr).not.toContain('correct-horse');
    await remember(dir, 'I prefer dark mode in every app');
    ok(await runIn(dir, ['push', '-u'], env));
    const wrong = await runIn(dir, ['fetch'], { MEMOIR_REMOTE_TOKEN: 'not-the-password' });
    expect([wrong.code, wrong.errorCode]).toEqual([1, 'remote-auth-failed']);
    expect(wrong.stderr).toContain('MEMOIR_REMOTE_TOKEN');
    expect(wrong.stderr).not.toContain('not-the-password');
    const authorized = guarded.requests.filter((r) => r.authorized).length;
    expect(authorized).toBeGreaterThan(0);
  });
});
