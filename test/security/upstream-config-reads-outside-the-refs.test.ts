import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitdirOf, gitIn, ok, repoTemplate, revParse } from '../helpers/e2e.js';
import { runnerIn } from '../helpers/inProcess.js';
import { THEME, sessionIn } from '../helpers/merge.js';

/*
 * A store may come from someone else's folder: its config's upstream settings are data. A
 * `branch.<b>.merge` or a fetch refspec that climbs out of refs/ must not make status or @{u}
 * read a file outside the repository as if it were a ref, and names with control characters
 * reach the terminal inert.
 */

const repo = repoTemplate(async (dir) => {
  await sessionIn(dir).remember('I prefer dark mode', THEME);
});

/** A file outside the repository holding a commit id, as a ref file would. */
function bait(dir: string): string {
  const file = path.join(dir, 'outside');
  fs.writeFileSync(file, `${revParse(dir)}\n`);
  return file;
}

describe('upstream settings that point outside refs/', () => {
  it('a local upstream whose merge ref climbs out of the repository is gone, not read', async () => {
    const dir = repo();
    bait(dir);
    gitIn(dir, ['config', 'branch.main.remote', '.']);
    gitIn(dir, ['config', 'branch.main.merge', 'refs/heads/../../../outside']);
    const run = runnerIn(dir);
    const status = parseJson<{ upstream: { gone?: true } }>(ok(await run(['status', '--json'])).stdout);
    expect(status.upstream.gone).toBe(true);
    expect((await run(['show', '@{u}'])).errorCode).toBe('upstream-gone');
  });

  it('a fetch refspec that maps into a path outside refs/ leaves the upstream gone', async () => {
    const dir = repo();
    bait(dir);
    gitIn(dir, ['config', 'remote.origin.url', 'https://example.com/m.git']);
    gitIn(dir, ['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/../../../*']);
    gitIn(dir, ['config', 'branch.main.remote', 'origin']);
    gitIn(dir, ['config', 'branch.main.merge', 'refs/heads/outside']);
    const run = runnerIn(dir);
    expect((await run(['show', 'main@{u}'])).errorCode).toBe('upstream-gone');
    expect(ok(await run(['branch', '-vv'])).stdout).toContain('\tgone\n');
  });

  it('an upstream name with terminal escapes is printed inert', async () => {
    const dir = repo();
    // git's config syntax has no escape for them: written raw, as a tampered file would have them
    const merge = 'refs/heads/x\u001b]0;pwned\u0007';
    fs.appendFileSync(path.join(gitdirOf(dir), 'config'), `[branch "main"]\n\tremote = origin\n\tmerge = ${merge}\n`);
    const run = runnerIn(dir);
    for (const args of [['status'], ['branch', '-vv'], ['show', '@{u}']]) {
      const result = await run(args, { terminal: true, env: { NO_COLOR: '1' } });
      expect(result.stdout + result.stderr).toContain('origin/x');
      expect(result.stdout + result.stderr).not.toMatch(/[\u001b\u0007]/);
    }
  });
});
