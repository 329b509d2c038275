import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  gitdirOf,
  jsonError,
  leafFile,
  ok,
  repoTemplate,
  revParse,
  snapshotRepository,
  trailersOf,
} from '../helpers/e2e.js';
import { FOOD, LANGS, THEME, at, idOf, nativeEdit, sessionIn, textsAt } from '../helpers/merge.js';
import { runnerIn } from '../helpers/inProcess.js';

/** main: a theme (one leaf) and two foods (many leaf); branch `feature` at the same commit. */
const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  await s.remember('I prefer dark mode', THEME);
  await s.remember('Likes pizza', FOOD);
  await s.remember('Likes sushi', FOOD);
  ok(await s.run(['branch', 'feature']));
});

interface ConflictJson {
  id: string;
  path: string;
  kind: string;
  base: string | null;
  ours: string | null;
  theirs: string | null;
  changed: { ours: { name: string } | null; theirs: { name: string } | null };
}
interface MergeJson {
  status: string;
  commit: string | null;
  branch: string | null;
  conflicts: ConflictJson[];
  recorded: boolean;
  added: Array<{ text: string }>;
  removed: Array<{ text: string }>;
  modified: Array<{ old: { text: string }; new: { text: string } }>;
}
const mergeJson = (stdout: string) => parseJson<MergeJson>(stdout);
const parents = (dir: string, rev = 'main') =>
  gitIn(dir, ['rev-list', '--parents', '-n', '1', rev]).trim().split(' ').slice(1);

/** Diverged branches: each side commits at its own minutes (so the same text gets distinct ids). */
async function diverged(
  onFeature: (s: ReturnType<typeof sessionIn>, dir: string) => Promise<unknown> | undefined,
  onMain: (s: ReturnType<typeof sessionIn>, dir: string) => Promise<unknown> | undefined,
) {
  const dir = repo();
  const s = sessionIn(dir);
  for (let i = 0; i < 10; i++) s.tick();
  await s.checkout('feature');
  await onFeature(s, dir);
  await s.checkout('main');
  await onMain(s, dir);
  return { dir, s, run: s.run };
}

describe('fast-forward, --no-ff, --ff-only', () => {
  it('fast-forwards when the current branch is an ancestor; "Already up to date." after', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    await s.checkout('feature');
    await s.remember('Likes ramen', FOOD);
    await s.checkout('main');
    const result = ok(await s.run(['merge', 'feature']));
    expect(result.stdout).toMatch(/^Fast-forward main to [0-9a-f]{7}\n 1 fact added\n$/);
    expect(revParse(dir, 'main')).toBe(revParse(dir, 'feature'));
    expect(gitIn(dir, ['reflog', '-1', 'main'])).toContain('merge feature: Fast-forward');
    expect(ok(await s.run(['merge', 'feature'])).stdout).toBe('Already up to date.\n');
    expect(mergeJson(ok(await s.run(['merge', 'feature', '--json'])).stdout).status).toBe('up-to-date');
  });

  it('--no-ff makes a merge commit with two parents even when a fast-forward is possible', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    await s.checkout('feature');
    await s.remember('Likes ramen', FOOD);
    await s.checkout('main');
    const before = revParse(dir, 'main');
    const json = mergeJson(ok(await s.run(['merge', 'feature', '--no-ff', '--json'])).stdout);
    expect(json.status).toBe('merged');
    expect(parents(dir)).toEqual([before, revParse(dir, 'feature')]);
    expect(json.added.map((f) => f.text)).toEqual(['Likes ramen']);
    expect(gitIn(dir, ['log', '-1', '--format=%s'])).toBe("Merge branch 'feature' into main\n");
    expectFsckClean(dir);
  });

  it('--ff-only refuses (exit 1) when the histories have diverged, writing nothing', async () => {
    const { dir, run } = await diverged(
      async (s) => await s.remember('Likes ramen', FOOD),
      async (s) => await s.remember('Likes tacos', FOOD),
    );
    const before = snapshotRepository(dir);
    const result = await run(['merge', 'feature', '--ff-only', '--json']);
    expect(result.code).toBe(1);
    expect(jsonError(result).code).toBe('not-fast-forward');
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('an unknown branch exits 2; a merge of nothing exits 2', async () => {
    const run = runnerIn(repo());
    expect((await run(['merge', 'nope'])).code).toBe(2);
    expect((await run(['merge'])).code).toBe(2);
  });
});

