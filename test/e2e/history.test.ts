import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, parseJson, tempDir, testEnv } from '../helpers/cli.js';
import { gitIn, jsonError, leafFile, nativeCommit, ok, revParse } from '../helpers/e2e.js';
import { getFactsIn, initRepoIn, runnerIn } from '../helpers/inProcess.js';

const THEME = 'preferences.ui.theme'; // one
const MUSIC = 'preferences.entertainment.music'; // many
const DRINKS = 'preferences.food.drinks'; // many

interface ChangeJson {
  path: string;
  kind: 'added' | 'removed' | 'modified' | 'superseded';
  old: string | null;
  new: string | null;
  id: string;
}
/** A private copy of a test repository, to write to. */
function tempCopy(dir: string): string {
  const copy = tempDir();
  fs.cpSync(`${dir}/.memoir`, `${copy}/.memoir`, { recursive: true });
  return copy;
}
const kinds = (changes: ChangeJson[]) => changes.map((c) => [c.kind, c.path, c.old, c.new]);
const at = (day: number) => ({ env: { MEMOIR_NOW: `2026-01-${String(day).padStart(2, '0')}T10:00:00Z` } });

/**
 * Six commits, a day apart (Jan 1..6):
 *   1 theme: light            2 music: jazz, Bach     3 theme: dark (supersedes light)
 *   4 drinks: tea             5 music: Bach removed   6 theme: blue, by Ada
 */
async function buildHistory(): Promise<string> {
  const dir = await initRepoIn();
  const run = runnerIn(dir);
  ok(await run(['add', 'I prefer light mode', '-p', THEME, '--commit'], at(1)));
  ok(
    await run(['add', '-', '-p', MUSIC, '--commit', '--source', 'onboarding'], {
      input: 'Likes jazz\nLikes Bach\n',
      ...at(2),
    }),
  );
  ok(await run(['add', 'I prefer dark mode', '-p', THEME, '--commit'], at(3)));
  ok(await run(['add', 'Drinks green tea', '-p', DRINKS, '--commit'], at(4)));
  const bach = (await getFactsIn(dir, MUSIC)).find((f) => f.text === 'Likes Bach')!;
  ok(await run(['rm', bach.id], at(5)));
  ok(await run(['commit', '-m', 'Forget Bach'], at(5)));
  ok(await run(['add', 'I prefer blue mode', '-p', THEME, '--commit', '--author', 'Ada <ada@example.com>'], at(6)));
  return dir;
}

