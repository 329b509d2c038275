import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMerge } from '../../src/app/merge.js';
import { createContext } from '../../src/runtime/context.js';
import { parseJson, type RunResult, testEnv } from '../helpers/cli.js';
import { silentIO } from '../helpers/inProcess.js';
import {
  expectFsckClean,
  gitdirOf,
  jsonError,
  ok,
  repoTemplate,
  revParse,
  snapshotRepository,
} from '../helpers/e2e.js';
import { FOOD, factLine, nativeAppend, nativeCommitOn, sessionIn } from '../helpers/merge.js';

// A branch made with plain git is data: whatever its commits hold passes the secret guard and the
// taxonomy before a merge moves anything, for every kind of merge.

const OPENAI = 'sk-proj-Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoPqRsT';
const GITHUB = 'ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP';
const AWS = 'AKIAZ7QX3MPL4RTN2VWY';
const KEY_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB';
/** The parts of each secret that must never be printed (every 6 characters of what follows its well-known prefix). */
const SECRET_BODIES = [OPENAI.slice(8), GITHUB.slice(4), AWS.slice(4), KEY_BODY];

function expectNoSecretIn(...outputs: string[]): void {
  for (const output of outputs) {
    for (const body of SECRET_BODIES)
      for (let i = 0; i + 6 <= body.length; i++) expect(output).not.toContain(body.slice(i, i + 6));
  }
}

const LANGS = 'preferences.coding.languages';
const GOTCHAS = 'knowledge.technical.gotchas';
const DEPLOY = 'project.infrastructure.deployment';

/** main with two facts and branch `feature` at the same commit. */
const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  await s.remember('Likes pizza', FOOD);
  await s.remember('Writes TypeScript', LANGS);
  ok(await s.run(['branch', 'feature']));
});

/** Four secrets in four commits at three leaves of `feature`, made with plain git, and a clean commit after them. */
function withSecrets(dir: string): string[] {
  return [
    nativeAppend(dir, 'feature', LANGS, [[`The gh CLI logs in with ${GITHUB}`, 'aaaaaaaa01']], '2026-02-01T00:00:00Z'),
    nativeAppend(dir, 'feature', GOTCHAS, [[`The OpenAI key is ${OPENAI}`, 'aaaaaaaa02']], '2026-02-02T00:00:00Z'),
    nativeAppend(dir, 'feature', DEPLOY, [[`Deploys use ${AWS}`, 'aaaaaaaa03']], '2026-02-03T00:00:00Z'),
    nativeAppend(
      dir,
      'feature',
      GOTCHAS,
      [[`-----BEGIN OPENSSH PRIVATE KEY----- ${KEY_BODY}`, 'aaaaaaaa04']],
      '2026-02-04T00:00:00Z',
    ),
    nativeAppend(dir, 'feature', FOOD, [['Likes ramen', 'aaaaaaaa05']], '2026-02-05T00:00:00Z'),
  ];
}

interface Finding {
  commit: string;
  path: string;
  factId: string;
  kind: string;
}

/** Refused with exit 4 and nothing changed: the branch, the stage, no merge recorded, no secret printed. */
function expectRefused(dir: string, result: RunResult, before: Record<string, string>, code = 'secret-in-merge'): void {
  expect(result.code, result.stderr).toBe(4);
  expectNoSecretIn(result.stdout, result.stderr);
  expect(snapshotRepository(dir)).toEqual(before);
  expect(fs.existsSync(path.join(gitdirOf(dir), 'state', 'merge.json'))).toBe(false);
  if (result.stderr.startsWith('{')) expect(jsonError(result).code).toBe(code);
}

