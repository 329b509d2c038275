import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitIn, ok, repoTemplate, revParse, type FactJson, FACT_KEYS } from '../helpers/e2e.js';
import { getFactsIn, runnerIn } from '../helpers/inProcess.js';

/** A fresh, initialised repository of the test's own (a copy of one made by memoir init). */
const freshRepo = repoTemplate();

interface StatusJson {
  branch: string | null;
  head: string | null;
  detached: boolean;
  staged: Array<FactJson & { op: 'add' | 'remove'; supersedes: FactJson[]; noop: 'duplicate' | 'gone' | null }>;
}

describe('memoir status', () => {
  it('in a new repository: the branch header, no head, nothing staged', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const plain = ok(await run(['status']));
    expect(plain.stdout).toBe('# branch main\n# head (none)\n');
    expect(plain.stderr).toBe('');
    expect(parseJson(ok(await run(['status', '--json'])).stdout)).toEqual({
      branch: 'main',
      head: null,
      detached: false,
      upstream: null,
      expired: 0,
      staged: [],
      review: [],
      merge: null,
    });
  });

  it('plain: "# branch main" then one tab-separated record per staged operation, every field present', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(
      await run(['add', '-', '-p', 'preferences.entertainment.music', '--commit'], {
        input: 'Likes jazz\nLikes Bach\n',
      }),
    );
    ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit']));
    const [jazz] = await getFactsIn(dir, 'preferences.entertainment.music');
    const [dark] = await getFactsIn(dir, 'preferences.ui.theme');
    ok(await run(['add', 'I prefer light mode', '-p', 'preferences.ui.theme']));
    ok(await run(['rm', jazz.id]));
    ok(await run(['add', 'Likes\tMiles Davis', '-p', 'preferences.entertainment.music']));

    const lines = ok(await run(['status'])).stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['# branch main', `# head ${revParse(dir)}`]);
    const records = lines
      .slice(2)
      .filter(Boolean)
      .map((l) => l.split('\t'));
    for (const record of records) expect(record).toHaveLength(5);
    expect(records.map(([op, , leaf, text, supersedes]) => [op, leaf, text, supersedes])).toEqual([
      ['add', 'preferences.ui.theme', 'I prefer light mode', dark.id],
      ['remove', 'preferences.entertainment.music', 'Likes jazz', ''],
      ['add', 'preferences.entertainment.music', 'Likes Miles Davis', ''],
    ]);
    expect(records[1][1]).toBe(jazz.id);
  });

  it('--json: branch, head, detached and the staged operations with what they supersede', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit']));
    const [dark] = await getFactsIn(dir, 'preferences.ui.theme');
    ok(await run(['add', 'I prefer light mode', '-p', 'preferences.ui.theme', '--source', 'chat']));
    ok(await run(['rm', 'preferences.ui.theme']));
    const status = parseJson<StatusJson>(ok(await run(['status', '--json'])).stdout);
    expect(status).toMatchObject({ branch: 'main', head: revParse(dir), detached: false });
    expect(status.staged).toHaveLength(2);
    const [add, remove] = status.staged;
    expect(Object.keys(add).sort()).toEqual([...FACT_KEYS, 'noop', 'op', 'supersededBy', 'supersedes'].sort());
    expect(add).toMatchObject({
      op: 'add',
      path: 'preferences.ui.theme',
      text: 'I prefer light mode',
      source: 'chat',
      classifier: 'manual',
      supersedesId: dark.id,
      supersededBy: null,
      noop: null,
    });
    expect(add.supersedes).toEqual([dark]);
    expect(remove).toMatchObject({ op: 'remove', id: dark.id, text: 'I prefer dark mode', supersedes: [] });
  });

  it('shows a detached HEAD', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    const head = revParse(dir);
    gitIn(dir, ['update-ref', '--no-deref', 'HEAD', head]);
    expect(
      ok(await run(['status']))
        .stdout.split('\n')
        .slice(0, 2),
    ).toEqual(['# branch (detached)', `# head ${head}`]);
    expect(parseJson<StatusJson>(ok(await run(['status', '--json'])).stdout)).toMatchObject({
      branch: null,
      head,
      detached: true,
    });
  });

  it('previews against the branch as it is now: a staged removal already made elsewhere is marked gone', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    ok(await run(['add', 'Likes Bach', '-p', 'preferences.entertainment.music', '--commit']));
    const bach = (await getFactsIn(dir, 'preferences.entertainment.music'))[1];
    ok(await run(['rm', bach.id]));
    gitIn(dir, ['update-ref', 'refs/heads/main', 'main~1']);
    const status = parseJson<StatusJson>(ok(await run(['status', '--json'])).stdout);
    expect(status.staged).toEqual([expect.objectContaining({ op: 'remove', id: bach.id, noop: 'gone' })]);
  });
});
