import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/library/index.js';
import type { Memory } from '../../src/library/api.js';
import { MemoirError } from '../../src/errors/index.js';
import { memoirAsync, tempDir, testEnv } from '../helpers/cli.js';
import { expectFsckClean, gitIn, leafFile, ok, snapshotRepository } from '../helpers/e2e.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

/*
 * The library against real repositories: each method is the CLI's use case, and its result is
 * what the CLI prints with --json; commits are read back with native git.
 */

async function opened(
  dir?: string,
  env: Record<string, string | undefined> = {},
): Promise<{ dir: string; memory: Memory }> {
  const where = dir ?? (await initRepoIn());
  return { dir: where, memory: await openMemory({ dir: where, env: testEnv(where, env), onWarning: () => undefined }) };
}

/** The CLI's --json output for the same repository, in-process. */
async function cliJson(dir: string, args: string[]): Promise<unknown> {
  return JSON.parse(ok(await memoirIn([args[0]!, '--json', ...args.slice(1)], { cwd: dir })).stdout);
}

describe('openMemory', () => {
  it('finds the repository upward from a folder below it', async () => {
    const dir = await initRepoIn();
    const below = path.join(dir, 'src', 'deep');
    fs.mkdirSync(below, { recursive: true });
    const memory = await openMemory({ dir: below, env: testEnv(dir) });
    expect(memory.gitdir).toBe(path.join(dir, '.memoir'));
  });

  it('opens the repository memoirDir names', async () => {
    const dir = await initRepoIn();
    const memory = await openMemory({ dir: tempDir(), memoirDir: path.join(dir, '.memoir'), env: testEnv(dir) });
    expect(memory.gitdir).toBe(path.join(dir, '.memoir'));
  });

  it('creates one where there is none, when asked, as memoir init does', async () => {
    const empty = tempDir();
    const memory = await openMemory({ dir: empty, env: testEnv(empty), create: true });
    expect(memory.gitdir).toBe(path.join(empty, '.memoir'));
    await memory.remember('We have a cat named Miso', { path: 'relationships.pets.animals' });
    expect(gitIn(empty, ['log', '--format=%s'])).toContain('We have a cat named Miso');
    // and opens it, not a second one, the next time
    expect((await openMemory({ dir: empty, env: testEnv(empty), create: true })).gitdir).toBe(memory.gitdir);
  });

  it("fails where there is no repository, with the CLI's code and a hint", async () => {
    const empty = tempDir();
    const error = await openMemory({ dir: empty, env: testEnv(empty) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoirError);
    expect((error as MemoirError).code).toBe('not-a-repository');
    expect((error as MemoirError).hint).toMatch(/memoir init/);
  });
});

describe('remember', () => {
  it('commits a fact at the leaf given, with the library as its source, read back by git', async () => {
    const { dir, memory } = await opened();
    const result = await memory.remember('I prefer dark mode in every editor', { path: 'preferences.ui.theme' });
    expect(result.staged).toHaveLength(1);
    expect(result.staged[0]).toMatchObject({ path: 'preferences.ui.theme', source: 'library' });
    expect(result.commit?.commit).toBe(gitIn(dir, ['rev-parse', 'main']).trim());
    expect(gitIn(dir, ['show', `main:${leafFile('preferences.ui.theme')}`])).toContain(
      'I prefer dark mode in every editor',
    );
    expectFsckClean(dir);
  });

  it('classifies a fact given without a path', async () => {
    const { dir, memory } = await opened();
    const result = await memory.remember('PRs need two approvals before they can be merged');
    const placed = [...result.staged.map((f) => f.path), ...result.held.map((h) => h.candidates[0]?.path)];
    expect(placed).toEqual(['workflow.review.process']);
    if (result.staged.length > 0) expect(gitIn(dir, ['log', '--format=%s', '-1'])).toContain('workflow.review.process');
  });

  it('refuses a credential with the CLI error: nothing is written, and the error never repeats it', async () => {
    const { dir, memory } = await opened();
    const key = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const before = snapshotRepository(dir);
    const error = await memory
      .remember(`my token is ${key}`, { path: 'knowledge.technical.gotchas' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoirError);
    expect((error as MemoirError).code).toBe('secret-detected');
    expect(JSON.stringify((error as MemoirError).toJSON())).not.toContain(key);
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('stages without committing when commit is false', async () => {
    const { dir, memory } = await opened();
    await memory.remember('We have a cat named Miso', { path: 'relationships.pets.animals', commit: false });
    expect(gitIn(dir, ['for-each-ref'])).toBe('');
    const status = (await cliJson(dir, ['status'])) as { staged: unknown[] };
    expect(status.staged).toHaveLength(1);
  });

  it('says a duplicate is one, and commits nothing for it', async () => {
    const { memory } = await opened();
    await memory.remember('I prefer dark mode', { path: 'preferences.ui.theme' });
    const again = await memory.remember('I prefer dark mode', { path: 'preferences.ui.theme' });
    expect(again.duplicates).toEqual([expect.objectContaining({ text: 'I prefer dark mode', where: 'committed' })]);
    expect(again.commit).toBeNull();
  });

  it('runs calls one at a time, in the order they were made', async () => {
    const { dir, memory } = await opened();
    const texts = ['We have a cat named Miso', 'We have a dog named Pixel', 'We have a parrot named Kiwi'];
    await Promise.all(texts.map((text) => memory.remember(text, { path: 'relationships.pets.animals' })));
    const subjects = gitIn(dir, ['log', '--reverse', '--format=%s']).trim().split('\n');
    expect(subjects.map((s) => texts.find((t) => s.includes(t)))).toEqual(texts);
  });

  it('commits to another branch without switching to it', async () => {
    const { dir, memory } = await opened();
    await memory.remember('I prefer dark mode', { path: 'preferences.ui.theme' });
    await memory.remember('I prefer light mode', { path: 'preferences.ui.theme', branch: 'experiment' });
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
    expect(gitIn(dir, ['show', `experiment:${leafFile('preferences.ui.theme')}`])).toContain('light mode');
  });
});

describe('reads: the same as the CLI prints with --json', () => {
  async function seeded() {
    const { dir, memory } = await opened();
    await memory.remember('I prefer dark mode in every editor', { path: 'preferences.ui.theme' });
    await memory.remember('We have a cat named Miso', { path: 'relationships.pets.animals' });
    await memory.remember('Miso likes cardboard boxes', { path: 'relationships.pets.animals' });
    await memory.remember('I switched to light mode', { path: 'preferences.ui.theme' });
    return { dir, memory };
  }

  it('recall, get, ls, log, diff, blame and branches', async () => {
    const { dir, memory } = await seeded();
    expect(await memory.recall('what is the cat called?', { k: 3 })).toEqual(
      await cliJson(dir, ['recall', 'what is the cat called?', '-k', '3']),
    );
    expect(await memory.get('relationships.pets.animals')).toEqual(
      await cliJson(dir, ['get', 'relationships.pets.animals']),
    );
    expect(await memory.ls()).toEqual(await cliJson(dir, ['ls']));
    expect(await memory.log({ maxCount: 2 })).toEqual(await cliJson(dir, ['log', '-n', '2']));
    expect(await memory.log({ path: 'preferences' })).toEqual(await cliJson(dir, ['log', '--', 'preferences']));
    expect(await memory.diff('HEAD~3', 'HEAD')).toEqual(await cliJson(dir, ['diff', 'HEAD~3', 'HEAD']));
    expect(await memory.diff('HEAD~3', 'HEAD', { path: 'preferences' })).toEqual(
      await cliJson(dir, ['diff', 'HEAD~3', 'HEAD', '--', 'preferences']),
    );
    expect(await memory.blame('relationships')).toEqual(await cliJson(dir, ['blame', 'relationships']));
    expect(await memory.branches()).toEqual(await cliJson(dir, ['branch']));
  });

  it('recall as the memory was at a revision', async () => {
    const { dir, memory } = await seeded();
    const past = await memory.recall('which theme?', { at: 'HEAD~1', k: 1 });
    expect(past).toEqual(await cliJson(dir, ['recall', 'which theme?', '--at', 'HEAD~1', '-k', '1']));
    expect(past[0]?.text).toBe('I prefer dark mode in every editor');
  });

  it('context: the block as context --json has it, and the Markdown context prints within its budget', async () => {
    const { dir, memory } = await seeded();
    const { markdown, commit, ...json } = await memory.context({ query: 'pets' });
    expect(json).toEqual(await cliJson(dir, ['context', '--query', 'pets']));
    expect(markdown).toBe(ok(await memoirIn(['context', '--query', 'pets'], { cwd: dir })).stdout);
    expect(commit).toBe(gitIn(dir, ['rev-parse', 'main']).trim());
    const budget = markdown.length - 1;
    const short = await memory.context({ query: 'pets', maxChars: budget });
    expect(short.markdown).toBe(
      ok(await memoirIn(['context', '--query', 'pets', '--max-chars', String(budget)], { cwd: dir })).stdout,
    );
    expect(short.markdown.length).toBeLessThanOrEqual(budget);
    expect(short.omitted.count).toBeGreaterThan(0);
  });

  it('sees what another process committed since it was opened', async () => {
    const { dir, memory } = await seeded();
    expect(await memory.get('preferences.food.cuisine')).toEqual([]);
    ok(await memoirIn(['add', 'I love Sichuan food', '--path', 'preferences.food.cuisine', '--commit'], { cwd: dir }));
    expect((await memory.get('preferences.food.cuisine')).map((f) => f.text)).toEqual(['I love Sichuan food']);
    expect((await memory.recall('favourite cuisine', { k: 1 }))[0]?.text).toBe('I love Sichuan food');
  });

  it('a read of a leaf the taxonomy does not have fails with the CLI error and its suggestion', async () => {
    const { memory } = await seeded();
    const error = await memory.get('preferences.ui.them').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoirError);
    expect((error as MemoirError).hint).toContain('preferences.ui.theme');
  });
});

describe('capture', () => {
  const chat = [
    { role: 'user', content: 'I moved to Porto last year. My daughter Kiara is five.' },
    { role: 'assistant', content: 'Porto is lovely! What is Kiara into?' },
    { role: 'user', content: 'She loves dinosaurs.' },
  ];

  it('commits what the classifier is sure of, holds the rest, and names the turns', async () => {
    const { dir, memory } = await opened();
    const result = await memory.capture(chat, { id: 'chat-1' });
    expect(result.conversation).toMatchObject({ id: 'chat-1', shape: 'chat', turns: 3 });
    expect(result.proposals.length).toBeGreaterThan(0);
    expect(result.proposals.every((p) => p.source === `capture:chat-1#${p.turn}`)).toBe(true);
    expect(result.staged.length + result.held.length + result.duplicates.length).toBe(result.proposals.length);
    if (result.staged.length > 0) {
      expect(result.commit?.commit).toBe(gitIn(dir, ['rev-parse', 'main']).trim());
      const committed = gitIn(dir, ['show', '--stat', 'main']);
      for (const fact of result.staged) expect(committed).toContain(leafFile(fact.path));
    }
    const status = (await cliJson(dir, ['status'])) as { review: Array<{ text: string }> };
    expect(status.review.map((r) => r.text).sort()).toEqual(result.held.map((h) => h.text).sort());
  });

  it('review mode holds every proposal for a person and commits nothing', async () => {
    const { dir, memory } = await opened();
    const result = await memory.capture(chat, { mode: 'review' });
    expect(result.staged).toEqual([]);
    expect(result.held.length).toBe(result.proposals.length);
    expect(gitIn(dir, ['for-each-ref'])).toBe('');
  });

  it('reads a transcript given as text', async () => {
    const { memory } = await opened();
    const result = await memory.capture('Sam: I run the backend team at Acme.\nBot: Nice.\n', { speaker: 'Sam' });
    expect(result.conversation.shape).toBe('transcript');
    expect(result.proposals.map((p) => p.text)).toEqual([expect.stringContaining('Sam')]);
  });
});

describe('branch and merge', () => {
  it('creates a branch, and merges it fact by fact', async () => {
    const { dir, memory } = await opened();
    await memory.remember('We have a cat named Miso', { path: 'relationships.pets.animals' });
    const created = await memory.branch('agent-2');
    expect(created).toEqual({ action: 'created', name: 'agent-2', commit: gitIn(dir, ['rev-parse', 'main']).trim() });
    await memory.remember('We have a dog named Pixel', { path: 'relationships.pets.animals', branch: 'agent-2' });
    await memory.remember('I prefer dark mode', { path: 'preferences.ui.theme' });
    const merged = await memory.merge('agent-2');
    expect(merged.status).toBe('merged');
    expect(merged.added.map((f) => f.text)).toEqual(['We have a dog named Pixel']);
    expect(gitIn(dir, ['rev-list', '--parents', '-1', 'main']).trim().split(' ')).toHaveLength(3);
    expectFsckClean(dir);
  });
});

describe('forget', () => {
  it('erases a fact from all of history and returns the receipt', async () => {
    const { dir, memory } = await opened();
    const kept = await memory.remember('We have a cat named Miso', { path: 'relationships.pets.animals' });
    const gone = await memory.remember('My old address is 12 Elm Street', { path: 'profile.location.home' });
    const id = gone.staged[0]!.id;
    const dry = await memory.forget([id], { dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      receipt: null,
      plan: { facts: [{ id, leaf: 'profile.location.home' }] },
    });
    const result = await memory.forget([id], { reason: 'asked to' });
    expect(result.receipt).toMatchObject({ factIds: [id], reason: 'asked to' });
    expect(gitIn(dir, ['log', '--all', '-p'])).not.toContain('12 Elm Street');
    expect((await memory.get('relationships.pets.animals')).map((f) => f.id)).toEqual([kept.staged[0]!.id]);
  });
});

describe('consolidate', () => {
  it('lists what the CLI lists, and applies only what a rule settles', async () => {
    const { dir, memory } = await opened();
    await memory.remember('Allergic to peanuts', { path: 'health.diet.allergies' });
    await memory.remember('allergic to peanuts', { path: 'preferences.food.cuisine' });
    await memory.remember('We deploy on Tuesdays', { path: 'project.infrastructure.deployment' });
    await memory.remember('We deploy every Friday', { path: 'project.infrastructure.deployment' });
    const listed = await memory.consolidate();
    expect(listed).toEqual(await cliJson(dir, ['consolidate', '--dry-run']));
    expect(listed.proposals.map((p) => [p.kind, p.safe])).toEqual([
      ['dedupe', true],
      ['contradiction', false],
    ]);
    expect(listed.foundBy).toBe('rules');
    expect(await memory.consolidate({ model: false })).toEqual(
      await cliJson(dir, ['consolidate', '--dry-run', '--no-model']),
    );
    const applied = await memory.consolidate({ applySafe: true });
    expect(applied.commits.map((c) => c.subject)).toEqual(['consolidate(dedupe): merge 1 duplicate fact']);
    expect((await memory.log({ consolidation: true })).map((c) => c.id)).toEqual([applied.commits[0]!.commit]);
    expect((await memory.get('preferences.food.cuisine')).map((f) => f.text)).toEqual([]);
    expect((await memory.get('project.infrastructure.deployment')).map((f) => f.text)).toHaveLength(2);
  });
});

describe('a library writer beside CLI writers', () => {
  it('takes the same lock: every commit lands, none is lost', async () => {
    const { dir, memory } = await opened();
    const cli = Array.from({ length: 3 }, (_, i) =>
      memoirAsync(['add', `cli fact number ${i}`, '--path', 'relationships.pets.animals', '--commit'], { cwd: dir }),
    );
    const library = Array.from({ length: 3 }, (_, i) =>
      memory.remember(`library fact number ${i}`, { path: 'relationships.pets.animals' }),
    );
    const [spawned] = await Promise.all([Promise.all(cli), Promise.all(library)]);
    for (const run of spawned) expect(run.code, run.stderr).toBe(0);
    const texts = (await memory.get('relationships.pets.animals')).map((f) => f.text).sort();
    expect(texts).toEqual([0, 1, 2].flatMap((i) => [`cli fact number ${i}`, `library fact number ${i}`]).sort());
    expect(gitIn(dir, ['rev-list', '--count', 'main']).trim()).toBe('6');
    expectFsckClean(dir);
  });

  it('close() returns once the calls made before it have settled', async () => {
    const { dir, memory } = await opened();
    const pending = memory.remember('We have a cat named Miso', { path: 'relationships.pets.animals' });
    await memory.close();
    expect(gitIn(dir, ['rev-list', '--count', 'main']).trim()).toBe('1');
    await pending;
  });
});
