import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitIn, jsonError, ok } from '../helpers/e2e.js';
import { getFactsIn, initRepoIn, runnerIn } from '../helpers/inProcess.js';

interface LogEntry {
  id: string;
  message: string;
  author: { name: string; email: string };
  date: string;
  parents: string[];
}

/** Native git's answer: commit ids newest first, optionally only those touching `paths`. */
const gitLog = (dir: string, format: string, paths: string[] = []) =>
  gitIn(dir, ['log', `--format=${format}`, 'main', ...(paths.length ? ['--', ...paths] : [])])
    .trim()
    .split('\n')
    .filter(Boolean);

describe('memoir log', () => {
  // Five commits, a day apart:
  //   1 preferences.ui.theme (root)   2 project.stack.databases + workflow.git.branching
  //   3 preferences.ui.theme (supersedes)   4 preferences.entertainment.music   5 removes the database fact
  let dir: string;
  let run: ReturnType<typeof runnerIn>;
  beforeAll(async () => {
    dir = await initRepoIn();
    run = runnerIn(dir);
    const at = (day: number) => ({ env: { MEMOIR_NOW: `2026-01-0${day}T10:00:00Z` } });
    ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], at(1)));
    const jsonl = [
      { text: 'Uses Postgres 16', path: 'project.stack.databases' },
      { text: 'Branches are named feature/<topic>', path: 'workflow.git.branching' },
    ];
    ok(
      await run(['add', '-', '--commit', '-m', 'Project setup'], {
        input: jsonl.map((l) => JSON.stringify(l)).join('\n'),
        ...at(2),
      }),
    );
    ok(await run(['add', 'I prefer light mode', '-p', 'preferences.ui.theme', '--commit'], at(3)));
    ok(
      await run(
        ['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit', '--author', 'Ada <ada@example.com>'],
        at(4),
      ),
    );
    ok(await run(['rm', 'project.stack.databases'], at(5)));
    ok(await run(['commit'], at(5)));
  });

  it('plain: one tab-separated record per commit, newest first: id, date, author name, email, subject', async () => {
    const result = ok(await run(['log']));
    expect(result.stderr).toBe('');
    const records = result.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(records.map((r) => r.length)).toEqual([5, 5, 5, 5, 5]);
    expect(records.map((r) => r[0])).toEqual(gitLog(dir, '%H'));
    expect(records.map((r) => r[1])).toEqual(gitLog(dir, '%aI'));
    expect(records.map((r) => `${r[2]} <${r[3]}>`)).toEqual(gitLog(dir, '%an <%ae>'));
    expect(records.map((r) => r[4])).toEqual(gitLog(dir, '%s'));
    expect(records[1][2]).toBe('Ada');
    expect(records[3][4]).toBe('Project setup');
  });

  it('-n limits the number of commits', async () => {
    expect(
      ok(await run(['log', '-n', '2']))
        .stdout.trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(gitLog(dir, '%H').slice(0, 2));
    expect(
      ok(await run(['log', '--max-count', '1', '--oneline']))
        .stdout.split('\n')
        .filter(Boolean),
    ).toHaveLength(1);
    expect(ok(await run(['log', '-n', '0'])).stdout).toBe('');
  });

  it('--oneline: short id and subject', async () => {
    const lines = ok(await run(['log', '--oneline']))
      .stdout.trim()
      .split('\n');
    expect(lines).toEqual(gitLog(dir, '%H %s').map((l) => l.slice(0, 7) + l.slice(40)));
  });

  it('--json: id, message, author {name, email}, date and parents, as native git sees them', async () => {
    const entries = parseJson<LogEntry[]>(ok(await run(['log', '--json'])).stdout);
    expect(entries.map((e) => e.id)).toEqual(gitLog(dir, '%H'));
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['author', 'date', 'id', 'message', 'parents']);
      expect(entry.message).toBe(gitIn(dir, ['log', '-1', '--format=%B', entry.id]).trimEnd());
      expect(entry.date).toBe(gitIn(dir, ['log', '-1', '--format=%aI', entry.id]).trim());
      expect(entry.author).toEqual({ name: expect.any(String), email: expect.any(String) });
      expect([entry.id, ...entry.parents].join(' ')).toBe(
        gitIn(dir, ['rev-list', '--parents', '-n', '1', entry.id]).trim(),
      );
    }
    expect(entries[4].parents).toEqual([]);
    expect(entries[1].author).toEqual({ name: 'Ada', email: 'ada@example.com' });
    expect(parseJson<LogEntry[]>(ok(await run(['log', '-n', '1', '--json'])).stdout)).toEqual(entries.slice(0, 1));
  });

  const filters: Array<[string, string[], number]> = [
    ['preferences.ui.theme', ['preferences/ui/theme.md'], 2],
    ['preferences.ui', ['preferences/ui'], 2],
    ['preferences', ['preferences'], 3],
    ['project.stack.databases', ['project/stack/databases.md'], 2],
    ['project', ['project'], 2],
    ['workflow', ['workflow'], 1],
    ['preferences/ui', ['preferences/ui'], 2],
  ];
  for (const [prefix, paths, count] of filters) {
    it(`with ${prefix}: only the ${count} commit(s) that changed facts under it, like git log -- ${paths[0]}`, async () => {
      const ids = ok(await run(['log', prefix]))
        .stdout.trim()
        .split('\n')
        .map((l) => l.split('\t')[0]);
      expect(ids).toEqual(gitLog(dir, '%H', paths));
      expect(ids).toHaveLength(count);
    });
  }

  it('a prefix combines with -n and --json', async () => {
    const entries = parseJson<LogEntry[]>(ok(await run(['log', 'preferences', '-n', '2', '--json'])).stdout);
    expect(entries.map((e) => e.id)).toEqual(gitLog(dir, '%H', ['preferences']).slice(0, 2));
  });

  it('a valid leaf that no commit touched: exit 0, nothing listed', async () => {
    const result = ok(await run(['log', 'preferences.ui.font']));
    expect(result.stdout).toBe('');
    expect(parseJson(ok(await run(['log', 'health', '--json'])).stdout)).toEqual([]);
  });

  it('an unknown prefix is exit 2 with suggestions', async () => {
    const plain = await run(['log', 'preferencs.ui']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^memoir: .*\nhint: .*preferences\./);
    const json = await run(['log', 'nope', '--json']);
    expect(json.code).toBe(2);
    expect(jsonError(json)).toMatchObject({ code: 'unknown-revision-or-path', data: { operand: 'nope' } });
  });

  it('-n that is not a number is exit 2', async () => {
    const result = await run(['log', '-n', 'abc', '--json']);
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('invalid-count');
  });
});

describe('memoir log on an empty repository', () => {
  it('exit 0: nothing on stdout and a notice on stderr; under --json, [] and a clean stderr', async () => {
    const dir = await initRepoIn();
    const run = runnerIn(dir);
    const plain = ok(await run(['log']));
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toBe('memoir: no commits yet on main\n');
    const json = ok(await run(['log', '--json']));
    expect(parseJson(json.stdout)).toEqual([]);
    expect(json.stderr).toBe('');
    expect(ok(await run(['log', 'preferences', '--oneline'])).stdout).toBe('');
    expect(await getFactsIn(dir, 'preferences.ui.theme')).toEqual([]);
  });
});
