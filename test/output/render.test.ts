import { beforeAll, describe, expect, it } from 'vitest';
import { decideColor } from '../../src/io/io.js';
import { colorFlagOf } from '../../src/io/colorFlag.js';
import { alignColumns, loadDisplayWidth, plainRecord, relativeTime } from '../../src/output/format.js';
import { plainPalette } from '../../src/output/palette.js';
import { statusRenderer } from '../../src/output/status.js';
import { logRenderer } from '../../src/output/log.js';
import { getRenderer } from '../../src/output/get.js';
import { showRenderer } from '../../src/output/show.js';
import { addedAndRemoved, type FactChange } from '../../src/core/factDiff.js';
import type { Context } from '../../src/runtime/context.js';
import type { Fact } from '../../src/core/fact.js';
import type { CommitInfo } from '../../src/store/git.js';

const now = new Date('2026-01-02T03:04:05Z');
const context = { now: () => now } as unknown as Context;
const fact = (id: string, text: string, path = 'preferences.ui.theme'): Fact => ({
  id,
  path,
  text,
  recordedAt: '2026-01-02T01:04:05Z',
  source: 'cli',
  classifier: 'manual',
});
const person = {
  name: 'Ada',
  email: 'ada@example.com',
  timestamp: Date.parse('2026-01-01T03:04:05Z') / 1000,
  timezoneOffset: -60,
};
const commit = (oid: string, message: string, parents: string[] = []): CommitInfo => ({
  oid,
  tree: 't'.repeat(40),
  parents,
  message,
  author: person,
  committer: person,
});

describe('colour decision', () => {
  const tty = { isTTY: true };
  it.each([
    ['a terminal', tty, {}, true],
    ['a pipe', { isTTY: false }, {}, false],
    ['NO_COLOR=1', tty, { NO_COLOR: '1' }, false],
    ['NO_COLOR empty (ignored, per no-color.org)', tty, { NO_COLOR: '' }, true],
    ['TERM=dumb', tty, { TERM: 'dumb' }, false],
    ['CLICOLOR=0', tty, { CLICOLOR: '0' }, false],
    ['FORCE_COLOR=1 in a pipe', { isTTY: false }, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=0 in a pipe (does not force)', { isTTY: false }, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false in a terminal (does not force, nor turn off)', tty, { FORCE_COLOR: 'false' }, true],
    ['CLICOLOR_FORCE=1 in a pipe', { isTTY: false }, { CLICOLOR_FORCE: '1' }, true],
    ['NO_COLOR beats FORCE_COLOR', tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['FORCE_COLOR beats TERM=dumb', { isTTY: false }, { FORCE_COLOR: '1', TERM: 'dumb' }, true],
  ])('%s', (_what, stream, env, expected) => {
    expect(decideColor(stream, { env })).toBe(expected);
  });
  it('--no-color and --json turn it off in a terminal', () => {
    expect(decideColor(tty, { env: {}, colorFlag: 'never' })).toBe(false);
    expect(decideColor(tty, { env: {}, json: true })).toBe(false);
  });
  it('the flag beats the environment; --json beats the flag', () => {
    const pipe = { isTTY: false };
    expect(decideColor(pipe, { env: { NO_COLOR: '1' }, colorFlag: 'always' })).toBe(true);
    expect(decideColor(tty, { env: { FORCE_COLOR: '1' }, colorFlag: 'never' })).toBe(false);
    expect(decideColor(pipe, { env: { FORCE_COLOR: '1' }, colorFlag: 'auto' })).toBe(true);
    expect(decideColor(pipe, { env: {}, colorFlag: 'auto' })).toBe(false);
    expect(decideColor(tty, { env: {}, colorFlag: 'always', json: true })).toBe(false);
  });
  it.each([
    [['log'], undefined],
    [['--no-color', 'log'], 'never'],
    [['--color=always', 'log'], 'always'],
    [['log', '--color', 'never'], 'never'],
    [['--color=always', 'log', '--no-color'], 'never'],
    [['--no-color', 'log', '--color=auto'], 'auto'],
    [['--color=sometimes', 'log'], undefined],
    [['add', '--', '--no-color'], undefined],
  ])('the flag in %j is %s', (args, expected) => {
    expect(colorFlagOf(args)).toBe(expected);
  });
});

describe('format helpers', () => {
  // as runProgram does for a terminal
  beforeAll(loadDisplayWidth);
  it('aligns columns, ignoring colour codes, and never pads the last column', () => {
    expect(
      alignColumns([
        ['a', 'bb', 'x'],
        ['\x1b[36mccc\x1b[39m', 'd', 'y '],
      ]),
    ).toEqual(['a    bb  x', '\x1b[36mccc\x1b[39m  d   y']);
  });
  it('aligns by display width: a CJK character or an emoji takes two columns, a combining mark none', () => {
    const rows = [
      ['我喜欢茶', 'x'],
      ['tea', 'y'],
      ['🍵🍵', 'z'],
      ['café', 'w'],
      ['e\u0301', 'v'],
    ];
    expect(alignColumns(rows)).toEqual([
      '我喜欢茶  x',
      'tea       y',
      '🍵🍵      z',
      'café      w',
      'e\u0301         v',
    ]);
  });
  it('aligns by display width with colour codes around CJK and emoji (blame: commit, author, date, fact)', () => {
    const cyan = (s: string) => `\x1b[36m${s}\x1b[39m`;
    const lines = alignColumns([
      [cyan('3fa2c91'), '山田太郎', '2026-01-01', 'Likes 寿司'],
      [cyan('b00c1e5'), 'Ada 👩‍💻', '2026-01-02', 'Likes tea'],
    ]);
    expect(lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))).toEqual([
      '3fa2c91  山田太郎  2026-01-01  Likes 寿司',
      'b00c1e5  Ada 👩‍💻    2026-01-02  Likes tea',
    ]);
  });
  it('plain records: every field present, tabs and newlines inside fields flattened', () => {
    expect(plainRecord(['a\tb', undefined, 3, null, 'c\nd'])).toBe('a b\t\t3\t\tc d\n');
  });
  it.each([
    [0, 'just now'],
    [45, '45 seconds ago'],
    [60, '1 minute ago'],
    [7200, '2 hours ago'],
    [86400 * 3, '3 days ago'],
    [86400 * 40, '2025-11-23'],
  ])('relative time %i s ago', (seconds, expected) => {
    expect(relativeTime(new Date(now.getTime() - seconds * 1000), now)).toBe(expected);
  });
});

