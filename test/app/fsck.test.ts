import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitdirOf,
  gitIn,
  leafFile,
  nativeCommit,
  readStageFile,
  repoTemplate,
  revParse,
  type FactJson,
} from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/* memoir fsck: a check of the memory, one line per finding, exit 1 on any; --fix settles what needs no person. */

const FOOD = 'preferences.food.cuisine';
const DRINKS = 'preferences.food.drinks';
const THEME = 'preferences.ui.theme';
const freshRepo = repoTemplate();

interface FsckJson {
  clean: boolean;
  commit: string | null;
  findings: Array<{ kind: string; severity: string; where: string; fixable: boolean; fixed: boolean }>;
}

async function ok(dir: string, args: string[], now = '2026-01-01T00:00:00Z') {
  const result = await runIn(dir, args, { MEMOIR_NOW: now });
  expect(result.code, result.stderr).toBe(0);
  return result;
}
const fsck = async (dir: string, args: string[] = []) =>
  runIn(dir, ['fsck', ...args], { MEMOIR_NOW: '2026-04-01T00:00:00Z' });
const fsckJson = async (dir: string, args: string[] = []) =>
  parseJson<FsckJson>((await fsck(dir, [...args, '--json'])).stdout);
const factsAt = async (dir: string, leaf: string) =>
  parseJson<FactJson[]>((await ok(dir, ['get', leaf, '--json'])).stdout);

/** A repository with a copy of an id in its leaf and in another leaf, and a line written with git. */
async function repoWithCopies() {
  const dir = freshRepo();
  await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit']);
  const line = gitIn(dir, ['show', `main:${leafFile(FOOD)}`]).trimEnd();
  nativeCommit(
    dir,
    {
      [leafFile(FOOD)]: `${line}\n${line.replace('Likes sushi', 'Likes pho')}\n- ramen, written by hand\n`,
      [leafFile(DRINKS)]: `${line.replace('Likes sushi', 'Drinks green tea')}\n`,
    },
    'copies by hand',
  );
  return { dir, line, id: /id=([0-9a-f]+)/.exec(line)![1] };
}

