import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  jsonError,
  leafFile,
  ok,
  readStageFile,
  repoTemplate,
  type FactJson,
} from '../helpers/e2e.js';
import { getFactsIn, runnerIn } from '../helpers/inProcess.js';

/** A fresh, initialised repository of the test's own (a copy of one made by memoir init). */
const freshRepo = repoTemplate();

interface StatusJson {
  staged: Array<FactJson & { op: string; supersedes: FactJson[]; supersededBy: string | null; noop: string | null }>;
}

interface AddJson {
  staged: Array<FactJson & { replacesStaged: FactJson | null }>;
  duplicates: Array<{ text: string; path: string; existing: FactJson; where: 'committed' | 'staged' }>;
}

const themeRepo = repoTemplate(async (dir) =>
  ok(await runnerIn(dir)(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'])),
);

/** A repository of the test's own whose preferences.ui.theme holds "I prefer dark mode" (committed), and that fact's id. */
let committedDarkId: string | undefined;
async function withTheme(): Promise<{ dir: string; run: ReturnType<typeof runnerIn>; darkId: string }> {
  const dir = themeRepo();
  committedDarkId ??= (await getFactsIn(dir, 'preferences.ui.theme'))[0].id;
  return { dir, run: runnerIn(dir), darkId: committedDarkId };
}

describe('a one leaf: a new fact supersedes the current one', () => {
  it('status shows what the staged fact will supersede', async () => {
    const { run, darkId } = await withTheme();
    ok(await run(['add', 'I prefer light mode', '-p', 'preferences.ui.theme']));
    const plain = ok(await run(['status']))
      .stdout.split('\n')
      .filter((l) => !l.startsWith('#') && l);
    expect(plain).toHaveLength(1);
    const [op, id, leaf, text, supersedes] = plain[0].split('\t');
    expect([op, leaf, text, supersedes]).toEqual(['add', 'preferences.ui.theme', 'I prefer light mode', darkId]);
    const json = parseJson<StatusJson>(ok(await run(['status', '--json'])).stdout);
    expect(json.staged[0]).toMatchObject({
      op: 'add',
      id,
      text: 'I prefer light mode',
      supersedesId: darkId,
      noop: null,
    });
    expect(json.staged[0].supersedes.map((f) => [f.id, f.text])).toEqual([[darkId, 'I prefer dark mode']]);
  });

  it('after the commit the old fact has left the tree but stays in history', async () => {
    const { dir, run, darkId } = await withTheme();
    ok(await run(['add', 'I prefer light mode', '-p', 'preferences.ui.theme']));
    const commit = ok(await run(['commit']));
    // one change in one word, as show (and diff, log -p, merge) call it
    expect(commit.stdout).toMatch(/\n 1 fact superseded\n$/);
    expect(
      ok(await run(['show']))
        .stdout.trimEnd()
        .split('\n')
        .at(-1)!
        .split('\t')
        .slice(0, 2),
    ).toEqual(['superseded', 'preferences.ui.theme']);
    const facts = await getFactsIn(dir, 'preferences.ui.theme');
    expect(facts.map((f) => [f.text, f.supersedesId])).toEqual([['I prefer light mode', darkId]]);
    const now = gitIn(dir, ['show', `main:${leafFile('preferences.ui.theme')}`]);
    expect(now).not.toContain('I prefer dark mode');
    expect(now).toContain(`sup=${darkId}`);
    expect(gitIn(dir, ['show', `main~1:${leafFile('preferences.ui.theme')}`]).split('\n')[0]).toMatch(
      /^- I prefer dark mode <!-- id=/,
    );
    const show = parseJson<{ added: FactJson[]; removed: FactJson[] }>(ok(await run(['show', '--json'])).stdout);
    expect(show.removed.map((f) => f.id)).toEqual([darkId]);
    expect(show.added.map((f) => f.id)).toEqual([facts[0].id]);
    expectFsckClean(dir);
  });

  it('a second staged value is staged after the first: status shows each replacement, commit keeps every value in history', async () => {
    const { dir, run, darkId } = await withTheme();
    const first = parseJson<AddJson>(
      ok(await run(['add', 'I prefer light mode', '-p', 'preferences.ui.theme', '--json'])).stdout,
    ).staged[0];
    const second = ok(await run(['add', 'I prefer solarized', '-p', 'preferences.ui.theme']));
    expect(second.stdout).toContain('supersedes the staged value "I prefer light mode"');
    const json = parseJson<AddJson & { supersededInBatch: Array<{ id: string; by: string }> }>(
      ok(await run(['add', 'I prefer high contrast', '-p', 'preferences.ui.theme', '--json'])).stdout,
    );
    expect(json.staged[0].replacesStaged).toMatchObject({ text: 'I prefer solarized' });
    expect(json.supersededInBatch).toEqual([
      expect.objectContaining({ text: 'I prefer solarized', by: json.staged[0].id }),
    ]);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual([
      'I prefer light mode',
      'I prefer solarized',
      'I prefer high contrast',
    ]);
    const status = parseJson<StatusJson>(ok(await run(['status', '--json'])).stdout);
    expect(status.staged.map((s) => [s.text, s.supersedes.map((f) => f.text), s.supersededBy !== null])).toEqual([
      ['I prefer light mode', ['I prefer dark mode'], true],
      ['I prefer solarized', ['I prefer light mode'], true],
      ['I prefer high contrast', ['I prefer solarized'], false],
    ]);
    const commit = ok(await run(['commit']));
    expect(commit.stderr).toMatch(/2 values superseded within this batch, each kept in history \(3 commits\)/);
    expect(commit.stderr).toContain(first.id);
    // one commit per value, the branch moved once
    const subjects = gitIn(dir, ['log', '--format=%s', '-4', 'main']).trim().split('\n');
    expect(subjects.slice(0, 3).map((l) => l.replace(/^Remember preferences.ui.theme: /, ''))).toEqual([
      'I prefer high contrast',
      'I prefer solarized',
      'I prefer light mode',
    ]);
    expect(gitIn(dir, ['reflog', 'main']).trim().split('\n')).toHaveLength(2);
    expect((await getFactsIn(dir, 'preferences.ui.theme')).map((f) => f.text)).toEqual(['I prefer high contrast']);
    expect(
      parseJson<FactJson[]>(ok(await run(['get', 'preferences.ui.theme', '--at', 'main~1', '--json'])).stdout).map(
        (f) => f.text,
      ),
    ).toEqual(['I prefer solarized']);
    expect(gitIn(dir, ['show', `main~2:${leafFile('preferences.ui.theme')}`])).toContain(`id=${first.id}`);
    expect(gitIn(dir, ['log', '-1', '--format=%b', 'main~1'])).toContain('- preferences.ui.theme: I prefer light mode');
    expect(darkId).toBeTruthy();
    expectFsckClean(dir);
  });

  it('on an empty one leaf the first value supersedes nothing', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Works 9 to 5', '-p', 'work.schedule.hours']));
    expect(
      ok(await run(['status']))
        .stdout.split('\n')[2]
        .split('\t'),
    ).toEqual(['add', expect.stringMatching(/^[0-9a-f]{10}$/), 'work.schedule.hours', 'Works 9 to 5', '']);
  });
});

describe('a many leaf: facts accumulate', () => {
  it('keeps every committed fact and appends the new ones', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    ok(await run(['add', 'Likes Bach', '-p', 'preferences.entertainment.music']));
    expect(parseJson<StatusJson>(ok(await run(['status', '--json'])).stdout).staged[0].supersedes).toEqual([]);
    ok(await run(['commit']));
    expect((await getFactsIn(dir, 'preferences.entertainment.music')).map((f) => f.text)).toEqual([
      'Likes jazz',
      'Likes Bach',
    ]);
  });
});

