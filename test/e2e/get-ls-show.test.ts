import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitIn, jsonError, leafFile, ok, revParse, type FactJson, FACT_KEYS } from '../helpers/e2e.js';
import { getFactsIn, initRepoIn, runnerIn } from '../helpers/inProcess.js';

const THEME = 'preferences.ui.theme';
const MUSIC = 'preferences.entertainment.music';
const DRINKS = 'preferences.food.drinks';

interface ShowJson {
  id: string;
  message: string;
  author: { name: string; email: string };
  date: string;
  parents: string[];
  added: FactJson[];
  removed: FactJson[];
  changes: Array<{ path: string; kind: string; old: string | null; new: string | null; id: string }>;
}

// Three commits, a day apart:
//   1 (root) the theme "I prefer dark mode", source onboarding
//   2 two music facts from stdin and a drink
//   3 the theme "I prefer light mode", superseding the first
let dir: string;
let run: ReturnType<typeof runnerIn>;
let commits: string[];
beforeAll(async () => {
  dir = await initRepoIn();
  run = runnerIn(dir);
  const at = (day: number) => ({ MEMOIR_NOW: `2026-01-0${day}T10:00:00Z` });
  ok(await run(['add', 'I prefer dark mode', '-p', THEME, '--source', 'onboarding', '--commit'], { env: at(1) }));
  ok(await run(['add', '-', '-p', MUSIC], { input: 'Likes jazz\nLikes Bach\n', env: at(2) }));
  ok(await run(['add', 'Likes green tea', '-p', DRINKS], { env: at(2) }));
  ok(await run(['commit'], { env: at(2) }));
  ok(await run(['add', 'I prefer light mode', '-p', THEME, '--commit'], { env: at(3) }));
  commits = gitIn(dir, ['rev-list', 'main']).trim().split('\n');
});

describe('memoir get', () => {
  it('plain: one tab-separated record per fact: id, leaf, text, recorded at, source, classifier, confidence, valid from, valid until', async () => {
    const result = ok(await run(['get', MUSIC]));
    expect(result.stderr).toBe('');
    const records = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
    expect(records.map((r) => r.slice(1))).toEqual([
      [MUSIC, 'Likes jazz', '2026-01-02T10:00:00Z', 'stdin', 'manual', '', '', ''],
      [MUSIC, 'Likes Bach', '2026-01-02T10:00:00Z', 'stdin', 'manual', '', '', ''],
    ]);
    const file = gitIn(dir, ['show', `main:${leafFile(MUSIC)}`]);
    for (const [id] of records) expect(file).toContain(`id=${id} `);
  });

  it('--json: every field, with the id of the superseded fact', async () => {
    const [light] = await getFactsIn(dir, THEME);
    expect(Object.keys(light).sort()).toEqual(FACT_KEYS);
    const dark = parseJson<ShowJson>(ok(await run(['show', commits[2], '--json'])).stdout).added[0];
    expect(dark).toMatchObject({ text: 'I prefer dark mode', source: 'onboarding' });
    expect(light).toEqual({
      id: light.id,
      path: THEME,
      text: 'I prefer light mode',
      recordedAt: '2026-01-03T10:00:00Z',
      source: 'cli',
      classifier: 'manual',
      confidence: null,
      confirmed: null,
      supersedesId: dark.id,
      validFrom: null,
      validUntil: null,
      when: null,
    });
    expect(gitIn(dir, ['show', `main:${leafFile(THEME)}`])).toBe(
      `- I prefer light mode <!-- id=${light.id} at=2026-01-03T10:00:00Z src=cli by=manual sup=${dark.id} -->\n`,
    );
  });

  it('a leaf with no facts: exit 0, empty output and a notice on stderr; under --json, [] and a clean stderr', async () => {
    const plain = ok(await run(['get', 'preferences.ui.font']));
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toBe('memoir: no facts at preferences.ui.font\n');
    const json = ok(await run(['get', 'preferences.ui.font', '--json']));
    expect(parseJson(json.stdout)).toEqual([]);
    expect(json.stderr).toBe('');
  });

  it('an unknown leaf, or a category instead of a leaf, is exit 2', async () => {
    for (const leaf of ['preferences.ui.colour', 'preferences']) {
      const result = await run(['get', leaf, '--json']);
      expect(result.code).toBe(2);
      expect(jsonError(result).code).toBe('unknown-path');
    }
  });
});

describe('memoir ls', () => {
  it('plain: the populated leaves in path order with how many facts each holds', async () => {
    const result = ok(await run(['ls']));
    expect(result.stdout).toBe(`${MUSIC}\t2\n${DRINKS}\t1\n${THEME}\t1\n`);
    expect(result.stderr).toBe('');
  });

  it('with a prefix: only the leaves under it; an empty category lists nothing', async () => {
    expect(ok(await run(['ls', 'preferences.ui'])).stdout).toBe(`${THEME}\t1\n`);
    expect(ok(await run(['ls', 'preferences.entertainment'])).stdout).toBe(`${MUSIC}\t2\n`);
    expect(ok(await run(['ls', 'project'])).stdout).toBe('');
  });

  it('--json: path, count and cardinality', async () => {
    expect(parseJson(ok(await run(['ls', '--json'])).stdout)).toEqual([
      { path: MUSIC, count: 2, cardinality: 'many' },
      { path: DRINKS, count: 1, cardinality: 'many' },
      { path: THEME, count: 1, cardinality: 'one' },
    ]);
  });

  it('an unknown prefix is exit 2', async () => {
    const result = await run(['ls', 'preferenses', '--json']);
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('unknown-path');
  });
});