describe('memoir diff', () => {
  let dir: string;
  let run: ReturnType<typeof runnerIn>;
  beforeAll(async () => {
    dir = await buildHistory();
    run = runnerIn(dir);
  });

  it('<a> <b> --json: fact-level changes, a superseded one-leaf value as superseded', async () => {
    const changes = parseJson<ChangeJson[]>(ok(await run(['diff', 'HEAD~5', 'HEAD', '--json'])).stdout);
    expect(kinds(changes)).toEqual([
      ['added', MUSIC, null, 'Likes jazz'],
      ['added', DRINKS, null, 'Drinks green tea'],
      ['superseded', THEME, 'I prefer light mode', 'I prefer blue mode'],
    ]);
    const blue = (await getFactsIn(dir, THEME))[0];
    expect(changes[2].id).toBe(blue.id);
    for (const c of changes) expect(Object.keys(c).sort()).toEqual(['id', 'kind', 'new', 'old', 'path']);
  });

  it('<rev> alone compares it with HEAD; A..B is the same as A B; an empty side of .. is HEAD', async () => {
    const one = ok(await run(['diff', 'HEAD~2', '--json'])).stdout;
    expect(ok(await run(['diff', 'HEAD~2', 'HEAD', '--json'])).stdout).toBe(one);
    expect(ok(await run(['diff', 'HEAD~2..HEAD', '--json'])).stdout).toBe(one);
    expect(ok(await run(['diff', 'HEAD~2..', '--json'])).stdout).toBe(one);
    expect(kinds(parseJson(one))).toEqual([
      ['removed', MUSIC, 'Likes Bach', null],
      ['superseded', THEME, 'I prefer dark mode', 'I prefer blue mode'],
    ]);
  });

  it('reversed sides reverse the changes', async () => {
    expect(kinds(parseJson(ok(await run(['diff', 'HEAD', 'HEAD~2', '--json'])).stdout))).toEqual([
      ['added', MUSIC, null, 'Likes Bach'],
      ['superseded', THEME, 'I prefer blue mode', 'I prefer dark mode'],
    ]);
  });

  it('-- <path-prefix>... limits the changes; a path operand without -- works too', async () => {
    const filtered = kinds(
      parseJson(ok(await run(['diff', 'HEAD~5', 'HEAD', '--json', '--', 'preferences.food', THEME])).stdout),
    );
    expect(filtered).toEqual([
      ['added', DRINKS, null, 'Drinks green tea'],
      ['superseded', THEME, 'I prefer light mode', 'I prefer blue mode'],
    ]);
    expect(kinds(parseJson(ok(await run(['diff', 'HEAD~5', 'preferences.entertainment', '--json'])).stdout))).toEqual([
      ['added', MUSIC, null, 'Likes jazz'],
    ]);
  });

  it('plain: one record per change: kind, path, id, old text, new text', async () => {
    const result = ok(await run(['diff', 'HEAD~1']));
    expect(result.stderr).toBe('');
    const blue = (await getFactsIn(dir, THEME))[0];
    expect(result.stdout).toBe(`superseded\t${THEME}\t${blue.id}\tI prefer dark mode\tI prefer blue mode\n`);
  });

  it('--stat counts per leaf; --name-only lists the leaves', async () => {
    expect(ok(await run(['diff', 'HEAD~5', '--stat'])).stdout).toBe(
      `${MUSIC}\t1\t0\t0\t0\n${DRINKS}\t1\t0\t0\t0\n${THEME}\t0\t0\t0\t1\n`,
    );
    expect(parseJson(ok(await run(['diff', 'HEAD~5', '--stat', '--json'])).stdout)).toEqual([
      { path: MUSIC, added: 1, removed: 0, modified: 0, superseded: 0 },
      { path: DRINKS, added: 1, removed: 0, modified: 0, superseded: 0 },
      { path: THEME, added: 0, removed: 0, modified: 0, superseded: 1 },
    ]);
    // log --stat: each commit's record, then the rows diff --stat prints for it against its parent
    const [record, ...rows] = ok(await run(['log', '--stat', '-n', '1']))
      .stdout.split('\n')
      .filter(Boolean);
    expect(record.split('\t')[0]).toBe(revParse(dir));
    expect(rows.map((r) => r + '\n').join('')).toBe(ok(await run(['diff', 'HEAD~1', 'HEAD', '--stat'])).stdout);
    expect(rows).toEqual([`${THEME}\t0\t0\t0\t1`]);
    expect(ok(await run(['diff', 'HEAD~5', '--name-only'])).stdout).toBe(`${MUSIC}\n${DRINKS}\n${THEME}\n`);
    expect(parseJson(ok(await run(['diff', 'HEAD~5', '--name-only', '--json'])).stdout)).toEqual([
      MUSIC,
      DRINKS,
      THEME,
    ]);
  });

  it('--exit-code: 1 with differences, 0 without', async () => {
    expect((await run(['diff', 'HEAD~1', '--exit-code'])).code).toBe(1);
    const same = await run(['diff', 'HEAD', 'HEAD', '--exit-code']);
    expect(same).toMatchObject({ code: 0, stdout: '' });
    expect((await run(['diff', '--exit-code'])).code).toBe(0); // nothing staged
  });

  it('with no revision: the staged facts against HEAD, as the next commit would make them', async () => {
    const copy = await buildHistory();
    const r = runnerIn(copy);
    ok(await r(['add', 'I prefer dark mode again', '-p', THEME]));
    ok(await r(['add', 'Likes Miles Davis', '-p', MUSIC]));
    const jazz = (await getFactsIn(copy, MUSIC))[0];
    ok(await r(['rm', jazz.id]));
    expect(kinds(parseJson(ok(await r(['diff', '--json'])).stdout))).toEqual([
      ['added', MUSIC, null, 'Likes Miles Davis'],
      ['removed', MUSIC, 'Likes jazz', null],
      ['superseded', THEME, 'I prefer blue mode', 'I prefer dark mode again'],
    ]);
    expect((await r(['diff', '--exit-code', '--', THEME])).code).toBe(1);
    expect((await r(['diff', '--exit-code', '--', DRINKS])).code).toBe(0);
  });

  it('facts that only moved within a file are not changes', async () => {
    const copy = await buildHistory();
    ok(await runnerIn(copy)(['add', 'Likes Miles Davis', '-p', MUSIC, '--commit']));
    const file = leafFile(MUSIC);
    const lines = gitIn(copy, ['show', `main:${file}`])
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    nativeCommit(copy, { [file]: [...lines].reverse().join('\n') + '\n' }, 'Reorder');
    expect(
      gitIn(copy, ['show', `main:${file}`])
        .trim()
        .split('\n'),
    ).toEqual([...lines].reverse());
    expect(parseJson(ok(await runnerIn(copy)(['diff', 'HEAD~1', '--json'])).stdout)).toEqual([]);
    expect(parseJson<{ changes: ChangeJson[] }>(ok(await runnerIn(copy)(['show', '--json'])).stdout).changes).toEqual(
      [],
    );
  });

  it('an unknown revision exits 2 with a hint; three revisions and three-dot ranges are usage errors', async () => {
    for (const args of [
      ['diff', 'nope'],
      ['diff', 'HEAD~9'],
      ['diff', 'HEAD', 'HEAD~1', 'HEAD~2'],
      ['diff', 'HEAD~1...HEAD'],
    ]) {
      const result = await run([...args, '--json']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(jsonError(result).hint).toBeTruthy();
    }
    // a bare word could be either; a step past the root is a revision that names no commit
    expect((await run(['diff', 'nope'])).stderr).toMatch(/^memoir: unknown revision or path "nope"\nhint: .*branch/);
    expect((await run(['diff', 'HEAD~9'])).stderr).toMatch(/^memoir: unknown revision "HEAD~9": .*\nhint: /);
  });

  it('an unknown path after -- exits 2 and suggests leaves', async () => {
    const result = await run(['diff', 'HEAD~1', '--json', '--', 'preferenses']);
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('unknown-path');
  });

  it('in a terminal: grouped by leaf, +/-/~ and the changed words highlighted', () => {
    const command = [process.execPath, BIN, 'diff', 'HEAD~2'].map((a) => `'${a}'`).join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: dir,
      env: testEnv(dir, { TERM: 'xterm-256color' }),
      encoding: 'utf8',
    });
    const screen = result.stdout.replace(/\r\n/g, '\n');
    expect(screen).toContain('\x1b[7m'); // inverse: the words that changed
    const plain = screen.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toMatch(
      new RegExp(
        `^${MUSIC}\\n  - Likes Bach  [0-9a-f]{10}\\n${THEME}\\n  > I prefer dark mode → I prefer blue mode  [0-9a-f]{10}\\n$`,
      ),
    );
  });

  it('an empty repository: nothing staged, no differences', async () => {
    const empty = await initRepoIn();
    expect(ok(await runnerIn(empty)(['diff', '--json'])).stdout).toBe('[]\n');
    ok(await runnerIn(empty)(['add', 'Likes tea', '-p', DRINKS]));
    expect(kinds(parseJson(ok(await runnerIn(empty)(['diff', '--json'])).stdout))).toEqual([
      ['added', DRINKS, null, 'Likes tea'],
    ]);
  });
});

