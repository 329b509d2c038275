import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir, testEnv } from '../helpers/cli.js';
import { allObjects, gitdirOf, gitIn, ok, repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';
import { LANGS, sessionIn } from '../helpers/merge.js';

/*
 * forget killed with SIGKILL at 6 points spread over its run and 3 times just after its refs
 * moved: each time the refs are all where they were or all where a whole forget puts them (never
 * some of each), git fsck --full is clean, and the next run finishes the job: the text is gone
 * and the refs are the whole forget's.
 */

const TEXT = 'Keeps the spare key under the blue flowerpot';
const LEAVES = ['preferences.tools.apps', 'profile.languages.spoken', 'profile.location.previous', LANGS];

const repo = repoTemplate(async (dir) => {
  const records = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify({ text: `imported fact number ${i}`, path: LEAVES[i % LEAVES.length] }),
  );
  fs.writeFileSync(path.join(dir, 'facts.jsonl'), `${records.join('\n')}\n`);
  ok(await runIn(dir, ['add', '--file', 'facts.jsonl', '--commit', '-m', 'Import']));
  const s = sessionIn(dir);
  await s.remember(TEXT, 'profile.location.previous');
  ok(await s.run(['branch', 'side']));
  for (let i = 0; i < 30; i++) await s.remember(`later fact ${i}`, LEAVES[i % LEAVES.length]);
  await s.checkout('side');
  for (let i = 0; i < 10; i++) await s.remember(`side fact ${i}`, LEAVES[i % LEAVES.length]);
  await s.checkout('main');
});

const refsOf = (dir: string) => gitIn(dir, ['for-each-ref', '--format=%(refname) %(objectname)']);

/**
 * Runs the forget as a process and kills it after `ms`, or as soon as `moved` says its refs have
 * moved (checked every millisecond); resolves to the time it ran and whether the kill cut it short.
 */
function forgetKilled(
  dir: string,
  when: { ms: number } | { moved: () => boolean },
): Promise<{ ms: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'forget', '--match', 'flowerpot', '--yes', '-q'], {
      cwd: dir,
      env: testEnv(dir),
      stdio: 'ignore',
    });
    const kill = () => child.kill('SIGKILL');
    const timer =
      'ms' in when
        ? setTimeout(kill, when.ms)
        : setInterval(() => {
            if (when.moved()) kill();
          }, 1);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      resolve({ ms: performance.now() - started, killed: signal === 'SIGKILL' });
    });
  });
}

function copyOf(template: string): string {
  const dir = tempDir();
  fs.cpSync(gitdirOf(template), gitdirOf(dir), { recursive: true });
  return dir;
}

describe('forget killed at any point', () => {
  it('leaves the refs all before or all after, fsck clean, and the next run finishes it', async () => {
    const template = repo();
    const before = refsOf(template);
    const whole = copyOf(template);
    const duration = (await forgetKilled(whole, { ms: 60_000 })).ms;
    const after = refsOf(whole);
    expect(after).not.toBe(before);
    expect(allObjects(whole)).not.toContain(TEXT);
    const movedMain = after
      .split('\n')
      .find((line) => line.startsWith('refs/heads/main '))!
      .split(' ')[1];

    const seen = { before: 0, after: 0, killedAfter: 0 };
    // kills spread over the run, 16% of it apart, then kills the moment packed-refs names the new
    // main (the refs move in one write near the end, where a timed kill lands only by luck)
    const TIMED = 6;
    const trials = [
      ...Array.from({ length: TIMED }, (_, i) => ({ ms: (duration * (i + 0.5)) / TIMED })),
      ...Array.from({ length: 3 }, () => ({ moved: true })),
    ];
    for (const [i, trial] of trials.entries()) {
      const dir = copyOf(template);
      const packedRefs = path.join(gitdirOf(dir), 'packed-refs');
      const moved = () => fs.existsSync(packedRefs) && fs.readFileSync(packedRefs, 'utf8').includes(movedMain);
      const { killed } = await forgetKilled(dir, 'ms' in trial ? trial : { moved });
      const refs = refsOf(dir);
      expect([before, after], `trial ${i}`).toContain(refs);
      seen[refs === before ? 'before' : 'after']++;
      if (killed && refs === after) seen.killedAfter++;
      gitIn(dir, ['fsck', '--full', '--no-progress']);

      const rerun = await runIn(dir, ['forget', '--match', 'flowerpot', '--yes', '--json']);
      // a forget the kill cut after its refs moved was finished by the lock; there is nothing left to find
      expect([0, 2], `trial ${i}: ${rerun.stderr}`).toContain(rerun.code);
      expect(refsOf(dir), `trial ${i}`).toBe(after);
      expect(allObjects(dir), `trial ${i}`).not.toContain(TEXT);
      expect(fs.existsSync(path.join(gitdirOf(dir), 'state', 'forget-journal.json'))).toBe(false);
      gitIn(dir, ['fsck', '--full', '--strict', '--no-progress']);
    }
    // the kills fell both before and after the refs moved, and some cut the run after the move
    expect(seen.before).toBeGreaterThan(0);
    expect(seen.killedAfter).toBeGreaterThan(0);
  }, 120_000);
});
