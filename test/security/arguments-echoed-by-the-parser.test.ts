import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { readStageFile, repoTemplate, runner } from '../helpers/e2e.js';

// A fact that starts with '-' reaches commander as an unknown option, and a mistyped command
// word may be a whole sentence: the parser's errors must never print them back.

const KEY = '-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ';
const TOKEN = 'ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP';
const repo = repoTemplate();

describe('the argument parser never echoes an argument that could be data', () => {
  it.each<[string, string[], RegExp]>([
    [
      'a key given as a fact',
      ['add', KEY, '-p', 'knowledge.technical.gotchas'],
      /an argument starting with '-' is not an option; put -- before a fact/,
    ],
    [
      'a fact starting with a dash',
      ['add', `-- my token is ${TOKEN}`],
      /an argument starting with '-' is not an option/,
    ],
    ['an unknown option with a value', ['add', 'x', `--token=${TOKEN}`], /unknown option '--token'\n/],
    ['a sentence where a command goes', [`my token is ${TOKEN}`], /the first argument is not a command/],
    ['a token given as a global option', [`--${TOKEN}`, 'status'], /an argument starting with '-' is not an option/],
  ])('%s: exit 2, the error names no part of it', (_what, args, expected) => {
    const dir = repo();
    const run = runner(dir);
    for (const json of [false, true]) {
      const result = run(json ? [...args, '--json'] : args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      for (const secret of [TOKEN.slice(4), KEY.slice(36)]) expect(result.stderr).not.toContain(secret.slice(0, 12));
      if (json) expect(parseJson<{ code: string }>(result.stderr).code).toBe('usage');
      else expect(result.stderr).toMatch(expected);
    }
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('an option name is still named, with the suggestion; -- lets the fact through to the guard', () => {
    const run = runner(repo());
    const typo = run(['add', 'Likes tea', '--pth', 'preferences.food.drinks']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown option '--pth'\n\(Did you mean --path\?\)/);
    const guarded = run(['add', '-p', 'knowledge.technical.gotchas', '--', KEY]);
    expect(guarded.code).toBe(4);
    expect(guarded.stderr).not.toContain(KEY.slice(36, 48));
  });
});
