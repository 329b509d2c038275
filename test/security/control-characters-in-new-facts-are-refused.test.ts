import { connect } from '../helpers/mcp.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  jsonError,
  leafFile,
  nativeCommit,
  ok,
  readStageFile,
  repoTemplate,
  revParse,
  snapshotRepository,
} from '../helpers/e2e.js';
import { conflictStep, initialConflictState } from '../../src/ui/screens/conflictState.js';
import { getFactsIn, runnerIn } from '../helpers/inProcess.js';

/*
 * A fact is shown in terminals (get, log, blame...) and pasted into prompts: one holding a
 * terminal control sequence would write the clipboard, retitle the window or clear the screen
 * of whoever reads it, and a NUL breaks `git fsck`. Every way in refuses them, with exit 2,
 * naming where the character is without printing it, and writes nothing.
 */

const FOOD = 'preferences.food.cuisine'; // many
const THEME = 'preferences.ui.theme'; // one

/** Control characters a terminal would obey (line feed and tab aside). */
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const ATTACKS: Array<[string, string, string]> = [
  ['a clipboard write (OSC 52)', 'ok \x1b]52;c;aGFja2Vk\x07', 'U+001B at character 4'],
  ['a window title (OSC 0)', 'Tea \x1b]0;owned\x07', 'U+001B at character 5'],
  ['clear screen (CSI 2J)', 'Coffee\x1b[2J', 'U+001B at character 7'],
  ['a bell', 'Ring \x07', 'U+0007 at character 6'],
  ['a C1 CSI', 'Soup \u009b2J', 'U+009B at character 6'],
  ['DEL', 'Tofu\x7f', 'U+007F at character 5'],
  ['a vertical tab', 'Rice\vbeans', 'U+000B at character 5'],
  ['an escape after an emoji (counted as one character)', '🍕 pizza \x1b[5m', 'U+001B at character 9'],
];

const freshRepo = repoTemplate(async (dir) => ok(await runnerIn(dir)(['add', 'Likes pizza', '-p', FOOD, '--commit'])));

describe('memoir add refuses control characters', () => {
  it.each(ATTACKS)(
    '%s in an argument: exit 2, control-character, position named, nothing written',
    async (_what, text, where) => {
      const dir = freshRepo();
      const before = snapshotRepository(dir);
      const run = runnerIn(dir);
      const result = await run(['add', text, '-p', FOOD, '--commit']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`(${where}); remove it`);
      expect(result.stderr).not.toMatch(RAW);
      expect(jsonError(await run(['add', text, '-p', FOOD, '--json']))).toMatchObject({ code: 'control-character' });
      expect(snapshotRepository(dir)).toEqual(before);
    },
  );

  it('line breaks and tabs are not refused: a multi-line argument is one fact on one line', async () => {
    const dir = freshRepo();
    ok(await runnerIn(dir)(['add', 'Likes\n  ramen\r\n\tand udon', '-p', FOOD, '--commit']));
    expect((await getFactsIn(dir, FOOD)).map((f) => f.text)).toEqual(['Likes pizza', 'Likes ramen and udon']);
  });

  it('an escape on stdin is refused by line, the other facts of the batch staged; a NUL byte makes the input binary, refused whole', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const result = await run(['add', '-', '-p', FOOD, '--json'], { input: 'Likes sushi\nLikes \x1b]0;x\x07 tacos\n' });
    expect(result.code).toBe(2);
    const report = parseJson<{
      staged: Array<{ text: string }>;
      rejected: Array<{ line: number; kind: string; text: string | null; message: string }>;
    }>(result.stdout);
    expect(report.staged.map((f) => f.text)).toEqual(['Likes sushi']);
    expect(report.rejected.map((r) => [r.line, r.kind, r.text])).toEqual([[2, 'control-character', null]]);
    expect(report.rejected[0].message).toContain('U+001B at character 7');
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Likes sushi']);
    const before = snapshotRepository(dir);
    const binary = await run(['add', '-', '-p', FOOD], { input: 'Likes ramen\nLikes \x00 curry\n' });
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('looks binary (it holds a NUL byte)');
    expect(binary.stderr).not.toMatch(RAW);
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('--file, as text and as JSONL (escapes decoded by JSON count too), refuses them by line', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    fs.writeFileSync(path.join(dir, 'facts.txt'), 'Likes \x1b[2J noodles\n');
    fs.writeFileSync(
      path.join(dir, 'facts.jsonl'),
      `${JSON.stringify({ text: 'Likes \u009b noodles', path: FOOD })}\n${JSON.stringify({ text: 'Likes \u0000 noodles', path: FOOD })}\n`,
    );
    for (const file of ['facts.txt', 'facts.jsonl']) {
      const result = await run(['add', '--file', file, '-p', FOOD, '--json']);
      expect(result.code).toBe(2);
      const report = parseJson<{ staged: unknown[]; rejected: Array<{ kind: string }> }>(result.stdout);
      expect(report.staged).toEqual([]);
      expect(report.rejected.every((r) => r.kind === 'control-character')).toBe(true);
    }
    expect(parseJson<{ staged: unknown[] }>(ok(await run(['status', '--json'])).stdout).staged).toEqual([]);
  });

  it('classify refuses them too, before any classifier sees the text', async () => {
    const result = await runnerIn(freshRepo())(['classify', 'Likes \x1b]52;c;eA==\x07 tea', '--json']);
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('control-character');
  });
});

