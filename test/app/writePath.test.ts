import { silentIO } from '../helpers/inProcess.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAdd } from '../../src/app/add.js';
import { runCommit } from '../../src/app/commit.js';
import { createContext } from '../../src/runtime/context.js';
import { Memory } from '../../src/store/memory.js';
import { testEnv } from '../helpers/cli.js';
import { expectFsckClean, gitdirOf, gitIn, repoTemplate } from '../helpers/e2e.js';

/*
 * The write path does each thing once: `add --commit` reads the leaves it touches once, under
 * the lock, and never reads or writes the stage; a two-step add and commit write the stage once
 * each. The use cases run in-process, with the CLI's own context, against a real repository.
 */

const freshRepo = repoTemplate();
const THEME = 'preferences.ui.theme';

function depsFor(dir: string) {
  const context = createContext(silentIO, testEnv(dir), dir, '0.0.0-test');
  context.globals = { memoirDir: gitdirOf(dir) };
  context.commandName = 'add';
  return context;
}

/** Counts the calls of a few Memory methods while `fn` runs. */
async function counting<T>(fn: () => Promise<T>) {
  const spies = {
    readLeaves: vi.spyOn(Memory.prototype, 'readLeaves'),
    readStage: vi.spyOn(Memory.prototype, 'readStage'),
    writeStage: vi.spyOn(Memory.prototype, 'writeStage'),
    writeCommit: vi.spyOn(Memory.prototype, 'writeCommit'),
  };
  for (const spy of Object.values(spies)) spy.mockClear();
  const result = await fn();
  const calls = Object.fromEntries(Object.entries(spies).map(([name, spy]) => [name, spy.mock.calls.length]));
  return { result, calls };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the write path does each thing once', () => {
  it('add --commit reads the leaves once, leaves the stage alone, and writes one commit', async () => {
    const dir = freshRepo();
    const { result, calls } = await counting(() =>
      runAdd(['I prefer dark mode'], { path: THEME, commit: true, message: 'Theme' }, depsFor(dir)),
    );
    expect(result.commit?.commits).toHaveLength(1);
    expect(calls).toEqual({ readLeaves: 1, readStage: 0, writeStage: 0, writeCommit: 1 });
    expect(gitIn(dir, ['log', '-1', '--format=%s', 'main']).trim()).toBe('Theme');
    expect(gitIn(dir, ['show', `main:${THEME.replaceAll('.', '/')}.md`])).toContain('I prefer dark mode');
    expectFsckClean(dir);
  });

  it('add then commit: the stage is written once by each, read once by commit', async () => {
    const dir = freshRepo();
    const staged = await counting(() => runAdd(['I prefer dark mode'], { path: THEME }, depsFor(dir)));
    expect(staged.calls).toEqual({ readLeaves: 1, readStage: 1, writeStage: 1, writeCommit: 0 });
    const deps = depsFor(dir);
    const memory = await deps.memory();
    const committed = await counting(() => deps.locked(memory, () => runCommit(memory, {}, deps)));
    // once to commit the staged operations, once to clear the stage
    expect(committed.calls).toEqual({ readLeaves: 1, readStage: 1, writeStage: 1, writeCommit: 1 });
    expect(committed.result.added.map((a) => a.fact.text)).toEqual(['I prefer dark mode']);
    expectFsckClean(dir);
  });
});
