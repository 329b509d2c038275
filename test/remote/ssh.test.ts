import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { expectFsckClean, gitIn, ok, revParse } from '../helpers/e2e.js';
import { memoirIn, runIn } from '../helpers/inProcess.js';
import { sshShim } from '../helpers/sshShim.js';

/*
 * SSH remotes go through the system's git, with the user's ssh set-up: here GIT_SSH_COMMAND is a
 * shim that runs git-upload-pack / git-receive-pack locally, so no sshd is needed.
 */

function bare(head = 'main'): string {
  const dir = path.join(tempDir(), 'memory.git');
  execFileSync('git', ['init', '-q', '--bare', `--initial-branch=${head}`, dir]);
  return dir;
}

describe('remotes over SSH, through the system git', () => {
  it('clones, pushes and pulls, with git running on a scratch repository, never on the store', async () => {
    const remote = bare('master');
    const shim = sshShim(tempDir());
    const env = shim.env;
    const url = `git@example.com:${remote}`;
    const a = tempDir();
    ok(await memoirIn(['clone', url, '.'], { cwd: a, env }));
    // a hook planted in the store never runs: git works on memoir's scratch repository
    const planted = path.join(tempDir(), 'hook-ran');
    fs.writeFileSync(path.join(a, '.memoir/hooks/pre-push'), `#!/bin/sh\ntouch ${planted}\n`, { mode: 0o755 });
    ok(await runIn(a, ['add', '--yes', '--commit', 'I prefer dark mode in every app']));
    ok(await runIn(a, ['push', '-u'], env));
    expect(fs.existsSync(planted)).toBe(false);
    expect(execFileSync('git', ['--git-dir', remote, 'rev-parse', 'main'], { encoding: 'utf8' }).trim()).toBe(
      revParse(a),
    );

    const b = tempDir();
    ok(await memoirIn(['clone', `ssh://git@example.com${remote}`, '.'], { cwd: b, env }));
    expect(revParse(b)).toBe(revParse(a));
    ok(await runIn(a, ['add', '--yes', '--commit', 'PRs need two approvals before merging']));
    ok(await runIn(a, ['push'], env));
    const pulled = ok(await runIn(b, ['pull', '--json'], env));
    expect(JSON.parse(pulled.stdout).status).toBe('fast-forward');
    expect(revParse(b)).toBe(revParse(a));
    expectFsckClean(b);
    expect(fs.readdirSync(path.join(b, '.memoir/state/tmp'))).toEqual([]);
    const calls = fs.readFileSync(shim.log, 'utf8');
    expect(calls).toContain('git-upload-pack');
    expect(calls).toContain('git-receive-pack');
    expect(gitIn(b, ['config', 'remote.origin.url']).trim()).toBe(`ssh://git@example.com${remote}`);
  });

  it('without git on the PATH, says so and names the two ways forward', async () => {
    const dir = tempDir();
    ok(await memoirIn(['init'], { cwd: dir }));
    ok(await runIn(dir, ['remote', 'add', 'origin', 'git@example.com:org/memories.git']));
    const empty = tempDir();
    const result = await runIn(dir, ['fetch'], { PATH: empty });
    expect([result.code, result.errorCode]).toEqual([1, 'git-not-installed']);
    expect(result.stderr).toMatch(/install git/);
    expect(result.stderr).toMatch(/HTTPS/);
  });
});
