import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRefName } from '../../src/core/refName.js';
import { parseJson } from '../helpers/cli.js';
import { expectFsckClean, gitdirOf, ok, repoTemplate, revParse, type ErrorJson } from '../helpers/e2e.js';
import { memoirIn } from '../helpers/inProcess.js';

// A ref name becomes a path under .memoir/. A name with ".." (typed, or in a tampered HEAD)
// must never reach the file system: `memoir branch -D ../../HEAD` used to delete HEAD and
// leave no repository, and `ref: refs/heads/../../../x` in HEAD made a commit write outside
// the store.

const repo = repoTemplate(async (dir) =>
  ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir })),
);

describe('names with ".." typed by the user', () => {
  it('branch -D ../../HEAD is an unknown branch, and HEAD stays', async () => {
    const dir = repo();
    const result = await memoirIn(['branch', '-D', '../../HEAD', '--json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(parseJson<ErrorJson>(result.stderr).code).toBe('unknown-branch');
    expect(fs.readFileSync(path.join(gitdirOf(dir), 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expectFsckClean(dir);
  });

  it.each([[['checkout', '../../HEAD']], [['show', 'refs/heads/../../HEAD']], [['log', '../../config']]])(
    'memoir %j: an unknown revision, nothing read through the name',
    async (args) => {
      const dir = repo();
      const result = await memoirIn([...args, '--json'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(fs.readFileSync(path.join(gitdirOf(dir), 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    },
  );

  it('branch -m main ../x is refused as an invalid branch name', async () => {
    const dir = repo();
    const result = await memoirIn(['branch', '-m', 'main', '../../x', '--json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(parseJson<ErrorJson>(result.stderr).code).toBe('invalid-branch-name');
    expect(revParse(dir)).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('a HEAD that points out of the refs', () => {
  it('is corrupt-head (exit 1) for reads and writes; nothing is written outside the store', async () => {
    const dir = repo();
    fs.writeFileSync(path.join(gitdirOf(dir), 'HEAD'), 'ref: refs/heads/../../../outside\n');
    for (const args of [['log'], ['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit']]) {
      const result = await memoirIn([...args, '--json'], { cwd: dir });
      expect(result.code, result.stderr).toBe(1);
      expect(parseJson<ErrorJson>(result.stderr)).toMatchObject({
        code: 'corrupt-head',
        data: { ref: 'refs/heads/../../../outside' },
      });
    }
    expect(fs.existsSync(path.join(dir, 'outside'))).toBe(false);
    expect(fs.existsSync(path.join(path.dirname(dir), 'outside'))).toBe(false);
  });
});

describe('isRefName', () => {
  it.each([
    'HEAD',
    'ORIG_HEAD',
    'refs/heads/main',
    'refs/heads/feature/x',
    'refs/remotes/origin/HEAD',
    'refs/heads/refs/heads/main',
  ])('%j is a ref name', (name) => {
    expect(isRefName(name)).toBe(true);
  });

  it.each([
    'refs/heads/../../HEAD',
    '../HEAD',
    'main',
    'config',
    'refs/heads/x.lock',
    'refs/heads/a b',
    'refs/',
    '/etc/passwd',
    'refs//heads',
  ])('%j is not', (name) => {
    expect(isRefName(name)).toBe(false);
  });
});
