import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  jsonError,
  ok,
  readStageFile,
  repoTemplate,
  revParse,
  snapshotRepository,
  trailersOf,
} from '../helpers/e2e.js';
import { getFactsIn, initRepoIn, runnerIn } from '../helpers/inProcess.js';

const THEME = 'preferences.ui.theme'; // one
const MUSIC = 'preferences.entertainment.music'; // many
const at = (day: number) => ({ env: { MEMOIR_NOW: `2026-01-0${day}T10:00:00Z` } });
const texts = async (dir: string, leaf: string) => (await getFactsIn(dir, leaf)).map((f) => f.text);

/**
 * Four commits: 1 theme light + music jazz   2 music Bach   3 theme dark   4 theme blue
 * Each test gets its own copy.
 */
const fresh = repoTemplate(async (dir) => {
  const run = runnerIn(dir);
  ok(
    await run(['add', '-', '--commit'], {
      input: [
        { text: 'I prefer light mode', path: THEME },
        { text: 'Likes jazz', path: MUSIC },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
      ...at(1),
    }),
  );
  ok(await run(['add', 'Likes Bach', '-p', MUSIC, '--commit'], at(2)));
  ok(await run(['add', 'I prefer dark mode', '-p', THEME, '--commit'], at(3)));
  ok(await run(['add', 'I prefer blue mode', '-p', THEME, '--commit'], at(4)));
});

describe('memoir revert', () => {
  it('undoes a commit that nothing changed since, in a new commit that says so', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    const bach = revParse(dir, 'main~2');
    const result = ok(await run(['revert', 'HEAD~2'], at(5)));
    expect(result.stdout).toMatch(
      /^\[main [0-9a-f]{7}\] Revert "Remember preferences\.entertainment\.music: Likes Bach"\n preferences\.entertainment\.music\n {3}- Likes Bach {2}[0-9a-f]{10}\n$/,
    );
    expect(await texts(dir, MUSIC)).toEqual(['Likes jazz']);
    expect(gitIn(dir, ['log', '-1', '--format=%B', 'main'])).toContain(`This reverts commit ${bach}.`);
    expect(trailersOf(dir, 'main')).toMatchObject({ 'Memoir-Added': '0', 'Memoir-Removed': '1' });
    expect(gitIn(dir, ['rev-list', '--count', 'main']).trim()).toBe('5');
    expectFsckClean(dir);
  });

  it('a later commit changed the same fact: exit 3, the commits listed, nothing written', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    const before = snapshotRepository(dir);
    const result = await run(['revert', 'HEAD~1']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(
        `^memoir: later commits changed facts this revert would undo:\\n  ${THEME}  "I prefer dark mode": the leaf has another value since \\(now "I prefer blue mode"\\), in ${revParse(dir).slice(0, 7)}\\nmemoir: cannot revert [0-9a-f]{7} cleanly: .*\\nhint: .*--strategy ours.*--strategy theirs`,
      ),
    );
    expect(snapshotRepository(dir)).toEqual(before);
    const json = jsonError(await run(['revert', 'HEAD~1', '--json']));
    expect(json).toMatchObject({
      code: 'revert-conflict',
      data: {
        conflicts: [
          {
            path: THEME,
            reason: 'value-changed-since',
            old: 'I prefer light mode',
            new: 'I prefer dark mode',
            current: 'I prefer blue mode',
            commits: [revParse(dir)],
          },
        ],
      },
    });
  });

  it('--strategy theirs undoes anyway; --strategy ours keeps the later value and undoes the rest', async () => {
    const theirs = fresh();
    ok(await runnerIn(theirs)(['revert', 'HEAD~1', '--strategy', 'theirs']));
    expect(await texts(theirs, THEME)).toEqual(['I prefer light mode']);
    const ours = fresh();
    const result = await runnerIn(ours)(['revert', 'HEAD~1', '--strategy', 'ours', '--json']);
    // the only change of that commit conflicted and was kept: nothing left to revert
    expect(result.code).toBe(1);
    expect(jsonError(result).code).toBe('nothing-to-revert');
    expect(await texts(ours, THEME)).toEqual(['I prefer blue mode']);
  });

  it('--json describes the revert; --dry-run writes nothing', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    const before = snapshotRepository(dir);
    const dry = parseJson<Record<string, unknown>>(ok(await run(['revert', 'HEAD', '--dry-run', '--json'])).stdout);
    expect(dry).toMatchObject({
      commit: null,
      dryRun: true,
      reverted: revParse(dir),
      changes: [{ path: THEME, kind: 'superseded', old: 'I prefer blue mode', new: 'I prefer dark mode' }],
      conflicts: [],
    });
    expect(snapshotRepository(dir)).toEqual(before);
    const done = parseJson<{ commit: string }>(ok(await run(['revert', 'HEAD', '--json'])).stdout);
    expect(done.commit).toBe(revParse(dir));
    expect(await texts(dir, THEME)).toEqual(['I prefer dark mode']);
  });

  it('reverting the revert brings the change back; reverting twice has nothing left to do', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    ok(await run(['revert', 'HEAD']));
    ok(await run(['revert', 'HEAD']));
    expect(await texts(dir, THEME)).toEqual(['I prefer blue mode']);
    // the first revert (HEAD~1) is already undone by the second
    const again = await run(['revert', 'HEAD~1', '--json']);
    expect(again.code).toBe(1);
    expect(jsonError(again).code).toBe('nothing-to-revert');
  });

  it('the root commit can be reverted: its facts that remain are removed', async () => {
    const dir = fresh();
    ok(await runnerIn(dir)(['revert', 'HEAD~3', '--strategy', 'ours']));
    expect(await texts(dir, MUSIC)).toEqual(['Likes Bach']);
    expect(await texts(dir, THEME)).toEqual(['I prefer blue mode']);
  });

  it('bad input: an unknown revision (2), a bad strategy (2), an empty repository (2)', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    expect(jsonError(await run(['revert', 'HEAD~9', '--json'])).code).toBe('unknown-revision');
    expect(jsonError(await run(['revert', 'HEAD', '--strategy', 'mine', '--json'])).code).toBe('invalid-strategy');
    expect((await run(['revert', 'HEAD', '--strategy', 'mine'])).code).toBe(2);
    const empty = await runnerIn(await initRepoIn())(['revert', 'HEAD', '--json']);
    expect(empty.code).toBe(2);
  });
});