describe('memoir show and log -p', () => {
  let run: ReturnType<typeof runnerIn>;
  beforeAll(async () => {
    run = runnerIn(await buildHistory());
  });

  it('show: a superseded value is one change (superseded), fact by fact', async () => {
    const json = parseJson<{ changes: ChangeJson[] }>(ok(await run(['show', 'HEAD', '--json'])).stdout);
    expect(kinds(json.changes)).toEqual([['superseded', THEME, 'I prefer dark mode', 'I prefer blue mode']]);
  });

  it("log -p <leaf>: every version of a one leaf's value, with who changed it and when", async () => {
    const log = parseJson<Array<{ author: { name: string }; date: string; changes: ChangeJson[] }>>(
      ok(await run(['log', '-p', THEME, '--json'])).stdout,
    );
    expect(log.map((c) => [c.author.name, c.date.slice(0, 10), kinds(c.changes)])).toEqual([
      ['Ada', '2026-01-06', [['superseded', THEME, 'I prefer dark mode', 'I prefer blue mode']]],
      ['Test Author', '2026-01-03', [['superseded', THEME, 'I prefer light mode', 'I prefer dark mode']]],
      ['Test Author', '2026-01-01', [['added', THEME, null, 'I prefer light mode']]],
    ]);
  });

  it('log -p plain: each commit record followed by its change records', async () => {
    const lines = ok(await run(['log', '-p', '--oneline', THEME, '-n', '1']))
      .stdout.trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^[0-9a-f]{7} Remember preferences\.ui\.theme: I prefer blue mode$/);
    expect(lines[1].split('\t').slice(0, 2)).toEqual(['superseded', THEME]);
  });
});

