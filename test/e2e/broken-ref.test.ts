import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitdirOf, gitIn, jsonError, ok, repoTemplate, revParse, snapshotRepository } from '../helpers/e2e.js';
import { runnerIn } from '../helpers/inProcess.js';

/*
 * A power cut can leave a ref file renamed into place but empty. Read as "a branch with no
 * commits", the next write started a new root commit and the history was reachable only
 * through the reflog. A ref that exists but names no commit is an error, and nothing is written.
 */
const twoCommits = repoTemplate(async (dir) => {
  const run = runnerIn(dir);
  ok(await run(['add', 'Likes pizza', '-p', 'preferences.food.cuisine', '--commit']));
  ok(await run(['add', 'Prefers dark mode', '-p', 'preferences.ui.theme', '--commit']));
});

describe('a ref that names no commit', () => {
  it.each([
    ['empty', ''],
    ['garbled', 'zzzz\n'],
  ])('is an error for every write and read when it is %s, and nothing is written', async (_, content) => {
    const dir = twoCommits();
    const run = runnerIn(dir);
    const lost = revParse(dir);
    fs.writeFileSync(path.join(gitdirOf(dir), 'refs/heads/main'), content);
    const before = snapshotRepository(dir);
    for (const args of [
      ['add', 'Likes tea', '-p', 'preferences.food.drinks', '--commit'],
      ['add', 'Likes tea', '-p', 'preferences.food.drinks'],
      ['status'],
      ['log'],
      ['get', 'preferences.ui.theme'],
    ]) {
      const result = await run([...args, '--json']);
      expect(result.code, args.join(' ')).toBe(1);
      expect(jsonError(result).code).toBe('broken-ref');
      expect(jsonError(result).data).toEqual({ ref: 'refs/heads/main' });
    }
    expect(snapshotRepository(dir)).toEqual(before);
    // the reflog still names the lost commit, and the hint's repair brings the history back
    expect(ok(await run(['reflog', 'main'])).stdout).toContain(lost);
    fs.writeFileSync(path.join(gitdirOf(dir), 'refs/heads/main'), lost + '\n');
    expect(ok(await run(['get', 'preferences.ui.theme'])).stdout).toContain('Prefers dark mode');
    expect(gitIn(dir, ['rev-list', '--count', 'main']).trim()).toBe('2');
  });
});
