import { describe, expect, it } from 'vitest';
import { badRevision, parseRevision, type RevisionStep } from '../../src/core/revision.js';
import { UsageError } from '../../src/errors/index.js';

const t = (n: number): RevisionStep => ({ kind: '~', n });
const c = (n: number): RevisionStep => ({ kind: '^', n });

describe('parseRevision', () => {
  it.each([
    ['HEAD', 'HEAD', []],
    ['main', 'main', []],
    ['abc1234', 'abc1234', []],
    ['3fa2c91b0d3fa2c91b0d3fa2c91b0d3fa2c91b0d', '3fa2c91b0d3fa2c91b0d3fa2c91b0d3fa2c91b0d', []],
    ['feature/dark-mode', 'feature/dark-mode', []],
    ['refs/heads/main', 'refs/heads/main', []],
    ['v1.0', 'v1.0', []],
    ['HEAD~', 'HEAD', [t(1)]],
    ['HEAD~1', 'HEAD', [t(1)]],
    ['HEAD~3', 'HEAD', [t(3)]],
    ['HEAD~10', 'HEAD', [t(10)]],
    ['HEAD~0', 'HEAD', [t(0)]],
    ['HEAD^', 'HEAD', [c(1)]],
    ['HEAD^2', 'HEAD', [c(2)]],
    ['HEAD^0', 'HEAD', [c(0)]],
    ['HEAD^^', 'HEAD', [c(1), c(1)]],
    ['HEAD~2^2~1', 'HEAD', [t(2), c(2), t(1)]],
    ['main^2~', 'main', [c(2), t(1)]],
    ['abc1234~1^2', 'abc1234', [t(1), c(2)]],
    ['  HEAD~2  ', 'HEAD', [t(2)]], // surrounding spaces are ignored
  ])('%j → base %j', (rev, base, steps) => {
    expect(parseRevision(rev)).toEqual({ base, steps });
  });

  it.each([
    ['main@{1}', 'main', 1, []],
    ['HEAD@{0}', 'HEAD', 0, []],
    ['@{2}', '', 2, []],
    ['feature/x@{3}~2', 'feature/x', 3, [t(2)]],
  ])('%j → the reflog of %j, %i moves ago', (rev, base, reflog, steps) => {
    expect(parseRevision(rev)).toEqual({ base, reflog, steps });
  });

  it.each([
    ['@{u}', '', []],
    ['@{upstream}', '', []],
    ['@{U}', '', []],
    ['@{UpStream}', '', []],
    ['main@{u}', 'main', []],
    ['feature/x@{upstream}~2^2', 'feature/x', [t(2), c(2)]],
    ['HEAD@{u}^', 'HEAD', [c(1)]],
  ])('%j → the upstream of %j', (rev, base, steps) => {
    expect(parseRevision(rev)).toEqual({ base, upstream: true, steps });
  });

  it.each([
    '',
    '   ',
    '~1',
    '^',
    '^2',
    'HEAD~x',
    'HEAD~1x',
    'HEAD^a',
    'HEAD~-1',
    'HEAD~1.5',
    'HEAD ~1',
    'my branch', // whitespace
    'main\tx',
    'main..dev', // a range, not a revision
    'HEAD@{x}',
    'main@{up}',
    'main@{u}@{u}',
    '@{u}x',
    '@@{u}',
    'main@{-1}',
    '@',
    'main:file.md',
    'ma?n',
    'ma*n',
    'ma[in',
    'ma\\in',
    '-x', // would read as an option
    '--all',
    '/main',
    'main/',
    'feature//x',
    'main.',
    '.hidden',
    'refs/heads/.x',
    'main.lock',
    '../../etc/passwd', // a lookup must stay inside the repository
    'ma\u0000in',
    'ma\u007fin',
  ])('%j is a usage error with code unknown-revision', (rev) => {
    let error: unknown;
    try {
      parseRevision(rev);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('unknown-revision');
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).data).toEqual({ revision: rev });
  });
});

describe('badRevision', () => {
  it('names the revision and, when given, the detail', () => {
    const error = badRevision('HEAD~9', 'history has only 3 commits before it');
    expect(error.code).toBe('unknown-revision');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('HEAD~9');
    expect(error.message).toContain('history has only 3 commits before it');
    expect(error.hint).toBeTruthy();
    expect(error.toJSON()).toMatchObject({ code: 'unknown-revision', data: { revision: 'HEAD~9' } });
  });
});
