import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitdirOf, gitIn, leafFile, nativeCommit, repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * ls counts each leaf blob's facts once and keeps the count (state/cache/leaf-counts): the counts
 * are git's, whatever the cache holds of other blobs, and a cache line that does not read is counted again.
 */

const FOOD = 'preferences.food.cuisine';
const THEME = 'preferences.ui.theme';
const repo = repoTemplate(async (dir) => {
  for (const text of ['Likes sushi', 'Likes ramen', 'Likes pho'])
    expect((await runIn(dir, ['add', text, '-p', FOOD, '--commit'])).code).toBe(0);
  expect((await runIn(dir, ['add', 'Dark mode everywhere', '-p', THEME, '--commit'])).code).toBe(0);
});

const lsCounts = async (dir: string, ...args: string[]) => {
  const result = await runIn(dir, ['ls', '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return Object.fromEntries(
    parseJson<Array<{ path: string; count: number }>>(result.stdout).map((e) => [e.path, e.count]),
  );
};
const cacheFile = (dir: string) => path.join(gitdirOf(dir), 'state', 'cache', 'leaf-counts');
const blobOf = (dir: string, leaf: string, rev = 'main') =>
  gitIn(dir, ['rev-parse', `${rev}:${leafFile(leaf)}`]).trim();

describe('ls counts', () => {
  it('are kept by blob, and stay right as the tree changes (a file edited with git, --at an older commit)', async () => {
    const dir = repo();
    expect(await lsCounts(dir)).toEqual({ [FOOD]: 3, [THEME]: 1 });
    const cached = fs.readFileSync(cacheFile(dir), 'utf8');
    expect(cached).toContain(`${blobOf(dir, FOOD)} 3\n`);
    expect(cached).toContain(`${blobOf(dir, THEME)} 1\n`);

    const older = gitIn(dir, ['rev-parse', 'main']).trim();
    nativeCommit(
      dir,
      { [leafFile(FOOD)]: `${gitIn(dir, ['show', `main:${leafFile(FOOD)}`])}- Likes tacos\n` },
      'by hand',
    );
    expect(await lsCounts(dir)).toEqual({ [FOOD]: 4, [THEME]: 1 });
    expect(await lsCounts(dir, '--at', older)).toEqual({ [FOOD]: 3, [THEME]: 1 });
    // both versions of the leaf are kept
    expect(fs.readFileSync(cacheFile(dir), 'utf8')).toContain(`${blobOf(dir, FOOD)} 4\n`);
  });

  it('count again a blob whose cache line does not read, and mend the file', async () => {
    const dir = repo();
    await lsCounts(dir);
    fs.writeFileSync(cacheFile(dir), `${blobOf(dir, FOOD)} three\nnot a line\n`);
    expect(await lsCounts(dir)).toEqual({ [FOOD]: 3, [THEME]: 1 });
    expect(fs.readFileSync(cacheFile(dir), 'utf8')).toBe(`${blobOf(dir, FOOD)} 3\n${blobOf(dir, THEME)} 1\n`);
  });

  it('are counted still when the cache cannot be read nor written (state/cache is a file)', async () => {
    const dir = repo();
    const cache = path.dirname(cacheFile(dir));
    fs.rmSync(cache, { recursive: true, force: true });
    fs.writeFileSync(cache, 'not a folder');
    expect(await lsCounts(dir)).toEqual({ [FOOD]: 3, [THEME]: 1 });
    expect(fs.readFileSync(cache, 'utf8')).toBe('not a folder');
  });
});
