import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/store/memory.js';
import { git } from '../helpers/cli.js';
import { seededRandom } from '../helpers/random.js';
import { commitOn, fact, newMemory } from '../helpers/store.js';

const LEAVES = Array.from({ length: 20 }, (_, i) => `preferences.test${String.fromCharCode(97 + i)}.items`);

// text zlib cannot shrink much, to make a pack past a megabyte
const next = seededRandom(3);
const noise = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 36).toString(36)).join('');

const packsOf = (memory: Memory) =>
  fs.readdirSync(path.join(memory.gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.pack'));

/** A commit that changes every one of LEAVES: its 20 blobs and their trees are written as one pack. */
async function wideCommit(memory: Memory, parents: string[], round: number, facts = 1): Promise<string> {
  const leaves: Record<string, ReturnType<typeof fact>[]> = {};
  for (const [i, leaf] of LEAVES.entries())
    leaves[leaf] = Array.from({ length: facts }, (_, j) =>
      fact(
        `${round.toString(16).padStart(4, '0')}${(i * 1000 + j).toString(16).padStart(6, '0')}`,
        leaf,
        `round ${round} fact ${j} at ${leaf} ${facts > 1 ? noise(80) : ''}`,
      ),
    );
  return commitOn(memory, parents, leaves);
}

describe('small packs', () => {
  it('are folded into one once 16 gather, and every object stays readable, by memoir and by git', async () => {
    const memory = await newMemory();
    const commits: string[] = [];
    for (let round = 0; round < 40; round++) {
      commits.push(await wideCommit(memory, commits.slice(-1), round));
      // never more than 16 small packs at once
      expect(packsOf(memory).length).toBeLessThan(16);
    }
    // 40 packs were written; folds left fewer than a dozen
    expect(packsOf(memory).length).toBeLessThan(12);
    const fresh = new Memory(memory.gitdir);
    for (const [round, commit] of commits.entries())
      expect((await fresh.readLeaf(commit, LEAVES[7])).map((f) => f.text)).toEqual([
        `round ${round} fact 0 at ${LEAVES[7]} `,
      ]);
    git(memory.gitdir, ['fsck', '--strict', '--no-dangling']);
    // a folded pack's entries were copied as they were: git checks each one's CRC and place
    for (const pack of packsOf(memory))
      git(memory.gitdir, ['verify-pack', path.join(memory.gitdir, 'objects', 'pack', pack.replace(/\.pack$/, '.idx'))]);
    expect(git(memory.gitdir, ['rev-list', '--count', commits.at(-1)!]).trim()).toBe('40');
  });

  it('leave a pack with a .keep file and a pack past a megabyte as they are', async () => {
    const memory = await newMemory();
    const commits = [await wideCommit(memory, [], 0, 1_000)];
    const [big] = packsOf(memory);
    expect(fs.statSync(path.join(memory.gitdir, 'objects', 'pack', big)).size).toBeGreaterThan(1024 * 1024);
    commits.push(await wideCommit(memory, commits, 1));
    const kept = packsOf(memory).find((p) => p !== big)!;
    fs.writeFileSync(path.join(memory.gitdir, 'objects', 'pack', kept.replace(/\.pack$/, '.keep')), '');
    for (let round = 2; round < 30; round++) commits.push(await wideCommit(memory, commits.slice(-1), round));
    expect(packsOf(memory)).toContain(big);
    expect(packsOf(memory)).toContain(kept);
    // the other 28 were folded
    expect(packsOf(memory).length).toBeLessThan(18);
    git(memory.gitdir, ['fsck', '--strict', '--no-dangling']);
  });

  it('rebuild a pack of deltas from its objects (its entries cannot be copied)', async () => {
    const memory = await newMemory();
    const commits: string[] = [];
    // each version of a leaf one fact longer than the last: git stores them as deltas of each other
    const grown = (n: number) =>
      Object.fromEntries(
        LEAVES.map((leaf) => [
          leaf,
          Array.from({ length: n }, (_, j) =>
            fact(j.toString(16).padStart(10, '0'), leaf, `a fact that stays, number ${j}, ${noise(40)}`),
          ),
        ]),
      );
    for (let round = 0; round < 6; round++) commits.push(await commitOn(memory, commits.slice(-1), grown(20 + round)));
    // git's own repack of what a branch holds: one small pack, of deltas
    git(memory.gitdir, ['update-ref', 'refs/heads/main', commits.at(-1)!]);
    git(memory.gitdir, ['repack', '-a', '-d', '-q']);
    const [packed] = fs.readdirSync(path.join(memory.gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.idx'));
    expect(git(memory.gitdir, ['verify-pack', '-v', path.join(memory.gitdir, 'objects', 'pack', packed)])).toMatch(
      /chain length = 1: \d+ objects?/,
    );
    for (let round = 6; round < 30; round++) commits.push(await wideCommit(memory, commits.slice(-1), round));
    expect(packsOf(memory).length).toBeLessThan(16);
    const fresh = new Memory(memory.gitdir);
    for (const [round, commit] of commits.entries()) {
      const texts = (await fresh.readLeaf(commit, LEAVES[3])).map((f) => f.text);
      if (round < 6) expect(texts).toHaveLength(20 + round);
      else expect(texts).toEqual([`round ${round} fact 0 at ${LEAVES[3]} `]);
    }
    git(memory.gitdir, ['fsck', '--strict', '--no-dangling']);
  });
});
