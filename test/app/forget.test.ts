import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  allObjects,
  gitdirOf,
  gitIn,
  gitWithInput,
  jsonError,
  leafFile,
  nativeCommit,
  ok,
  repoTemplate,
  revParse,
  snapshotRepository,
} from '../helpers/e2e.js';
import { initRepoIn, runIn, runnerIn } from '../helpers/inProcess.js';
import { FOOD, LANGS, THEME, idOf, sessionIn } from '../helpers/merge.js';

/*
 * forget (issue 17) against a real history: three branches with merges, about 300 commits, where
 * one fact was added, superseded, restored and copied to another leaf with plain git. Afterwards
 * no byte of its text is anywhere under .memoir (raw files, every object through native git's
 * cat-file, git log --all -p), every other fact and its blame are as before, the branches and
 * merges relate as before, and git fsck --full --strict is clean.
 */

const SECRET = 'I prefer the Zanzibar purple theme';
const OTHER = ['preferences.tools.apps', 'profile.languages.spoken', 'profile.location.previous', LANGS];

const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  await s.remember(SECRET, THEME);
  for (let i = 0; i < 40; i++) await s.remember(`main fact ${i}`, OTHER[i % OTHER.length]);
  await s.remember('I prefer light mode', THEME); // supersedes it
  ok(await s.run(['branch', 'agent-1']));
  ok(await s.run(['branch', 'agent-2']));
  ok(await runIn(dir, ['restore', THEME, '--source', 'main~41']));
  ok(await runIn(dir, ['commit', '-m', 'Bring the old theme back']));
  // a copy at another leaf, made with plain git (a foreign line: its id derives from its text)
  nativeCommit(dir, { [leafFile(FOOD)]: `- ${SECRET}\n` }, `Copy the theme: ${SECRET}`);
  for (const branch of ['agent-1', 'agent-2']) {
    await s.checkout(branch);
    for (let i = 0; i < 100; i++) await s.remember(`${branch} fact ${i}`, OTHER[i % OTHER.length]);
  }
  await s.checkout('main');
  for (let i = 40; i < 90; i++) await s.remember(`main fact ${i}`, OTHER[i % OTHER.length]);
  ok(await s.run(['merge', 'agent-1', '--no-input']));
  await s.checkout('agent-2');
  ok(await s.run(['merge', 'main', '--no-input']));
  await s.remember('agent-2 after the merge', FOOD);
  await s.checkout('main');
});

/** Every file under .memoir that holds the text, raw (objects are compressed: see allObjects). */
function filesHolding(dir: string, text: string): string[] {
  const found: string[] = [];
  const visit = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (fs.readFileSync(full).includes(Buffer.from(text))) found.push(path.relative(gitdirOf(dir), full));
    }
  };
  visit(gitdirOf(dir));
  return found;
}

function expectNowhere(dir: string, text: string): void {
  expect(filesHolding(dir, text)).toEqual([]);
  expect(allObjects(dir)).not.toContain(text);
  expect(gitIn(dir, ['log', '--all', '--reflog', '-p'])).not.toContain(text);
  const fsck = gitIn(dir, ['fsck', '--full', '--strict', '--no-progress']);
  expect(fsck).not.toContain('dangling');
}

const BRANCHES = ['main', 'agent-1', 'agent-2'];

/** What should not change: each branch's files but the two that held the text, and its merge count. */
function shape(dir: string) {
  const files = (branch: string) =>
    gitIn(dir, ['ls-tree', '-r', branch])
      .split('\n')
      .filter((line) => line && !line.endsWith(leafFile(THEME)) && !line.endsWith(leafFile(FOOD)));
  const related = BRANCHES.flatMap((a) =>
    BRANCHES.map((b) => {
      try {
        gitIn(dir, ['merge-base', '--is-ancestor', a, b]);
        return `${a}<=${b}`;
      } catch {
        return `${a}!<=${b}`;
      }
    }),
  );
  return {
    files: Object.fromEntries(BRANCHES.map((b) => [b, files(b)])),
    merges: BRANCHES.map((b) => gitIn(dir, ['rev-list', '--merges', '--count', b]).trim()),
    related,
  };
}

interface BlameJson {
  id: string;
  text: string;
  author: string;
  date: string;
}

const blameOf = async (dir: string, leaf: string) =>
  parseJson<BlameJson[]>(ok(await runIn(dir, ['blame', leaf, '--json'])).stdout).map(({ id, text, author, date }) => ({
    id,
    text,
    author,
    date,
  }));

