import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitIn, ok, repoTemplate, revParse } from '../helpers/e2e.js';
import { call, connect } from '../helpers/mcp.js';
import { runnerIn } from '../helpers/inProcess.js';

const threeCommits = repoTemplate(async (dir) => {
  const run = runnerIn(dir);
  for (const drink of ['water', 'tea', 'coffee'])
    ok(await run(['add', `Likes ${drink}`, '-p', 'preferences.food.drinks', '--commit']));
});

describe('checkout away from a detached HEAD', () => {
  it('names the commits no branch holds and how to keep them, as git warns', async () => {
    const dir = threeCommits();
    const run = runnerIn(dir);
    ok(await run(['checkout', 'HEAD~1']));
    ok(await run(['add', 'Likes juice', '-p', 'preferences.food.drinks', '--commit']));
    ok(await run(['add', 'Likes soda', '-p', 'preferences.food.drinks', '--commit']));
    const orphan = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    const result = ok(await run(['checkout', 'main']));
    expect(result.stderr).toContain('leaving 2 commits behind');
    expect(result.stderr).toContain(orphan.slice(0, 7));
    expect(result.stderr).toContain('Likes soda');
    expect(result.stderr).toContain(`memoir branch <new-branch> ${orphan.slice(0, 7)}`);
    // the hint keeps them
    ok(await run(['branch', 'kept', orphan.slice(0, 7)]));
    expect(gitIn(dir, ['rev-list', '--count', 'main..kept']).trim()).toBe('2');
  });

  it('says nothing when every commit is still on a branch, and lists them in --json otherwise', async () => {
    const dir = threeCommits();
    const run = runnerIn(dir);
    ok(await run(['checkout', 'HEAD~2']));
    expect(ok(await run(['checkout', 'main'])).stderr).not.toContain('behind');
    ok(await run(['checkout', revParse(dir, 'main~1')]));
    ok(await run(['add', 'Likes juice', '-p', 'preferences.food.drinks', '--commit']));
    const orphan = gitIn(dir, ['rev-parse', 'HEAD']).trim();
    const json = parseJson<{ leftBehind: Array<{ commit: string; subject: string }> }>(
      ok(await run(['checkout', 'main', '--json'])).stdout,
    );
    expect(json.leftBehind).toEqual([{ commit: orphan, subject: expect.stringContaining('Likes juice') }]);
  });
});

describe('an agent on a detached HEAD', () => {
  it('is refused a write that names no branch, and told to name one; with a branch the write lands there', async () => {
    const dir = threeCommits();
    const { client } = await connect(dir);
    const main = revParse(dir);
    const checkout = await call(client, 'memoir_checkout', { branch: 'HEAD~1' });
    expect(checkout.body).toMatchObject({ detached: true, branch: null });
    const refused = await call(client, 'memoir_remember', { content: 'Likes juice', path: 'preferences.food.drinks' });
    expect(refused.isError).toBe(true);
    expect(refused.body).toMatchObject({ code: 'detached-head', hint: expect.stringContaining('"branch"') });
    const forget = await call(client, 'memoir_remove', { path: 'preferences.food.drinks' });
    expect(forget.body).toMatchObject({ code: 'detached-head' });
    // nothing was written anywhere: main as it was, HEAD still where the agent put it
    expect(revParse(dir)).toBe(main);
    expect(gitIn(dir, ['rev-parse', 'HEAD']).trim()).toBe(revParse(dir, 'main~1'));
    const named = await call(client, 'memoir_remember', {
      content: 'Likes juice',
      path: 'preferences.food.drinks',
      branch: 'main',
    });
    expect(named.body).toMatchObject({ status: 'committed', branch: 'main' });
    expect(gitIn(dir, ['show', 'main:preferences/food/drinks.md'])).toContain('Likes juice');
  });
});
