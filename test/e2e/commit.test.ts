import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, ROOT } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  jsonError,
  leafFile,
  ok,
  readStageFile,
  repoTemplate,
  revParse,
  snapshotRepository,
  trailersOf,
  type FactJson,
} from '../helpers/e2e.js';
import { getFactsIn, runnerIn } from '../helpers/inProcess.js';

/** A fresh, initialised repository of the test's own (a copy of one made by memoir init). */
const freshRepo = repoTemplate();

const VERSION = parseJson<{ version: string }>(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

interface CommitJson {
  commit: string | null;
  branch: string | null;
  subject: string;
  dryRun: boolean;
  added: Array<FactJson & { supersedes: FactJson[] }>;
  removed: FactJson[];
}

const authorOf = (dir: string, rev = 'main') => gitIn(dir, ['log', '-1', '--format=%an <%ae>|%cn <%ce>', rev]).trim();

/** Each line of a leaf file at `rev` with the commit native `git blame` attributes it to. */
function blame(dir: string, file: string, rev = 'main'): Array<[commit: string, line: string]> {
  const out = gitIn(dir, ['blame', '--line-porcelain', rev, '--', file]).split('\n');
  const lines: Array<[string, string]> = [];
  let commit = '';
  for (const line of out) {
    const header = /^([0-9a-f]{40}) \d+ \d+/.exec(line);
    if (header) commit = header[1];
    else if (line.startsWith('\t')) lines.push([commit, line.slice(1)]);
  }
  return lines;
}

describe('memoir commit with nothing to commit', () => {
  it('exit 1 with a hint, and nothing written', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const plain = await run(['commit']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/^memoir: nothing to commit.*\nhint: .*memoir add/);
    const json = await run(['commit', '--json']);
    expect(json.code).toBe(1);
    const error = jsonError(json);
    expect(error.code).toBe('nothing-to-commit');
    expect(error.hint).toBeTruthy();
    expect(gitIn(dir, ['for-each-ref'])).toBe('');
  });

  it('exit 1 when everything staged is already on the branch (moved there by someone else)', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    ok(await run(['add', 'Likes Bach', '-p', 'preferences.entertainment.music', '--commit']));
    ok(await run(['rm', (await getFactsIn(dir, 'preferences.entertainment.music'))[1].id]));
    gitIn(dir, ['update-ref', 'refs/heads/main', 'main~1']);
    const result = await run(['commit', '--json']);
    expect(result.code).toBe(1);
    expect(jsonError(result)).toMatchObject({
      code: 'nothing-to-commit',
      hint: expect.stringContaining('memoir reset'),
    });
  });
});

describe('memoir commit', () => {
  it('the first commit is a root commit; the report goes to stdout, as git prints it; the stage is cleared; fsck is clean', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme']));
    const result = ok(await run(['commit']));
    const head = revParse(dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      `[main ${head.slice(0, 7)}] Remember preferences.ui.theme: I prefer dark mode\n 1 fact added\n`,
    );
    expect(gitIn(dir, ['rev-list', '--parents', 'main']).trim()).toBe(head);
    expect(gitIn(dir, ['cat-file', '-p', 'main'])).not.toMatch(/^parent /m);
    expect(gitIn(dir, ['log', '-1', '--format=%aI %cI', 'main']).trim()).toBe(
      '2026-01-02T03:04:05+00:00 2026-01-02T03:04:05+00:00',
    );
    expect(readStageFile(dir).ops).toEqual([]);
    expectFsckClean(dir);
  });

  it('each commit has the previous one as its parent', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const ids: string[] = [];
    for (const [i, fact] of ['Likes jazz', 'Likes Bach', 'Likes Mozart'].entries()) {
      ok(
        await run(['add', fact, '-p', 'preferences.entertainment.music'], {
          env: { MEMOIR_NOW: `2026-01-0${i + 1}T10:00:00Z` },
        }),
      );
      const out = parseJson<CommitJson>(
        ok(await run(['commit', '--json'], { env: { MEMOIR_NOW: `2026-01-0${i + 1}T10:00:00Z` } })).stdout,
      );
      ids.push(out.commit!);
    }
    expect(revParse(dir)).toBe(ids[2]);
    expect(gitIn(dir, ['rev-list', '--parents', 'main']).trim().split('\n')).toEqual([
      `${ids[2]} ${ids[1]}`,
      `${ids[1]} ${ids[0]}`,
      ids[0],
    ]);
    expectFsckClean(dir);
  });

  it('--json: the commit id, branch, subject and the facts added (with what they superseded) and removed', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit']));
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    const [dark] = await getFactsIn(dir, 'preferences.ui.theme');
    const [jazz] = await getFactsIn(dir, 'preferences.entertainment.music');
    ok(await run(['add', 'I prefer light mode', '-p', 'preferences.ui.theme']));
    ok(await run(['rm', jazz.id]));
    const out = parseJson<CommitJson>(ok(await run(['commit', '--json'])).stdout);
    expect(out).toMatchObject({ commit: revParse(dir), branch: 'main', dryRun: false });
    expect(out.added).toHaveLength(1);
    expect(out.added[0]).toMatchObject({ text: 'I prefer light mode', supersedesId: dark.id });
    expect(out.added[0].supersedes).toEqual([dark]);
    expect(out.removed).toEqual([jazz]);
    expect(trailersOf(dir, 'main')).toMatchObject({ 'Memoir-Added': '1', 'Memoir-Removed': '2' });
    expectFsckClean(dir);
  });
});