describe('memoir restore', () => {
  it('stages a leaf as it was at an older commit; commit records it', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    const result = ok(await run(['restore', THEME, '--source', 'HEAD~2']));
    expect(result.stdout).toContain('staged 1 fact to add, 1 to remove');
    const stage = readStageFile(dir);
    expect(stage.ops.map((o) => [o.op, o.fact.text])).toEqual([
      ['remove', 'I prefer blue mode'],
      ['add', 'I prefer light mode'],
    ]);
    expect(await texts(dir, THEME)).toEqual(['I prefer blue mode']); // staged, not committed
    ok(await run(['commit']));
    const [light] = await getFactsIn(dir, THEME);
    expect(light.text).toBe('I prefer light mode');
    // the same fact, with its id and provenance, not a new one
    expect(light.id).toBe(
      parseJson<Array<{ id: string }>>(ok(await run(['get', THEME, '--at', 'HEAD~3', '--json'])).stdout)[0].id,
    );
    expectFsckClean(dir);
  });

  it('a prefix restores every leaf under it; --json lists what was staged', async () => {
    const dir = fresh();
    const json = parseJson<{ added: Array<{ text: string }>; removed: Array<{ text: string }> }>(
      ok(await runnerIn(dir)(['restore', 'preferences', '--source', 'HEAD~3', '--json'])).stdout,
    );
    expect(json.added.map((f) => f.text)).toEqual(['I prefer light mode']);
    expect(json.removed.map((f) => f.text).sort()).toEqual(['I prefer blue mode', 'Likes Bach']);
  });

  it('--dry-run writes nothing; an identical leaf has nothing to restore', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    const before = snapshotRepository(dir);
    expect(ok(await run(['restore', THEME, '--source', 'HEAD~1', '--dry-run'])).stdout).toContain('would stage');
    expect(snapshotRepository(dir)).toEqual(before);
    expect(ok(await run(['restore', MUSIC, '--source', 'HEAD~1'])).stderr).toContain('nothing to restore');
  });

  it('--source is required; unknown paths and revisions exit 2', async () => {
    const run = runnerIn(fresh());
    expect(jsonError(await run(['restore', THEME, '--json'])).code).toBe('missing-source');
    expect(jsonError(await run(['restore', 'preferenses', '--source', 'HEAD', '--json'])).code).toBe('unknown-path');
    expect(jsonError(await run(['restore', THEME, '--source', 'nope', '--json'])).code).toBe('unknown-revision');
  });
});