describe('a fact-level three-way merge without conflicts', () => {
  it('keeps facts added on either side, removes what one side removed, keeps the same fact added on both once', async () => {
    const { dir, run } = await diverged(
      async (s, dir) => {
        await s.remember('Likes ramen', FOOD);
        await s.remember('Knows Rust', LANGS);
        await s.remember('Likes curry', FOOD);
        ok(await s.run(['rm', idOf(dir, 'feature', FOOD, 'Likes pizza')]));
        ok(await s.run(['commit'], { env: at(s.tick()) }));
      },
      async (s) => {
        await s.remember('Likes tacos', FOOD);
        await s.remember('likes  CURRY.', FOOD); // the same fact, added on both sides with another id
      },
    );
    const ours = revParse(dir, 'main');
    const theirs = revParse(dir, 'feature');
    const result = ok(await run(['merge', 'feature', '-m', 'Bring in the feature session']));
    const folded = `Folded as the same fact (1):\n  ${FOOD}: theirs ${idOf(dir, 'feature', FOOD, 'Likes curry')} "Likes curry" into ours ${idOf(dir, 'main', FOOD, 'likes  CURRY.')} "likes  CURRY."`;
    expect(result.stdout).toBe(
      `[main ${revParse(dir, 'main').slice(0, 7)}] Bring in the feature session\n 2 facts added, 1 removed\n${folded
        .split('\n')
        .map((l) => ` ${l}\n`)
        .join('')}`,
    );
    expect(gitIn(dir, ['log', '-1', '--format=%B'])).toMatch(
      new RegExp(`^Bring in the feature session\n\n${folded.replace(/[.()]/g, '\\$&')}\n\nMemoir-Added: 2\n`),
    );
    expect(textsAt(dir, 'main', FOOD)).toEqual(['Likes sushi', 'Likes tacos', 'likes  CURRY.', 'Likes ramen']);
    expect(textsAt(dir, 'main', LANGS)).toEqual(['Knows Rust']);
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer dark mode']);
    // a normal merge for native git: two parents, a graph, trailers
    expect(parents(dir)).toEqual([ours, theirs]);
    expect(gitIn(dir, ['log', '--graph', '--format=%s', 'main']).split('\n')[0]).toBe(
      '*   Bring in the feature session',
    );
    expect(trailersOf(dir, 'main')).toMatchObject({
      'Memoir-Added': '2',
      'Memoir-Removed': '1',
      'Memoir-Merge': theirs,
      'Memoir-Conflicts': '0',
    });
    expect(gitIn(dir, ['reflog', '-1', 'main'])).toContain("merge feature: Merge made by the 'memoir' strategy");
    expect(fs.existsSync(path.join(gitdirOf(dir), 'state', 'merge.json'))).toBe(false);
    expectFsckClean(dir);
  });

  it('near-identical facts added on both sides are kept once; merge.similarity 1 keeps both', async () => {
    const build = async () =>
      await diverged(
        async (s) => await s.remember('The user likes spicy Sichuan food', FOOD),
        async (s) => await s.remember('The user likes spicy Szechuan food', FOOD),
      );
    const a = await build();
    ok(await a.run(['merge', 'feature']));
    expect(textsAt(a.dir, 'main', FOOD)).toEqual(['Likes pizza', 'Likes sushi', 'The user likes spicy Szechuan food']);
    const b = await build();
    ok(await b.run(['merge', 'feature'], { env: { MEMOIR_MERGE_SIMILARITY: '1' } }));
    expect(textsAt(b.dir, 'main', FOOD)).toHaveLength(4);
  });

  it('near-identical values of a one leaf set on both sides are a conflict (--strategy fail exits 3), not a silent dedupe', async () => {
    const NAME = 'profile.identity.name';
    const { dir, run } = await diverged(
      async (s) => await s.remember('My name is Thomas', NAME),
      async (s) => await s.remember('My name is Tomasz', NAME),
    );
    const before = revParse(dir, 'main');
    // similarity 0.88: near-identical at merge.similarity 0.85
    const refused = await run(['merge', 'feature', '--strategy', 'fail', '--json'], {
      env: { MEMOIR_MERGE_SIMILARITY: '0.85' },
    });
    expect(refused.code).toBe(3);
    expect(mergeJson(refused.stdout).conflicts).toMatchObject([
      { path: NAME, kind: 'value', ours: 'My name is Tomasz', theirs: 'My name is Thomas' },
    ]);
    expect(revParse(dir, 'main')).toBe(before);
  });

  it('a one leaf changed on one side only takes that value', async () => {
    const { dir, run } = await diverged(
      async (s) => await s.remember('I prefer light mode', THEME),
      async (s) => await s.remember('Likes tacos', FOOD),
    );
    ok(await run(['merge', 'feature']));
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer light mode']);
    expect(textsAt(dir, 'main', FOOD)).toEqual(['Likes pizza', 'Likes sushi', 'Likes tacos']);
  });
});