describe('duplicates', () => {
  it('a fact already committed at the leaf (after case and whitespace folding) is a no-op with a notice', async () => {
    const { dir, run, darkId } = await withTheme();
    const before = readStageFile(dir);
    const result = ok(await run(['add', '  i PREFER   dark mode. ', '-p', 'preferences.ui.theme']));
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('already remembered');
    expect(result.stderr).toContain(darkId);
    expect(readStageFile(dir)).toEqual(before);
    const json = parseJson<AddJson>(
      ok(await run(['add', 'I prefer DARK mode', '-p', 'preferences.ui.theme', '--json'])).stdout,
    );
    expect(json.staged).toEqual([]);
    expect(json.duplicates).toEqual([
      {
        text: 'I prefer DARK mode',
        path: 'preferences.ui.theme',
        existing: expect.objectContaining({ id: darkId }),
        where: 'committed',
      },
    ]);
  });

  it('a fact already staged is not staged twice; the same text at another leaf is not a duplicate', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music']));
    const json = parseJson<AddJson>(
      ok(
        await run(['add', '-', '-p', 'preferences.entertainment.music', '--json'], {
          input: 'LIKES JAZZ\nLikes  jazz\n',
        }),
      ).stdout,
    );
    expect(json.staged).toEqual([]);
    expect(json.duplicates.map((d) => d.where)).toEqual(['staged', 'staged']);
    ok(await run(['add', 'Likes jazz', '-p', 'goals.learning.skills']));
    expect(readStageFile(dir).ops.map((o) => o.fact.path)).toEqual([
      'preferences.entertainment.music',
      'goals.learning.skills',
    ]);
  });
});

