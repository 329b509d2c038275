import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { expectFsckClean, gitIn, readStageFile, repoTemplate, revParse } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * A writer's result is data, on stdout as git prints it (`out=$(memoir commit)` holds
 * `[main 3f2a1c0] ...`); -q/--quiet silences it and the status lines, never an error,
 * a warning or --json.
 */

const THEME = 'preferences.ui.theme';
const FOOD = 'preferences.food.cuisine';
const freshRepo = repoTemplate();
const NOW = { MEMOIR_NOW: '2026-03-01T00:00:00Z' };

async function quiet(dir: string, args: string[]) {
  const result = await runIn(dir, [...args, '-q'], NOW);
  expect(result.code, result.stderr).toBe(0);
  expect({ args, stdout: result.stdout, stderr: result.stderr }).toEqual({ args, stdout: '', stderr: '' });
}

describe('write results on stdout', () => {
  it('commit prints its banner on stdout and nothing on stderr', async () => {
    const dir = freshRepo();
    const added = await runIn(dir, ['add', 'Likes ramen', '-p', FOOD], NOW);
    expect(added.stdout).toMatch(/^staged preferences\.food\.cuisine: Likes ramen \([0-9a-f]{10}\)\n$/);
    expect(added.stderr).toContain('memoir commit'); // the hint stays on stderr
    const committed = await runIn(dir, ['commit'], NOW);
    expect(committed.stdout).toBe(`[main ${revParse(dir).slice(0, 7)}] Remember ${FOOD}: Likes ramen\n 1 fact added\n`);
    expect(committed.stderr).toBe('');
  });
});

describe('-q/--quiet on the writers', () => {
  it('every writer runs silently and does its work', async () => {
    const dir = freshRepo();
    await quiet(dir, ['add', 'Likes ramen', '-p', FOOD]);
    expect(readStageFile(dir).ops).toHaveLength(1);
    await quiet(dir, ['commit']);
    expect(gitIn(dir, ['log', '--format=%s', 'main']).trim()).toBe(`Remember ${FOOD}: Likes ramen`);
    await quiet(dir, ['add', 'I prefer dark mode', '-p', THEME, '--commit']);
    const id = readFactId(await runIn(dir, ['get', THEME, '--json'], NOW));
    await quiet(dir, ['branch', 'feature']);
    await quiet(dir, ['checkout', 'feature']);
    expect(gitIn(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/feature');
    await quiet(dir, ['rm', id]);
    await quiet(dir, ['reset']);
    expect(readStageFile(dir).ops).toEqual([]);
    await quiet(dir, ['rm', id]);
    await quiet(dir, ['commit', '-m', 'Forget the theme']);
    await quiet(dir, ['restore', THEME, '--source', 'HEAD~1']);
    expect(readStageFile(dir).ops).toHaveLength(1);
    await quiet(dir, ['reset', '--quiet']);
    await quiet(dir, ['revert', 'HEAD']);
    expect(gitIn(dir, ['log', '-1', '--format=%s']).trim()).toBe('Revert "Forget the theme"');
    await quiet(dir, ['checkout', 'main']);
    await quiet(dir, ['merge', 'feature']);
    await quiet(dir, ['reset', '--hard', 'HEAD~1', '--force']);
    await quiet(dir, ['branch', '-D', 'feature']);
    expect(gitIn(dir, ['branch', '--list']).trim()).toBe('* main');
    expectFsckClean(dir);
  });

  it('keeps errors and warnings, and --json', async () => {
    const dir = freshRepo();
    const refused = await runIn(dir, ['commit', '-q'], NOW);
    expect(refused.errorCode).toBe('nothing-to-commit');
    const json = await runIn(dir, ['add', 'Likes ramen', '-p', FOOD, '--commit', '-q', '--json'], NOW);
    expect(parseJson<{ commit: { commit: string } }>(json.stdout).commit.commit).toBe(revParse(dir));
    await runIn(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit'], NOW);
    // a detached HEAD is a warning: said even with -q
    const detached = await runIn(dir, ['checkout', 'HEAD~1', '-q'], NOW);
    expect(detached.code).toBe(0);
    expect(detached.stdout).toBe('');
    expect(detached.stderr).toMatch(/^memoir: warning: you are in 'detached HEAD' state/);
  });
});

function readFactId(result: { stdout: string }): string {
  return parseJson<Array<{ id: string }>>(result.stdout)[0].id;
}
