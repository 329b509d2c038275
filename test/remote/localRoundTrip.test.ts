import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runClone } from '../../src/app/clone.js';
import { runPull } from '../../src/app/pull.js';
import { runPush } from '../../src/app/push.js';
import { createContext } from '../../src/runtime/context.js';
import { tempDir, testEnv } from '../helpers/cli.js';
import { expectFsckClean, gitdirOf, gitIn, revParse } from '../helpers/e2e.js';
import { runIn, silentIO } from '../helpers/inProcess.js';

function depsIn(dir: string) {
  const context = createContext(silentIO, testEnv(dir), dir, '0.0.0-test');
  context.globals = { memoirDir: gitdirOf(dir) };
  context.commandName = 'test';
  return context;
}

function bareRemote(head = 'master'): string {
  const dir = path.join(tempDir(), 'memory.git');
  execFileSync('git', ['init', '-q', '--bare', `--initial-branch=${head}`, dir]);
  return dir;
}

const texts = async (dir: string, leaf = 'preferences.ui.theme') =>
  JSON.parse((await runIn(dir, ['get', leaf, '--json'])).stdout).map((f: { text: string }) => f.text);

describe('a bare repository on a disk as the remote', () => {
  it('clones empty, pushes the first branch, and a second clone sees the facts', async () => {
    const remote = bareRemote();
    const a = tempDir();
    const cloned = await runClone(remote, a, {}, depsIn(a));
    expect(cloned.branch).toBeUndefined();
    expect(cloned.branches).toEqual([]);
    await runIn(a, ['add', '--yes', '--commit', 'I prefer dark mode in every app']);
    const pushed = await runPush('origin', undefined, { setUpstream: true }, depsIn(a));
    expect(pushed.branches).toMatchObject([{ branch: 'main', remoteBranch: 'main', kind: 'new' }]);
    expect(execFileSync('git', ['--git-dir', remote, 'rev-parse', 'main'], { encoding: 'utf8' }).trim()).toBe(
      revParse(a),
    );
    expect(revParse(a, 'refs/remotes/origin/main')).toBe(revParse(a));
    expect(gitIn(a, ['config', 'branch.main.remote']).trim()).toBe('origin');

    const b = tempDir();
    const second = await runClone(remote, b, {}, depsIn(b));
    expect(second).toMatchObject({ branch: 'main', commit: revParse(a) });
    expect(await texts(b)).toEqual(['I prefer dark mode in every app']);
    expectFsckClean(b);
    execFileSync('git', ['--git-dir', remote, 'fsck', '--strict']);
  });

  it('refuses the second of two diverging pushes, then pull merges fact by fact and the push goes through', async () => {
    const remote = bareRemote('main');
    const a = tempDir();
    await runClone(remote, a, {}, depsIn(a));
    await runIn(a, ['add', '--yes', '--commit', 'I prefer dark mode in every app']);
    await runPush('origin', undefined, { setUpstream: true }, depsIn(a));
    const b = tempDir();
    await runClone(remote, b, {}, depsIn(b));
    await runIn(a, ['add', '--yes', '--commit', 'PRs need two approvals before merging']);
    await runPush(undefined, undefined, {}, depsIn(a));
    await runIn(b, ['add', '--yes', '--commit', 'I drink my coffee black']);
    const before = revParse(b);
    await expect(runPush(undefined, undefined, {}, depsIn(b))).rejects.toMatchObject({ code: 'push-rejected' });
    expect(execFileSync('git', ['--git-dir', remote, 'rev-parse', 'main'], { encoding: 'utf8' }).trim()).toBe(
      revParse(a),
    );
    expect(revParse(b)).toBe(before);

    const pulled = await runPull(undefined, undefined, {}, depsIn(b));
    expect(pulled.merge.kind).toBe('merged');
    await runPush(undefined, undefined, {}, depsIn(b));
    await runPull(undefined, undefined, {}, depsIn(a));
    expect(revParse(a)).toBe(revParse(b));
    expect(await texts(a, 'preferences.food.drinks')).toEqual(['I drink my coffee black']);
    expect(await texts(a, 'workflow.review.process')).toEqual(['PRs need two approvals before merging']);
    expectFsckClean(a);
  });
});

describe('branches on a remote', () => {
  it('push --all sends every branch, push --delete removes one, and fetch --prune drops its tracking ref', async () => {
    const remote = bareRemote('main');
    const a = tempDir();
    await runClone(remote, a, {}, depsIn(a));
    await runIn(a, ['add', '--yes', '--commit', 'I prefer dark mode in every app']);
    await runIn(a, ['branch', 'agent-2']);
    const pushed = JSON.parse((await runIn(a, ['push', '--all', '--json'])).stdout);
    expect(pushed.branches.map((b: { branch: string }) => b.branch)).toEqual(['agent-2', 'main']);
    const b = tempDir();
    await runClone(remote, b, {}, depsIn(b));
    expect(gitIn(b, ['for-each-ref', '--format=%(refname)', 'refs/remotes']).trim().split('\n')).toEqual([
      'refs/remotes/origin/HEAD',
      'refs/remotes/origin/agent-2',
      'refs/remotes/origin/main',
    ]);

    const deleted = await runIn(a, ['push', 'origin', '--delete', 'agent-2', '--json']);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout).branches).toMatchObject([{ branch: 'agent-2', kind: 'deleted' }]);
    expect(() => execFileSync('git', ['--git-dir', remote, 'rev-parse', '--verify', '-q', 'agent-2'])).toThrow();
    // a fetch without --prune keeps what it saw; with it, the tracking ref goes too
    const kept = JSON.parse((await runIn(b, ['fetch', '--json'])).stdout);
    expect(kept.remotes[0].updates.map((u: { kind: string }) => u.kind)).toEqual(['up-to-date']);
    const pruned = JSON.parse((await runIn(b, ['fetch', '--all', '--prune', '--json'])).stdout);
    expect(pruned.remotes[0].updates).toMatchObject([{ kind: 'up-to-date' }, { branch: 'agent-2', kind: 'pruned' }]);
    expect(gitIn(b, ['for-each-ref', '--format=%(refname)', 'refs/remotes/origin/agent-2']).trim()).toBe('');
    expectFsckClean(b);
  });

  it('names the remotes there are when asked for one that is not configured', async () => {
    const dir = tempDir();
    await runClone(bareRemote('main'), dir, {}, depsIn(dir));
    const result = await runIn(dir, ['fetch', 'upstream']);
    expect([result.code, result.errorCode]).toEqual([2, 'unknown-remote']);
    expect(result.stderr).toContain('origin');
  });
});