describe('facts that are refused (exit 2, nothing staged)', () => {
  const cases: Array<[string, string[], string]> = [
    ['an empty fact', ['add', '', '-p', 'preferences.ui.theme'], 'empty'],
    ['a whitespace-only fact', ['add', ' \t \n ', '-p', 'preferences.ui.theme'], 'empty'],
    ['a fact over 1000 characters', ['add', 'x'.repeat(1001), '-p', 'preferences.ui.theme'], 'too-long'],
    ['an unknown leaf', ['add', 'Likes jazz', '-p', 'preferences.entertainment.musik'], 'unknown-path'],
    ['no fact at all', ['add', '-p', 'preferences.ui.theme'], 'missing-fact'],
  ];
  // refused commands write nothing, so they can share one repository
  let dir: string;
  beforeAll(() => {
    dir = freshRepo();
  });
  for (const [what, args, code] of cases) {
    it(`${what}: exit 2, code ${code}`, async () => {
      const plain = await runnerIn(dir)(args);
      expect(plain.code).toBe(2);
      expect(plain.stdout).toBe('');
      expect(plain.stderr).toMatch(/^memoir: .+\nhint: .+/);
      const json = await runnerIn(dir)([...args, '--json']);
      expect(json.code).toBe(2);
      expect(jsonError(json).code).toBe(code);
      expect(readStageFile(dir).ops).toEqual([]);
    });
  }

  it('an unknown leaf names the closest leaves in the hint', async () => {
    const error = jsonError(await runnerIn(dir)(['add', 'Likes jazz', '-p', 'preferences.ui.them', '--json']));
    expect(error.hint).toContain('preferences.ui.theme');
    expect(error.data).toMatchObject({
      path: 'preferences.ui.them',
      suggestions: expect.arrayContaining(['preferences.ui.theme']),
    });
  });

  it('exactly 1000 characters is accepted', async () => {
    const other = freshRepo();
    ok(await runnerIn(other)(['add', 'y'.repeat(1000), '-p', 'knowledge.technical.gotchas']));
    expect(readStageFile(other).ops[0].fact.text).toHaveLength(1000);
  });
});

describe('a one leaf: the latest statement wins, and every statement is history', () => {
  it('restating the committed value after a pending replacement stages it again (A, B, A): the commit records B, then A', async () => {
    const { dir, run, darkId } = await withTheme();
    ok(await run(['add', 'I prefer light mode', '-p', 'preferences.ui.theme']));
    const again = ok(await run(['add', 'i prefer DARK mode', '-p', 'preferences.ui.theme']));
    expect(again.stdout).toContain('supersedes the staged value "I prefer light mode"');
    expect(parseJson<StatusJson>(ok(await run(['status', '--json'])).stdout).staged.map((s) => s.text)).toEqual([
      'I prefer light mode',
      'i prefer DARK mode',
    ]);
    const json = parseJson<AddJson>(
      ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--json'])).stdout,
    );
    expect(json.duplicates[0]).toMatchObject({ where: 'staged', existing: { text: 'i prefer DARK mode' } });
    ok(await run(['commit']));
    expect((await getFactsIn(dir, 'preferences.ui.theme')).map((f) => f.text)).toEqual(['i prefer DARK mode']);
    expect(gitIn(dir, ['log', '--format=%s', '-3', 'main']).trim().split('\n')).toEqual([
      'Remember preferences.ui.theme: i prefer DARK mode',
      'Remember preferences.ui.theme: I prefer light mode',
      'Remember preferences.ui.theme: I prefer dark mode',
    ]);
    expect(gitIn(dir, ['show', `main~1:${leafFile('preferences.ui.theme')}`])).toContain(`sup=${darkId}`);
  });
});