describe('memoir blame', () => {
  let dir: string;
  let run: ReturnType<typeof runnerIn>;
  const commits = () => gitIn(dir, ['log', '--format=%H', 'main']).trim().split('\n'); // newest first
  beforeAll(async () => {
    dir = await buildHistory();
    run = runnerIn(dir);
  });

  interface BlameJson {
    id: string;
    path: string;
    text: string;
    commit: string;
    author: { name: string; email: string };
    date: string;
    message: string;
    source: string;
    classifier: string;
    confidence: number | null;
    confirmed: string | null;
  }

  it('--json: each current fact with the commit that introduced it and its provenance', async () => {
    const blame = parseJson<BlameJson[]>(ok(await run(['blame', 'preferences', '--json'])).stdout);
    const [c6, , , c3, c2] = commits();
    expect(blame.map((b) => [b.path, b.text, b.commit, b.author.name, b.source, b.classifier])).toEqual([
      [MUSIC, 'Likes jazz', c2, 'Test Author', 'onboarding', 'manual'],
      [DRINKS, 'Drinks green tea', commits()[2], 'Test Author', 'cli', 'manual'],
      [THEME, 'I prefer blue mode', c6, 'Ada', 'cli', 'manual'],
    ]);
    expect(blame[0]).toMatchObject({
      date: '2026-01-02T10:00:00+00:00',
      message: 'Remember 2 facts: preferences.entertainment.music',
    });
    expect(c3).toBeTruthy();
  });

  it('agrees with native git blame on the leaf file', async () => {
    const [theme] = parseJson<BlameJson[]>(ok(await run(['blame', THEME, '--json'])).stdout);
    const native = gitIn(dir, ['blame', '--porcelain', 'main', '--', `${THEME.replaceAll('.', '/')}.md`])
      .split('\n')[0]
      .split(' ')[0];
    expect(theme.commit).toBe(native);
  });

  it('--at <rev>: the facts as they were then, each with its own commit', async () => {
    const blame = parseJson<BlameJson[]>(ok(await run(['blame', THEME, '--at', 'HEAD~3', '--json'])).stdout);
    expect(blame.map((b) => [b.text, b.commit])).toEqual([['I prefer dark mode', commits()[3]]]);
  });

  it('classifier provenance: the classifier, its confidence and how the leaf was confirmed', async () => {
    const copy = await initRepoIn();
    ok(await runnerIn(copy)(['add', 'I prefer dark mode in every app', '--yes', '--commit']));
    const [entry] = parseJson<BlameJson[]>(ok(await runnerIn(copy)(['blame', 'preferences', '--json'])).stdout);
    expect(entry).toMatchObject({ classifier: 'offline', confirmed: 'yes' });
    expect(entry.confidence).toBeGreaterThan(0);
  });

  it('plain: id, path, commit, author, date, source, classifier, confidence, confirmed, text', async () => {
    const [line] = ok(await run(['blame', THEME]))
      .stdout.trim()
      .split('\n');
    expect(line.split('\t')).toEqual([
      (await getFactsIn(dir, THEME))[0].id,
      THEME,
      commits()[0],
      'Ada',
      '2026-01-06T10:00:00+00:00',
      'cli',
      'manual',
      '',
      '',
      'I prefer blue mode',
    ]);
  });

  it('an empty repository, an unknown path and an unknown revision are errors with hints', async () => {
    const empty = await runnerIn(await initRepoIn())(['blame', THEME, '--json']);
    expect(empty.code).toBe(2);
    expect(jsonError(empty).code).toBe('no-commits');
    expect(jsonError(await run(['blame', 'preferenses', '--json'])).code).toBe('unknown-path');
    expect(jsonError(await run(['blame', THEME, '--at', 'HEAD~40', '--json'])).code).toBe('unknown-revision');
  });

  it('a prefix with no facts: an empty list, and a notice for people', async () => {
    expect(ok(await run(['blame', 'health', '--json'])).stdout).toBe('[]\n');
    expect(ok(await run(['blame', 'health'])).stderr).toBe('memoir: no facts under health\n');
  });
});

