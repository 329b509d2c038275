import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, parseJson } from '../helpers/cli.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

interface FactJson {
  id: string;
  path: string;
  text: string;
  classifier: string;
  confidence: number | null;
  confirmed: string | null;
}
interface Queued {
  id: string;
  text: string;
  classifier: string;
  candidates: Array<{ path: string; confidence: number }>;
}

/** Thresholds that force each path: 0 stages every classified fact, 1 holds all but certain ones. */
const AUTO = { MEMOIR_REVIEW_AUTO_ACCEPT: '0' };
const HOLD = { MEMOIR_REVIEW_AUTO_ACCEPT: '1' };
const VAGUE = 'the thing from the other day with the blue cover';

const queueOf = async (dir: string) => parseJson<Queued[]>((await memoirIn(['review', '--json'], { cwd: dir })).stdout);
const stagedOf = async (dir: string) =>
  parseJson<{ staged: FactJson[] }>((await memoirIn(['status', '--json'], { cwd: dir })).stdout).staged;

describe('memoir add without --path: classification', () => {
  it('stages a fact at its top suggestion when confident enough, with provenance', async () => {
    const dir = await initRepoIn();
    const result = await memoirIn(['add', 'I prefer dark mode in every app', '--commit'], { cwd: dir, env: AUTO });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /staged preferences\.ui\.theme: I prefer dark mode in every app \([0-9a-f]{10}\) \[offline \d+%, auto\]/,
    );
    const [fact] = parseJson<FactJson[]>(
      (await memoirIn(['get', 'preferences.ui.theme', '--json'], { cwd: dir })).stdout,
    );
    expect(fact).toMatchObject({ classifier: 'offline', confirmed: 'auto' });
    expect(fact.confidence).toBeGreaterThan(0);
    // the provenance is in the file, readable with native git
    expect(git(path.join(dir, '.memoir'), ['show', 'main:preferences/ui/theme.md'])).toMatch(
      /by=offline conf=\d\.\d\d how=auto/,
    );
    expect(git(path.join(dir, '.memoir'), ['log', '-1', '--format=%B'])).toContain('Memoir-Classifier: offline');
  });

  it('without a terminal, an unsure fact is held for review: listed, queued, exit 3, nothing staged', async () => {
    const dir = await initRepoIn();
    const result = await memoirIn(['add', VAGUE], { cwd: dir, env: HOLD });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`held for review: ${VAGUE}`);
    expect(result.stderr).toContain('suggestions:');
    expect(result.stderr).toContain('memoir review');
    expect(await stagedOf(dir)).toEqual([]);
    const queue = await queueOf(dir);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ text: VAGUE, classifier: 'offline' });
    expect(queue[0].candidates.length).toBeGreaterThanOrEqual(3);
    const status = parseJson<{ review: Queued[] }>((await memoirIn(['status', '--json'], { cwd: dir })).stdout);
    expect(status.review.map((r) => r.id)).toEqual([queue[0].id]);
    const json = parseJson<{ held: Queued[]; staged: unknown[] }>(
      (await memoirIn(['add', VAGUE, '--json'], { cwd: dir, env: HOLD })).stdout,
    );
    expect(json.held.map((h) => h.text)).toEqual([VAGUE]);
    expect(await queueOf(dir)).toHaveLength(1); // the same fact is not queued twice
  });

  it('--yes accepts the top suggestion where a leaf fits; --dry-run classifies and writes nothing', async () => {
    const dir = await initRepoIn();
    const stageFile = path.join(dir, '.memoir', 'state', 'stage.json');
    const before = fs.readFileSync(stageFile, 'utf8');
    expect((await memoirIn(['add', VAGUE, '--dry-run'], { cwd: dir, env: HOLD })).code).toBe(3);
    expect(fs.readFileSync(stageFile, 'utf8')).toBe(before);
    expect(await queueOf(dir)).toEqual([]);
    // a real fact the threshold would hold is filed with --yes; the vague line holds no memory and waits
    const fact = 'I mostly read science fiction on the train';
    const yes = await memoirIn(['add', fact, '--yes', '--json'], { cwd: dir, env: HOLD });
    expect(yes.code).toBe(0);
    expect(parseJson<{ staged: FactJson[] }>(yes.stdout).staged[0]).toMatchObject({
      text: fact,
      classifier: 'offline',
      confirmed: 'yes',
    });
    const vague = await memoirIn(['add', VAGUE, '--yes', '--json'], { cwd: dir, env: HOLD });
    expect(vague.code).toBe(0);
    expect(parseJson<{ held: Array<{ text: string; reason: string }> }>(vague.stdout).held).toMatchObject([
      { text: VAGUE, reason: 'no-leaf-fits' },
    ]);
  });

  it('a batch from stdin: confident facts staged, the rest held, a secret refused; exit 4 wins', async () => {
    const dir = await initRepoIn();
    const input = `We have a cat named Miso\n${VAGUE}\nmy key is ${'AKIA' + 'ABCDEFGHIJKLMNOP'}\n`;
    const result = await memoirIn(['add', '-', '--json'], {
      cwd: dir,
      input,
      env: { MEMOIR_REVIEW_AUTO_ACCEPT: '0.5' },
    });
    expect(result.code).toBe(4);
    const json = parseJson<{ staged: FactJson[]; held: Queued[]; rejected: Array<{ kind: string }> }>(result.stdout);
    expect(json.rejected.map((r) => r.kind)).toEqual(['secret']);
    expect([...json.staged.map((f) => f.text), ...json.held.map((h) => h.text)].sort()).toEqual(
      [VAGUE, 'We have a cat named Miso'].sort(),
    );
  });
});

