import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, parseJson, tempDir } from '../helpers/cli.js';
import { memoirIn } from '../helpers/inProcess.js';

describe('memoir init', () => {
  it('creates a bare git repository on main that native git accepts', async () => {
    const dir = tempDir();
    const result = await memoirIn(['init'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Initialized empty memoir repository in ${path.join(dir, '.memoir')}`);
    const gitdir = path.join(dir, '.memoir');
    expect(fs.readFileSync(path.join(gitdir, 'HEAD'), 'utf8').trim()).toBe('ref: refs/heads/main');
    expect(git(gitdir, ['config', '--get', 'core.bare']).trim()).toBe('true');
    expect(git(gitdir, ['fsck', '--strict'])).toBe('');
    expect(fs.existsSync(path.join(gitdir, 'state', 'stage.json'))).toBe(true);
  });

  it('says so and exits 0 when run again, changing nothing', async () => {
    const dir = tempDir();
    await memoirIn(['init'], { cwd: dir });
    const before = fs.readFileSync(path.join(dir, '.memoir', 'config'), 'utf8');
    const again = await memoirIn(['init', '--json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(parseJson(again.stdout)).toEqual({ path: path.join(dir, '.memoir'), created: false });
    expect(fs.readFileSync(path.join(dir, '.memoir', 'config'), 'utf8')).toBe(before);
  });

  it('creates the repository at --memoir-dir and MEMOIR_DIR', async () => {
    const dir = tempDir();
    expect((await memoirIn(['--memoir-dir', 'store', 'init'], { cwd: dir })).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'store', 'HEAD'))).toBe(true);
    expect((await memoirIn(['init'], { cwd: dir, env: { MEMOIR_DIR: path.join(dir, 'other') } })).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'other', 'HEAD'))).toBe(true);
  });
});

describe('finding the repository', () => {
  it('searches upward from the current directory, like git', async () => {
    const dir = tempDir();
    await memoirIn(['init'], { cwd: dir });
    const deep = path.join(dir, 'a', 'b', 'c');
    fs.mkdirSync(deep, { recursive: true });
    const result = await memoirIn(['status', '--json'], { cwd: deep });
    expect(result.code).toBe(0);
    expect(parseJson<{ branch: string }>(result.stdout).branch).toBe('main');
  });

  it('outside a repository: exit 2 and a message naming memoir init', async () => {
    const dir = tempDir();
    const result = await memoirIn(['status'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a memoir repository');
    expect(result.stderr).toContain('memoir init');
    const json = await memoirIn(['log', '--json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(parseJson<{ code: string }>(json.stderr).code).toBe('not-a-repository');
  });

  it('--memoir-dir pointing at a non-repository is exit 2', async () => {
    const dir = tempDir();
    const result = await memoirIn(['--memoir-dir', path.join(dir, 'nope'), 'log'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a memoir repository');
  });
});
