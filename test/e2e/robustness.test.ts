import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, git, initRepo, memoir, memoirAsync, parseJson, testEnv } from '../helpers/cli.js';

const MANY = ['preferences.food.cuisine', 'relationships.pets.animals', 'knowledge.technical.gotchas', 'work.skills.technical'];

function writeFacts(dir: string, count: number, tag = 'fact'): string {
  const file = path.join(dir, `${tag}.jsonl`);
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ text: `${tag} number ${i}`, path: MANY[i % MANY.length] }));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function factCount(dir: string): number {
  const result = memoir(['ls', '--json'], { cwd: dir });
  expect(result.code).toBe(0);
  return parseJson<Array<{ count: number }>>(result.stdout).reduce((n, e) => n + e.count, 0);
}

function fsckClean(dir: string): void {
  expect(() => git(path.join(dir, '.memoir'), ['fsck', '--strict', '--no-progress'])).not.toThrow();
}

const lockFile = (dir: string) => path.join(dir, '.memoir', 'state', 'lock');

/** The pid of a process that has already exited: a lock it held is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('concurrent writers', () => {
  it('four simultaneous "add --commit" all succeed and no fact is lost', async () => {
    const dir = initRepo();
    const runs = await Promise.all(
      [0, 1, 2, 3].map((i) => memoirAsync(['add', `concurrent fact ${i}`, '--path', 'relationships.friends.close', '--commit'], { cwd: dir })),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const facts = parseJson<Array<{ text: string }>>(memoir(['get', 'relationships.friends.close', '--json'], { cwd: dir }).stdout);
    expect(facts.map((f) => f.text).sort()).toEqual([0, 1, 2, 3].map((i) => `concurrent fact ${i}`));
    // four commits in one line of history: each writer committed on top of the previous one
    expect(git(path.join(dir, '.memoir'), ['rev-list', '--count', 'main']).trim()).toBe('4');
    expect(git(path.join(dir, '.memoir'), ['rev-list', '--min-parents=2', 'main']).trim()).toBe('');
    fsckClean(dir);
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('a writer that cannot get the lock in time fails with lock-timeout and changes nothing', () => {
    const dir = initRepo();
    // a lock held by a live process: this test runner
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), command: 'add' }));
    const stageBefore = fs.readFileSync(path.join(dir, '.memoir', 'state', 'stage.json'), 'utf8');
    const started = Date.now();
    const result = memoir(['--lock-timeout', '0.3', 'add', 'x', '--path', 'preferences.ui.theme', '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(parseJson<{ code: string }>(result.stderr).code).toBe('lock-timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(fs.readFileSync(path.join(dir, '.memoir', 'state', 'stage.json'), 'utf8')).toBe(stageBefore);
    const plain = memoir(['add', 'x', '--path', 'preferences.ui.theme'], { cwd: dir, env: { MEMOIR_LOCK_TIMEOUT: '0.1' } });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(`locked by pid ${process.pid}`);
    expect(plain.stderr).toContain('waiting for another memoir process');
  });

  it('a stale lock left by a dead process is detected and cleared', () => {
    const dir = initRepo();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: deadPid(), host: os.hostname(), since: '2020-01-01T00:00:00Z', command: 'commit' }));
    const result = memoir(['add', 'after a crash', '--path', 'preferences.ui.theme', '--commit'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('an empty lock file (a writer killed between creating and filling it) is cleared once it is old', () => {
    const dir = initRepo();
    fs.writeFileSync(lockFile(dir), '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFile(dir), old, old);
    expect(memoir(['add', 'x', '--path', 'preferences.ui.theme', '--commit'], { cwd: dir }).code).toBe(0);
  });
});

describe('a writer killed at any point (kill -9)', () => {
  it('leaves a repository git fsck accepts, refs on complete commits, and the stage intact', { timeout: 120_000 }, async () => {
    const dir = initRepo();
    const file = writeFacts(dir, 6000);
    const gitdir = path.join(dir, '.memoir');
    const killedAt: string[] = [];
    for (const delay of [20, 60, 100, 140, 180, 220, 260, 320, 400]) {
      const child = spawn(process.execPath, [BIN, 'add', '--file', file, '--commit'], { cwd: dir, env: testEnv(dir), stdio: 'ignore' });
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      const wasRunning = child.kill('SIGKILL');
      await closed;
      killedAt.push(`${delay}ms:${wasRunning ? 'killed' : 'finished'}`);

      fsckClean(dir);
      const head = spawnSync('git', ['--git-dir', gitdir, 'rev-parse', '--verify', '--quiet', 'refs/heads/main^{commit}'], { encoding: 'utf8' });
      if (head.status === 0) expect(git(gitdir, ['cat-file', '-t', head.stdout.trim()]).trim()).toBe('commit');
      const status = memoir(['status', '--json'], { cwd: dir });
      expect(status.code, status.stderr).toBe(0);
      const staged = parseJson<{ staged: unknown[] }>(status.stdout).staged.length;
      // the stage holds nothing, or the whole batch: never a part of it
      expect([0, 6000]).toContain(staged);
    }
    // whatever state each kill left, finishing the job yields every fact exactly once
    const status = parseJson<{ staged: unknown[] }>(memoir(['status', '--json'], { cwd: dir }).stdout);
    if (status.staged.length > 0) expect(memoir(['commit'], { cwd: dir }).code).toBe(0);
    const again = memoir(['add', '--file', file, '--commit'], { cwd: dir });
    expect([0, 1]).toContain(again.code); // 1: every fact already remembered, nothing to commit
    expect(factCount(dir), killedAt.join(' ')).toBe(6000);
    fsckClean(dir);
  });
});
