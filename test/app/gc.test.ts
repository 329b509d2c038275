import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { parseJson } from '../helpers/cli.js';
import { gitIn, gitWithInput, ok, repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';
import { FOOD, LANGS, sessionIn } from '../helpers/merge.js';

/*
 * memoir gc (issue 19's housekeeping): every loose object moves into one packfile, nothing is
 * dropped (an unreachable object too), and memoir and native git read the store as before.
 */

/** Twenty leaves that accumulate: a change to all of them is a few dozen objects, written as one pack. */
const LEAVES = [...builtinTaxonomy().leaves.values()]
  .filter((leaf) => leaf.cardinality === 'many')
  .slice(0, 20)
  .map((leaf) => leaf.path);

const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  for (let i = 0; i < 20; i++) await s.remember(`Likes dish ${i}`, i % 2 ? FOOD : LANGS);
});

const counts = (dir: string) =>
  Object.fromEntries(
    gitIn(dir, ['count-objects', '-v'])
      .trim()
      .split('\n')
      .map((line) => line.split(': '))
      .map(([k, v]) => [k, Number(v)]),
  );

describe('memoir gc', () => {
  it('packs every loose object, unreachable ones too, and the store reads the same', async () => {
    const dir = repo();
    // an object nothing reaches (as a crashed writer may leave): packed, not dropped
    const dangling = gitWithInput(dir, ['hash-object', '-w', '--stdin'], 'nobody points here\n').trim();
    const before = counts(dir);
    expect(before.count).toBeGreaterThan(40);
    const log = ok(await runIn(dir, ['log', '--json'])).stdout;
    const facts = ok(await runIn(dir, ['get', FOOD, '--json'])).stdout;
    const result = parseJson<{ packed: number }>(ok(await runIn(dir, ['gc', '--json'])).stdout);
    expect(result.packed).toBe(before.count);
    const after = counts(dir);
    expect(after).toMatchObject({ count: 0, 'in-pack': before.count + before['in-pack'] });
    expect(ok(await runIn(dir, ['log', '--json'])).stdout).toBe(log);
    expect(ok(await runIn(dir, ['get', FOOD, '--json'])).stdout).toBe(facts);
    expect(gitIn(dir, ['fsck', '--full', '--strict', '--no-dangling', '--no-progress'])).toBe('');
    expect(gitIn(dir, ['cat-file', '-p', dangling])).toBe('nobody points here\n');
    expect(ok(await runIn(dir, ['gc'], { NO_COLOR: '1' }, true)).stdout).toBe('Nothing to pack\n');
    // writes go on as loose objects, which the next gc packs
    ok(await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit']));
    expect(counts(dir).count).toBeGreaterThan(0);
  });

  it('folds the packs that big writes leave into one, with the loose objects', async () => {
    const dir = repo();
    ok(await runIn(dir, ['gc']));
    // two commits over many leaves: each writes its objects as a pack of its own
    for (const batch of ['first', 'second']) {
      const lines = LEAVES.map((leaf, i) => JSON.stringify({ text: `${batch} fact ${i}`, path: leaf })).join('\n');
      fs.writeFileSync(path.join(dir, `${batch}.jsonl`), `${lines}\n`);
      ok(await runIn(dir, ['add', '--file', `${batch}.jsonl`, '--commit']));
    }
    ok(await runIn(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit']));
    const before = counts(dir);
    expect(before.packs).toBe(3);
    expect(before.count).toBeGreaterThan(0);
    const facts = ok(await runIn(dir, ['get', FOOD, '--json'])).stdout;
    const result = parseJson<{ packed: number; foldedPacks: number }>(ok(await runIn(dir, ['gc', '--json'])).stdout);
    expect(result).toMatchObject({ packed: before.count, foldedPacks: 3 });
    expect(counts(dir)).toMatchObject({ count: 0, packs: 1, 'in-pack': before.count + before['in-pack'] });
    expect(ok(await runIn(dir, ['get', FOOD, '--json'])).stdout).toBe(facts);
    expect(gitIn(dir, ['fsck', '--full', '--strict', '--no-dangling', '--no-progress'])).toBe('');
    expect(ok(await runIn(dir, ['gc'], { NO_COLOR: '1' }, true)).stdout).toBe('Nothing to pack\n');
    // one pack and a loose object: one pack again, not two
    ok(await runIn(dir, ['add', 'Likes cocoa', '-p', FOOD, '--commit']));
    expect(ok(await runIn(dir, ['gc'], { NO_COLOR: '1' }, true)).stdout).toMatch(
      /^Packed \d+ loose objects and 1 pack into pack-[0-9a-f]{40}\n$/,
    );
    expect(counts(dir)).toMatchObject({ count: 0, packs: 1 });
  });
});