describe('after a merge settled with --text', () => {
  it('revert of the commit whose value the merge edited sees the edit: exit 3 naming the merge, nothing written', async () => {
    const { dir, run } = await diverged(
      async (s) => await s.remember('I prefer light mode', THEME),
      async (s) => await s.remember('I prefer solarized', THEME),
    );
    const solarized = revParse(dir, 'main');
    const [conflict] = mergeJson((await run(['merge', 'feature', '--json'])).stdout).conflicts;
    ok(await run(['resolve', conflict.id, '--text', 'I prefer solarized light'], { env: at(30) }));
    const continued = ok(await run(['merge', '--continue'], { env: at(31) }));
    const merged = revParse(dir, 'main');
    // the merge commit records the decision, by conflict and fact id; report and body say the same
    const decision = `Conflicts settled (1):\n  ${conflict.id} ${THEME}: edited ${idOf(dir, 'main', THEME, 'I prefer solarized light')} "I prefer solarized light"`;
    expect(gitIn(dir, ['log', '-1', '--format=%B'])).toContain(
      `Merge branch 'feature' into main\n\n${decision}\n\nMemoir-`,
    );
    expect(continued.stdout).toBe(
      `[main ${merged.slice(0, 7)}] Merge branch 'feature' into main\n 1 fact modified\n${decision
        .split('\n')
        .map((l) => ` ${l}\n`)
        .join('')}`,
    );
    // the edited value keeps our fact's id, and says a person wrote it in this merge
    expect(gitIn(dir, ['show', `main:${leafFile(THEME)}`])).toBe(
      `- I prefer solarized light <!-- id=${idOf(dir, 'main~1', THEME, 'I prefer solarized')} at=2026-01-02T03:31:00Z src=merge by=manual sup=${idOf(dir, 'main~2', THEME, 'I prefer dark mode')} -->\n`,
    );
    const result = await run(['revert', solarized, '--json'], { env: at(32) });
    expect(result.code).toBe(3);
    expect(jsonError(result)).toMatchObject({
      code: 'revert-conflict',
      data: {
        conflicts: [{ path: THEME, reason: 'edited-since', current: 'I prefer solarized light', commits: [merged] }],
      },
    });
    expect(revParse(dir, 'main')).toBe(merged);
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer solarized light']);
  });
});

