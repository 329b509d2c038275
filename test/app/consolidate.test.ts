import { describe, expect, it } from 'vitest';
import { runConsolidate, type ConsolidateReviewer } from '../../src/app/consolidate.js';
import type { Proposal } from '../../src/core/consolidate.js';
import { createContext } from '../../src/runtime/context.js';
import { testEnv } from '../helpers/cli.js';
import { expectFsckClean, gitIn, leafFile, ok, snapshotRepository } from '../helpers/e2e.js';
import { filedFact, memoirIn, repoHolding, silentIO } from '../helpers/inProcess.js';

/*
 * consolidate against a real repository: a memory with a fact said twice word for word, a
 * paraphrase, a fact filed by the classifier at the wrong leaf, an ended fact and two values of
 * one slot. The rules settle only the first and the ended one; a person (a scripted reviewer in
 * place of the screen) the rest; each kind of repair is a commit marked as one, read back by git.
 */

const made = filedFact;

const FACTS = [
  made('a000000001', 'health.diet.allergies', 'Allergic to peanuts'),
  made('a000000002', 'preferences.food.cuisine', 'allergic to peanuts', { source: 'mcp' }),
  made('a000000003', 'health.diet.allergies', 'I have a bad shellfish allergy'),
  made('a000000004', 'relationships.pets.animals', 'Our dog Bramble is a border collie'),
  made('a000000005', 'relationships.pets.animals', 'Our dog, Bramble, is a Border Collie.'),
  made('a000000006', 'preferences.ui.theme', 'I use Neovim for everything', {
    classifier: 'offline',
    confidence: 0.41,
    how: 'auto',
  }),
  made('a000000007', 'profile.location.previous', 'Working from Lisbon for the winter', {
    validUntil: '2025-03-01T00:00:00Z',
  }),
  made('a000000008', 'project.infrastructure.deployment', 'We deploy on Tuesdays'),
  made('a000000009', 'project.infrastructure.deployment', 'We deploy every Friday'),
  made('a000000010', 'relationships.pets.animals', 'We have a cat named Miso'),
  made('a000000011', 'relationships.pets.animals', 'We also have a cat called Tofu'),
];

const repo = repoHolding(FACTS);

const contextFor = (dir: string, canPrompt = false) =>
  createContext({ ...silentIO, canPrompt }, testEnv(dir), dir, '0.0.0');
/** The repository's files, but the caches reads keep (state/cache/). */
const repository = (dir: string) =>
  Object.fromEntries(Object.entries(snapshotRepository(dir)).filter(([file]) => !file.startsWith('state/cache/')));
const byKind = (proposals: Proposal[], kind: Proposal['kind']) => proposals.filter((p) => p.kind === kind);

