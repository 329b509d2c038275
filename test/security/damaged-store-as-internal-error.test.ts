import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseJson, tempDir, testEnv } from '../helpers/cli.js';
import { expectFsckClean, gitIn, gitdirOf, ok, repoTemplate, type ErrorJson } from '../helpers/e2e.js';
import { memoirIn } from '../helpers/inProcess.js';

// Something in the way inside the store (a directory where a file belongs) or a store made by
// plain git is not a bug in memoir: a clear error with a code, or it just works.

const repo = repoTemplate(async (dir) =>
  ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir })),
);

function replaceWithDirectory(dir: string, relative: string): void {
  const place = path.join(gitdirOf(dir), relative);
  fs.rmSync(place, { force: true });
  fs.mkdirSync(place);
}

describe('a directory where a file belongs', () => {
  it('the stage: corrupt-stage (exit 1) with the recovery hint', async () => {
    const dir = repo();
    replaceWithDirectory(dir, 'state/stage.json');
    const result = await memoirIn(['status', '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(parseJson<ErrorJson>(result.stderr)).toMatchObject({
      code: 'corrupt-stage',
      hint: expect.stringContaining('remove it'),
    });
  });

  it('a reflog: cannot-write (exit 1) naming the file', async () => {
    const dir = repo();
    replaceWithDirectory(dir, 'logs/refs/heads/main');
    const result = await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--json'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(parseJson<ErrorJson>(result.stderr)).toMatchObject({
      code: 'cannot-write',
      data: { path: path.join(gitdirOf(dir), 'logs', 'refs', 'heads', 'main'), reason: 'EISDIR' },
    });
  });
});

it('a store made by git init --bare (no state directory) takes commits', async () => {
  const dir = tempDir();
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', gitdirOf(dir)], { env: testEnv(dir) });
  ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir }));
  expect(gitIn(dir, ['log', '--format=%s'])).toContain('preferences.ui.theme');
  expectFsckClean(dir);
});