describe('conflicts without a terminal', () => {
  /** All three kinds at once: a one leaf set differently, a fact edited differently, a fact edited and removed. */
  async function conflicted() {
    const setup = await diverged(
      async (s) => {
        await s.remember('I prefer light mode', THEME);
      },
      async (s) => {
        await s.remember('I prefer solarized', THEME);
      },
    );
    nativeEdit(setup.dir, 'feature', FOOD, { 'Likes pizza': 'Likes deep-dish pizza', 'Likes sushi': null });
    nativeEdit(setup.dir, 'main', FOOD, {
      'Likes pizza': 'Likes thin-crust pizza',
      'Likes sushi': 'Likes salmon sushi',
    });
    return setup;
  }

  it('writes nothing to the branch, records the merge, lists each conflict on stdout (what to do on stderr), exits 3', async () => {
    const { dir, run } = await conflicted();
    const main = revParse(dir, 'main');
    const result = await run(['merge', 'feature']);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /CONFLICT [0-9a-f]{7} preferences\.ui\.theme: changed differently on both sides\n {4}base {4}"I prefer dark mode"\n {4}ours {4}"I prefer solarized" {2}Test Author, 2026-01-02\n {4}theirs {2}"I prefer light mode" {2}Test Author, 2026-01-02\n/,
    );
    expect(result.stdout).toContain('edited differently on both sides');
    expect(result.stdout).toContain('edited on one side, removed on the other');
    expect(result.stderr).not.toContain('CONFLICT');
    expect(result.stderr).toContain('Merge of feature stopped: 3 conflicts to settle.');
    expect(result.stderr).toContain('hint: settle each with "memoir resolve <id>');
    expect(revParse(dir, 'main')).toBe(main);
    expect(fs.existsSync(path.join(gitdirOf(dir), 'state', 'merge.json'))).toBe(true);
    expectFsckClean(dir);
  });

  it('--json lists the conflicts with base, ours, theirs and who changed each side; status shows them', async () => {
    const { run } = await conflicted();
    const result = await run(['merge', 'feature', '--json']);
    expect(result.code).toBe(3);
    const json = mergeJson(result.stdout);
    expect(json).toMatchObject({ status: 'conflicts', commit: null, recorded: true });
    const byKind = Object.fromEntries(json.conflicts.map((c) => [c.kind + ':' + c.path, c]));
    expect(byKind[`value:${THEME}`]).toMatchObject({
      base: 'I prefer dark mode',
      ours: 'I prefer solarized',
      theirs: 'I prefer light mode',
      changed: { ours: { name: 'Test Author' }, theirs: { name: 'Test Author' } },
    });
    expect(byKind[`edit:${FOOD}`]).toMatchObject({
      base: 'Likes pizza',
      ours: 'Likes thin-crust pizza',
      theirs: 'Likes deep-dish pizza',
      changed: { ours: { name: 'Native Git' } },
    });
    expect(byKind[`edit-remove:${FOOD}`]).toMatchObject({
      base: 'Likes sushi',
      ours: 'Likes salmon sushi',
      theirs: null,
    });
    const status = parseJson<{ branch: string; staged: unknown[]; merge: { name: string; conflicts: ConflictJson[] } }>(
      ok(await run(['status', '--json'])).stdout,
    );
    expect(status.branch).toBe('main');
    expect(status.staged).toEqual([]);
    expect(status.merge.name).toBe('feature');
    expect(status.merge.conflicts.map((c) => [c.id, c.path, c.base, c.ours, c.theirs])).toEqual(
      json.conflicts.map((c) => [c.id, c.path, c.base, c.ours, c.theirs]),
    );
    const plain = ok(await run(['status'])).stdout;
    expect(plain).toContain('# merging ');
    expect(plain.split('\n').filter((l) => l.startsWith('conflict\t'))).toHaveLength(3);
  });

  it('resolve settles each conflict; merge --continue writes the merge commit with two parents', async () => {
    const { dir, run } = await conflicted();
    const json = mergeJson((await run(['merge', 'feature', '--json'])).stdout);
    const id = (kind: string) => json.conflicts.find((c) => c.kind === kind)!.id;
    // a bad decision is refused without recording anything
    const both = await run(['resolve', id('value'), '--both', '--json']);
    expect(both.code).toBe(2);
    expect(jsonError(both).code).toBe('invalid-decision');
    expect((await run(['resolve', 'ffffff', '--ours'])).code).toBe(2);
    expect((await run(['resolve', id('value')])).code).toBe(2);
    ok(await run(['resolve', id('value'), '--theirs']));
    const early = await run(['merge', '--continue', '--json']);
    expect(early.code).toBe(3);
    expect(jsonError(early).code).toBe('unresolved-conflicts');
    ok(await run(['resolve', id('edit'), '--text', 'Likes any pizza']));
    const last = ok(await run(['resolve', id('edit-remove'), '--ours', '--json']));
    expect(parseJson<{ remaining: string[] }>(last.stdout).remaining).toEqual([]);
    const pizzaId = idOf(dir, 'main', FOOD, 'Likes thin-crust pizza');
    const ours = revParse(dir, 'main');
    const done = mergeJson(ok(await run(['merge', '--continue', '--json'])).stdout);
    expect(done.status).toBe('merged');
    // an edit in place is reported as one: the same id, another text
    expect(done.modified.map((m) => [m.old.text, m.new.text])).toEqual([['Likes thin-crust pizza', 'Likes any pizza']]);
    expect(parents(dir)).toEqual([ours, revParse(dir, 'feature')]);
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer light mode']);
    expect(textsAt(dir, 'main', FOOD)).toEqual(['Likes any pizza', 'Likes salmon sushi']);
    // --text edits our fact in place: the id is kept
    expect(idOf(dir, 'main', FOOD, 'Likes any pizza')).toBe(pizzaId);
    expect(trailersOf(dir, 'main')).toMatchObject({ 'Memoir-Conflicts': '3' });
    expect(fs.existsSync(path.join(gitdirOf(dir), 'state', 'merge.json'))).toBe(false);
    expect(parseJson<{ merge: null }>(ok(await run(['status', '--json'])).stdout).merge).toBeNull();
    expectFsckClean(dir);
  });

  it('resolve by leaf settles every conflict there; "memoir commit" writes the merge commit', async () => {
    const { dir, run } = await conflicted();
    expect((await run(['merge', 'feature'])).code).toBe(3);
    ok(await run(['resolve', FOOD, '--theirs']));
    ok(await run(['resolve', THEME, '--ours']));
    const committed = ok(await run(['commit']));
    // the report is the commit's own words: its git-like subject, the counts, and the decisions its body lists
    const body = gitIn(dir, ['log', '-1', '--format=%B']);
    const decisions = body.split('\n\n')[1];
    expect(decisions).toMatch(
      /^Conflicts settled \(3\):\n {2}[0-9a-f]{7} preferences\.food\.cuisine: took theirs [0-9a-f]{10} "Likes deep-dish pizza"\n {2}[0-9a-f]{7} preferences\.food\.cuisine: took their removal\n {2}[0-9a-f]{7} preferences\.ui\.theme: kept ours [0-9a-f]{10} "I prefer solarized"$/,
    );
    expect(committed.stdout).toBe(
      `[main ${revParse(dir, 'main').slice(0, 7)}] Merge branch 'feature' into main\n 1 fact removed, 1 modified\n${decisions
        .split('\n')
        .map((l) => ` ${l}\n`)
        .join('')}`,
    );
    expect(textsAt(dir, 'main', FOOD)).toEqual(['Likes deep-dish pizza']);
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer solarized']);
    expect(parents(dir)).toHaveLength(2);
  });

  it('--both keeps both sides of a many-leaf conflict', async () => {
    const { dir, run } = await conflicted();
    await run(['merge', 'feature']);
    ok(await run(['resolve', FOOD, '--both']));
    ok(await run(['resolve', THEME, '--theirs']));
    ok(await run(['merge', '--continue']));
    expect(textsAt(dir, 'main', FOOD)).toEqual([
      'Likes thin-crust pizza',
      'Likes deep-dish pizza',
      'Likes salmon sushi',
    ]);
    const ids = gitIn(dir, ['show', `main:preferences/food/cuisine.md`]).match(/id=[0-9a-f]+/g)!;
    expect(new Set(ids).size).toBe(3);
  });

  it('--abort restores the branch and the stage exactly as before', async () => {
    const { dir, run } = await conflicted();
    ok(await run(['add', 'Likes gnocchi', '-p', FOOD], { env: at(55) }));
    const stageBefore = fs.readFileSync(path.join(gitdirOf(dir), 'state', 'stage.json'), 'utf8');
    const refsBefore = gitIn(dir, ['for-each-ref']);
    expect((await run(['merge', 'feature'])).code).toBe(3);
    ok(await run(['resolve', THEME, '--ours']));
    fs.writeFileSync(path.join(gitdirOf(dir), 'state', 'stage.json'), '{"version":1,"ops":[]}\n'); // the stage changed meanwhile
    const result = ok(await run(['merge', '--abort']));
    expect(result.stdout).toMatch(/^Merge of feature aborted: back at [0-9a-f]{7}, stage restored \(1 operation\)\n$/);
    expect(fs.readFileSync(path.join(gitdirOf(dir), 'state', 'stage.json'), 'utf8')).toBe(stageBefore);
    expect(gitIn(dir, ['for-each-ref'])).toBe(refsBefore);
    expect(fs.existsSync(path.join(gitdirOf(dir), 'state', 'merge.json'))).toBe(false);
    expect((await run(['merge', '--abort'])).code).toBe(1);
    expect((await run(['merge', '--continue'])).code).toBe(1);
    expectFsckClean(dir);
  });

  it('while a merge is in progress, other merges, checkout and commits to the branch wait (exit 1)', async () => {
    const { run } = await conflicted();
    await run(['merge', 'feature']);
    expect((await run(['merge', 'feature'])).code).toBe(1);
    expect((await run(['checkout', 'feature'])).code).toBe(1);
    const add = await run(['add', 'Likes gnocchi', '-p', FOOD, '--commit']);
    expect(add.code).toBe(1);
    expect(add.stderr).toContain('a merge of feature is in progress');
    // another branch may still be written to
    ok(await run(['add', 'Likes gnocchi', '-p', FOOD, '--commit', '--branch', 'side']));
  });

  it('--strategy ours / theirs settle every conflict; union keeps both where allowed, else exits 3; fail records nothing', async () => {
    const ours = await conflicted();
    ok(await ours.run(['merge', 'feature', '--strategy', 'ours']));
    expect(textsAt(ours.dir, 'main', FOOD)).toEqual(['Likes thin-crust pizza', 'Likes salmon sushi']);
    expect(textsAt(ours.dir, 'main', THEME)).toEqual(['I prefer solarized']);
    expect(parents(ours.dir)).toHaveLength(2);

    const theirs = await conflicted();
    ok(await theirs.run(['merge', 'feature', '--strategy', 'theirs']));
    expect(textsAt(theirs.dir, 'main', FOOD)).toEqual(['Likes deep-dish pizza']);
    expect(textsAt(theirs.dir, 'main', THEME)).toEqual(['I prefer light mode']);

    const union = await conflicted();
    const before = snapshotRepository(union.dir);
    const refused = await union.run(['merge', 'feature', '--strategy', 'union', '--json']);
    expect(refused.code).toBe(3);
    expect(jsonError(refused).code).toBe('union-impossible');
    expect(snapshotRepository(union.dir)).toEqual(before);

    const fail = await conflicted();
    const failed = await fail.run(['merge', 'feature', '--strategy', 'fail', '--json']);
    expect(failed.code).toBe(3);
    expect(mergeJson(failed.stdout)).toMatchObject({ status: 'conflicts', recorded: false });
    expect(fs.existsSync(path.join(gitdirOf(fail.dir), 'state', 'merge.json'))).toBe(false);
    expect((await fail.run(['merge', 'feature', '--strategy', 'bogus'])).code).toBe(2);
  });

  it('union keeps both facts of a many leaf', async () => {
    const { dir, run } = await diverged(
      () => undefined,
      () => undefined,
    );
    nativeEdit(dir, 'feature', FOOD, { 'Likes pizza': 'Likes deep-dish pizza' });
    nativeEdit(dir, 'main', FOOD, { 'Likes pizza': 'Likes thin-crust pizza' });
    ok(await run(['merge', 'feature', '--strategy', 'union']));
    expect(textsAt(dir, 'main', FOOD)).toEqual(['Likes thin-crust pizza', 'Likes deep-dish pizza', 'Likes sushi']);
    expectFsckClean(dir);
  });
});

