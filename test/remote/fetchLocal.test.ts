import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFetch } from '../../src/app/fetch.js';
import { addRemote } from '../../src/store/gitConfig.js';
import { createContext } from '../../src/runtime/context.js';
import { tempDir, testEnv } from '../helpers/cli.js';
import { expectFsckClean, gitdirOf, gitIn, repoTemplate, revParse } from '../helpers/e2e.js';
import { runIn, silentIO } from '../helpers/inProcess.js';

const freshRepo = repoTemplate();

function depsFor(dir: string) {
  const context = createContext(silentIO, testEnv(dir), dir, '0.0.0-test');
  context.globals = { memoirDir: gitdirOf(dir) };
  context.commandName = 'fetch';
  return context;
}

describe('fetch from a local path', () => {
  it('brings the branches into refs/remotes/<remote>/ and nothing else', async () => {
    const upstream = freshRepo();
    await runIn(upstream, ['add', '--yes', '--commit', 'I prefer dark mode in every app']);
    const local = freshRepo();
    await addRemote(gitdirOf(local), 'origin', gitdirOf(upstream));
    const before = gitIn(local, ['for-each-ref', 'refs/heads']);
    const result = await runFetch(undefined, {}, depsFor(local));
    expect(result.remotes[0].updates).toMatchObject([{ branch: 'main', kind: 'new', new: revParse(upstream) }]);
    expect(revParse(local, 'refs/remotes/origin/main')).toBe(revParse(upstream));
    expect(gitIn(local, ['for-each-ref', 'refs/heads'])).toBe(before);
    expectFsckClean(local);
    const again = await runFetch('origin', {}, depsFor(local));
    expect(again.remotes[0].updates).toMatchObject([{ kind: 'up-to-date' }]);
  });
});

describe('-q / --quiet on the transfer commands', () => {
  it('clone, fetch, push and pull print nothing on stdout; --json still does', async () => {
    const upstream = freshRepo();
    await runIn(upstream, ['add', '--yes', '--commit', 'I prefer dark mode in every app']);
    const a = tempDir();
    const cloned = await runIn(a, ['clone', '-q', gitdirOf(upstream), 'copy']);
    expect(cloned.code, cloned.stderr).toBe(0);
    expect(cloned.stdout).toBe('');
    const copy = path.join(a, 'copy');
    expect(revParse(copy)).toBe(revParse(upstream));

    await runIn(upstream, ['add', '--yes', '--commit', 'PRs need two approvals before merging']);
    for (const args of [
      ['fetch', '--quiet'],
      ['pull', '-q'],
    ]) {
      const result = await runIn(copy, args);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('');
    }
    expect(revParse(copy)).toBe(revParse(upstream));
    await runIn(copy, ['add', '--yes', '--commit', 'I drink my coffee black']);
    const pushed = await runIn(copy, ['push', '-q']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toBe('');
    expect(revParse(upstream)).toBe(revParse(copy));

    const json = await runIn(copy, ['fetch', '-q', '--json']);
    expect(JSON.parse(json.stdout).remotes[0].updates).toMatchObject([{ branch: 'main', kind: 'up-to-date' }]);
  });
});