describe('memoir review', () => {
  it('an empty queue: nothing to do, exit 0', async () => {
    const dir = await initRepoIn();
    const result = await memoirIn(['review'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('nothing is waiting for review');
  });

  it('without a terminal it lists the queue and never prompts', async () => {
    const dir = await initRepoIn();
    await memoirIn(['add', VAGUE], { cwd: dir, env: HOLD });
    const result = await memoirIn(['review'], { cwd: dir });
    expect(result.code).toBe(0);
    const [id, text, top] = result.stdout.trimEnd().split('\t');
    expect(id).toMatch(/^[0-9a-f]{10}$/);
    expect([text, top]).toEqual([VAGUE, (await queueOf(dir))[0].candidates[0].path]);
    expect(result.stderr).toContain('--accept-all');
  });

  it('--accept-all stages every waiting fact at its top suggestion; --reject-all drops them', async () => {
    const dir = await initRepoIn();
    await memoirIn(['add', VAGUE], { cwd: dir, env: HOLD });
    const top = (await queueOf(dir))[0].candidates[0].path;
    const accepted = await memoirIn(['review', '--accept-all', '--commit'], { cwd: dir });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(await queueOf(dir)).toEqual([]);
    const [fact] = parseJson<FactJson[]>((await memoirIn(['get', top, '--json'], { cwd: dir })).stdout);
    expect(fact).toMatchObject({ text: VAGUE, confirmed: 'yes', classifier: 'offline' });

    await memoirIn(['add', 'another vague thing about the blue cover', '--source', 'chat'], { cwd: dir, env: HOLD });
    expect(await queueOf(dir)).toHaveLength(1);
    const rejected = await memoirIn(['review', '--reject-all'], { cwd: dir });
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain('dropped: another vague thing');
    expect(await queueOf(dir)).toEqual([]);
    expect(await stagedOf(dir)).toEqual([]);
  });

  it('bad flags are exit 2 and change nothing', async () => {
    const dir = await initRepoIn();
    await memoirIn(['add', VAGUE], { cwd: dir, env: HOLD });
    const queue = await queueOf(dir);
    expect((await memoirIn(['review', '--accept', 'ffff'], { cwd: dir })).code).toBe(2);
    expect((await memoirIn(['review', '--accept-all', '--reject-all'], { cwd: dir })).code).toBe(2);
    expect((await memoirIn(['review', '--path', 'preferences.ui.theme'], { cwd: dir })).code).toBe(2);
    expect(
      (await memoirIn(['review', '--accept', queue[0].id, '--path', 'preferences.theme'], { cwd: dir })).code,
    ).toBe(2);
    expect(await queueOf(dir)).toEqual(queue);
  });
});

describe('learning from corrections', () => {
  it('after one correction, the same and a closely reworded fact classify to the corrected leaf', async () => {
    const dir = await initRepoIn();
    const fact = 'Project Bluebird ships the new onboarding flow in March';
    const reworded = 'In March, Project Bluebird ships its onboarding flow';
    const before = parseJson<{ candidates: Array<{ path: string }> }>(
      (await memoirIn(['classify', fact, '--json'], { cwd: dir })).stdout,
    ).candidates;
    // a leaf the classifier does not suggest first: the person's choice is a correction
    const chosen =
      before[0].path === 'events.upcoming.appointments' ? 'goals.career.aspirations' : 'events.upcoming.appointments';
    await memoirIn(['add', fact], { cwd: dir, env: HOLD });
    const [item] = await queueOf(dir);
    const accepted = await memoirIn(['review', '--accept', item.id.slice(0, 6), '--path', chosen, '--commit'], {
      cwd: dir,
    });
    expect(accepted.code, accepted.stderr).toBe(0);
    const [stored] = parseJson<FactJson[]>((await memoirIn(['get', chosen, '--json'], { cwd: dir })).stdout);
    expect(stored.confirmed).toBe(before.some((c) => c.path === chosen) ? 'picked' : 'edited');
    // versioned in the repository, readable with native git
    const corrections = git(path.join(dir, '.memoir'), ['show', 'main:_memoir/corrections.jsonl'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; path: string; suggested: string });
    expect(corrections).toEqual([expect.objectContaining({ text: fact, path: chosen, suggested: before[0].path })]);
    for (const text of [fact, reworded]) {
      const after = parseJson<{ candidates: Array<{ path: string }> }>(
        (await memoirIn(['classify', text, '--json'], { cwd: dir })).stdout,
      );
      expect(after.candidates[0].path, text).toBe(chosen);
    }
  });
});
