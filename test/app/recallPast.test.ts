import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * A value replaced at a `one` leaf leaves the tree but not the memory: recall finds it by its
 * words, names the fact that replaced it, and ranks the current value first when both answer.
 */

const NOW = { MEMOIR_NOW: '2026-03-01T00:00:00Z' };
const repo = repoTemplate();

interface Hit {
  id: string;
  text: string;
  commit: string | null;
  supersededBy?: string;
}

async function recall(dir: string, ...args: string[]): Promise<Hit[]> {
  const result = await runIn(dir, ['recall', ...args, '--json'], NOW);
  expect(result.code, result.stderr).toBe(0);
  return parseJson<Hit[]>(result.stdout);
}

async function remember(dir: string, text: string): Promise<string> {
  const added = await runIn(
    dir,
    ['add', text, '--path', 'profile.location.home', '--commit', '-m', text, '--json'],
    NOW,
  );
  expect(added.code, added.stderr).toBe(0);
  return parseJson<{ staged: Array<{ id: string }> }>(added.stdout).staged[0].id;
}

describe('recall of replaced values', () => {
  it('finds a value replaced at a one leaf, names what replaced it, and ranks the current value first', async () => {
    const dir = repo();
    const paris = await remember(dir, 'I live in Paris, near the canal');
    const lyon = await remember(dir, 'We moved to Lyon in the spring');
    const berlin = await remember(dir, 'Now I live in Berlin');

    const [found] = await recall(dir, 'Paris canal');
    expect(found).toMatchObject({ id: paris, supersededBy: lyon, commit: null });
    // two steps back along the chain
    expect((await recall(dir, 'Lyon'))[0]).toMatchObject({ id: lyon, supersededBy: berlin });
    // the current value carries no supersededBy, and wins when the words fit both
    const live = await recall(dir, 'where do I live', '-k', '3');
    expect(live[0]).toMatchObject({ id: berlin });
    expect(live[0].supersededBy).toBeUndefined();
    expect(live[0].commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('names the fact that replaced a value in the piped output, as its last field (after when)', async () => {
    const dir = repo();
    const paris = await remember(dir, 'I live in Paris, near the canal');
    const lyon = await remember(dir, 'We moved to Lyon in the spring');
    const result = await runIn(dir, ['recall', 'Paris canal', '-k', '1'], NOW);
    expect(result.code, result.stderr).toBe(0);
    const fields = result.stdout.trimEnd().split('\t');
    expect([fields[1], fields[3], fields[4], fields[6]]).toEqual([paris, 'I live in Paris, near the canal', '', lyon]);
  });
});
