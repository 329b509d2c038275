import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

import { jsonError, readStageFile, snapshotRepository } from '../helpers/e2e.js';
import { initRepoIn, runnerIn } from '../helpers/inProcess.js';

/*
 * `printf 'caf\xe9 au lait\n' | memoir add -` staged "caf\uFFFD au lait" with exit 0: the
 * stored fact was not what was given. 20 KB of random bytes staged 80 "facts".
 */
describe('facts that are not UTF-8 text', () => {
  it('rejects the line with its number and stages the rest (exit 2), from stdin and from a file', async () => {
    const dir = await initRepoIn();
    const run = runnerIn(dir);
    const input = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' au lait\nLikes green tea\n')]);
    const result = await run(['add', '-', '-p', 'preferences.food.drinks', '--json'], { input: input });
    expect(result.code).toBe(2);
    const output = JSON.parse(result.stdout) as { rejected: Array<{ line: number; kind: string }> };
    expect(output.rejected).toEqual([expect.objectContaining({ line: 1, kind: 'invalid-line' })]);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Likes green tea']);
    expect(JSON.stringify(readStageFile(dir))).not.toContain('\uFFFD');

    fs.writeFileSync(
      path.join(dir, 'facts.txt'),
      Buffer.concat([Buffer.from('Likes oolong\n'), Buffer.from([0xc3, 0x28]), Buffer.from('\nLikes mint tea\n')]),
    );
    expect((await run(['add', '--file', 'facts.txt', '-p', 'preferences.food.drinks'])).code).toBe(2);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual([
      'Likes green tea',
      'Likes oolong',
      'Likes mint tea',
    ]);
  });

  it('refuses binary input whole: nothing staged, the repository unchanged', async () => {
    const dir = await initRepoIn();
    const run = runnerIn(dir);
    const before = snapshotRepository(dir);
    const noise = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256));
    const result = await run(['add', '-', '-p', 'preferences.food.drinks', '--json'], { input: noise });
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('binary-input');
    expect(snapshotRepository(dir)).toEqual(before);
  });
});