describe('MCP memoir_remember refuses control characters', () => {
  it.each([
    ['an OSC 52 clipboard write', 'Prefers \x1b]52;c;aGFja2Vk\x07 dark mode'],
    ['a NUL', 'Prefers \x00 dark mode'],
    ['a C1 CSI', 'Prefers \u009b2J dark mode'],
  ])(
    '%s: a tool error with code control-character and exit code 2; nothing staged or committed',
    async (_what, content) => {
      const dir = freshRepo();
      const head = revParse(dir);
      const { client } = await connect(dir);
      const result = (await client.callTool({ name: 'memoir_remember', arguments: { content, path: THEME } })) as {
        isError?: boolean;
        content: Array<{ text: string }>;
      };
      expect(result.isError).toBe(true);
      expect(parseJson(result.content[0].text)).toMatchObject({ code: 'control-character', exitCode: 2 });
      expect(result.content[0].text).not.toMatch(RAW);
      expect(revParse(dir)).toBe(head);
      expect(parseJson<{ staged: unknown[] }>(ok(await runnerIn(dir)(['status', '--json'])).stdout).staged).toEqual([]);
    },
  );
});

describe('settling a merge conflict refuses control characters', () => {
  /** main and feature set the one-value theme differently: one conflict. */
  const conflicted = repoTemplate(async (dir) => {
    const run = runnerIn(dir);
    ok(
      await run(['add', 'Prefers dark mode', '-p', THEME, '--commit'], { env: { MEMOIR_NOW: '2026-01-01T10:00:00Z' } }),
    );
    ok(
      await run(['add', 'Prefers light mode', '-p', THEME, '--commit', '--branch', 'feature'], {
        env: { MEMOIR_NOW: '2026-01-01T11:00:00Z' },
      }),
    );
    ok(
      await run(['add', 'Prefers solarized', '-p', THEME, '--commit'], { env: { MEMOIR_NOW: '2026-01-01T12:00:00Z' } }),
    );
    expect((await run(['--no-input', 'merge', 'feature'])).code).toBe(3);
  });

  it('resolve --text: exit 2, control-character, and no decision recorded', async () => {
    const dir = conflicted();
    const run = runnerIn(dir);
    const conflict = async () =>
      parseJson<{ merge: { conflicts: Array<{ id: string; decision: unknown }> } }>(
        ok(await run(['status', '--json'])).stdout,
      ).merge.conflicts[0];
    const { id } = await conflict();
    const result = await run(['resolve', id, '--text', 'Prefers \x1b]0;owned\x07 solarized']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('U+001B at character 9');
    expect(result.stderr).not.toMatch(RAW);
    expect(jsonError(await run(['resolve', id, '--text', 'Prefers \u009b solarized', '--json'])).code).toBe(
      'control-character',
    );
    expect((await conflict()).decision).toBeNull();
    // a line break is still fine: it folds into a space, as in add
    ok(await run(['resolve', id, '--text', 'Prefers solarized,\nlight for slides']));
    expect((await conflict()).decision).toEqual({ kind: 'text', text: 'Prefers solarized, light for slides' });
  });

  it("the conflict screen's edit: Enter on a text with a (pasted) C1 character is refused with a message, no decision", () => {
    const items = [
      {
        id: 'c0ffee1',
        cardinality: 'one' as const,
        base: null,
        ours: { text: 'Prefers solarized' },
        theirs: { text: 'Prefers light mode' },
      },
    ];
    let state = conflictStep(initialConflictState(items), { type: 'text', text: 'e' }, items);
    state = conflictStep(state, { type: 'text', text: ' \u009b2J' }, items);
    state = conflictStep(state, { type: 'enter' }, items);
    expect(state.decisions).toEqual({});
    expect(state.message).toBe('the text contains a control character (U+009B at character 19); remove it');
  });
});

describe('a NUL can no longer reach the repository', () => {
  it('a fact with a NUL planted with plain git, then removed and reverted by memoir: every commit memoir writes passes git fsck --strict', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const food = gitIn(dir, ['show', `main:${leafFile(FOOD)}`]);
    // a NUL in a blob is allowed by git; in a commit message (memoir's "Forget <fact>") it is not
    nativeCommit(
      dir,
      {
        [leafFile(FOOD)]:
          `${food}- Likes \x00 natto <!-- id=0123456789 at=2026-01-15T00:00:00Z src=editor%00 by=manual -->\n`,
      },
      'Add natto by hand',
    );
    expectFsckClean(dir);
    ok(await run(['rm', '0123456789']));
    ok(await run(['commit']));
    expect(gitIn(dir, ['log', '-1', '--format=%s'])).toBe('Forget preferences.food.cuisine: Likes \\x00 natto\n');
    ok(await run(['revert', 'HEAD']));
    expect((await getFactsIn(dir, FOOD)).map((f) => f.text)).toContain('Likes \x00 natto');
    expectFsckClean(dir);
  });
});