describe('criss-cross histories', () => {
  it('merges across several merge bases (as git merge-base --all finds them) instead of refusing', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    await s.checkout('feature');
    await s.remember('Likes ramen', FOOD);
    const b = revParse(dir, 'feature');
    await s.checkout('main');
    await s.remember('Knows Go', LANGS);
    const a = revParse(dir, 'main');
    // main merges feature's B while feature merges main's A: two merge commits, crossed
    ok(await s.run(['merge', 'feature', '--no-ff'], { env: at(s.tick()) }));
    await s.checkout('feature');
    ok(await s.run(['merge', a, '--no-ff'], { env: at(s.tick()) }));
    // a revision that is not a branch is named as a commit, as git does
    expect(gitIn(dir, ['log', '-1', '--format=%s', 'feature']).trim()).toBe(
      `Merge commit '${a.slice(0, 7)}' into feature`,
    );
    await s.remember('Likes tacos', FOOD);
    await s.remember('I prefer light mode', THEME);
    await s.checkout('main');
    await s.remember('Knows Rust', LANGS);
    expect(gitIn(dir, ['merge-base', '--all', 'main', 'feature']).trim().split('\n').sort()).toEqual([a, b].sort());
    const json = mergeJson(ok(await s.run(['merge', 'feature', '--json'], { env: at(s.tick()) })).stdout);
    expect(json.status).toBe('merged');
    expect((json as unknown as { bases: string[] }).bases.sort()).toEqual([a, b].sort());
    expect(textsAt(dir, 'main', FOOD)).toEqual(['Likes pizza', 'Likes sushi', 'Likes ramen', 'Likes tacos']);
    expect(textsAt(dir, 'main', LANGS)).toEqual(['Knows Go', 'Knows Rust']);
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer light mode']);
    expect(parents(dir)).toEqual([revParse(dir, 'main^1'), revParse(dir, 'feature')]);
    expectFsckClean(dir);
  });
});

