import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDirectory, isPrivateDirectory } from '../../src/runtime/compileCache.js';
import { spawnSync } from 'node:child_process';
import { memoir, ROOT, tempDir, testEnv } from '../helpers/cli.js';

const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('the compile cache', () => {
  it('lives in the user cache folder, per V8 and architecture', () => {
    const v8 = `v8-${process.versions.v8}-${process.arch}`;
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/a' })).toBe(path.join('/x/cache', 'memoir', v8));
    expect(cacheDirectory({ HOME: '/home/a' })).toBe(path.join('/home/a', '.cache', 'memoir', v8));
    expect(cacheDirectory({ XDG_CACHE_HOME: 'relative', HOME: '' })).toBeUndefined();
    expect(cacheDirectory({})).toBeUndefined();
  });

  it('is used only in a directory closed to other users', () => {
    const root = tempDir();
    const mine = path.join(root, 'a', 'b');
    fs.mkdirSync(path.dirname(mine), { mode: 0o700 });
    expect(isPrivateDirectory(mine)).toBe(true);
    expect(fs.statSync(mine).mode & 0o777).toBe(0o700);
    const open = path.join(root, 'open');
    fs.mkdirSync(open, { mode: 0o777 });
    fs.chmodSync(open, 0o777);
    expect(isPrivateDirectory(open)).toBe(false);
    // nor inside a folder others may write to: they could swap it for their own
    fs.mkdirSync(path.join(open, 'inner'), { mode: 0o700 });
    expect(isPrivateDirectory(path.join(open, 'inner'))).toBe(false);
    const file = path.join(root, 'file');
    fs.writeFileSync(file, '');
    expect(isPrivateDirectory(file)).toBe(false);
  });

  it('is written by the first run, read by the next, and a damaged entry is rewritten', () => {
    const dir = tempDir();
    const cache = path.join(dir, 'cache');
    const env = { XDG_CACHE_HOME: cache };
    const first = memoir(['taxonomy', 'preferences.ui'], { cwd: dir, env });
    expect(first.code).toBe(0);
    const v8dir = cacheDirectory(env)!;
    const written = entries(v8dir);
    expect(written.some((name) => /^shared-.+\.cjs\.\d+\.[0-9a-f]+$/.test(name))).toBe(true);
    const stamps = written.map((name) => fs.statSync(path.join(v8dir, name)).mtimeMs);
    const second = memoir(['taxonomy', 'preferences.ui'], { cwd: dir, env });
    expect(second).toEqual(first);
    // read, not written again
    expect(written.map((name) => fs.statSync(path.join(v8dir, name)).mtimeMs)).toEqual(stamps);
    const shared = written.find((name) => name.startsWith('shared-'))!;
    fs.writeFileSync(path.join(v8dir, shared), 'not a code cache');
    expect(memoir(['taxonomy', 'preferences.ui'], { cwd: dir, env })).toEqual(first);
    expect(fs.readFileSync(path.join(v8dir, shared)).length).toBeGreaterThan(1000);
  });

  it("keeps one entry per copy of memoir: V8 would name the first copy's files in the other's stack traces", () => {
    const dir = tempDir();
    const env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
    const copy = path.join(dir, 'copy');
    for (const part of ['bin', 'dist', 'package.json'])
      fs.cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
    expect(memoir(['taxonomy', 'preferences.ui'], { cwd: dir, env }).code).toBe(0);
    const script = `process.argv = [process.argv[0], 'memoir', 'taxonomy', 'preferences.ui']; require(${JSON.stringify(path.join(copy, 'bin', 'memoir.js'))});`;
    const second = spawnSync(process.execPath, ['-e', script], { cwd: dir, env: testEnv(dir, env), encoding: 'utf8' });
    expect(second.status, second.stderr).toBe(0);
    const shared = entries(cacheDirectory(env)!).filter((name) => name.startsWith('shared-'));
    expect(shared).toHaveLength(2);
    expect(new Set(shared.map((name) => name.replace(/\.[0-9a-f]+$/, ''))).size).toBe(1);
  });

  it('is not used when its folder is open to others, nor with MEMOIR_NO_COMPILE_CACHE', () => {
    const dir = tempDir();
    const open = path.join(dir, 'open');
    const env = { XDG_CACHE_HOME: open };
    fs.mkdirSync(cacheDirectory(env)!, { recursive: true });
    fs.chmodSync(cacheDirectory(env)!, 0o777);
    expect(memoir(['taxonomy', 'preferences.ui'], { cwd: dir, env }).code).toBe(0);
    expect(entries(cacheDirectory(env)!)).toEqual([]);
    const off = { XDG_CACHE_HOME: path.join(dir, 'off'), MEMOIR_NO_COMPILE_CACHE: '1' };
    expect(memoir(['taxonomy', 'preferences.ui'], { cwd: dir, env: off }).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'off'))).toBe(false);
  });
});