describe('forget', () => {
  it('erases a fact by id from every commit, branch, reflog and object, and leaves everything else as it was', async () => {
    const dir = repo();
    expect(Number(gitIn(dir, ['rev-list', '--all', '--count']).trim())).toBeGreaterThan(290);
    expect(allObjects(dir)).toContain(SECRET);
    const id = idOf(dir, 'main~0', THEME, SECRET);
    const before = shape(dir);
    const blames = { food: await blameOf(dir, FOOD), langs: await blameOf(dir, LANGS) };

    const result = await runIn(dir, ['forget', id, '--yes', '--reason', 'ticket 4711', '--json']);
    ok(result);
    const { receipt, plan } = parseJson<{ receipt: Record<string, unknown>; plan: { leaves: string[] } }>(
      result.stdout,
    );
    expect(plan.leaves).toEqual([FOOD, THEME]);
    expect(receipt).toMatchObject({ reason: 'ticket 4711', branches: BRANCHES.slice().sort() });
    expect(result.stdout).not.toContain(SECRET);

    expectNowhere(dir, SECRET);
    expect(shape(dir)).toEqual(before);
    expect(await blameOf(dir, FOOD)).toEqual(blames.food.filter((b) => b.text !== SECRET));
    expect(await blameOf(dir, LANGS)).toEqual(blames.langs);
    // on main the restored fact was the theme's only value: its file goes; agent-1 keeps light mode
    expect(gitIn(dir, ['ls-tree', '-r', '--name-only', 'main'])).not.toContain(leafFile(THEME));
    expect(gitIn(dir, ['show', `agent-1:${leafFile(THEME)}`])).toContain('I prefer light mode');
  });

  it('--match erases every fact whose text holds the words, case-insensitive, and --verify proves it', async () => {
    const dir = repo();
    const result = parseJson<{ receipt: { id: string; sha256: string[] } }>(
      ok(await runIn(dir, ['forget', '--match', 'zanzibar PURPLE', '--yes', '--json'])).stdout,
    );
    expectNowhere(dir, SECRET);
    expect(result.receipt.sha256).toHaveLength(1);
    const verified = parseJson<{ clean: boolean }>(
      ok(await runIn(dir, ['forget', '--verify', result.receipt.id, '--json'])).stdout,
    );
    expect(verified.clean).toBe(true);
    const log = parseJson<Array<{ id: string }>>(ok(await runIn(dir, ['forget', '--log', '--json'])).stdout);
    expect(log.map((r) => r.id)).toEqual([result.receipt.id]);
    expect(fs.readFileSync(path.join(gitdirOf(dir), 'forget-log.jsonl'), 'utf8')).not.toContain('Zanzibar');

    // a copy planted afterwards (plain git writing an object) fails the verification, naming the object only
    const planted = gitWithInput(dir, ['hash-object', '-w', '--stdin'], `- ${SECRET}\n`).trim();
    const found = await runIn(dir, ['forget', '--verify', result.receipt.id.slice(0, 6), '--json']);
    expect(found.code).toBe(1);
    expect(parseJson(found.stdout)).toMatchObject({ clean: false, found: [{ where: `object ${planted}` }] });
    expect(found.stdout + found.stderr).not.toContain('Zanzibar');
  });

  it('drops a commit that only added what is forgotten, also above a rewritten root; the root stays', async () => {
    const fresh = await initRepoIn();
    const s = sessionIn(fresh);
    await s.remember('Ana is a carpenter', LANGS);
    await s.remember('Ana likes climbing', LANGS);
    await s.remember('Likes tea', FOOD);
    const result = parseJson<{ plan: { commits: { rewritten: number; dropped: number } } }>(
      ok(await runIn(fresh, ['forget', '--match', 'ana ', '--yes', '--json'])).stdout,
    );
    expect(result.plan.commits).toEqual({ rewritten: 2, dropped: 1 });
    expect(gitIn(fresh, ['log', '--format=%s', 'main']).trim().split('\n')).toEqual([
      `Remember ${FOOD}: Likes tea`,
      `Remember ${LANGS}: [forgotten]`,
    ]);
    expectNowhere(fresh, 'Ana ');
  });

  it('reaches tags (annotated and lightweight), the corrections file, the review queue and the caches', async () => {
    const fresh = await initRepoIn();
    const s = sessionIn(fresh);
    await s.remember('Ana is a carpenter', LANGS);
    const corrections = `${JSON.stringify({ text: 'Ana is a carpenter', path: LANGS })}\n${JSON.stringify({ text: 'Likes tea', path: FOOD })}\n`;
    nativeCommit(fresh, { '_memoir/corrections.jsonl': corrections }, 'corrections');
    gitIn(fresh, [
      '-c',
      'user.name=T',
      '-c',
      'user.email=t@example.com',
      'tag',
      '-a',
      'v1',
      '-m',
      'release: Ana is a carpenter',
      'main',
    ]);
    gitIn(fresh, ['tag', 'light', 'main']);
    await s.remember('Likes tea', FOOD);
    const state = path.join(gitdirOf(fresh), 'state');
    fs.writeFileSync(
      path.join(state, 'review.json'),
      JSON.stringify({ version: 1, items: [{ id: 'q1', text: 'Ana is a carpenter', candidates: [] }] }),
    );
    fs.mkdirSync(path.join(state, 'cache'), { recursive: true });
    fs.writeFileSync(path.join(state, 'cache', 'classifications.json'), '{"version":1,"entries":[]}');
    // recall's index holds every fact's text
    expect(ok(await runIn(fresh, ['recall', 'who is a carpenter?'])).stdout).toContain('Ana is a carpenter');
    expect(fs.readFileSync(path.join(state, 'recall-index.bin')).includes('Ana is a carpenter')).toBe(true);

    ok(await runIn(fresh, ['forget', '--match', 'carpenter', '--yes']));
    expectNowhere(fresh, 'Ana is a carpenter');
    expect(gitIn(fresh, ['cat-file', '-p', 'v1'])).toContain('release: [forgotten]');
    expect(gitIn(fresh, ['rev-parse', 'v1^{commit}'])).toBe(gitIn(fresh, ['rev-parse', 'light']));
    expect(gitIn(fresh, ['show', 'main:_memoir/corrections.jsonl'])).toBe(
      `${JSON.stringify({ text: 'Likes tea', path: FOOD })}\n`,
    );
    expect(JSON.parse(fs.readFileSync(path.join(state, 'review.json'), 'utf8')).items).toEqual([]);
    expect(fs.existsSync(path.join(state, 'cache', 'classifications.json'))).toBe(false);
    expect(fs.existsSync(path.join(state, 'recall-index.bin'))).toBe(false);
  });

  it('--dry-run shows the plan and changes no byte of the repository', async () => {
    const dir = repo();
    const before = snapshotRepository(dir);
    const result = ok(await runIn(dir, ['forget', '--match', 'Zanzibar', '--dry-run']));
    expect(result.stdout).toMatch(/^2 facts \(1 text\) at preferences\.food\.cuisine, preferences\.ui\.theme:\n/);
    expect(result.stdout).not.toContain('Zanzibar');
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('refuses without --yes where nobody can be asked, an unknown id, and a staged copy: nothing changes', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    const before = snapshotRepository(dir);
    const unasked = await run(['forget', '--match', 'Zanzibar', '--json']);
    expect(unasked.code).toBe(4);
    expect(jsonError(unasked).code).toBe('confirmation-required');
    const unknown = await run(['forget', 'abcdef0123', '--yes', '--json']);
    expect(unknown.code).toBe(2);
    expect(jsonError(unknown).code).toBe('unknown-fact');
    const secretReason = await run([
      'forget',
      '--match',
      'Zanzibar',
      '--yes',
      '--reason',
      `key ${['AKIA', 'Z7QX3MPL4RTN2VWY'].join('')}`,
      '--json',
    ]);
    expect(secretReason.code).toBe(4);
    expect(secretReason.stderr).not.toContain('Z7QX3MPL4RTN2VWY');
    const nothing = await run(['forget', '--match', 'no such words anywhere', '--yes', '--json']);
    expect(jsonError(nothing).code).toBe('nothing-to-forget');
    expect(snapshotRepository(dir)).toEqual(before);

    ok(await run(['add', SECRET, '-p', 'preferences.ui.font']));
    const staged = await run(['forget', '--match', 'Zanzibar', '--yes']);
    expect(staged.code).toBe(1);
    expect(staged.stderr).toMatch(
      /^memoir: 1 staged change\(s\) hold a fact being forgotten\nhint: unstage them first: memoir reset [0-9a-f]{10}\n$/,
    );
    expect(revParse(dir)).toBe(revParse(repo()));
  });

  it('refuses during a merge in progress (exit 1), with the way out', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    await s.remember('I prefer solarized', THEME);
    await s.checkout('agent-1');
    await s.remember('I prefer high contrast', THEME);
    await s.checkout('main');
    expect((await s.run(['merge', 'agent-1', '--no-input'])).code).toBe(3);
    const refused = await s.run(['forget', '--match', 'Zanzibar', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^memoir: a merge of agent-1 is in progress\nhint: finish it/);
  });
});
