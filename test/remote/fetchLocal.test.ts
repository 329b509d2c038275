import { describe, expect, it } from 'vitest';
import { runFetch } from '../../src/app/fetch.js';
import { addRemote } from '../../src/store/gitConfig.js';
import { createContext } from '../../src/runtime/context.js';
import { testEnv } from '../helpers/cli.js';
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
