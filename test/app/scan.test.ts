import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { allObjects, gitIn, leafFile, nativeCommit, ok, repoTemplate, revParse } from '../helpers/e2e.js';
import { runIn, runnerIn } from '../helpers/inProcess.js';
import { FOOD, LANGS, sessionIn } from '../helpers/merge.js';

/*
 * scan (issue 17): the secret guard over every fact history holds. A token committed with plain
 * git three commits back is found, named by commit, leaf, fact id and kind, never printed;
 * scan --forget erases it from all of history.
 */

// built at run time so no scanner flags this file
const TOKEN = ['ghp', 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0dF3hJ6'].join('_');

const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  await s.remember('Writes TypeScript', LANGS);
  nativeCommit(dir, { [leafFile('preferences.tools.apps')]: `- deploys with ${TOKEN}\n` }, 'notes from a script');
  for (let i = 0; i < 3; i++) await s.remember(`Likes dish ${i}`, FOOD);
});

interface ScanJson {
  checked: { commits: number; facts: number };
  findings: Array<{ commit: string; path: string; factId: string; kind: string }>;
}

describe('scan', () => {
  it('finds a secret a plain-git commit put three commits back, names where, never what (exit 4)', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    const result = await run(['scan', '--json']);
    expect(result.code).toBe(4);
    const scan = parseJson<ScanJson>(result.stdout);
    expect(scan.findings).toEqual([
      {
        commit: revParse(dir, 'main~3'),
        path: 'preferences.tools.apps',
        factId: expect.stringMatching(/^[0-9a-f]{10}$/),
        kind: 'github-token',
        label: 'a GitHub token',
      },
    ]);
    expect(scan.checked.commits).toBe(5);
    const human = await run(['scan'], { terminal: true, env: { NO_COLOR: '1' } });
    expect(human.stdout).toMatch(
      /^[0-9a-f]{7} {2}preferences\.tools\.apps {2}[0-9a-f]{10} {2}a GitHub token\n1 secret in history/,
    );
    for (const output of [result.stdout, result.stderr, human.stdout, human.stderr])
      expect(output).not.toContain(TOKEN);
  });

  it('--forget erases it from all of history; scan is then clean (exit 0)', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    const forgot = await run(['scan', '--forget', '--yes', '--json']);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stdout).not.toContain(TOKEN);
    expect(allObjects(dir)).not.toContain(TOKEN);
    expect(gitIn(dir, ['log', '--all', '-p'])).not.toContain(TOKEN);
    const again = ok(await run(['scan', '--all', '--json']));
    expect(parseJson<ScanJson>(again.stdout).findings).toEqual([]);
    // the plain-git commit held nothing else: it is gone, and the facts around it stay
    expect(gitIn(dir, ['log', '--format=%s', 'main'])).not.toContain('notes from a script');
    expect(gitIn(dir, ['show', `main:${leafFile(FOOD)}`])).toContain('Likes dish 2');
  });

  it('looks at other branches and reflog entries with --all only', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    ok(await s.run(['reset', '--hard', 'main~4', '--force']));
    // main no longer holds it; its reflog still does
    expect((await runIn(dir, ['scan'])).code).toBe(0);
    expect((await runIn(dir, ['scan', '--all'])).code).toBe(4);
  });
});