describe('human renderings', () => {
  it('status: branch, staged facts aligned, what each supersedes, and the next step', () => {
    const text = statusRenderer.human(
      {
        branch: 'main',
        head: 'h'.repeat(40),
        review: [],
        staged: [
          { op: 'add', fact: fact('1111111111', 'Light mode'), supersedes: [fact('2222222222', 'Dark mode')] },
          { op: 'remove', fact: fact('3333333333', 'A cat', 'relationships.pets.animals'), supersedes: [] },
        ],
      },
      plainPalette,
      context,
    );
    expect(text.split('\n')).toEqual([
      'On branch main',
      'Staged (2):',
      '  + preferences.ui.theme        Light mode 1111111111',
      '      supersedes Dark mode 2222222222',
      '  - relationships.pets.animals  A cat 3333333333',
      '(use "memoir commit" to record, "memoir reset [<id>]" to unstage)',
      '',
    ]);
  });

  it('status on a new repository says so', () => {
    expect(statusRenderer.human({ branch: 'main', staged: [], review: [] }, plainPalette, context)).toBe(
      'On branch main\nNo commits yet\nNothing staged (use "memoir add <fact>" to stage facts)\n',
    );
  });

  it("log: git-style headers with the author's offset and a relative date; --oneline decorates HEAD", () => {
    const result = {
      branch: 'main',
      head: 'a'.repeat(40),
      commits: [commit('a'.repeat(40), 'Second\n\nbody\n', ['b'.repeat(40)]), commit('b'.repeat(40), 'First\n')],
    };
    const full = logRenderer(false).human(result, plainPalette, context);
    expect(full).toContain(
      `commit ${'a'.repeat(40)} (HEAD -> main)\nAuthor: Ada <ada@example.com>\nDate:   2026-01-01 04:04:05+01:00 (1 day ago)\n\n    Second\n\n    body\n`,
    );
    expect(logRenderer(true).human(result, plainPalette, context)).toBe(
      'aaaaaaa (HEAD -> main) Second\nbbbbbbb First\n',
    );
  });

  it('log --stat: under each commit the counts diff --stat prints, in the one vocabulary', () => {
    const dark = fact('2222222222', 'Dark mode');
    const changes: FactChange[] = [
      { kind: 'superseded', path: dark.path, old: dark, new: fact('3333333333', 'Light mode') },
    ];
    const result = {
      branch: 'main',
      head: 'a'.repeat(40),
      commits: [commit('a'.repeat(40), 'Second\n', ['b'.repeat(40)])],
      patches: new Map([['a'.repeat(40), changes]]),
    };
    expect(logRenderer(true, { stat: true, patch: false }).human(result, plainPalette, context)).toBe(
      'aaaaaaa (HEAD -> main) Second\n    preferences.ui.theme | +0 -0 ~0 >1\n    1 leaf changed: 0 added, 0 removed, 0 modified, 1 superseded\n',
    );
    expect(logRenderer(false, { stat: true, patch: false }).json(result)).toMatchObject([
      { stat: [{ path: dark.path, added: 0, removed: 0, modified: 0, superseded: 1 }] },
    ]);
  });

  it('get: the leaf with its cardinality, each fact with id, age and provenance', () => {
    const leaf = { path: 'preferences.ui.theme', description: '', cardinality: 'one' as const, examples: [] };
    expect(
      getRenderer.human(
        { leaf, facts: [{ ...fact('1111111111', 'Dark mode'), classifier: 'offline', confidence: 0.87 }] },
        plainPalette,
        context,
      ),
    ).toBe('preferences.ui.theme (one)\n  Dark mode\n    1111111111 · 2 hours ago · cli · offline 87%\n');
  });
});