describe('reading the past: --at and --as-of', () => {
  let dir: string;
  let run: ReturnType<typeof runnerIn>;
  beforeAll(async () => {
    dir = await buildHistory();
    run = runnerIn(dir);
  });
  const texts = async (args: string[]) =>
    parseJson<Array<{ text: string }>>(ok(await run([...args, '--json'])).stdout).map((f) => f.text);

  it('get --at <rev>: the leaf as it was at a commit', async () => {
    expect(await texts(['get', THEME, '--at', 'HEAD~3'])).toEqual(['I prefer dark mode']);
    expect(await texts(['get', THEME, '--at', 'HEAD~5'])).toEqual(['I prefer light mode']);
    expect(await texts(['get', MUSIC, '--at', 'HEAD~2'])).toEqual(['Likes jazz', 'Likes Bach']);
  });

  it('ls --at <rev>: the populated leaves then', async () => {
    const ls = async (rev: string) =>
      parseJson<Array<{ path: string; count: number }>>(ok(await run(['ls', '--at', rev, '--json'])).stdout).map(
        (e) => [e.path, e.count],
      );
    expect(await ls('HEAD~4')).toEqual([
      [MUSIC, 2],
      [THEME, 1],
    ]);
    expect(await ls('HEAD')).toEqual([
      [MUSIC, 1],
      [DRINKS, 1],
      [THEME, 1],
    ]);
  });

  it('--as-of <date>: the last commit at or before it; a date alone means the end of that day', async () => {
    expect(await texts(['get', THEME, '--as-of', '2026-01-02'])).toEqual(['I prefer light mode']);
    expect(await texts(['get', THEME, '--as-of', '2026-01-03'])).toEqual(['I prefer dark mode']);
    expect(await texts(['get', THEME, '--as-of', '2026-01-03T09:59:59Z'])).toEqual(['I prefer light mode']);
    expect(await texts(['get', THEME, '--as-of', '2026-01-03T10:00:00Z'])).toEqual(['I prefer dark mode']);
  });

  it('relative dates count back from now', async () => {
    const now = { env: { MEMOIR_NOW: '2026-01-06T12:00:00Z' } };
    const get = async (when: string) =>
      parseJson<Array<{ text: string }>>(ok(await run(['get', THEME, '--as-of', when, '--json'], now)).stdout).map(
        (f) => f.text,
      );
    expect(await get('yesterday')).toEqual(['I prefer dark mode']);
    expect(await get('3 days ago')).toEqual(['I prefer dark mode']); // the end of Jan 3
    expect(await get('4 days ago')).toEqual(['I prefer light mode']);
  });

  it('says which commit it read, on stderr', async () => {
    const result = ok(await run(['get', THEME, '--as-of', '2026-01-02']));
    expect(result.stderr).toMatch(/^memoir: as of 2026-01-02T23:59:59Z: known then from commit [0-9a-f]{7}\n$/);
  });

  it('a date before the first commit: nothing was known (exit 0, empty)', async () => {
    expect(await texts(['get', THEME, '--as-of', '2025-12-31'])).toEqual([]);
    const human = ok(await run(['get', THEME, '--as-of', '2025-12-31']));
    expect(human.stderr).toContain('before the first commit, nothing was known');
    expect(ok(await run(['ls', '--as-of', '2025-06-01', '--json'])).stdout).toBe('[]\n');
    expect(ok(await run(['log', '--as-of', '2025-06-01', '--json'])).stdout).toBe('[]\n');
  });

  it('log --as-of: the history as it stood then', async () => {
    const log = parseJson<Array<{ date: string }>>(ok(await run(['log', '--as-of', '2026-01-04', '--json'])).stdout);
    expect(log.map((c) => c.date.slice(0, 10))).toEqual(['2026-01-04', '2026-01-03', '2026-01-02', '2026-01-01']);
  });

  it('bad dates and --at with --as-of are usage errors', async () => {
    expect(jsonError(await run(['get', THEME, '--as-of', 'not a date', '--json']))).toMatchObject({
      code: 'invalid-date',
    });
    expect((await run(['get', THEME, '--as-of', 'soon', '--json'])).code).toBe(2);
    expect(jsonError(await run(['get', THEME, '--at', 'HEAD', '--as-of', 'yesterday', '--json'])).code).toBe(
      'conflicting-options',
    );
    expect(jsonError(await run(['ls', '--at', 'nope', '--json'])).code).toBe('unknown-revision');
  });
});