describe('memoir show', () => {
  it('HEAD (the default) in a pipe: commit, parent, author, date and message records, then each change as diff prints it', async () => {
    const [light] = await getFactsIn(dir, THEME);
    const result = ok(await run(['show']));
    expect(result.stderr).toBe('');
    const message = gitIn(dir, ['log', '-1', '--format=%B', 'main'])
      .trimEnd()
      .split('\n')
      .map((line) => `message\t${line}\n`)
      .join('');
    expect(result.stdout).toBe(
      `commit\t${commits[0]}\nparent\t${commits[1]}\nauthor\tTest Author\ttest@example.com\ndate\t2026-01-03T10:00:00+00:00\n${message}` +
        `superseded\t${THEME}\t${light.id}\tI prefer dark mode\tI prefer light mode\n`,
    );
    expect(ok(await run(['show', 'HEAD'])).stdout).toBe(result.stdout);
  });

  it('HEAD~1: the facts that commit added', async () => {
    const lines = ok(await run(['show', 'HEAD~1']))
      .stdout.trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines[0]).toEqual(['commit', commits[1]]);
    const ids = [...(await getFactsIn(dir, MUSIC)), ...(await getFactsIn(dir, DRINKS))].map((f) => f.id);
    expect(
      lines
        .filter((l) => l[0] === 'added')
        .map((l) => [l[0], l[2]])
        .sort(),
    ).toEqual(ids.map((id) => ['added', id]).sort());
  });

  it('names a commit by full id, short id, 4 digits, branch name, HEAD~N and HEAD^', async () => {
    const commitLine = async (rev: string) => ok(await run(['show', rev])).stdout.split('\n')[0];
    expect(await commitLine(commits[1])).toBe(`commit\t${commits[1]}`);
    expect(await commitLine(commits[1].slice(0, 7))).toBe(`commit\t${commits[1]}`);
    expect(await commitLine(commits[2].slice(0, 4))).toBe(`commit\t${commits[2]}`);
    expect(await commitLine('main')).toBe(`commit\t${commits[0]}`);
    expect(await commitLine('HEAD~2')).toBe(`commit\t${commits[2]}`);
    expect(await commitLine('main^')).toBe(`commit\t${commits[1]}`);
  });

  it('--json: the commit as log shows it, plus the facts added and removed', async () => {
    const json = parseJson<ShowJson>(ok(await run(['show', '--json'])).stdout);
    expect(Object.keys(json).sort()).toEqual([
      'added',
      'author',
      'changes',
      'date',
      'id',
      'message',
      'parents',
      'removed',
    ]);
    expect(json.changes).toEqual([
      { path: THEME, kind: 'superseded', old: 'I prefer dark mode', new: 'I prefer light mode', id: json.added[0].id },
    ]);
    expect(json).toMatchObject({
      id: revParse(dir),
      parents: [commits[1]],
      author: { name: 'Test Author', email: 'test@example.com' },
      date: '2026-01-03T10:00:00+00:00',
    });
    expect(json.message).toBe(gitIn(dir, ['log', '-1', '--format=%B', 'main']).trimEnd());
    expect(json.added).toEqual(await getFactsIn(dir, THEME));
    expect(json.removed.map((f) => [f.id, f.text, f.source])).toEqual([
      [json.added[0].supersedesId, 'I prefer dark mode', 'onboarding'],
    ]);
    for (const f of [...json.added, ...json.removed]) expect(Object.keys(f).sort()).toEqual(FACT_KEYS);
  });

  it('the root commit: no parents, only added facts', async () => {
    const json = parseJson<ShowJson>(ok(await run(['show', commits[2], '--json'])).stdout);
    expect(json.parents).toEqual([]);
    expect(json.removed).toEqual([]);
    expect(json.added.map((f) => f.text)).toEqual(['I prefer dark mode']);
  });

  const unknown: Array<[string, string]> = [
    ['an unknown commit id', 'deadbeef'],
    ['an unknown branch', 'topic'],
    ['HEAD~5, past the root', 'HEAD~5'],
    ['a malformed revision', 'HEAD~~x'],
  ];
  for (const [what, rev] of unknown) {
    it(`${what}: exit 2 with a hint`, async () => {
      const plain = await run(['show', rev]);
      expect(plain.code).toBe(2);
      expect(plain.stdout).toBe('');
      expect(plain.stderr).toMatch(/^memoir: .*\nhint: .+/);
      const json = await run(['show', rev, '--json']);
      expect(json.code).toBe(2);
      expect(jsonError(json)).toMatchObject({ code: 'unknown-revision', hint: expect.stringContaining('memoir log') });
    });
  }
});

describe('reading an empty repository', () => {
  it('get and ls list nothing (exit 0); show has no commit to show (exit 2)', async () => {
    const empty = await initRepoIn();
    const inEmpty = runnerIn(empty);
    expect(ok(await inEmpty(['ls'])).stdout).toBe('');
    expect(parseJson(ok(await inEmpty(['ls', '--json'])).stdout)).toEqual([]);
    expect(ok(await inEmpty(['get', THEME])).stdout).toBe('');
    const show = await inEmpty(['show', '--json']);
    expect(show.code).toBe(2);
    expect(jsonError(show).code).toBe('no-commits');
  });
});
