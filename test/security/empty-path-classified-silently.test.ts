import { describe, expect, it } from 'vitest';
import { memoir, parseJson } from '../helpers/cli.js';
import { ok, readStageFile, repoTemplate, type ErrorJson } from '../helpers/e2e.js';
import { call, connect } from '../helpers/mcp.js';
import { memoirIn } from '../helpers/inProcess.js';

// `--path ""` (an unset variable in a script) is a mistake: it must be refused (exit 2, the
// leaves named in the hint), never read as "no path" and the fact classified somewhere silently.

const repo = repoTemplate();
const AUTO = { MEMOIR_REVIEW_AUTO_ACCEPT: '0' };

function expectUnknownPath(result: ReturnType<typeof memoir>): ErrorJson {
  expect(result.code, result.stderr).toBe(2);
  const error = parseJson<ErrorJson>(result.stderr);
  expect(error.code).toBe('unknown-path');
  expect(error.hint).toContain('memoir taxonomy');
  return error;
}

describe('an empty leaf is refused, nothing staged', () => {
  it.each([
    [['add', 'I prefer dark mode in every app', '--path', '', '--yes', '--json']],
    [['add', 'I prefer dark mode in every app', '-p', '', '--commit', '--yes', '--json']],
    [['add', 'I prefer dark mode in every app', '--path=', '--yes', '--json']],
    [['add', 'I prefer dark mode in every app', '--path', '   ', '--yes', '--json']],
  ])('memoir %j', (args) => {
    const dir = repo();
    expectUnknownPath(memoir(args, { cwd: dir, env: AUTO }));
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('facts from stdin with --path "" are refused before any is read', () => {
    const dir = repo();
    expectUnknownPath(
      memoir(['add', '-', '--path', '', '--yes', '--json'], {
        cwd: dir,
        env: AUTO,
        input: 'I prefer dark mode in every app\n',
      }),
    );
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('a JSONL record with "path": "" is rejected, not classified', () => {
    const dir = repo();
    const input =
      '{"text": "I prefer dark mode in every app", "path": ""}\n{"text": "Likes green tea", "path": "preferences.food.drinks"}\n';
    const result = memoir(['add', '-', '--yes', '--json'], { cwd: dir, env: AUTO, input });
    expect(result.code).toBe(2);
    const out = parseJson<{ rejected: Array<{ line: number; kind: string }> }>(result.stdout);
    expect(out.rejected).toEqual([expect.objectContaining({ line: 1, kind: 'unknown-path' })]);
    expect(readStageFile(dir).ops.map((o) => o.fact.path)).toEqual(['preferences.food.drinks']);
  });

  it('review --accept ID --path "" is refused, the fact stays queued', () => {
    const dir = repo();
    expect(
      memoir(['add', 'the thing from the other day with the blue cover'], {
        cwd: dir,
        env: { MEMOIR_REVIEW_AUTO_ACCEPT: '1' },
      }).code,
    ).toBe(3);
    const [queued] = parseJson<Array<{ id: string }>>(memoir(['review', '--json'], { cwd: dir }).stdout);
    expectUnknownPath(memoir(['review', '--accept', queued.id, '--path', '', '--json'], { cwd: dir }));
    expect(parseJson<unknown[]>(memoir(['review', '--json'], { cwd: dir }).stdout)).toHaveLength(1);
    expect(readStageFile(dir).ops).toEqual([]);
  });
});

describe('an empty prefix is refused, not read as "everything"', () => {
  it.each([
    [['recall', 'dark mode', '--path', '', '--json']],
    [['context', '--path', '', '--json']],
    [['blame', '', '--json']],
  ])('memoir %j', async (args) => {
    const dir = repo();
    ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir }));
    const result = await memoirIn(args, { cwd: dir });
    expectUnknownPath(result);
    expect(result.stdout).toBe('');
  });
});

describe('through MCP', () => {
  it('memoir_remember, memoir_recall and memoir_diff with "path": "" are refused', async () => {
    const dir = repo();
    ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir }));
    const { client } = await connect(dir, AUTO);
    for (const [tool, args] of [
      ['memoir_remember', { content: 'I prefer dark mode in every app', path: '' }],
      ['memoir_recall', { query: 'dark mode', path: '' }],
      ['memoir_diff', { from: 'HEAD', path: '' }],
    ] as const) {
      const result = await call(client, tool, args);
      expect(result.isError, tool).toBe(true);
      expect(result.body, tool).toMatchObject({ code: 'unknown-path', exitCode: 2 });
    }
    expect(readStageFile(dir).ops).toEqual([]);
  });
});