describe('memoir fsck', () => {
  it('is silent and exits 0 on a clean memory', async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit']);
    const result = await fsck(dir);
    expect([result.code, result.stdout]).toEqual([0, '']);
    expect(await fsckJson(dir)).toEqual({ clean: true, commit: null, findings: [] });
  });

  it('reports each copied id once, one line per finding, and the foreign line only as a note', async () => {
    const { dir } = await repoWithCopies();
    const result = await fsck(dir);
    expect(result.code).toBe(1);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t').slice(0, 3)),
    ).toEqual([
      ['error', 'duplicate-id', `${leafFile(FOOD)}:2`],
      ['error', 'duplicate-id', `${leafFile(DRINKS)}:1`],
    ]);
    expect((await fsck(dir, ['--verbose'])).stdout).toContain(`note\tforeign-line\t${leafFile(FOOD)}:3`);
    const json = await fsckJson(dir);
    expect(json.clean).toBe(false);
    expect(json.findings.filter((f) => f.severity === 'note').map((f) => f.kind)).toEqual(['foreign-line']);
  });

  it('--fix gives each copy an id of its own in place, in one commit, keeping every fact and the rest of each line', async () => {
    const { dir, line, id } = await repoWithCopies();
    const shownBefore = (await factsAt(dir, FOOD)).map((f) => [f.id, f.text]);
    const before = revParse(dir);
    const fixed = await fsckJson(dir, ['--fix']);
    expect(fixed.clean).toBe(true);
    expect(fixed.findings.filter((f) => f.kind === 'duplicate-id').every((f) => f.fixed)).toBe(true);
    expect(fixed.commit).toBe(revParse(dir));
    expect(gitIn(dir, ['rev-parse', 'main~1']).trim()).toBe(before);
    expect(gitIn(dir, ['log', '-1', '--format=%s']).trim()).toBe('fsck: give 2 copied ids an id of their own');
    // the copy in the same leaf keeps the id memoir already showed for it; only the id token changed
    expect((await factsAt(dir, FOOD)).map((f) => [f.id, f.text])).toEqual(shownBefore);
    const food = gitIn(dir, ['show', `main:${leafFile(FOOD)}`]).split('\n');
    expect(food[0]).toBe(line);
    expect(food[1]).toBe(line.replace('Likes sushi', 'Likes pho').replace(`id=${id}`, `id=${shownBefore[1][0]}`));
    expect(food[2]).toBe('- ramen, written by hand');
    const [tea] = await factsAt(dir, DRINKS);
    expect(tea.id).not.toBe(id);
    expect(gitIn(dir, ['show', `main:${leafFile(DRINKS)}`])).toBe(
      `${line.replace('Likes sushi', 'Drinks green tea').replace(`id=${id}`, `id=${tea.id}`)}\n`,
    );
    expect((await fsck(dir)).code).toBe(0);
    expectFsckClean(dir);
  });

  it('a copy in another leaf: rm names fsck --fix, after which both are removable', async () => {
    const { dir, id } = await repoWithCopies();
    const refused = await runIn(dir, ['rm', id]);
    expect([refused.code, refused.errorCode]).toEqual([2, 'duplicate-id']);
    await ok(dir, ['fsck', '--fix']);
    await ok(dir, ['rm', id, (await factsAt(dir, DRINKS))[0].id]);
    await ok(dir, ['commit', '-m', 'forget both']);
    expect((await factsAt(dir, FOOD)).map((f) => f.text)).toEqual(['Likes pho', 'ramen, written by hand']);
    expect(await factsAt(dir, DRINKS)).toEqual([]);
  });

  it('reports unreadable lines, a leaf outside the taxonomy and two values at a one leaf', async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Prefers dark mode', '-p', THEME, '--commit']);
    const theme = gitIn(dir, ['show', `main:${leafFile(THEME)}`]);
    nativeCommit(
      dir,
      {
        [leafFile(THEME)]: `# Theme\n${theme}- Prefers light mode\n`,
        'custom/things/stuff.md': '- a fact at a leaf no taxonomy has\n',
      },
      'by hand',
    );
    const kinds = (await fsckJson(dir)).findings.filter((f) => f.severity === 'error').map((f) => [f.kind, f.where]);
    expect(kinds).toEqual([
      ['unknown-leaf', 'custom/things/stuff.md'],
      ['one-leaf-values', leafFile(THEME)],
      ['unreadable-line', `${leafFile(THEME)}:1`],
    ]);
    // nothing here needs no person: --fix changes nothing
    const head = revParse(dir);
    expect((await fsck(dir, ['--fix'])).code).toBe(1);
    expect(revParse(dir)).toBe(head);
  });

  it('reports empty and garbled branch refs', async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit']);
    fs.writeFileSync(path.join(gitdirOf(dir), 'refs', 'heads', 'empty'), '');
    fs.writeFileSync(path.join(gitdirOf(dir), 'refs', 'heads', 'garbled'), 'not an id\n');
    fs.writeFileSync(path.join(gitdirOf(dir), 'refs', 'heads', 'gone'), `${'ab'.repeat(20)}\n`);
    const result = await fsck(dir);
    expect(result.code).toBe(1);
    expect((await fsckJson(dir)).findings.map((f) => [f.kind, f.where])).toEqual([
      ['bad-ref', 'refs/heads/empty'],
      ['bad-ref', 'refs/heads/garbled'],
      ['bad-ref', 'refs/heads/gone'],
    ]);
  });

  it('--fix points a broken branch ref at the last commit its reflog recorded, and the tree is checked after', async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit']);
    await ok(dir, ['add', 'Likes pho', '-p', FOOD, '--commit']);
    const last = revParse(dir);
    fs.writeFileSync(path.join(gitdirOf(dir), 'refs', 'heads', 'main'), '');
    fs.writeFileSync(path.join(gitdirOf(dir), 'refs', 'heads', 'no-history'), 'garbage\n');
    expect((await fsckJson(dir)).findings.map((f) => [f.where, f.fixable])).toEqual([
      ['refs/heads/main', true],
      ['refs/heads/no-history', false],
    ]);
    const fixed = await fsck(dir, ['--fix', '--json']);
    expect(fixed.code).toBe(1); // the ref without a reflog needs a person
    expect(
      parseJson<FsckJson>(fixed.stdout)
        .findings.filter((f) => f.where === 'refs/heads/main')
        .map((f) => f.fixed),
    ).toEqual([true]);
    expect(revParse(dir)).toBe(last);
    expect((await factsAt(dir, FOOD)).map((f) => f.text)).toEqual(['Likes sushi', 'Likes pho']);
    expect(gitIn(dir, ['reflog', 'main', '-1', '--format=%gs']).trim()).toBe('fsck: restored from the reflog');
  });

  it("a dead writer's lock and staged changes already on the branch: reported, then settled by --fix", async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes sushi', '-p', FOOD]);
    const stage = fs.readFileSync(path.join(gitdirOf(dir), 'state', 'stage.json'));
    await ok(dir, ['commit']);
    // a writer killed after committing, before it cleared the stage and released the lock
    fs.writeFileSync(path.join(gitdirOf(dir), 'state', 'stage.json'), stage);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.writeFileSync(
      path.join(gitdirOf(dir), 'state', 'lock'),
      JSON.stringify({ pid: dead, host: os.hostname(), since: '2026-01-01T00:00:00Z', command: 'commit' }),
    );
    expect((await fsckJson(dir)).findings.map((f) => [f.kind, f.fixable])).toEqual([
      ['stale-lock', true],
      ['stage-applied', true],
    ]);
    const head = revParse(dir);
    const fixed = await fsckJson(dir, ['--fix']);
    expect(fixed).toMatchObject({ clean: true, commit: null });
    expect(fs.existsSync(path.join(gitdirOf(dir), 'state', 'lock'))).toBe(false);
    expect(readStageFile(dir).ops).toEqual([]);
    expect(revParse(dir)).toBe(head);
    expect((await fsck(dir)).code).toBe(0);
  });

  it('reports a staged fact at a leaf the taxonomy does not have', async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit']);
    const fact = {
      id: '0123456789',
      path: 'custom.things.stuff',
      text: 'x',
      recordedAt: '2026-01-01T00:00:00Z',
      source: 'cli',
      classifier: 'manual',
    };
    fs.writeFileSync(
      path.join(gitdirOf(dir), 'state', 'stage.json'),
      JSON.stringify({ version: 1, ops: [{ op: 'add', fact }] }),
    );
    expect((await fsckJson(dir)).findings.map((f) => f.kind)).toContain('staged-unknown-leaf');
  });

  it('reports a merge in progress that names a commit the store does not have, and a queued fact suggesting an unknown leaf', async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Prefers dark mode', '-p', THEME, '--commit']);
    await ok(dir, ['add', 'Prefers light mode', '-p', THEME, '--commit', '--branch', 'other']);
    await ok(dir, ['add', 'Prefers solarized', '-p', THEME, '--commit']);
    expect((await runIn(dir, ['merge', 'other'])).code).toBe(3);
    expect((await fsckJson(dir)).clean).toBe(true);
    const mergeFile = path.join(gitdirOf(dir), 'state', 'merge.json');
    const merge = JSON.parse(fs.readFileSync(mergeFile, 'utf8')) as { theirs: string };
    fs.writeFileSync(mergeFile, JSON.stringify({ ...merge, theirs: 'ab'.repeat(20) }));
    const queued = {
      id: 'q1',
      text: 'Likes jazz',
      source: 'cli',
      recordedAt: '2026-01-01T00:00:00Z',
      classifier: 'offline',
      candidates: [{ path: 'custom.music.jazz', confidence: 0.4 }],
    };
    fs.writeFileSync(path.join(gitdirOf(dir), 'state', 'review.json'), JSON.stringify({ version: 1, items: [queued] }));
    const result = await fsckJson(dir);
    expect(result.clean).toBe(false);
    expect(result.findings.map((f) => [f.kind, f.where])).toEqual(
      expect.arrayContaining([
        ['merge-missing-commit', 'state/merge.json'],
        ['queued-unknown-leaf', 'state/review.json'],
      ]),
    );
  });
});