describe('a merge of a branch holding secrets made with plain git', () => {
  it('a fast-forward exits 4 naming each commit, kind and leaf, and changes nothing', async () => {
    const dir = repo();
    const commits = withSecrets(dir);
    const s = sessionIn(dir);
    const main = revParse(dir, 'main');
    ok(await s.run(['add', 'Staged before the merge', '-p', FOOD]));
    const before = snapshotRepository(dir);

    const human = await s.run(['merge', 'feature']);
    expectRefused(dir, human, before);
    expect(human.stderr).toContain(`commit ${commits[0].slice(0, 7)} adds a GitHub token at ${LANGS}`);
    expect(human.stderr.split('\n')[0]).toMatch(/^memoir: refused to merge feature: .*, and 1 more$/);

    const json = await s.run(['merge', 'feature', '--json']);
    expectRefused(dir, json, before);
    const findings = (jsonError(json).data as { findings: Finding[] }).findings;
    expect(findings).toEqual([
      { commit: commits[0], path: LANGS, factId: 'aaaaaaaa01', kind: 'github-token' },
      { commit: commits[1], path: GOTCHAS, factId: 'aaaaaaaa02', kind: 'openai-key' },
      { commit: commits[2], path: DEPLOY, factId: 'aaaaaaaa03', kind: 'aws-access-key' },
      { commit: commits[3], path: GOTCHAS, factId: 'aaaaaaaa04', kind: 'private-key' },
    ]);
    expect(revParse(dir, 'main')).toBe(main);

    // nothing serves them: the memory on main is as it was
    const context = ok(await s.run(['context']));
    const recall = ok(await s.run(['recall', 'which key or token does the CLI use?']));
    expectNoSecretIn(context.stdout, recall.stdout);
    expect(context.stdout).not.toContain('Likes ramen');
  });

  it("a screen a pull made for another HEAD or another tip is not taken as this merge's", async () => {
    const dir = repo();
    const commits = withSecrets(dir);
    const main = revParse(dir, 'main');
    const feature = revParse(dir, 'feature');
    const deps = createContext(silentIO, testEnv(dir), dir, '0.0.0-test');
    deps.globals = { memoirDir: gitdirOf(dir) };
    deps.commandName = 'test';
    for (const screened of [
      { ours: commits[0], theirs: feature },
      { ours: main, theirs: commits[3] },
      { ours: undefined, theirs: feature },
    ])
      await expect(runMerge('feature', { screened }, deps)).rejects.toMatchObject({ code: 'secret-in-merge' });
    expect(revParse(dir, 'main')).toBe(main);
  });

  it('every kind of merge is refused the same way: --no-ff, --ff-only, three-way, each --strategy', async () => {
    const dir = repo();
    withSecrets(dir);
    const s = sessionIn(dir);
    const ff = snapshotRepository(dir);
    for (const flags of [['--no-ff'], ['--ff-only'], ['--strategy', 'theirs']])
      expectRefused(dir, await s.run(['merge', 'feature', '--json', ...flags]), ff);
    // diverged: main moves on, so the merge is three-way, with a conflict waiting at LANGS if it got that far
    await s.remember('Writes Rust', LANGS);
    const threeWay = snapshotRepository(dir);
    for (const flags of [
      [],
      ['--strategy', 'ours'],
      ['--strategy', 'theirs'],
      ['--strategy', 'union'],
      ['--strategy', 'fail'],
      ['-m', 'Merge it'],
    ]) {
      expectRefused(dir, await s.run(['merge', 'feature', '--json', ...flags]), threeWay);
    }
    expectFsckClean(dir);
  });

  it('a secret added and removed again on the branch is still refused: it would enter history', async () => {
    const dir = repo();
    const added = nativeAppend(dir, 'feature', GOTCHAS, [[`CI token ${GITHUB}`, 'bbbbbbbb01']]);
    nativeCommitOn(
      dir,
      'feature',
      { 'knowledge/technical/gotchas.md': null },
      'Oops, remove it',
      '2026-02-02T00:00:00Z',
    );
    const before = snapshotRepository(dir);
    const result = await sessionIn(dir).run(['merge', 'feature', '--json']);
    expectRefused(dir, result, before);
    expect((jsonError(result).data as { findings: Finding[] }).findings).toEqual([
      { commit: added, path: GOTCHAS, factId: 'bbbbbbbb01', kind: 'github-token' },
    ]);
  });

  it('a fact at a path that is not a leaf of the taxonomy is refused with its own code', async () => {
    const dir = repo();
    const commit = nativeCommitOn(
      dir,
      'feature',
      { 'stash/misc/notes.md': factLine('Hidden away from the taxonomy', 'cccccccc01') + '\n' },
      'Add a file memoir does not know',
    );
    const before = snapshotRepository(dir);
    const result = await sessionIn(dir).run(['merge', 'feature', '--json']);
    expectRefused(dir, result, before, 'unknown-leaf-in-merge');
    expect((jsonError(result).data as { findings: Finding[] }).findings).toEqual([
      { commit, path: 'stash.misc.notes', factId: 'cccccccc01', kind: 'unknown-leaf' },
    ]);
  });

  it('a clean branch made with plain git still merges', async () => {
    const dir = repo();
    nativeAppend(dir, 'feature', FOOD, [['Likes ramen', 'dddddddd01']]);
    const result = ok(await sessionIn(dir).run(['merge', 'feature', '--json']));
    expect(parseJson<{ status: string }>(result.stdout).status).toBe('fast-forward');
    expect(revParse(dir, 'main')).toBe(revParse(dir, 'feature'));
  });
});

