import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_TREE } from '../../src/store/git.js';
import type { Memory } from '../../src/store/memory.js';
import { newMemory, who } from '../helpers/store.js';
import { seededRandom } from '../helpers/random.js';

/** A commit of the empty tree with these parents, committed at `timestamp`. */
function commitAt(memory: Memory, parents: string[], timestamp: number, message: string): Promise<string> {
  const when = { ...who, timestamp };
  return memory.commitTree({ tree: EMPTY_TREE, parents, message, author: when, committer: when });
}

/** `git rev-list --left-right --count a...b`: [ahead, behind]. */
function nativeCounts(gitdir: string, a: string, b: string): [number, number] {
  const out = execFileSync('git', ['--git-dir', gitdir, 'rev-list', '--left-right', '--count', `${a}...${b}`], {
    encoding: 'utf8',
  });
  const [ahead, behind] = out.trim().split(/\s+/).map(Number);
  return [ahead, behind];
}

type Clock = 'rising' | 'fixed' | 'skewed';

/** A random history of `n` commits: mostly one parent, some merges, a second root now and then. */
async function randomHistory(memory: Memory, n: number, seed: number, clock: Clock): Promise<string[]> {
  const next = seededRandom(seed);
  const pick = (upTo: number) => Math.floor(next() * upTo);
  const commits: string[] = [];
  for (let i = 0; i < n; i++) {
    const parents: string[] = [];
    if (i > 0 && next() > 0.05) parents.push(commits[Math.max(0, i - 1 - pick(4))]);
    if (i > 2 && next() < 0.25) {
      const other = commits[pick(i)];
      if (!parents.includes(other)) parents.push(other);
    }
    // skewed: now and then a commit dated before its parents, as from a machine whose clock is behind
    const base = who.timestamp + (clock === 'fixed' ? 0 : i * 60);
    const timestamp = clock === 'skewed' && next() < 0.2 ? base - 60 * (1 + pick(3)) : base;
    commits.push(await commitAt(memory, parents, timestamp, `c${i}`));
  }
  return commits;
}

describe('aheadBehind', () => {
  it.each<[Clock, number]>([
    ['rising', 1],
    ['rising', 2],
    ['fixed', 3],
    ['fixed', 4],
    ['skewed', 5],
    ['skewed', 6],
  ])(
    'counts as git rev-list --left-right --count does, on a random history with merges (%s clock, seed %i)',
    async (clock, seed) => {
      const memory = await newMemory();
      const commits = await randomHistory(memory, 40, seed, clock);
      const next = seededRandom(seed * 7919);
      for (let k = 0; k < 12; k++) {
        const a = commits[Math.floor(next() * commits.length)];
        const b = commits[Math.floor(next() * commits.length)];
        const { ahead, behind } = await memory.aheadBehind(a, b);
        expect([ahead, behind], `${a}...${b}`).toEqual(nativeCounts(memory.gitdir, a, b));
      }
    },
  );

  it('counts both sides of a merge: commits merged in from the upstream are not behind', async () => {
    const memory = await newMemory();
    const t = who.timestamp;
    const base = await commitAt(memory, [], t, 'base');
    const theirs1 = await commitAt(memory, [base], t + 10, 'theirs 1');
    const ours1 = await commitAt(memory, [base], t + 20, 'ours 1');
    const merged = await commitAt(memory, [ours1, theirs1], t + 30, 'merge');
    const theirs2 = await commitAt(memory, [theirs1], t + 40, 'theirs 2');
    expect(await memory.aheadBehind(merged, theirs2)).toEqual({ ahead: 2, behind: 1 });
    expect(nativeCounts(memory.gitdir, merged, theirs2)).toEqual([2, 1]);
    expect(await memory.aheadBehind(theirs2, merged)).toEqual({ ahead: 1, behind: 2 });
    expect(await memory.aheadBehind(merged, merged)).toEqual({ ahead: 0, behind: 0 });
  });

  it('counts unrelated histories whole, as git does', async () => {
    const memory = await newMemory();
    const a = await commitAt(memory, [await commitAt(memory, [], who.timestamp, 'a0')], who.timestamp + 1, 'a1');
    const b = await commitAt(memory, [], who.timestamp + 2, 'b0');
    expect(await memory.aheadBehind(a, b)).toEqual({ ahead: 2, behind: 1 });
    expect(nativeCounts(memory.gitdir, a, b)).toEqual([2, 1]);
  });

  it('reads only the commits above where the two sides meet, not the shared history below', async () => {
    const memory = await newMemory();
    let tip = await commitAt(memory, [], who.timestamp, 'root');
    for (let i = 1; i <= 300; i++) tip = await commitAt(memory, [tip], who.timestamp + i * 60, `shared ${i}`);
    let ours = tip;
    for (let i = 1; i <= 2; i++) ours = await commitAt(memory, [ours], who.timestamp + 20_000 + i, `ours ${i}`);
    const theirs = await commitAt(memory, [tip], who.timestamp + 20_010, 'theirs');
    // a fresh store: nothing memoised from writing the commits
    const fresh = new (memory.constructor as new (gitdir: string) => Memory)(memory.gitdir);
    const reads = vi.spyOn(fresh.git, 'readCommit');
    expect(await fresh.aheadBehind(ours, theirs)).toEqual({ ahead: 2, behind: 1 });
    expect(reads.mock.calls.length).toBeLessThan(20);
  });
});