describe('the commit message', () => {
  it('generated: one fact → "Remember <leaf>: <text>" and the Memoir-* trailers', async () => {
    const dir = freshRepo();
    ok(
      await runnerIn(dir)([
        'add',
        'Likes jazz',
        '-p',
        'preferences.entertainment.music',
        '--source',
        'chat',
        '--commit',
      ]),
    );
    expect(gitIn(dir, ['log', '-1', '--format=%s', 'main']).trim()).toBe(
      'Remember preferences.entertainment.music: Likes jazz',
    );
    expect(trailersOf(dir, 'main')).toEqual({
      'Memoir-Added': '1',
      'Memoir-Removed': '0',
      'Memoir-Source': 'chat',
      'Memoir-Classifier': 'manual',
      'Memoir-Version': VERSION,
    });
  });

  it('generated: several facts → a summary subject and a body listing each fact', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    const [jazz] = await getFactsIn(dir, 'preferences.entertainment.music');
    ok(await run(['add', '-', '-p', 'preferences.food.drinks'], { input: 'Likes tea\nLikes coffee\n' }));
    ok(await run(['rm', jazz.id]));
    ok(await run(['commit']));
    const subject = gitIn(dir, ['log', '-1', '--format=%s', 'main']).trim();
    // both leaves do not fit in 72 characters, and a path is never cut: the subject counts them
    expect(subject).toBe('Remember 2 facts, forget 1 fact: 2 leaves');
    const body = gitIn(dir, ['log', '-1', '--format=%b', 'main']).split('\n');
    expect(body).toEqual(
      expect.arrayContaining([
        '+ preferences.food.drinks: Likes tea',
        '+ preferences.food.drinks: Likes coffee',
        '- preferences.entertainment.music: Likes jazz',
      ]),
    );
    expect(trailersOf(dir, 'main')).toMatchObject({
      'Memoir-Added': '2',
      'Memoir-Removed': '1',
      'Memoir-Source': 'stdin',
    });
  });

  it('-m replaces the subject and body; the trailers stay', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music']));
    const result = ok(await run(['commit', '-m', 'Music from onboarding']));
    expect(result.stdout).toContain('] Music from onboarding');
    expect(gitIn(dir, ['log', '-1', '--format=%B', 'main'])).toMatch(/^Music from onboarding\n\nMemoir-Added: 1\n/);
    expect(trailersOf(dir, 'main')['Memoir-Version']).toBe(VERSION);
  });
});

