import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, memoirAsync, testEnv } from '../helpers/cli.js';
import { gitIn, jsonError, ok, readStageFile, snapshotRepository } from '../helpers/e2e.js';
import { initRepoIn, runnerIn } from '../helpers/inProcess.js';
import { call, connect } from '../helpers/mcp.js';

// Agents and scripts writing at once (issue 13, 6): every one-step write succeeds, in exactly one commit, on the branch it asked for.

const MUSIC = 'preferences.entertainment.music'; // many
const WRITERS = 4;
/** Remembers per MCP server: 4 × 15 already queue on every write (4 × 50 is the benchmark's row). */
const EACH = 15;

/** Every fact text on a branch, with the number of commits that added it (native git: the leaf file's history). */
function factsAddedOn(dir: string, branch: string): Map<string, number> {
  const added = new Map<string, number>();
  const log = gitIn(dir, ['log', '-p', '--format=', branch, '--', MUSIC.replaceAll('.', '/') + '.md']);
  for (const line of log.split('\n')) {
    const match = /^\+- (.*?) <!-- id=/.exec(line);
    if (match) added.set(match[1], (added.get(match[1]) ?? 0) + 1);
  }
  return added;
}

/** Native git fsck --strict: exit 0 and no error line (dangling objects of a killed writer are not damage). */
function expectFsck(dir: string): void {
  expect(gitIn(dir, ['fsck', '--strict', '--no-dangling'])).toBe('');
}

describe('4 MCP servers writing at once', () => {
  it.each([
    ['all on one branch', (_w: number) => undefined],
    ['each on its own branch', (w: number) => `agent-${w}`],
  ])(
    '%s: 4 × 15 remembers all succeed, each fact in exactly one commit on the branch it asked for',
    async (_what, branchOf) => {
      const dir = await initRepoIn();
      const servers = await Promise.all(
        Array.from({ length: WRITERS }, () => connect(dir, { MEMOIR_LOCK_TIMEOUT: '120' })),
      );
      const results = await Promise.all(
        servers.map(async ({ client }, w) => {
          const out = [];
          for (let i = 0; i < EACH; i++) {
            const branch = branchOf(w);
            out.push(
              await call(
                client,
                'memoir_remember',
                { content: `writer ${w} fact ${i}`, path: MUSIC, ...(branch ? { branch } : {}) },
                { timeout: 120_000 },
              ),
            );
          }
          return out;
        }),
      );
      const failed = results.flat().filter((r) => r.isError || r.body.status !== 'committed');
      expect(failed.map((r) => r.body)).toEqual([]);
      for (let w = 0; w < WRITERS; w++) {
        const branch = branchOf(w) ?? 'main';
        const added = factsAddedOn(dir, branch);
        for (let i = 0; i < EACH; i++)
          expect(added.get(`writer ${w} fact ${i}`), `writer ${w} fact ${i} on ${branch}`).toBe(1);
        for (const r of results[w]) expect(r.body.branch).toBe(branch);
        if (branchOf(w)) expect([...added.keys()].every((t) => t.startsWith(`writer ${w} `))).toBe(true);
      }
      if (!branchOf(0)) expect(factsAddedOn(dir, 'main').size).toBe(WRITERS * EACH);
      expect(readStageFile(dir).ops).toEqual([]);
      expectFsck(dir);
    },
    180_000,
  );
});

describe('4 CLI loops writing at once (add --commit)', () => {
  // spawns on purpose: separate processes contend for the lock. A spawn costs ~0.2 s: 4 × 6 here
  // (4 × 50 is the benchmark's row); four writers at once already queue on every write
  it.each([
    ['all on one branch', 6, (_w: number) => [] as string[]],
    ['each on its own branch', 4, (w: number) => ['--branch', `agent-${w}`]],
  ])(
    '%s: 4 × %i one-step writes all succeed, each fact in exactly one commit on its branch',
    async (_what, each, branchArgs) => {
      const dir = await initRepoIn();
      const results = await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const out = [];
          for (let i = 0; i < each; i++)
            out.push(
              await memoirAsync(['add', `writer ${w} fact ${i}`, '-p', MUSIC, '--commit', ...branchArgs(w)], {
                cwd: dir,
                env: { MEMOIR_LOCK_TIMEOUT: '120' },
              }),
            );
          return out;
        }),
      );
      expect(
        results
          .flat()
          .filter((r) => r.code !== 0)
          .map((r) => r.stderr),
      ).toEqual([]);
      for (let w = 0; w < WRITERS; w++) {
        const branch = branchArgs(w)[1] ?? 'main';
        const added = factsAddedOn(dir, branch);
        for (let i = 0; i < each; i++)
          expect(added.get(`writer ${w} fact ${i}`), `writer ${w} fact ${i} on ${branch}`).toBe(1);
        if (branchArgs(w).length) expect(added.size).toBe(each);
      }
      if (branchArgs(0).length === 0) expect(factsAddedOn(dir, 'main').size).toBe(WRITERS * each);
      expectFsck(dir);
    },
    120_000,
  );
});

