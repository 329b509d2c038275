import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, tempDir } from '../helpers/cli.js';
import { expectFsckClean, gitdirOf, gitIn, ok } from '../helpers/e2e.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

// Memory is private data: a repository memoir creates is owner-only, as ssh keeps ~/.ssh, and
// stays so for everything written into it later, by memoir or by native git.

/** Every file and directory under `dir` (itself included) with its permission bits. */
function modes(dir: string): Array<{ path: string; mode: number; isDir: boolean }> {
  const found = [{ path: '.', mode: fs.statSync(dir).mode & 0o777, isDir: true }];
  const visit = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      found.push({ path: path.relative(dir, full), mode: fs.statSync(full).mode & 0o777, isDir: entry.isDirectory() });
      if (entry.isDirectory()) visit(full);
    }
  };
  visit(dir);
  return found;
}

/** Paths whose mode grants anything to the group or to others. */
const openToOthers = (dir: string) =>
  modes(dir)
    .filter((e) => (e.mode & 0o077) !== 0)
    .map((e) => `${e.path} ${e.mode.toString(8)}`);

describe('a repository memoir creates is owner-only', () => {
  it('memoir init: directories 0700, files 0600, recorded as core.sharedRepository=0600 for git', async () => {
    const dir = await initRepoIn();
    const gitdir = gitdirOf(dir);
    expect(openToOthers(gitdir)).toEqual([]);
    for (const entry of modes(gitdir)) expect(entry.mode, entry.path).toBe(entry.isDir ? 0o700 : 0o600);
    expect(git(gitdir, ['config', '--get', 'core.sharedRepository']).trim()).toBe('0600');
    expectFsckClean(dir);
  });

  it('stays owner-only through commits, branches, reflogs, state files and recall caches', async () => {
    const dir = await initRepoIn();
    ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir }));
    ok(
      await memoirIn(
        ['add', 'Tabs, never spaces', '-p', 'preferences.coding.style', '--commit', '--branch', 'agent/two'],
        {
          cwd: dir,
        },
      ),
    );
    ok(await memoirIn(['checkout', '-b', 'deep/er/branch'], { cwd: dir }));
    ok(await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks'], { cwd: dir }));
    ok(await memoirIn(['recall', 'what does the user drink'], { cwd: dir }));
    const gitdir = gitdirOf(dir);
    expect(fs.existsSync(path.join(gitdir, 'logs', 'refs', 'heads', 'agent', 'two'))).toBe(true);
    expect(fs.readdirSync(path.join(gitdir, 'state')).filter((n) => n.endsWith('.json')).length).toBeGreaterThan(1);
    expect(openToOthers(gitdir)).toEqual([]);
    expect(gitIn(dir, ['log', '--oneline', 'agent/two']).trim().split('\n')).toHaveLength(2);
    expectFsckClean(dir);
  });

  it('native git writing into the store (objects, packs, refs) keeps it owner-only too', async () => {
    const dir = await initRepoIn();
    ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir }));
    gitIn(dir, ['tag', 'v1']);
    gitIn(dir, ['gc', '--quiet']);
    ok(await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit'], { cwd: dir }));
    expect(fs.readdirSync(path.join(gitdirOf(dir), 'objects', 'pack')).some((n) => n.endsWith('.pack'))).toBe(true);
    expect(openToOthers(gitdirOf(dir))).toEqual([]);
    expect((await memoirIn(['get', 'preferences.ui.theme', '--json'], { cwd: dir })).stdout).toContain(
      'I prefer dark mode',
    );
    expectFsckClean(dir);
  });

  it('an empty directory named with --memoir-dir becomes owner-only, and so does one init creates', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'empty'), { mode: 0o755 });
    fs.chmodSync(path.join(dir, 'empty'), 0o755);
    ok(await memoirIn(['--memoir-dir', 'empty', 'init'], { cwd: dir }));
    expect(fs.statSync(path.join(dir, 'empty')).mode & 0o777).toBe(0o700);
    ok(await memoirIn(['--memoir-dir', 'parent/store', 'init'], { cwd: dir }));
    expect(fs.statSync(path.join(dir, 'parent', 'store')).mode & 0o777).toBe(0o700);
    expect(openToOthers(path.join(dir, 'parent', 'store'))).toEqual([]);
  });
});

describe('an existing repository is not changed', () => {
  it('without core.sharedRepository, modes stay as they were and new files follow the umask', async () => {
    const dir = await initRepoIn();
    const gitdir = gitdirOf(dir);
    // a repository as an older memoir (or git init) left it: group- and world-readable
    git(gitdir, ['config', '--unset', 'core.sharedRepository']);
    for (const entry of modes(gitdir)) fs.chmodSync(path.join(gitdir, entry.path), entry.isDir ? 0o755 : 0o644);
    const before = new Map(modes(gitdir).map((e) => [e.path, e.mode]));
    ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir }));
    // what the umask of this process (and so of the spawned memoir) gives a new file and directory
    const probe = path.join(tempDir(), 'probe');
    fs.writeFileSync(probe, '');
    fs.mkdirSync(probe + '-dir');
    const umaskFile = fs.statSync(probe).mode & 0o777;
    const umaskDir = fs.statSync(probe + '-dir').mode & 0o777;
    for (const entry of modes(gitdir)) {
      const old = before.get(entry.path);
      // a replaced file (a ref, the stage) is a new file, as with git
      if (old !== undefined && (entry.isDir || !['HEAD', 'refs/heads/main', 'state/stage.json'].includes(entry.path)))
        expect(entry.mode, entry.path).toBe(old);
      if (old === undefined) expect(entry.mode, entry.path).toBe(entry.isDir ? umaskDir : umaskFile);
    }
    expectFsckClean(dir);
  });
});
