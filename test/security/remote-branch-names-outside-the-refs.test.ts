import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { expectFsckClean, gitIn, ok } from '../helpers/e2e.js';
import { memoirIn, runIn } from '../helpers/inProcess.js';

/*
 * A remote's branch names are data: a name that is no valid ref (`x/../../../config`, written into
 * a bare repository's packed-refs by hand) must never become a path memoir writes.
 */

describe('branch names a remote advertises', () => {
  it('one that is not a valid ref name is ignored: nothing is written outside the refs', async () => {
    const remote = path.join(tempDir(), 'memory.git');
    execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', remote]);
    const source = tempDir();
    ok(await memoirIn(['init'], { cwd: source }));
    ok(await runIn(source, ['add', '--yes', '--commit', 'I prefer dark mode in every app']));
    ok(await runIn(source, ['remote', 'add', 'origin', remote]));
    ok(await runIn(source, ['push', 'origin', 'main']));
    const oid = gitIn(source, ['rev-parse', 'main']).trim();
    fs.appendFileSync(path.join(remote, 'packed-refs'), `${oid} refs/heads/x/../../../config\n`);

    const dir = tempDir();
    ok(await memoirIn(['clone', remote, '.'], { cwd: dir }));
    expect(gitIn(dir, ['for-each-ref', '--format=%(refname)', 'refs/remotes']).trim().split('\n')).toEqual([
      'refs/remotes/origin/HEAD',
      'refs/remotes/origin/main',
    ]);
    expect(fs.readFileSync(path.join(dir, '.memoir/config'), 'utf8')).toContain('[remote "origin"]');
    ok(await runIn(dir, ['fetch']));
    expectFsckClean(dir);
  });
});