describe('memoir reset --hard and memoir reflog', () => {
  it('without --force: refused (exit 4), nothing changed; --dry-run says what would happen', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes Miles Davis', '-p', MUSIC]));
    const before = snapshotRepository(dir);
    const refused = await run(['reset', '--hard', 'HEAD~2']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(
      /^memoir: reset --hard moves main to [0-9a-f]{7} and discards 1 staged change; refused without --force\nhint: add --force/,
    );
    expect(snapshotRepository(dir)).toEqual(before);
    const dry = ok(await run(['reset', '--hard', 'HEAD~2', '--dry-run']));
    expect(dry.stdout).toMatch(
      /^would move main to [0-9a-f]{7} Remember preferences\.entertainment\.music: Likes Bach\n$/,
    );
    expect(dry.stderr).toBe('would discard 1 staged change\n');
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('--force moves the branch and clears the stage; the old tip stays in the reflog, for memoir and git', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    const tip = revParse(dir);
    const target = revParse(dir, 'main~2');
    ok(await run(['add', 'Likes Miles Davis', '-p', MUSIC]));
    const moved = ok(await run(['reset', '--hard', 'HEAD~2', '--force'], at(5)));
    expect(moved.stderr).toContain(`the old tip ${tip.slice(0, 7)} is kept in the reflog`);
    expect(revParse(dir)).toBe(target);
    expect(readStageFile(dir).ops).toEqual([]);
    expect(await texts(dir, THEME)).toEqual(['I prefer light mode']);
    // git's own reflog knows the move, and keeps the old tip reachable for fsck and gc
    expect(gitIn(dir, ['reflog', '-1', '--format=%H %gs', 'main']).trim()).toBe(`${target} reset: moving to HEAD~2`);
    expect(gitIn(dir, ['rev-parse', 'main@{1}']).trim()).toBe(tip);
    expectFsckClean(dir);
    const reflog = parseJson<Array<{ selector: string; id: string; previous: string | null; message: string }>>(
      ok(await run(['reflog', '--json'])).stdout,
    );
    expect(reflog[0]).toMatchObject({
      selector: 'main@{0}',
      id: target,
      previous: tip,
      message: 'reset: moving to HEAD~2',
    });
    expect(reflog[1]).toMatchObject({ selector: 'main@{1}', id: tip });
    expect(reflog.at(-1)).toMatchObject({ previous: null, message: expect.stringMatching(/^commit \(initial\): /) });
    // and the move is undone by naming the old tip through the reflog
    ok(await run(['reset', '--hard', 'main@{1}', '--force']));
    expect(revParse(dir)).toBe(tip);
    expect(await texts(dir, THEME)).toEqual(['I prefer blue mode']);
  });

  it('reflog: plain records, -n, an unknown branch', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    const lines = ok(await run(['reflog', '-n', '2']))
      .stdout.trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines.map((l) => [l[0], l[1]])).toEqual([
      [revParse(dir), 'main@{0}'],
      [revParse(dir, 'main~1'), 'main@{1}'],
    ]);
    expect(lines[0][4]).toBe('commit: Remember preferences.ui.theme: I prefer blue mode');
    expect(jsonError(await run(['reflog', 'topic', '--json'])).code).toBe('unknown-ref');
    expect(jsonError(await run(['show', 'main@{99}', '--json'])).code).toBe('unknown-revision');
  });

  it('refused while a merge is in progress (exit 1), leaving the merge and the branch as they were', async () => {
    const dir = fresh();
    const run = runnerIn(dir);
    ok(await run(['branch', 'side']));
    ok(await run(['add', 'I prefer green mode', '-p', THEME, '--commit', '--branch', 'side']));
    ok(await run(['add', 'I prefer red mode', '-p', THEME, '--commit']));
    expect((await run(['merge', 'side'])).code).toBe(3); // a conflict at the one leaf, recorded
    const before = snapshotRepository(dir);
    const result = await run(['reset', '--hard', 'HEAD~1', '--force', '--json']);
    expect(result.code).toBe(1);
    expect(jsonError(result)).toMatchObject({
      code: 'merge-in-progress',
      hint: expect.stringContaining('merge --abort'),
    });
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('--hard needs a revision; --force without --hard is a usage error', async () => {
    const run = runnerIn(fresh());
    expect(jsonError(await run(['reset', '--hard', '--json'])).code).toBe('missing-revision');
    expect(jsonError(await run(['reset', '--force', '--json'])).code).toBe('needs-hard');
  });
});

describe('the revision forms', () => {
  let dir: string;
  beforeAll(() => {
    dir = fresh();
  });

  it('main@{N} and @{N} name earlier tips of the branch', async () => {
    const show = async (rev: string) =>
      parseJson<{ id: string }>(ok(await runnerIn(dir)(['show', rev, '--json'])).stdout).id;
    expect(await show('main@{0}')).toBe(revParse(dir));
    expect(await show('main@{2}')).toBe(revParse(dir, 'main~2'));
    expect(await show('@{1}')).toBe(revParse(dir, 'main~1'));
    expect(await show('main@{1}~1')).toBe(revParse(dir, 'main~2'));
  });
});

describe('an empty repository', () => {
  it('reflog lists nothing; reset --hard, restore and revert have no revision to go to (exit 2)', async () => {
    const run = runnerIn(await initRepoIn());
    expect(ok(await run(['reflog', '--json'])).stdout).toBe('[]\n');
    expect(ok(await run(['get', THEME, '--as-of', 'yesterday', '--json'])).stdout).toBe('[]\n');
    for (const args of [
      ['reset', '--hard', 'HEAD', '--force'],
      ['restore', THEME, '--source', 'HEAD'],
      ['revert', 'HEAD'],
      ['get', THEME, '--at', 'HEAD'],
    ]) {
      const result = await run([...args, '--json']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(jsonError(result).code).toBe('unknown-revision');
    }
  });
});