describe('validity intervals: what was true then vs what we knew then', () => {
  const EMPLOYER = 'work.employment.employer'; // one
  let dir: string;
  let run: ReturnType<typeof runnerIn>;
  beforeAll(async () => {
    dir = await initRepoIn();
    run = runnerIn(dir);
    // learnt in March 2026 that the user had worked at Acme from 2024 until the end of 2025
    ok(
      await run(
        [
          'add',
          'Works at Acme',
          '-p',
          EMPLOYER,
          '--valid-from',
          '2024-03-01',
          '--valid-until',
          '2025-12-31',
          '--commit',
        ],
        { env: { MEMOIR_NOW: '2026-03-01T10:00:00Z' } },
      ),
    );
    ok(await run(['add', 'Likes jazz', '-p', MUSIC, '--commit'], { env: { MEMOIR_NOW: '2026-03-02T10:00:00Z' } }));
  });

  it('the interval is stored with the fact, readable in the leaf file and in --json', async () => {
    const [acme] = await getFactsIn(dir, EMPLOYER);
    expect(acme).toMatchObject({
      validFrom: expect.stringMatching(/^2024-0[23]-\d\dT\d\d:00:00Z$/),
      validUntil: expect.stringMatching(/^2025-12-31T\d\d:59:59Z$/),
    });
    expect(gitIn(dir, ['show', `main:${EMPLOYER.replaceAll('.', '/')}.md`])).toContain(
      ` from=${acme.validFrom} until=${acme.validUntil} -->`,
    );
  });

  it('get --as-of honours both: known then (the commit) and true then (the interval)', async () => {
    const get = async (when: string) =>
      parseJson<Array<{ text: string }>>(ok(await run(['get', EMPLOYER, '--as-of', when, '--json'])).stdout).map(
        (f) => f.text,
      );
    expect(await get('2025-06-01')).toEqual([]); // true then, but not yet known
    expect(await get('2026-03-05')).toEqual([]); // known, but no longer true
    const human = ok(await run(['get', EMPLOYER, '--as-of', '2026-03-05']));
    expect(human.stderr).toContain('1 fact hidden, not valid then');
  });

  it('--valid-at asks only what was true then, by what we know now', async () => {
    const get = async (when: string) =>
      parseJson<Array<{ text: string }>>(ok(await run(['get', EMPLOYER, '--valid-at', when, '--json'])).stdout).map(
        (f) => f.text,
      );
    expect(await get('2025-06-01')).toEqual(['Works at Acme']);
    expect(await get('2023-06-01')).toEqual([]);
    expect(await get('2026-01-15')).toEqual([]);
  });

  it('plain get without a date shows every stored fact, with the interval in its last fields', async () => {
    const [record] = ok(await run(['get', EMPLOYER]))
      .stdout.trim()
      .split('\n');
    expect(
      record
        .split('\t')
        .slice(-2)
        .map((v) => v.slice(0, 4)),
    ).toEqual(['2024', '2025']);
  });

  it('JSONL records carry validFrom/validUntil; bad ones are rejected by line', async () => {
    const copy = await initRepoIn();
    const input = [
      JSON.stringify({
        text: 'Lived in Lisbon',
        path: 'profile.location.home',
        validFrom: '2020-01-01',
        validUntil: '2022-06-30T00:00:00Z',
      }),
      JSON.stringify({ text: 'Lived in Porto', path: 'profile.location.home', validFrom: 'someday' }),
    ].join('\n');
    const result = await runnerIn(copy)(['add', '-', '--json'], { input });
    expect(result.code).toBe(2);
    const out = parseJson<{
      staged: Array<{ validFrom: string; validUntil: string }>;
      rejected: Array<{ line: number; message: string }>;
    }>(result.stdout);
    expect(out.staged).toMatchObject([{ validFrom: '2020-01-01T00:00:00Z', validUntil: '2022-06-30T00:00:00Z' }]);
    expect(out.rejected).toMatchObject([{ line: 2, message: expect.stringContaining('validFrom') }]);
  });

  it('a bad interval is refused before anything is staged', async () => {
    const copy = await initRepoIn();
    const reversed = await runnerIn(copy)([
      'add',
      'X',
      '-p',
      EMPLOYER,
      '--valid-from',
      '2026-01-01',
      '--valid-until',
      '2025-01-01',
      '--json',
    ]);
    expect(reversed.code).toBe(2);
    expect(jsonError(reversed).code).toBe('invalid-validity');
    expect(
      jsonError(await runnerIn(copy)(['add', 'X', '-p', EMPLOYER, '--valid-until', 'whenever', '--json'])).code,
    ).toBe('invalid-date');
    expect(parseJson<{ staged: unknown[] }>(ok(await runnerIn(copy)(['status', '--json'])).stdout).staged).toEqual([]);
  });
});