describe('a merge killed while the conflicts are on screen', () => {
  // spawns on purpose: a pseudo-terminal and a SIGKILL need a real process
  it('leaves the merge recorded: status shows it, and it can be resolved and continued', async () => {
    const { dir, run } = await diverged(
      async (s) => await s.remember('I prefer light mode', THEME),
      async (s) => await s.remember('I prefer solarized', THEME),
    );
    const { spawn } = await import('node:child_process');
    const { BIN, testEnv } = await import('../helpers/cli.js');
    // on a pseudo-terminal the conflict screen waits for keys; the process is killed there
    const child = spawn('script', ['-qec', `'${process.execPath}' '${BIN}' merge feature`, '/dev/null'], {
      cwd: dir,
      env: testEnv(dir, { TERM: 'xterm-256color' }),
      detached: true,
    });
    let screen = '';
    child.stdout.on('data', (d) => (screen += d));
    const deadline = Date.now() + 15_000;
    while (!screen.includes('Merge conflicts') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(screen).toContain('Merge conflicts');
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((r) => child.on('close', r));
    const status = parseJson<{ merge: { conflicts: ConflictJson[] } }>(ok(await run(['status', '--json'])).stdout);
    expect(status.merge.conflicts).toHaveLength(1);
    ok(await run(['resolve', status.merge.conflicts[0].id, '--ours']));
    ok(await run(['merge', '--continue']));
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer solarized']);
    expect(parents(dir)).toHaveLength(2);
    expectFsckClean(dir);
  });
});

describe('conflicts in a terminal', () => {
  // spawns on purpose: the conflict screen needs a real process on a pseudo-terminal
  /** memoir on a pseudo-terminal (util-linux `script`) with keys typed ahead. */
  async function inTerminal(dir: string, args: string[], typed: string) {
    const { spawnSync } = await import('node:child_process');
    const { BIN, testEnv } = await import('../helpers/cli.js');
    const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: dir,
      env: testEnv(dir, { TERM: 'xterm-256color' }),
      encoding: 'utf8',
      input: typed,
      timeout: 20_000,
    });
    return { code: result.status ?? -1, screen: result.stdout.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '') };
  }
  const themes = async () =>
    await diverged(
      async (s) => await s.remember('I prefer light mode', THEME),
      async (s) => await s.remember('I prefer solarized', THEME),
    );

  it('t then Enter takes theirs and writes the merge commit (exit 0)', async () => {
    const { dir } = await themes();
    const { code, screen } = await inTerminal(dir, ['merge', 'feature'], 't\r');
    expect(screen).toContain('Merge conflicts');
    expect(code).toBe(0);
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer light mode']);
    expect(parents(dir)).toHaveLength(2);
    expectFsckClean(dir);
  });

  it('q leaves the merge in progress with the decisions saved (exit 3); continue finishes it', async () => {
    const { dir, run } = await themes();
    const main = revParse(dir, 'main');
    const { code } = await inTerminal(dir, ['merge', 'feature'], 'oq');
    expect(code).toBe(3);
    expect(revParse(dir, 'main')).toBe(main);
    const status = parseJson<{ merge: { conflicts: Array<ConflictJson & { decision: unknown }> } }>(
      ok(await run(['status', '--json'])).stdout,
    );
    expect(status.merge.conflicts[0].decision).toEqual({ kind: 'ours' });
    ok(await run(['merge', '--continue']));
    expect(textsAt(dir, 'main', THEME)).toEqual(['I prefer solarized']);
  });

  it('--no-input (or --json) never opens the screen: exit 3 at once', async () => {
    const { dir } = await themes();
    const { code, screen } = await inTerminal(dir, ['--no-input', 'merge', 'feature'], '');
    expect(code).toBe(3);
    expect(screen).not.toContain('Merge conflicts');
    expect(screen).toContain('CONFLICT');
  });
});
