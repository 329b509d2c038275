import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, tempDir } from '../helpers/cli.js';
import type { ErrorJson } from '../helpers/e2e.js';
import { memoirIn } from '../helpers/inProcess.js';

// `memoir init` where the repository would go is taken by a file: a usage error (exit 2) that
// says so, not an internal error, and the file is left alone.

describe('memoir init over a file', () => {
  it('.memoir is a file: exit 2, not-a-directory, the file untouched', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.memoir'), 'my notes\n');
    const result = await memoirIn(['init', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(2);
    expect(parseJson<ErrorJson>(result.stderr)).toMatchObject({
      code: 'not-a-directory',
      data: { path: path.join(dir, '.memoir') },
    });
    expect(fs.readFileSync(path.join(dir, '.memoir'), 'utf8')).toBe('my notes\n');
  });

  it('a part of --memoir-dir is a file: exit 2, not-a-directory', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    const result = await memoirIn(['--memoir-dir', 'file/store', 'init', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(2);
    expect(parseJson<ErrorJson>(result.stderr).code).toBe('not-a-directory');
  });

  it('without --json: one line saying what is wrong, a hint, no internal error', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.memoir'), '');
    const result = await memoirIn(['init'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^memoir: .*not a directory\nhint: /);
    expect(result.stderr).not.toContain('internal error');
  });

  it('a path the file system refuses (a name too long): exit 1, cannot-create-repository', async () => {
    const dir = tempDir();
    const result = await memoirIn(['--memoir-dir', 'x'.repeat(300), 'init', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    expect(parseJson<ErrorJson>(result.stderr)).toMatchObject({
      code: 'cannot-create-repository',
      data: { reason: 'ENAMETOOLONG' },
    });
  });
});