describe('histories with merge commits', () => {
  // main: theme light (1) ─ drinks tea (3) ─ merge (5)
  //          └─ side: music jazz (2) ─ theme dark (4) ┘
  let dir: string;
  let run: ReturnType<typeof runnerIn>;
  let sideTip: string;
  let mainBefore: string;
  beforeAll(async () => {
    dir = await initRepoIn();
    run = runnerIn(dir);
    ok(await run(['add', 'I prefer light mode', '-p', THEME, '--commit'], at(1)));
    gitIn(dir, ['branch', 'side']);
    gitIn(dir, ['symbolic-ref', 'HEAD', 'refs/heads/side']);
    ok(await run(['add', 'Likes jazz', '-p', MUSIC, '--commit', '--author', 'Sid <sid@example.com>'], at(2)));
    ok(await run(['add', 'I prefer dark mode', '-p', THEME, '--commit', '--author', 'Sid <sid@example.com>'], at(4)));
    gitIn(dir, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
    ok(await run(['add', 'Drinks green tea', '-p', DRINKS, '--commit'], at(3)));
    sideTip = gitIn(dir, ['rev-parse', 'side']).trim();
    mainBefore = gitIn(dir, ['rev-parse', 'main']).trim();
    const tree = gitIn(dir, ['merge-tree', '--write-tree', 'main', 'side']).trim().split('\n')[0];
    const env = {
      GIT_AUTHOR_NAME: 'Merger',
      GIT_AUTHOR_EMAIL: 'm@example.com',
      GIT_COMMITTER_NAME: 'Merger',
      GIT_COMMITTER_EMAIL: 'm@example.com',
      GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z',
    };
    const merge = execFileSync(
      'git',
      ['--git-dir', `${dir}/.memoir`, 'commit-tree', tree, '-p', 'main', '-p', 'side', '-m', 'Merge side'],
      { env: { ...process.env, ...env }, encoding: 'utf8' },
    ).trim();
    gitIn(dir, ['update-ref', 'refs/heads/main', merge]);
  });

  it('blame follows the side branch: each fact is attributed to the commit that introduced it', async () => {
    const blame = parseJson<Array<{ text: string; commit: string; author: { name: string } }>>(
      ok(await run(['blame', 'preferences', '--json'])).stdout,
    );
    expect(blame.map((b) => [b.text, b.author.name])).toEqual([
      ['Likes jazz', 'Sid'],
      ['Drinks green tea', 'Test Author'],
      ['I prefer dark mode', 'Sid'],
    ]);
    expect(blame[2].commit).toBe(sideTip);
  });

  it('diff across the merge, and show/log -p of the merge against its first parent', async () => {
    expect(kinds(parseJson(ok(await run(['diff', mainBefore, 'HEAD', '--json'])).stdout))).toEqual([
      ['added', MUSIC, null, 'Likes jazz'],
      ['superseded', THEME, 'I prefer light mode', 'I prefer dark mode'],
    ]);
    const [merge] = parseJson<Array<{ parents: string[]; changes: ChangeJson[] }>>(
      ok(await run(['log', '-p', '-n', '1', '--json'])).stdout,
    );
    expect(merge.parents).toEqual([mainBefore, sideTip]);
    expect(merge.changes.map((c) => c.path)).toEqual([MUSIC, THEME]);
  });

  it("--as-of follows the branch's own line: side commits dated before the merge were not on it yet", async () => {
    const texts = async (when: string) =>
      parseJson<Array<{ text: string }>>(ok(await run(['get', THEME, '--as-of', when, '--json'])).stdout).map(
        (f) => f.text,
      );
    expect(await texts('2026-01-04')).toEqual(['I prefer light mode']);
    expect(await texts('2026-01-05')).toEqual(['I prefer dark mode']);
  });

  it('revert of a merge needs --mainline; -m 1 undoes what the side brought in', async () => {
    const copy = tempCopy(dir);
    const r = runnerIn(copy);
    const refused = await r(['revert', 'HEAD', '--json']);
    expect(refused.code).toBe(2);
    expect(jsonError(refused).code).toBe('revert-merge');
    ok(await r(['revert', 'HEAD', '-m', '1']));
    expect(await getFactsIn(copy, MUSIC)).toEqual([]);
    expect((await getFactsIn(copy, THEME)).map((f) => f.text)).toEqual(['I prefer light mode']);
    expect(gitIn(copy, ['fsck', '--strict'])).toBe('');
  });
});

describe("history through memoir's own merge", () => {
  it('blame, diff and log -p read a merge made by memoir merge', async () => {
    const dir = await initRepoIn();
    const run = runnerIn(dir);
    ok(await run(['add', 'I prefer light mode', '-p', THEME, '--commit'], at(1)));
    ok(
      await run(
        ['add', 'Likes jazz', '-p', MUSIC, '--commit', '--branch', 'agent', '--author', 'Agent <agent@example.com>'],
        at(2),
      ),
    );
    ok(await run(['add', 'Drinks green tea', '-p', DRINKS, '--commit'], at(3)));
    const before = gitIn(dir, ['rev-parse', 'main']).trim();
    ok(await run(['merge', 'agent', '--no-ff'], at(4)));
    expect(gitIn(dir, ['rev-list', '--parents', '-n', '1', 'main']).trim().split(' ')).toHaveLength(3);
    const blame = parseJson<Array<{ text: string; commit: string; author: { name: string } }>>(
      ok(await run(['blame', MUSIC, '--json'])).stdout,
    );
    expect(blame.map((b) => [b.text, b.author.name, b.commit])).toEqual([
      ['Likes jazz', 'Agent', gitIn(dir, ['rev-parse', 'agent']).trim()],
    ]);
    expect(kinds(parseJson(ok(await run(['diff', before, 'HEAD', '--json'])).stdout))).toEqual([
      ['added', MUSIC, null, 'Likes jazz'],
    ]);
    const [merge] = parseJson<Array<{ changes: ChangeJson[] }>>(
      ok(await run(['log', '-p', '-n', '1', '--json'])).stdout,
    );
    expect(kinds(merge.changes)).toEqual([['added', MUSIC, null, 'Likes jazz']]);
    expect(gitIn(dir, ['fsck', '--strict'])).toBe('');
  });
});