describe('a one-step write takes nothing from the stage and leaves it as it was', () => {
  it('add --commit commits only its own facts: facts another writer staged stay staged, on no branch', async () => {
    const dir = await initRepoIn();
    const run = runnerIn(dir);
    ok(await run(['add', 'Staged by someone else', '-p', MUSIC]));
    const staged = readStageFile(dir);
    ok(await run(['add', 'Committed in one step', '-p', MUSIC, '--commit']));
    expect([...factsAddedOn(dir, 'main').keys()]).toEqual(['Committed in one step']);
    expect(readStageFile(dir)).toEqual(staged);
    ok(await run(['add', 'On a side branch', '-p', MUSIC, '--commit', '--branch', 'side']));
    expect([...factsAddedOn(dir, 'side').keys()].sort()).toEqual(['Committed in one step', 'On a side branch']);
    expect(readStageFile(dir)).toEqual(staged);
  });

  it('add --commit during a merge in progress is refused before anything is staged or committed', async () => {
    const dir = await initRepoIn();
    const run = runnerIn(dir);
    ok(await run(['add', 'I prefer green mode', '-p', 'preferences.ui.theme', '--commit', '--branch', 'side']));
    ok(await run(['add', 'I prefer red mode', '-p', 'preferences.ui.theme', '--commit']));
    expect((await run(['merge', 'side', '--allow-unrelated-histories'])).code).toBe(3);
    const before = snapshotRepository(dir);
    const result = await run(['add', 'Likes jazz', '-p', MUSIC, '--commit', '--json']);
    expect(result.code).toBe(1);
    expect(jsonError(result)).toMatchObject({ code: 'merge-in-progress' });
    expect(snapshotRepository(dir)).toEqual(before);
  });

  // spawns on purpose: only a process can be killed with -9 in the middle of a write
  it('a writer killed with -9 at any point of add --commit leaves the repository fsck-clean and nothing staged (10 trials)', async () => {
    const TRIALS = 10;
    const dir = await initRepoIn();
    const run = runnerIn(dir);
    ok(await run(['add', 'Staged by hand', '-p', 'preferences.food.cuisine']));
    const staged = readStageFile(dir);
    // a batch of 40 facts, 10 of them values of a one leaf: a chain of 10 commits, so a kill can land while it is written
    const batch = (tag: string) =>
      Array.from({ length: 40 }, (_, i) =>
        JSON.stringify({ text: `${tag} fact ${i}`, path: i % 4 ? MUSIC : 'preferences.ui.theme' }),
      ).join('\n');
    const write = (trial: number, killAfter?: number) =>
      new Promise<{ code: number | null; ms: number }>((resolve) => {
        const started = Date.now();
        const child = spawn(process.execPath, [BIN, 'add', '-', '--commit'], {
          cwd: dir,
          env: testEnv(dir, { MEMOIR_NOW: String(1_767_326_400 + trial * 60) }),
          stdio: ['pipe', 'ignore', 'ignore'],
        });
        child.stdin.end(batch(`trial ${trial}`));
        const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, ms: Date.now() - started });
        });
      });
    // how long a whole write takes here: kills are spread over that time, from start-up to the ref update
    const whole = await write(99);
    expect(whole.code).toBe(0);
    const outcomes: Array<number | null> = [];
    // the kills are spread evenly over the write (a random point in each tenth of it), not left to chance
    for (let trial = 0; trial < TRIALS; trial++) {
      const delay = Math.floor(((trial + Math.random()) / TRIALS) * whole.ms * 1.1);
      outcomes.push((await write(trial, delay)).code);
      expect(readStageFile(dir), `trial ${trial} (killed after ${delay} ms)`).toEqual(staged);
      expectFsck(dir);
    }
    // the next writer breaks the dead writer's lock and commits
    ok(await run(['--lock-timeout', '5', 'add', 'After the kills', '-p', MUSIC, '--commit']));
    expect(readStageFile(dir)).toEqual(staged);
    expectFsck(dir);
    // every write landed whole or not at all: its 30 facts at the many leaf, or none
    const texts = [...factsAddedOn(dir, 'main').keys()];
    for (let trial = 0; trial < TRIALS; trial++) {
      const mine = texts.filter((t) => t.startsWith(`trial ${trial} `)).length;
      expect([0, 30], `trial ${trial} (exit ${outcomes[trial]})`).toContain(mine);
      if (outcomes[trial] === 0) expect(mine).toBe(30);
    }
  }, 120_000);
});
