import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ok } from '../helpers/e2e.js';
import { allObjects, expectFsckClean, gitdirOf, gitIn, gitStatus, readStageFile, revParse } from '../helpers/e2e.js';
import { call, connect } from '../helpers/mcp.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

// `memoir mcp` driven end to end by the SDK's own client over stdio, as an agent would.

describe('memoir mcp', () => {
  it('branches: remember on another branch without switching, list branches, check out, create one', async () => {
    const dir = await initRepoIn();
    ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir }));
    const { client } = await connect(dir);
    const elsewhere = await call(client, 'memoir_remember', {
      content: 'Prefers tabs over spaces',
      path: 'preferences.coding.style',
      branch: 'agent-2',
    });
    expect(elsewhere.body).toMatchObject({ status: 'committed', branch: 'agent-2' });
    expect(revParse(dir, 'agent-2')).toBe(elsewhere.body.commit);
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main'); // HEAD stays
    expect(gitStatus(dir, ['cat-file', '-e', 'main:preferences/coding/style.md'])).not.toBe(0);

    const branches = await call(client, 'memoir_branches', {});
    expect(branches.body.map((b: { name: string; current: boolean }) => [b.name, b.current])).toEqual([
      ['agent-2', false],
      ['main', true],
    ]);

    const switched = await call(client, 'memoir_checkout', { branch: 'agent-2' });
    expect(switched.body).toMatchObject({ branch: 'agent-2', created: false, detached: false });
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/agent-2');
    const style = await call(client, 'memoir_get', { paths: ['preferences.coding.style'] });
    expect(style.body[0].facts.map((f: { text: string }) => f.text)).toEqual(['Prefers tabs over spaces']);

    const created = await call(client, 'memoir_checkout', { branch: 'agent-3', create: true });
    expect(created.body).toMatchObject({ branch: 'agent-3', created: true });
    expect(revParse(dir, 'agent-3')).toBe(revParse(dir, 'agent-2'));

    const unknown = await call(client, 'memoir_checkout', { branch: 'nope' });
    expect(unknown.isError).toBe(true);
    expect(unknown.body.exitCode).toBe(2);
    const badName = await call(client, 'memoir_remember', {
      content: 'x',
      path: 'preferences.ui.theme',
      branch: 'bad..name',
    });
    expect(badName.isError).toBe(true);
    expect(badName.body.code).toBe('invalid-branch-name');
    expectFsckClean(dir);
  });

  it('lists its tools, each with a schema, a description and read-only/destructive hints', async () => {
    const { client } = await connect(await initRepoIn());
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'memoir_remember',
      'memoir_capture',
      'memoir_recall',
      'memoir_get',
      'memoir_ls',
      'memoir_log',
      'memoir_diff',
      'memoir_blame',
      'memoir_branches',
      'memoir_checkout',
      'memoir_remove',
      'memoir_consolidate',
      'memoir_forget',
      'memoir_pull',
      'memoir_push',
    ]);
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe('object');
      expect(typeof tool.annotations?.readOnlyHint).toBe('boolean');
    }
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('memoir_recall')!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.get('memoir_forget')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('memoir_remember')!.inputSchema.required).toEqual(['content']);
    expect(byName.get('memoir_push')!.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
  });

  it('remembers a fact (a commit, read back by native git), recalls it, and shows it in the log', async () => {
    const dir = await initRepoIn();
    const { client } = await connect(dir);
    const remembered = await call(client, 'memoir_remember', {
      content: 'A flat white with oat milk is how I start the day',
      path: 'preferences.food.drinks',
    });
    expect(remembered.isError).toBe(false);
    expect(remembered.body).toMatchObject({ status: 'committed', key: 'preferences.food.drinks', confidence: null });
    expect(remembered.body.commit).toBe(revParse(dir));
    expect(gitIn(dir, ['show', 'main:preferences/food/drinks.md'])).toContain(
      'A flat white with oat milk is how I start the day',
    );
    expect(gitIn(dir, ['log', '-1', '--format=%B'])).toContain('Memoir-');
    expectFsckClean(dir);

    const classified = await call(client, 'memoir_remember', { content: 'My sister Ana is a carpenter in Porto' });
    expect(classified.isError).toBe(false);
    expect(['committed', 'held']).toContain(classified.body.status);

    const recalled = await call(client, 'memoir_recall', { query: 'what does she drink in the morning?', k: 3 });
    expect(recalled.isError).toBe(false);
    expect(recalled.body[0]).toMatchObject({
      path: 'preferences.food.drinks',
      text: 'A flat white with oat milk is how I start the day',
      id: remembered.body.id,
      commit: remembered.body.commit,
    });

    const log = await call(client, 'memoir_log', { path: 'preferences.food', n: 5 });
    expect(log.isError).toBe(false);
    expect(JSON.stringify(log.body)).toContain(remembered.body.commit);
    // a revision or range, as the CLI and native git read it
    const range = `${remembered.body.commit}..HEAD`;
    const after = await call(client, 'memoir_log', { revision: range });
    expect(after.body).toEqual(JSON.parse((await memoirIn(['log', '--json', range], { cwd: dir })).stdout));
    expect(after.body.map((c: { id: string }) => c.id)).toEqual(
      gitIn(dir, ['log', '--format=%H', range]).split('\n').filter(Boolean),
    );
    const at = await call(client, 'memoir_log', { revision: remembered.body.commit, path: 'preferences.food' });
    expect(at.body.map((c: { id: string }) => c.id)).toEqual([remembered.body.commit]);
    // repairs apart from learning: nothing here was consolidated
    expect((await call(client, 'memoir_log', { consolidation: true })).body).toEqual([]);
    const learnt = await call(client, 'memoir_log', { consolidation: false });
    expect(learnt.body.map((c: { id: string }) => c.id)).toEqual(
      gitIn(dir, ['log', '-20', '--format=%H']).split('\n').filter(Boolean),
    );

    const got = await call(client, 'memoir_get', { paths: ['preferences.food.drinks'] });
    expect(got.body[0].facts.map((f: { text: string }) => f.text)).toEqual([
      'A flat white with oat milk is how I start the day',
    ]);
    const ls = await call(client, 'memoir_ls', {});
    expect(ls.body.map((e: { path: string }) => e.path)).toContain('preferences.food.drinks');

    const blame = await call(client, 'memoir_blame', { path: 'preferences.food.drinks' });
    expect(blame.isError).toBe(false);
    expect(JSON.stringify(blame.body)).toContain(remembered.body.commit);
    const cliDiff = await memoirIn(['diff', remembered.body.commit, 'HEAD', '--json'], { cwd: dir });
    const diff = await call(client, 'memoir_diff', { from: remembered.body.commit });
    expect(diff.isError).toBe(false);
    expect(diff.body).toEqual(JSON.parse(cliDiff.stdout));

    // the same vocabulary as the CLI: a one leaf's new value supersedes the old, one change
    const dark = await call(client, 'memoir_remember', { content: 'I prefer dark mode', path: 'preferences.ui.theme' });
    const light = await call(client, 'memoir_remember', {
      content: 'I prefer light mode',
      path: 'preferences.ui.theme',
    });
    const superseded = await call(client, 'memoir_diff', { from: dark.body.commit, to: light.body.commit });
    expect(superseded.body).toEqual([
      {
        path: 'preferences.ui.theme',
        kind: 'superseded',
        old: 'I prefer dark mode',
        new: 'I prefer light mode',
        id: light.body.id,
      },
    ]);
  });

  it("refuses a secret with the CLI's code and exit code, and writes nothing anywhere", async () => {
    const dir = await initRepoIn();
    const before = gitIn(dir, ['count-objects', '-v']);
    const { client } = await connect(dir);
    const secret = 'my deploy key is AKIAIOSFODNN7EXAMPLE';
    const refused = await call(client, 'memoir_remember', { content: secret, path: 'setup.access.permissions' });
    expect(refused.isError).toBe(true);
    expect(refused.body).toMatchObject({ code: 'secret-detected', exitCode: 4 });
    expect(refused.body.hint).toBeTruthy();
    expect(JSON.stringify(refused.body)).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(gitStatus(dir, ['rev-parse', '--verify', '-q', 'main'])).not.toBe(0);
    expect(gitIn(dir, ['count-objects', '-v'])).toBe(before);
    const state = path.join(gitdirOf(dir), 'state');
    for (const file of fs.readdirSync(state, { recursive: true })) {
      const full = path.join(state, String(file));
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full, 'utf8')).not.toContain('AKIAIOSFODNN7EXAMPLE');
    }
  });

  it("reports errors as tool errors with the CLI's codes: unknown leaf, bad arguments, unknown tool", async () => {
    const dir = await initRepoIn();
    const { client } = await connect(dir);
    const cli = await memoirIn(['get', 'preferences.ui.nope', '--json'], { cwd: dir });
    const unknownLeaf = await call(client, 'memoir_get', { paths: ['preferences.ui.nope'] });
    expect(unknownLeaf.isError).toBe(true);
    expect(unknownLeaf.body).toMatchObject({ ...JSON.parse(cli.stderr), exitCode: cli.code });
    const badK = await call(client, 'memoir_recall', { query: 'theme', k: 0 });
    expect(badK.body).toMatchObject({ code: 'invalid-argument', exitCode: 2 });
    const typo = await call(client, 'memoir_recall', { qeury: 'theme' });
    expect(typo.body).toMatchObject({ code: 'invalid-argument', exitCode: 2 });
    const forgetBoth = await call(client, 'memoir_remove', { id: 'abcd', path: 'preferences.ui.theme' });
    expect(forgetBoth.body).toMatchObject({ code: 'invalid-argument', exitCode: 2 });
    const unknownTool = await call(client, 'memoir_fly', {});
    expect(unknownTool.body).toMatchObject({ code: 'unknown-tool', exitCode: 2 });
  });

  it('holds a low-confidence classification for review by default, and says so', async () => {
    const dir = await initRepoIn();
    const { client } = await connect(dir, { MEMOIR_REVIEW_AUTO_ACCEPT: '1' });
    const held = await call(client, 'memoir_remember', { content: 'Tuesdays are hard' });
    expect(held.isError).toBe(false);
    expect(held.body).toMatchObject({ status: 'held', commit: null });
    expect(held.body.message).toContain('memoir review');
    expect(gitStatus(dir, ['rev-parse', '--verify', '-q', 'main'])).not.toBe(0);
    const queue = JSON.parse(fs.readFileSync(path.join(gitdirOf(dir), 'state', 'review.json'), 'utf8'));
    expect(queue.items.map((i: { text: string }) => i.text)).toEqual(['Tuesdays are hard']);
  });

  it('commits a low-confidence classification at its top suggestion with mcp.lowConfidence: commit', async () => {
    const dir = await initRepoIn();
    const { client } = await connect(dir, { MEMOIR_REVIEW_AUTO_ACCEPT: '1', MEMOIR_MCP_LOW_CONFIDENCE: 'commit' });
    const committed = await call(client, 'memoir_remember', { content: 'Tuesdays are hard' });
    expect(committed.body).toMatchObject({ status: 'committed' });
    expect(committed.body.commit).toBe(revParse(dir));
    // text that holds no memory is held even so, and the reason says why
    const filler = await call(client, 'memoir_remember', { content: 'Good to see you again!' });
    expect(filler.body).toMatchObject({ status: 'held', reason: 'no-leaf-fits', commit: null });
    expect(filler.body.message).toContain('no leaf fits');
    expect(revParse(dir)).toBe(committed.body.commit);
  });

  it('removes a fact in a new commit of its own: facts staged by hand are neither swept into it nor in its way', async () => {
    const dir = await initRepoIn();
    await memoirIn(['add', 'I use fish as my shell', '-p', 'preferences.tools.shell', '--commit'], { cwd: dir });
    const id = JSON.parse((await memoirIn(['get', 'preferences.tools.shell', '--json'], { cwd: dir })).stdout)[0].id;
    await memoirIn(['add', 'Neovim is my editor', '-p', 'preferences.tools.editor'], { cwd: dir });
    const stagedBefore = readStageFile(dir);
    const { client } = await connect(dir);
    const before = revParse(dir);
    const forgot = await call(client, 'memoir_remove', { id });
    expect(forgot.isError).toBe(false);
    expect(forgot.body.removed).toEqual([{ id, path: 'preferences.tools.shell', text: 'I use fish as my shell' }]);
    expect(gitIn(dir, ['rev-parse', 'main^']).trim()).toBe(before);
    expect(gitIn(dir, ['ls-tree', '-r', '--name-only', 'main'])).not.toContain('preferences/tools/shell.md');
    expect(gitIn(dir, ['ls-tree', '-r', '--name-only', 'main'])).not.toContain('preferences/tools/editor.md');
    expect(readStageFile(dir)).toEqual(stagedBefore);
    expectFsckClean(dir);
  });

  it('forgets a fact from all of history only with confirm: true, and returns the receipt without its text', async () => {
    const dir = await initRepoIn();
    await memoirIn(['add', 'My locker code is 4417', '-p', 'preferences.tools.apps', '--commit'], { cwd: dir });
    await memoirIn(['add', 'I use fish as my shell', '-p', 'preferences.tools.shell', '--commit'], { cwd: dir });
    const id = JSON.parse((await memoirIn(['get', 'preferences.tools.apps', '--json'], { cwd: dir })).stdout)[0].id;
    const { client } = await connect(dir);
    const unconfirmed = await call(client, 'memoir_forget', { ids: [id], confirm: false });
    expect(unconfirmed.body).toMatchObject({ code: 'confirmation-required', exitCode: 4 });
    expect(allObjects(dir)).toContain('locker code');
    const forgot = await call(client, 'memoir_forget', { ids: [id], confirm: true, reason: 'asked by the user' });
    expect(forgot.isError).toBe(false);
    expect(forgot.body).toMatchObject({
      factIds: [id],
      reason: 'asked by the user',
      branches: ['main'],
      remaining: [],
    });
    expect(JSON.stringify(forgot.body)).not.toContain('locker');
    expect(allObjects(dir)).not.toContain('locker code');
    expect(gitIn(dir, ['log', '--format=%s', 'main'])).toContain('I use fish as my shell');
    expectFsckClean(dir);
  });

  it('lists the repairs memory needs, and with applySafe commits only what a rule settles', async () => {
    const dir = await initRepoIn();
    await memoirIn(['add', 'Allergic to peanuts', '-p', 'health.diet.allergies', '--commit'], { cwd: dir });
    await memoirIn(['add', 'allergic to peanuts', '-p', 'preferences.food.cuisine', '--commit'], { cwd: dir });
    await memoirIn(['add', 'We deploy on Tuesdays', '-p', 'project.infrastructure.deployment', '--commit'], {
      cwd: dir,
    });
    await memoirIn(['add', 'We deploy every Friday', '-p', 'project.infrastructure.deployment', '--commit'], {
      cwd: dir,
    });
    const { client } = await connect(dir);
    const head = revParse(dir);
    const listed = await call(client, 'memoir_consolidate', {});
    expect(listed.isError).toBe(false);
    expect(listed.body).toEqual(
      JSON.parse((await memoirIn(['consolidate', '--dry-run', '--json'], { cwd: dir })).stdout),
    );
    expect(listed.body.proposals.map((p: { kind: string }) => p.kind)).toEqual(['dedupe', 'contradiction']);
    expect(revParse(dir)).toBe(head);
    const applied = await call(client, 'memoir_consolidate', { applySafe: true });
    expect(applied.body.commits).toEqual([
      expect.objectContaining({
        kind: 'dedupe',
        commit: revParse(dir),
        subject: 'consolidate(dedupe): merge 1 duplicate fact',
      }),
    ]);
    expect(gitIn(dir, ['log', '-1', '--format=%B'])).toContain('Memoir-Consolidate: dedupe');
    expect(gitIn(dir, ['show', 'main:project/infrastructure/deployment.md'])).toContain('Tuesdays');
    expectFsckClean(dir);
  });

  it('serialises concurrent calls: parallel remembers each land in their own commit', async () => {
    const dir = await initRepoIn();
    const { client } = await connect(dir);
    const facts = ['Likes jazz', 'Likes Bach', 'Likes Robyn', 'Likes Bowie'];
    const results = await Promise.all(
      facts.map((content) => call(client, 'memoir_remember', { content, path: 'preferences.entertainment.music' })),
    );
    expect(results.every((r) => !r.isError && r.body.status === 'committed')).toBe(true);
    expect(gitIn(dir, ['rev-list', '--count', 'main']).trim()).toBe('4');
    expectFsckClean(dir);
  });

  it('sees what the CLI commits while it runs, and the CLI sees what it commits', async () => {
    const dir = await initRepoIn();
    const { client } = await connect(dir);
    await call(client, 'memoir_remember', { content: 'Prefers tabs', path: 'preferences.coding.style' });
    ok(
      await memoirIn(['add', 'We have a grey cat called Pixel', '-p', 'relationships.pets.animals', '--commit'], {
        cwd: dir,
      }),
    );
    const recalled = await call(client, 'memoir_recall', { query: 'what is the cat called?' });
    expect(recalled.body[0]).toMatchObject({ text: 'We have a grey cat called Pixel', commit: revParse(dir) });
    const remembered = await call(client, 'memoir_remember', {
      content: 'Pixel likes boxes',
      path: 'relationships.pets.animals',
    });
    expect(gitIn(dir, ['rev-parse', 'main^']).trim()).not.toBe(remembered.body.commit);
    expect(remembered.body.commit).toBe(revParse(dir));
    expect(
      JSON.parse((await memoirIn(['get', 'relationships.pets.animals', '--json'], { cwd: dir })).stdout),
    ).toHaveLength(2);
    expect(gitIn(dir, ['rev-list', '--count', 'main']).trim()).toBe('3');
  });

  it('serves the repository named by --memoir-dir, and fails at start outside a repository', async () => {
    const dir = await initRepoIn();
    const elsewhere = tempDir();
    const { client } = await connect(elsewhere, {}, ['--memoir-dir', gitdirOf(dir)]);
    const remembered = await call(client, 'memoir_remember', {
      content: 'Prefers tabs',
      path: 'preferences.coding.style',
    });
    expect(remembered.body.commit).toBe(revParse(dir));
    const failed = await memoirIn(['mcp'], { cwd: tempDir() });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/not a memoir repository|no memoir repository/i);
  });
});