describe('show in a pipe', () => {
  it('carries everything the human rendering does: parents, author, date, the message line by line, every change (edits and superseded values too)', () => {
    const pizza = fact('1111111111', 'Pizza', 'preferences.food.cuisine');
    const dark = fact('2222222222', 'Dark mode');
    const factChanges: FactChange[] = [
      { kind: 'modified', path: pizza.path, old: pizza, new: { ...pizza, text: 'Thin pizza' } },
      {
        kind: 'modified',
        path: dark.path,
        old: dark,
        new: { ...fact('3333333333', 'Light mode'), supersedes: dark.id },
      },
      { kind: 'added', path: 'preferences.food.drinks', new: fact('4444444444', 'Tea', 'preferences.food.drinks') },
      {
        kind: 'removed',
        path: 'relationships.pets.animals',
        old: fact('5555555555', 'A cat', 'relationships.pets.animals'),
      },
    ];
    const result = {
      commit: commit('a'.repeat(40), "Merge branch 'b' into main\n\nkept theirs\n", ['b'.repeat(40), 'c'.repeat(40)]),
      changes: addedAndRemoved(factChanges),
      factChanges,
    };
    const human = showRenderer.human(result, plainPalette, context);
    const plain = showRenderer.plain(result);
    expect(plain.split('\n')).toEqual([
      `commit\t${'a'.repeat(40)}`,
      `parent\t${'b'.repeat(40)}`,
      `parent\t${'c'.repeat(40)}`,
      'author\tAda\tada@example.com',
      'date\t2026-01-01T04:04:05+01:00',
      "message\tMerge branch 'b' into main",
      'message\t',
      'message\tkept theirs',
      'modified\tpreferences.food.cuisine\t1111111111\tPizza\tThin pizza',
      'modified\tpreferences.ui.theme\t3333333333\tDark mode\tLight mode',
      'added\tpreferences.food.drinks\t4444444444\t\tTea',
      'removed\trelationships.pets.animals\t5555555555\tA cat\t',
      '',
    ]);
    // every value the person sees is in the plain records
    for (const value of [
      'Ada',
      'ada@example.com',
      'kept theirs',
      'Thin pizza',
      'Light mode',
      'Tea',
      'A cat',
      '1111111111',
    ]) {
      expect(human).toContain(value);
      expect(plain).toContain(value);
    }
  });
});