describe('the author', () => {
  it('--author overrides everything; a malformed one is exit 2 and keeps the stage', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music']));
    const bad = await run(['commit', '--author', 'no email here', '--json']);
    expect(bad.code).toBe(2);
    expect(jsonError(bad).code).toBe('invalid-author');
    expect(readStageFile(dir).ops).toHaveLength(1);
    ok(await run(['commit', '--author', 'Ada Lovelace <ada@example.com>']));
    expect(authorOf(dir)).toBe('Ada Lovelace <ada@example.com>|Ada Lovelace <ada@example.com>');
  });

  it('precedence: --author > MEMOIR_AUTHOR_* > memoir (user) config > GIT_AUTHOR_* > git config', async () => {
    const dir = freshRepo();
    const noMemoirEnv = { MEMOIR_AUTHOR_NAME: undefined, MEMOIR_AUTHOR_EMAIL: undefined };
    const gitEnv = { GIT_AUTHOR_NAME: 'Git Env', GIT_AUTHOR_EMAIL: 'gitenv@example.com' };
    const remember = async (fact: string, env: Record<string, string | undefined>, extra: string[] = []) =>
      ok(await runnerIn(dir)(['add', fact, '-p', 'preferences.entertainment.music', '--commit', ...extra], { env }));

    fs.writeFileSync(path.join(dir, '.gitconfig'), '[user]\n\tname = Git Config\n\temail = gitconfig@example.com\n');
    await remember('Likes jazz', noMemoirEnv);
    expect(authorOf(dir)).toBe('Git Config <gitconfig@example.com>|Git Config <gitconfig@example.com>');

    await remember('Likes Bach', { ...noMemoirEnv, ...gitEnv });
    expect(authorOf(dir)).toMatch(/^Git Env <gitenv@example\.com>\|/);

    // the user's own config: a project file may not say who commits (see test/security)
    fs.mkdirSync(path.join(dir, '.config', 'memoir'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, '.config', 'memoir', 'config.json'),
      JSON.stringify({ author: { name: 'Memoir Config', email: 'config@example.com' } }),
    );
    await remember('Likes Mozart', { ...noMemoirEnv, ...gitEnv });
    expect(authorOf(dir)).toMatch(/^Memoir Config <config@example\.com>\|/);

    await remember('Likes Chopin', gitEnv);
    expect(authorOf(dir)).toMatch(/^Test Author <test@example\.com>\|/);

    await remember('Likes Ravel', gitEnv, ['--author', 'Flag Person <flag@example.com>']);
    expect(authorOf(dir)).toMatch(/^Flag Person <flag@example\.com>\|/);
    expectFsckClean(dir);
  });
});

describe('memoir commit --dry-run', () => {
  it('reports what would be committed and writes nothing', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    ok(await run(['add', 'Likes Bach', '-p', 'preferences.entertainment.music']));
    const before = snapshotRepository(dir);
    const plain = ok(await run(['commit', '--dry-run']));
    expect(plain.stdout).toBe('[dry run] Remember preferences.entertainment.music: Likes Bach\n 1 fact added\n');
    const json = parseJson<CommitJson>(ok(await run(['commit', '-n', '--json'])).stdout);
    expect(json).toMatchObject({
      commit: null,
      dryRun: true,
      subject: 'Remember preferences.entertainment.music: Likes Bach',
      removed: [],
    });
    expect(json.added.map((f) => f.text)).toEqual(['Likes Bach']);
    expect(snapshotRepository(dir)).toEqual(before);
  });
});

describe('git blame attributes each fact line to the commit that added it', () => {
  it('lines keep their commit when other facts are added or removed around them', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const leaf = 'preferences.entertainment.music';
    const commits: string[] = [];
    for (const [i, fact] of ['Likes jazz', 'Likes Bach', 'Likes Mozart'].entries()) {
      ok(await run(['add', fact, '-p', leaf, '--commit'], { env: { MEMOIR_NOW: `2026-01-0${i + 1}T10:00:00Z` } }));
      commits.push(revParse(dir));
    }
    const [jazz, bach, mozart] = await getFactsIn(dir, leaf);
    expect(blame(dir, leafFile(leaf)).map(([commit, line]) => [commit, line.replace(/ <!--.*$/, '')])).toEqual([
      [commits[0], '- Likes jazz'],
      [commits[1], '- Likes Bach'],
      [commits[2], '- Likes Mozart'],
    ]);
    ok(await run(['rm', jazz.id], { env: { MEMOIR_NOW: '2026-01-04T10:00:00Z' } }));
    ok(await run(['commit'], { env: { MEMOIR_NOW: '2026-01-04T10:00:00Z' } }));
    const after = blame(dir, leafFile(leaf));
    expect(after.map(([commit]) => commit)).toEqual([commits[1], commits[2]]);
    expect(after.map(([, line]) => line.match(/id=([0-9a-f]+)/)![1])).toEqual([bach.id, mozart.id]);
    expectFsckClean(dir);
  });
});
