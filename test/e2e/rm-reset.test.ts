import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  gitStatus,
  jsonError,
  leafFile,
  ok,
  readStageFile,
  repoTemplate,
  revParse,
  type FactJson,
} from '../helpers/e2e.js';
import { getFactsIn, initRepoIn, runnerIn } from '../helpers/inProcess.js';

interface RmJson {
  staged: FactJson[];
  alreadyStaged: FactJson[];
  dryRun: boolean;
}

const MUSIC = 'preferences.entertainment.music';
const GOTCHAS = 'knowledge.technical.gotchas';

/** The shortest prefix (4 digits or more) of `id` that no other id shares. */
function uniquePrefix(id: string, all: string[]): string {
  for (let n = 4; n <= id.length; n++) {
    const prefix = id.slice(0, n);
    if (all.filter((other) => other.startsWith(prefix)).length === 1) return prefix;
  }
  return id;
}

describe('memoir rm and memoir reset', () => {
  // One committed repository, copied for each test: two music facts, a theme, and enough
  // facts at another leaf that some share their first four id digits.
  const committed = repoTemplate(async (dir) => {
    const run = runnerIn(dir);
    ok(await run(['add', '-', '-p', MUSIC], { input: 'Likes jazz\nLikes Bach\n' }));
    ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme']));
    ok(
      await run(['add', '-', '-p', GOTCHAS], {
        input: Array.from({ length: 1500 }, (_, i) => `Gotcha number ${i}`).join('\n'),
      }),
    );
    ok(await run(['commit']));
  });
  let dir: string;
  let run: ReturnType<typeof runnerIn>;
  let jazz: FactJson;
  let bach: FactJson;
  let dark: FactJson;
  let allIds: string[];
  beforeAll(async () => {
    dir = committed();
    [jazz, bach] = await getFactsIn(dir, MUSIC);
    [dark] = await getFactsIn(dir, 'preferences.ui.theme');
    allIds = [jazz, bach, dark, ...(await getFactsIn(dir, GOTCHAS))].map((f) => f.id);
  });
  beforeEach(() => {
    dir = committed();
    run = runnerIn(dir);
  });

  describe('rm', () => {
    it('by full id: stages the removal, reports it on stderr, status lists it', async () => {
      const result = ok(await run(['rm', jazz.id]));
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`staged removal of ${MUSIC}: Likes jazz (${jazz.id})\n`);
      expect(readStageFile(dir).ops).toEqual([
        { op: 'remove', fact: expect.objectContaining({ id: jazz.id, path: MUSIC, text: 'Likes jazz' }) },
      ]);
      expect(ok(await run(['status'])).stdout.split('\n')[2]).toBe(`remove\t${jazz.id}\t${MUSIC}\tLikes jazz\t`);
    });

    it('by a unique id prefix', async () => {
      const prefix = uniquePrefix(bach.id, allIds);
      const out = parseJson<RmJson>(ok(await run(['rm', prefix, '--json'])).stdout);
      expect(out).toEqual({ staged: [bach], alreadyStaged: [], dryRun: false });
    });

    it('by leaf: every fact at the leaf', async () => {
      const out = parseJson<RmJson>(ok(await run(['rm', MUSIC, '--json'])).stdout);
      expect(out.staged.map((f) => f.id)).toEqual([jazz.id, bach.id]);
      expect(readStageFile(dir).ops.map((o) => [o.op, o.fact.id])).toEqual([
        ['remove', jazz.id],
        ['remove', bach.id],
      ]);
    });

    it('several targets at once; a removal already staged is reported, not staged twice', async () => {
      ok(await run(['rm', jazz.id]));
      const out = parseJson<RmJson>(ok(await run(['rm', jazz.id, dark.id, '--json'])).stdout);
      expect(out.staged.map((f) => f.id)).toEqual([dark.id]);
      expect(out.alreadyStaged.map((f) => f.id)).toEqual([jazz.id]);
      expect(ok(await run(['rm', jazz.id])).stderr).toContain(`removal of ${jazz.id} is already staged`);
      expect(readStageFile(dir).ops.map((o) => o.fact.id)).toEqual([jazz.id, dark.id]);
    });

    it('--dry-run stages nothing', async () => {
      const result = ok(await run(['rm', MUSIC, '--dry-run']));
      expect(result.stdout).toContain(`would stage removal of ${MUSIC}: Likes jazz (${jazz.id})`);
      expect(parseJson<RmJson>(ok(await run(['rm', jazz.id, '-n', '--json'])).stdout)).toMatchObject({
        dryRun: true,
        staged: [{ id: jazz.id }],
      });
      expect(readStageFile(dir).ops).toEqual([]);
    });

    it('an ambiguous id prefix is exit 2 and names the candidates', async () => {
      const byPrefix = new Map<string, string[]>();
      for (const id of allIds) byPrefix.set(id.slice(0, 4), [...(byPrefix.get(id.slice(0, 4)) ?? []), id]);
      const [prefix, ids] = [...byPrefix].find(([, matching]) => matching.length > 1)!;
      const result = await run(['rm', prefix, '--json']);
      expect(result.code).toBe(2);
      const error = jsonError(result);
      expect(error.code).toBe('ambiguous-id');
      for (const id of ids) expect(error.message).toContain(id);
      expect(readStageFile(dir).ops).toEqual([]);
    });

    const refusals: Array<[string, () => string[], string]> = [
      ['an unknown id', () => ['rm', 'fffffffff0'], 'unknown-fact'],
      ['an unknown leaf', () => ['rm', 'preferences.entertainment.musik'], 'unknown-path'],
      ['a leaf with no facts', () => ['rm', 'preferences.ui.font'], 'empty-leaf'],
      [
        'a good target followed by an unknown one (nothing is staged)',
        () => ['rm', jazz.id, 'fffffffff0'],
        'unknown-fact',
      ],
    ];
    for (const [what, args, code] of refusals) {
      it(`${what}: exit 2, code ${code}`, async () => {
        const result = await run([...args(), '--json']);
        expect(result.code).toBe(2);
        expect(jsonError(result).code).toBe(code);
        expect(readStageFile(dir).ops).toEqual([]);
      });
    }

    it('a fact that is staged but not committed: exit 2, the hint names memoir reset', async () => {
      const added = parseJson<{ staged: FactJson[] }>(
        ok(await run(['add', 'Likes Mozart', '-p', MUSIC, '--json'])).stdout,
      ).staged[0];
      const plain = await run(['rm', added.id]);
      expect(plain.code).toBe(2);
      expect(plain.stderr).toContain(`memoir reset ${added.id}`);
      const json = await run(['rm', added.id, '--json']);
      expect(jsonError(json)).toMatchObject({ code: 'staged-fact', hint: expect.stringContaining('memoir reset') });
    });
  });

  describe('reset', () => {
    it('with no argument unstages everything', async () => {
      ok(await run(['rm', jazz.id]));
      ok(await run(['add', 'Likes Mozart', '-p', MUSIC]));
      const result = ok(await run(['reset']));
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('unstaged 2 changes\n');
      expect(readStageFile(dir).ops).toEqual([]);
      expect((await getFactsIn(dir, MUSIC)).map((f) => f.id)).toEqual([jazz.id, bach.id]);
    });

    it('<id> unstages just that fact; a prefix works too', async () => {
      ok(await run(['rm', jazz.id, bach.id]));
      const mozart = parseJson<{ staged: FactJson[] }>(
        ok(await run(['add', 'Likes Mozart', '-p', MUSIC, '--json'])).stdout,
      ).staged[0];
      const out = parseJson<{ unstaged: Array<FactJson & { op: string }> }>(
        ok(await run(['reset', jazz.id, '--json'])).stdout,
      );
      expect(out.unstaged).toEqual([{ op: 'remove', ...jazz }]);
      expect(readStageFile(dir).ops.map((o) => o.fact.id)).toEqual([bach.id, mozart.id]);
      ok(await run(['reset', mozart.id.slice(0, 6)]));
      expect(readStageFile(dir).ops.map((o) => o.fact.id)).toEqual([bach.id]);
    });

    it('with nothing staged says so and exits 0', async () => {
      const result = ok(await run(['reset']));
      expect(result.stderr).toBe('nothing was staged\n');
      expect(parseJson(ok(await run(['reset', '--json'])).stdout)).toEqual({ unstaged: [] });
    });

    it('an id that is not staged is exit 2 (not-staged); something that is not an id is exit 2 (invalid-id)', async () => {
      ok(await run(['rm', jazz.id]));
      const unknown = await run(['reset', bach.id, '--json']);
      expect(unknown.code).toBe(2);
      expect(jsonError(unknown).code).toBe('not-staged');
      const invalid = await run(['reset', 'zz', '--json']);
      expect(invalid.code).toBe(2);
      expect(jsonError(invalid).code).toBe('invalid-id');
      expect(readStageFile(dir).ops.map((o) => o.fact.id)).toEqual([jazz.id]);
    });
  });
});