describe('a merge in progress is screened again when it is finished', () => {
  /** A merge stopped on a conflict at the `one` leaf preferences.ui.theme. */
  async function conflicted() {
    const dir = repo();
    const s = sessionIn(dir);
    await s.checkout('feature');
    await s.remember('Prefers dark mode', 'preferences.ui.theme');
    await s.checkout('main');
    await s.remember('Prefers light mode', 'preferences.ui.theme');
    expect((await s.run(['merge', 'feature'])).code).toBe(3);
    const file = path.join(gitdirOf(dir), 'state', 'merge.json');
    return {
      dir,
      s,
      file,
      state: parseJson<{ theirs: string; conflicts: Array<{ id: string }>; decisions: Record<string, unknown> }>(
        fs.readFileSync(file, 'utf8'),
      ),
    };
  }

  it('merge --continue refuses a merge whose commits hold a secret (recorded by a version without the guard)', async () => {
    const { dir, s, file, state } = await conflicted();
    const theirs = nativeAppend(dir, 'feature', GOTCHAS, [[`CI token ${GITHUB}`, 'eeeeeeee01']]);
    fs.writeFileSync(
      file,
      JSON.stringify({ ...state, theirs, decisions: { [state.conflicts[0].id]: { kind: 'theirs' } } }),
    );
    const main = revParse(dir, 'main');
    for (const args of [
      ['merge', '--continue', '--json'],
      ['commit', '--json'],
    ]) {
      const result = await s.run(args);
      expect(result.code).toBe(4);
      expect(jsonError(result).code).toBe('secret-in-merge');
      expectNoSecretIn(result.stderr);
      expect(revParse(dir, 'main')).toBe(main);
    }
    ok(await s.run(['merge', '--abort']));
  });

  it('a decision whose text holds a secret is refused by resolve --text and by merge --continue', async () => {
    const { dir, s, file, state } = await conflicted();
    const id = state.conflicts[0].id;
    const recorded = fs.readFileSync(file, 'utf8');
    const resolve = await s.run(['resolve', id, '--text', `Dark, token ${GITHUB}`, '--json']);
    expect(resolve.code).toBe(4);
    expect(jsonError(resolve).code).toBe('secret-detected');
    expect(fs.readFileSync(file, 'utf8')).toBe(recorded);
    // a merge state written by hand (or by the conflict screen) gets no further
    fs.writeFileSync(
      file,
      JSON.stringify({ ...state, decisions: { [id]: { kind: 'text', text: `Dark, token ${GITHUB}` } } }),
    );
    const main = revParse(dir, 'main');
    const result = await s.run(['merge', '--continue', '--json']);
    expect(result.code).toBe(4);
    expect(jsonError(result).code).toBe('secret-detected');
    expectNoSecretIn(result.stderr);
    expect(revParse(dir, 'main')).toBe(main);
  });
});
