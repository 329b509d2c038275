import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, git, parseJson, testEnv } from '../helpers/cli.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

const MANY = [
  'preferences.food.cuisine',
  'relationships.pets.animals',
  'knowledge.technical.gotchas',
  'work.skills.technical',
];

function writeFacts(dir: string, count: number, tag = 'fact'): string {
  const file = path.join(dir, `${tag}.jsonl`);
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ text: `${tag} number ${i}`, path: MANY[i % MANY.length] }),
  );
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function factCount(dir: string): Promise<number> {
  const result = await memoirIn(['ls', '--json'], { cwd: dir });
  expect(result.code).toBe(0);
  return parseJson<Array<{ count: number }>>(result.stdout).reduce((n, e) => n + e.count, 0);
}

function fsckClean(dir: string): void {
  expect(() => git(path.join(dir, '.memoir'), ['fsck', '--strict', '--no-progress'])).not.toThrow();
}

// the writers spawn on purpose (only a process can be killed with -9); the checks between kills run in-process
describe('a writer killed at any point (kill -9)', () => {
  it('leaves a repository git fsck accepts, refs on complete commits, and the stage intact', {
    timeout: 120_000,
  }, async () => {
    const dir = await initRepoIn();
    const file = writeFacts(dir, 6000);
    const gitdir = path.join(dir, '.memoir');
    const killedAt: string[] = [];
    for (const delay of [20, 60, 100, 140, 180, 220, 260, 320, 400]) {
      const child = spawn(process.execPath, [BIN, 'add', '--file', file, '--commit'], {
        cwd: dir,
        env: testEnv(dir),
        stdio: 'ignore',
      });
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      const wasRunning = child.kill('SIGKILL');
      await closed;
      killedAt.push(`${delay}ms:${wasRunning ? 'killed' : 'finished'}`);

      fsckClean(dir);
      const head = spawnSync(
        'git',
        ['--git-dir', gitdir, 'rev-parse', '--verify', '--quiet', 'refs/heads/main^{commit}'],
        { encoding: 'utf8' },
      );
      if (head.status === 0) expect(git(gitdir, ['cat-file', '-t', head.stdout.trim()]).trim()).toBe('commit');
      const status = await memoirIn(['status', '--json'], { cwd: dir });
      expect(status.code, status.stderr).toBe(0);
      const staged = parseJson<{ staged: unknown[] }>(status.stdout).staged.length;
      // the stage holds nothing, or the whole batch: never a part of it
      expect([0, 6000]).toContain(staged);
    }
    // whatever state each kill left, finishing the job yields every fact exactly once
    const status = parseJson<{ staged: unknown[] }>((await memoirIn(['status', '--json'], { cwd: dir })).stdout);
    if (status.staged.length > 0) expect((await memoirIn(['commit'], { cwd: dir })).code).toBe(0);
    const again = await memoirIn(['add', '--file', file, '--commit'], { cwd: dir });
    expect([0, 1]).toContain(again.code); // 1: every fact already remembered, nothing to commit
    expect(await factCount(dir), killedAt.join(' ')).toBe(6000);
    fsckClean(dir);
  });
});