describe('committing a removal', () => {
  it('the fact leaves the tree (an emptied leaf file is deleted) and stays in history', async () => {
    const dir = await initRepoIn();
    const run = runnerIn(dir);
    ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit']));
    ok(await run(['add', 'Likes jazz', '-p', MUSIC, '--commit']));
    const [dark] = await getFactsIn(dir, 'preferences.ui.theme');
    ok(await run(['rm', dark.id]));
    const result = ok(await run(['commit']));
    expect(result.stdout).toContain('Forget preferences.ui.theme: I prefer dark mode');
    expect(result.stdout).toMatch(/\n 1 fact removed\n$/);
    expect(await getFactsIn(dir, 'preferences.ui.theme')).toEqual([]);
    expect(gitStatus(dir, ['cat-file', '-e', `main:${leafFile('preferences.ui.theme')}`])).not.toBe(0);
    expect(gitIn(dir, ['show', `main~1:${leafFile('preferences.ui.theme')}`])).toContain(
      `- I prefer dark mode <!-- id=${dark.id} `,
    );
    expect(ok(await run(['ls'])).stdout).toBe(`${MUSIC}\t1\n`);
    expect(
      gitIn(dir, ['log', '--format=%H', '--', leafFile('preferences.ui.theme')])
        .trim()
        .split('\n'),
    ).toEqual([revParse(dir), revParse(dir, 'main~2')]);
    expectFsckClean(dir);
  });
});
