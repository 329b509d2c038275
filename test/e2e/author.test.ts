import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdentity } from '../../src/config/author.js';
import { git, initRepo, memoir } from '../helpers/cli.js';

/** Who the last commit of the repository in `dir` is by, as native git reads it. */
const lastAuthor = (dir: string) => git(path.join(dir, '.memoir'), ['log', '-1', '--format=%an <%ae>']).trim();

/** The environment of a user whose only identity is git's own: no memoir or GIT_AUTHOR_* settings. */
function gitUser(dir: string, gitconfig: string | undefined) {
  const global = path.join(dir, 'gitconfig');
  if (gitconfig !== undefined) fs.writeFileSync(global, gitconfig);
  return {
    MEMOIR_AUTHOR_NAME: undefined,
    MEMOIR_AUTHOR_EMAIL: undefined,
    GIT_CONFIG_GLOBAL: gitconfig === undefined ? '/dev/null' : global,
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

describe('the author of a commit when only git names one', () => {
  it("is git's user.name and user.email, for add --commit, commit and merge", () => {
    const dir = initRepo();
    const env = gitUser(dir, '[user]\n\tname = Grace Hopper\n\temail = grace@example.com\n');
    const run = (args: string[]) => {
      const result = memoir(args, { cwd: dir, env });
      expect(result.code, result.stderr).toBe(0);
    };
    run(['add', 'I prefer dark mode', '--path', 'preferences.ui.theme', '--commit']);
    expect(lastAuthor(dir)).toBe('Grace Hopper <grace@example.com>');
    run(['add', 'We have a cat named Miso', '--path', 'relationships.pets.animals']);
    run(['commit', '-m', 'a cat']);
    expect(lastAuthor(dir)).toBe('Grace Hopper <grace@example.com>');
    run(['branch', 'side']);
    run(['add', 'I drink oat milk', '--path', 'preferences.food.drinks', '--commit', '--branch', 'side']);
    run(['add', 'I like jazz', '--path', 'preferences.entertainment.music', '--commit']);
    run(['merge', 'side', '-m', 'merge side']);
    expect(git(path.join(dir, '.memoir'), ['log', '-1', '--format=%s|%an <%ae>']).trim()).toBe(
      'merge side|Grace Hopper <grace@example.com>',
    );
  });

  it('takes the last value of a key set twice, as git config --get does', () => {
    const dir = initRepo();
    const env = gitUser(dir, '[user]\n\tname = First\n\temail = a@example.com\n[user]\n\tname = Second Name\n');
    expect(
      memoir(['add', 'I prefer tea', '--path', 'preferences.food.drinks', '--commit'], { cwd: dir, env }).code,
    ).toBe(0);
    expect(lastAuthor(dir)).toBe('Second Name <a@example.com>');
  });

  it('falls back to the login name at this host when git names no one', () => {
    const dir = initRepo();
    const env = gitUser(dir, undefined);
    expect(
      memoir(['add', 'I prefer tea', '--path', 'preferences.food.drinks', '--commit'], { cwd: dir, env }).code,
    ).toBe(0);
    const login = os.userInfo().username;
    expect(lastAuthor(dir)).toBe(`${login} <${login}@${os.hostname()}>`);
  });
});

describe('parseIdentity', () => {
  it('reads git config -z --get-regexp output, keeping spaces inside a value and ignoring other keys', () => {
    expect(parseIdentity('user.name\nAda  Lovelace\0user.email\nada@example.com\0')).toEqual({
      name: 'Ada  Lovelace',
      email: 'ada@example.com',
    });
    expect(parseIdentity('user.namex\nno\0user.email\n\0')).toEqual({ email: undefined });
    expect(parseIdentity('')).toEqual({});
  });
});