describe('consolidate', () => {
  it('finds each kind of repair, and --dry-run changes nothing', async () => {
    const dir = repo();
    const before = repository(dir);
    const result = await runConsolidate({ dryRun: true }, contextFor(dir));
    expect(repository(dir)).toEqual(before);
    const [exact, near] = byKind(result.proposals, 'dedupe').sort((a, b) => Number(b.safe) - Number(a.safe));
    expect(exact).toMatchObject({ safe: true, keep: { id: 'a000000001' }, drop: [{ id: 'a000000002' }] });
    expect(near).toMatchObject({ safe: false, keep: { id: 'a000000004' }, drop: [{ id: 'a000000005' }] });
    expect(byKind(result.proposals, 'retire')).toEqual([expect.objectContaining({ fact: FACTS[6], safe: true })]);
    expect(byKind(result.proposals, 'contradiction')).toEqual([
      expect.objectContaining({ facts: [FACTS[7], FACTS[8]], safe: false }),
    ]);
    // the two cats are two cats
    const named = JSON.stringify(result.proposals);
    expect(named).not.toContain('a000000010');
    expect(result.decidedBy).toBe('nobody');
  });

  it('--yes applies what a rule settles, a commit per kind, marked and read back by git; the rest stays', async () => {
    const dir = repo();
    const result = await runConsolidate({ yes: true }, contextFor(dir));
    expect(result.commits.map((c) => c.subject)).toEqual([
      'consolidate(dedupe): merge 1 duplicate fact',
      'consolidate(retire): retire 1 fact no longer true',
    ]);
    expect(
      gitIn(dir, ['log', '--format=%(trailers:key=Memoir-Consolidate,valueonly)%x00', 'main'])
        .split('\0')
        .map((s) => s.trim())
        .filter(Boolean),
    ).toEqual(['retire', 'dedupe']);
    const dedupe = gitIn(dir, ['log', '-1', '--format=%B', 'main~1']);
    expect(dedupe).toContain('Memoir-Consolidate-Merged: a000000002 (mcp) into a000000001 (test)');
    expect(gitIn(dir, ['ls-tree', '-r', '--name-only', 'main'])).not.toContain(leafFile('preferences.food.cuisine'));
    // in history still
    expect(gitIn(dir, ['show', `main~2:${leafFile('preferences.food.cuisine')}`])).toContain('allergic to peanuts');
    expect(gitIn(dir, ['show', `main:${leafFile('project.infrastructure.deployment')}`])).toContain('every Friday');
    expectFsckClean(dir);
  });

  it("a person's decisions: an edited merge, a leaf of their own, the value that stays; rejections change nothing", async () => {
    const dir = repo();
    let shown: Proposal[] = [];
    const reviewer: ConsolidateReviewer = async (proposals) => {
      shown = proposals;
      return proposals.map((p) => {
        if (p.kind === 'dedupe' && !p.safe)
          return { id: p.id, action: 'accept', text: 'Our dog Bramble is a four-year-old border collie' };
        if (p.kind === 'contradiction') return { id: p.id, action: 'accept', keep: 'a000000009' };
        if (p.kind === 'refile') return { id: p.id, action: 'accept', to: 'preferences.tools.editor' };
        return { id: p.id, action: p.safe ? 'reject' : 'skip' };
      });
    };
    const result = await runConsolidate({}, contextFor(dir, true), reviewer);
    expect(shown.length).toBe(result.proposals.length);
    expect(result.decidedBy).toBe('person');
    const pets = gitIn(dir, ['show', `main:${leafFile('relationships.pets.animals')}`]);
    expect(pets).toContain('Our dog Bramble is a four-year-old border collie');
    expect(pets).not.toContain('Border Collie.');
    expect(pets).toContain('We also have a cat called Tofu');
    expect(gitIn(dir, ['show', `main:${leafFile('health.diet.allergies')}`])).toContain('Allergic to peanuts');
    const schedule = gitIn(dir, ['show', `main:${leafFile('project.infrastructure.deployment')}`]);
    expect(schedule).toContain('every Friday');
    expect(schedule).not.toContain('Tuesdays');
    // the safe ones were rejected: the exact duplicate and the ended fact stay
    expect(gitIn(dir, ['show', `main:${leafFile('preferences.food.cuisine')}`])).toContain('allergic to peanuts');
    expect(gitIn(dir, ['show', `main:${leafFile('profile.location.previous')}`])).toContain('Lisbon');
    const kinds = result.commits.map((c) => c.kind);
    expect(kinds).toContain('dedupe');
    expect(kinds).toContain('retire');
    if (result.proposals.some((p) => p.kind === 'refile')) {
      expect(gitIn(dir, ['show', `main:${leafFile('preferences.tools.editor')}`])).toContain('Neovim');
      expect(gitIn(dir, ['log', '--format=%B', '--grep=consolidate(refile)', 'main'])).toContain(
        'Memoir-Consolidate-Moved: a000000006 preferences.ui.theme -> preferences.tools.editor',
      );
    }
    expectFsckClean(dir);
  });

  it('a proposal whose facts changed while a person decided is not applied', async () => {
    const dir = repo();
    const reviewer: ConsolidateReviewer = async (proposals) => {
      // someone else removes the ended fact meanwhile
      ok(await memoirIn(['rm', 'a000000007'], { cwd: dir }));
      ok(await memoirIn(['commit', '-m', 'rm'], { cwd: dir }));
      return proposals.map((p) => ({ id: p.id, action: p.kind === 'retire' || p.safe ? 'accept' : 'skip' }));
    };
    const result = await runConsolidate({}, contextFor(dir, true), reviewer);
    const retire = byKind(result.proposals, 'retire')[0]!;
    expect(result.outdated).toEqual([retire.id]);
    expect(result.commits.map((c) => c.kind)).toEqual(['dedupe']);
  });

  it('log --consolidation shows the repairs, --no-consolidation the learning', async () => {
    const dir = repo();
    await runConsolidate({ yes: true }, contextFor(dir));
    const subjects = async (flag: string[]) =>
      (
        JSON.parse(ok(await memoirIn(['log', '--json', ...flag], { cwd: dir })).stdout) as Array<{ message: string }>
      ).map((c) => c.message.split('\n')[0]);
    expect(await subjects(['--consolidation'])).toEqual([
      'consolidate(retire): retire 1 fact no longer true',
      'consolidate(dedupe): merge 1 duplicate fact',
    ]);
    expect(await subjects(['--no-consolidation'])).toEqual(['Seed']);
    expect(await subjects([])).toHaveLength(3);
    expect(await subjects(['--consolidation', '--', 'project'])).toEqual([]);
  });

  it('only under --path', async () => {
    const dir = repo();
    const result = await runConsolidate({ dryRun: true, path: 'project' }, contextFor(dir));
    expect(result.proposals.map((p) => p.kind)).toEqual(['contradiction']);
  });

  it('the command: --dry-run --json, a list and a hint in a pipe, and conflicting flags refused', async () => {
    const dir = repo();
    const listed = ok(await memoirIn(['consolidate', '--dry-run', '--json'], { cwd: dir }));
    const json = JSON.parse(listed.stdout) as { proposals: Array<{ kind: string; safe: boolean }>; dryRun: boolean };
    expect(json.dryRun).toBe(true);
    expect(json.proposals.map((p) => p.kind)).toContain('retire');
    const piped = ok(await memoirIn(['consolidate'], { cwd: dir }));
    expect(piped.stdout.trim().split('\n')).toHaveLength(json.proposals.length);
    expect(piped.stderr).toMatch(/--yes" applies the 2 safe ones/);
    const refused = await memoirIn(['consolidate', '--yes', '--dry-run'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes and --dry-run/);
  });

  it('a reworded merge holding a credential is refused alone, never repeated; the other decisions stand', async () => {
    const dir = repo();
    const key = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const reviewer: ConsolidateReviewer = async (proposals) =>
      proposals.map((p) =>
        p.kind === 'dedupe' && !p.safe
          ? { id: p.id, action: 'accept', text: `Bramble, token ${key}` }
          : { id: p.id, action: p.safe ? 'accept' : 'skip' },
      );
    const result = await runConsolidate({}, contextFor(dir, true), reviewer);
    expect(result.refused).toEqual([expect.objectContaining({ found: expect.stringMatching(/GitHub/) })]);
    expect(JSON.stringify(result)).not.toContain(key);
    expect(gitIn(dir, ['log', '-p', '--all'])).not.toContain(key);
    expect(result.commits.map((c) => c.kind)).toEqual(['dedupe', 'retire']);
  });

  it('a rejected proposal is not proposed again (but with --all), and comes back when one of its facts changes', async () => {
    const dir = repo();
    const reviewer: ConsolidateReviewer = async (proposals) =>
      proposals.map((p) => ({ id: p.id, action: p.kind === 'contradiction' ? 'reject' : 'skip' }));
    const decided = await runConsolidate({}, contextFor(dir, true), reviewer);
    const contradiction = byKind(decided.proposals, 'contradiction')[0]!;
    expect(decided.rejected).toEqual([contradiction.id]);
    expect(decided.commits).toEqual([]);
    const again = await runConsolidate({ dryRun: true }, contextFor(dir));
    expect(byKind(again.proposals, 'contradiction')).toEqual([]);
    expect(again.hidden).toBe(1);
    const all = await runConsolidate({ dryRun: true, all: true }, contextFor(dir));
    expect(byKind(all.proposals, 'contradiction').map((p) => p.id)).toEqual([contradiction.id]);
    // the Friday deploy becomes a Thursday one: a pair no one has judged
    ok(await memoirIn(['rm', 'a000000009'], { cwd: dir }));
    ok(await memoirIn(['add', 'We deploy every Thursday', '-p', 'project.infrastructure.deployment'], { cwd: dir }));
    ok(await memoirIn(['commit', '-m', 'Thursdays now'], { cwd: dir }));
    const changed = await runConsolidate({ dryRun: true }, contextFor(dir));
    expect(byKind(changed.proposals, 'contradiction')).toHaveLength(1);
    expect(byKind(changed.proposals, 'contradiction')[0]!.id).not.toBe(contradiction.id);
  });
});
