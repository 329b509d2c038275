import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { branchNameProblem } from '../../src/core/refName.js';

/** What native git says about a branch name: valid or not. */
function gitAccepts(name: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('branchNameProblem agrees with git check-ref-format --branch', () => {
  it.each([
    'main',
    'feature/x',
    'agent-2',
    'v1.2',
    'a_b',
    'ü-branch',
    'a/b/c',
    '',
    'a b',
    'a..b',
    '-x',
    'x.lock',
    'a/x.lock/b',
    '.hidden',
    'a/.b',
    'x~1',
    'x^',
    'x:y',
    'x?',
    'x*',
    'x[',
    'x\\y',
    'x/',
    '/x',
    'a//b',
    'x.',
    'a@{b',
    'tab\there',
  ])('%j', (name) => {
    expect(branchNameProblem(name) === undefined).toBe(gitAccepts(name));
  });

  it('names the reason', () => {
    expect(branchNameProblem('a..b')).toBe('it contains ".."');
    expect(branchNameProblem('x.lock')).toBe('the component "x.lock" ends with ".lock"');
  });
});
