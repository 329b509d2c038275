import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReflog, readRef, symbolicHead } from '../../src/store/refs.js';
import { tempDir } from '../helpers/cli.js';
import { MemoirError } from '../../src/errors/index.js';

/** A bare repository made by native git, with two commits on main. */
function nativeRepo(): { gitdir: string; first: string; second: string } {
  const gitdir = path.join(tempDir(), 'repo.git');
  const env = {
    ...process.env,
    GIT_DIR: gitdir,
    GIT_AUTHOR_NAME: 'a',
    GIT_AUTHOR_EMAIL: 'a@b',
    GIT_COMMITTER_NAME: 'a',
    GIT_COMMITTER_EMAIL: 'a@b',
  };
  const run = (args: string[], input?: string) => execFileSync('git', args, { env, input }).toString().trim();
  run(['init', '-q', '--bare', '--initial-branch=main', gitdir]);
  const tree = run(['mktree'], '');
  const first = run(['commit-tree', tree, '-m', 'one']);
  const second = run(['commit-tree', tree, '-p', first, '-m', 'two']);
  run(['update-ref', 'refs/heads/main', second]);
  run(['update-ref', 'refs/tags/v1', first]);
  run(['update-ref', 'refs/heads/topic', first]);
  return { gitdir, first, second };
}

describe('readRef', () => {
  it('resolves HEAD, full refs and short names as git does', () => {
    const { gitdir, first, second } = nativeRepo();
    expect(readRef(gitdir, 'HEAD')).toBe(second);
    expect(readRef(gitdir, 'refs/heads/main')).toBe(second);
    expect(readRef(gitdir, 'main')).toBe(second);
    expect(readRef(gitdir, 'topic')).toBe(first);
    expect(readRef(gitdir, 'v1')).toBe(first);
    expect(readRef(gitdir, 'nope')).toBeUndefined();
    expect(readRef(gitdir, 'heads')).toBeUndefined(); // a directory, not a ref
    expect(symbolicHead(gitdir)).toBe('refs/heads/main');
  });

  it('prefers a tag to a branch of the same name, like git', () => {
    const { gitdir, first, second } = nativeRepo();
    execFileSync('git', ['--git-dir', gitdir, 'update-ref', 'refs/tags/main', first]);
    expect(readRef(gitdir, 'main')).toBe(first);
    expect(
      execFileSync('git', ['--git-dir', gitdir, 'rev-parse', 'main'], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    ).toBe(first);
    expect(readRef(gitdir, 'refs/heads/main')).toBe(second);
  });

  it('reads packed refs, and sees them change within one process', () => {
    const { gitdir, first, second } = nativeRepo();
    expect(readRef(gitdir, 'topic')).toBe(first);
    execFileSync('git', ['--git-dir', gitdir, 'pack-refs', '--all']);
    expect(fs.existsSync(path.join(gitdir, 'refs', 'heads', 'topic'))).toBe(false);
    expect(readRef(gitdir, 'topic')).toBe(first);
    execFileSync('git', ['--git-dir', gitdir, 'update-ref', 'refs/heads/topic', second]);
    execFileSync('git', ['--git-dir', gitdir, 'pack-refs', '--all']);
    expect(readRef(gitdir, 'topic')).toBe(second);
  });

  it('follows symbolic refs and is undefined for an unborn branch', () => {
    const { gitdir, second } = nativeRepo();
    execFileSync('git', ['--git-dir', gitdir, 'symbolic-ref', 'refs/heads/alias', 'refs/heads/main']);
    expect(readRef(gitdir, 'alias')).toBe(second);
    execFileSync('git', ['--git-dir', gitdir, 'symbolic-ref', 'HEAD', 'refs/heads/unborn']);
    expect(readRef(gitdir, 'HEAD')).toBeUndefined();
    expect(symbolicHead(gitdir)).toBe('refs/heads/unborn');
  });

  it('is undefined on a detached HEAD only when the id is missing', () => {
    const { gitdir, first } = nativeRepo();
    fs.writeFileSync(path.join(gitdir, 'HEAD'), first + '\n');
    expect(readRef(gitdir, 'HEAD')).toBe(first);
    expect(symbolicHead(gitdir)).toBeUndefined();
  });

  it.each([
    ['empty, as a power cut leaves it', ''],
    ['garbled', 'not a commit id\n'],
    ['a short id', 'abc123\n'],
  ])('refuses a ref file that is %s, naming the file, where git says "reference broken"', (_, content) => {
    const { gitdir } = nativeRepo();
    fs.writeFileSync(path.join(gitdir, 'refs/heads/main'), content);
    for (const name of ['HEAD', 'main', 'refs/heads/main']) {
      const error = (() => {
        try {
          readRef(gitdir, name);
        } catch (e) {
          return e as MemoirError;
        }
      })();
      expect(error).toBeInstanceOf(MemoirError);
      expect(error).toMatchObject({ code: 'broken-ref', exitCode: 1, data: { ref: 'refs/heads/main' } });
      expect(error!.message).toContain(path.join(gitdir, 'refs/heads/main'));
      expect(error!.hint).toContain('memoir reflog main');
    }
    expect(() => execFileSync('git', ['--git-dir', gitdir, 'rev-parse', 'main'], { stdio: 'pipe' })).toThrow();
    // other refs still resolve
    expect(readRef(gitdir, 'topic')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('refuses a detached HEAD that names no commit', () => {
    const { gitdir } = nativeRepo();
    fs.writeFileSync(path.join(gitdir, 'HEAD'), 'garbage\n');
    expect(() => readRef(gitdir, 'HEAD')).toThrow(expect.objectContaining({ code: 'broken-ref' }));
  });

  it("reads a short name at the top of the git directory only for git's capitalised refs, never config or description", () => {
    const { gitdir, first } = nativeRepo();
    expect(readRef(gitdir, 'config')).toBeUndefined();
    expect(readRef(gitdir, 'description')).toBeUndefined();
    fs.writeFileSync(path.join(gitdir, 'ORIG_HEAD'), first + '\n');
    expect(readRef(gitdir, 'ORIG_HEAD')).toBe(first);
  });
});

describe('readReflog', () => {
  it('keeps an entry whose message holds a line separator or a carriage return, as git does', () => {
    const gitdir = tempDir();
    const [a, b, c] = ['1', '2', '3'].map((d) => d.repeat(40));
    fs.mkdirSync(path.join(gitdir, 'logs', 'refs', 'heads'), { recursive: true });
    const line = (old: string, oid: string, message: string) =>
      `${old} ${oid} Ada <ada@example.com> 1767225600 +0000\t${message}\n`;
    fs.writeFileSync(
      path.join(gitdir, 'logs', 'refs', 'heads', 'main'),
      line('0'.repeat(40), a, 'commit: one') + line(a, b, 'commit: two\u2028lines') + line(b, c, 'commit: three\r'),
    );
    expect(readReflog(gitdir, 'refs/heads/main').map((e) => [e.oid, e.message])).toEqual([
      [c, 'commit: three\r'],
      [b, 'commit: two\u2028lines'],
      [a, 'commit: one'],
    ]);
  });
});
