import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, memoirAsync, testEnv } from '../helpers/cli.js';
import { expectFsckClean, gitdirOf, gitIn, jsonError, ok, readStageFile, repoTemplate } from '../helpers/e2e.js';
import { getFactsIn, runnerIn } from '../helpers/inProcess.js';

/** A fresh, initialised repository of the test's own (a copy of one made by memoir init). */
const freshRepo = repoTemplate();

const MUSIC = 'preferences.entertainment.music';

/** Writes a lock file as a memoir writer with this pid would. */
function holdLock(dir: string, pid: number): string {
  const file = path.join(gitdirOf(dir), 'state', 'lock');
  fs.writeFileSync(file, JSON.stringify({ pid, host: os.hostname(), since: '2026-01-02T03:04:05Z', command: 'add' }));
  return file;
}

describe('one writer at a time', () => {
  it('a writer gives up after --lock-timeout while a live process holds the lock (exit 1); readers are not blocked', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const lock = holdLock(dir, process.pid);
    try {
      const result = await run(['--lock-timeout', '0', 'add', 'Likes jazz', '-p', MUSIC, '--json']);
      expect(result.code).toBe(1);
      expect(jsonError(result)).toMatchObject({
        code: 'lock-timeout',
        hint: expect.stringContaining('--lock-timeout'),
      });
      expect(readStageFile(dir).ops).toEqual([]);
      const viaEnv = await run(['add', 'Likes jazz', '-p', MUSIC], { env: { MEMOIR_LOCK_TIMEOUT: '0' } });
      expect(viaEnv.code).toBe(1);
      expect(viaEnv.stderr).toContain(`pid ${process.pid}`);
      ok(await run(['status']));
      ok(await run(['log']));
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });

  it('a writer waits for the lock and proceeds once it is released, saying that it waits', async () => {
    const dir = freshRepo();
    const lock = holdLock(dir, process.pid);
    // release the lock only once the writer says it is waiting: no race with a slow start
    const child = spawn(process.execPath, [BIN, '--lock-timeout', '20', 'add', 'Likes jazz', '-p', MUSIC], {
      cwd: dir,
      env: testEnv(dir),
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.includes('waiting for another memoir process')) fs.rmSync(lock, { force: true });
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('waiting for another memoir process');
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Likes jazz']);
  });

  it('a lock left by a process that is gone is broken', async () => {
    const dir = freshRepo();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    holdLock(dir, gone);
    ok(await runnerIn(dir)(['--lock-timeout', '0', 'add', 'Likes jazz', '-p', MUSIC]));
    expect(fs.existsSync(path.join(gitdirOf(dir), 'state', 'lock'))).toBe(false);
  });

  // spawns on purpose: separate processes contend for the lock
  it('concurrent writers are serialised: every fact is staged, every commit builds on the previous one', async () => {
    const dir = freshRepo();
    const facts = ['Likes jazz', 'Likes Bach', 'Likes Mozart', 'Likes Chopin'];
    const results = await Promise.all(
      facts.map((fact) => memoirAsync(['add', fact, '-p', MUSIC, '--commit'], { cwd: dir })),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect((await getFactsIn(dir, MUSIC)).map((f) => f.text).sort()).toEqual([...facts].sort());
    const chain = gitIn(dir, ['rev-list', '--parents', 'main'])
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
    expect(chain).toHaveLength(4);
    for (let i = 0; i < 3; i++) expect(chain[i][1]).toBe(chain[i + 1][0]);
    expect(readStageFile(dir).ops).toEqual([]);
    expectFsckClean(dir);
  });

  it('an empty lock file (a writer killed between creating and filling it) is cleared once it is old', async () => {
    const dir = freshRepo();
    const lock = path.join(gitdirOf(dir), 'state', 'lock');
    fs.writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    ok(await runnerIn(dir)(['--lock-timeout', '1', 'add', 'Likes jazz', '-p', MUSIC, '--commit']));
    expect(fs.existsSync(lock)).toBe(false);
  });
});
