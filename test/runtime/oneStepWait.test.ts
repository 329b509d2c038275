import { silentIO } from '../helpers/inProcess.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContext, ONE_STEP_WAIT_SECONDS } from '../../src/runtime/context.js';
import { GitStore } from '../../src/store/git.js';
import { tempDir } from '../helpers/cli.js';

// A one-step write queues on the lock as a matter of course: it waits longer than the default, unless lock.timeout is set.

async function repoWithBusyLock(): Promise<{ dir: string; lock: string }> {
  const dir = tempDir();
  await GitStore.init(path.join(dir, '.memoir'), 'main');
  fs.mkdirSync(path.join(dir, '.memoir', 'state'), { recursive: true });
  const lock = path.join(dir, '.memoir', 'state', 'lock');
  // held by a live process (this one, as another memoir process would): never stale
  fs.writeFileSync(
    lock,
    JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-01-02T03:04:05Z', command: 'add' }),
  );
  return { dir, lock };
}

const homeEnv = (dir: string, extra: Record<string, string> = {}) => ({
  HOME: dir,
  XDG_CONFIG_HOME: path.join(dir, '.config'),
  ...extra,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('context.locked: how long a one-step write waits', () => {
  it(`waits up to ${ONE_STEP_WAIT_SECONDS} s when lock.timeout is not set (a two-step write gives up after 10)`, async () => {
    const { dir, lock } = await repoWithBusyLock();
    const context = createContext(silentIO, homeEnv(dir), dir, '0.0.0');
    context.commandName = 'add';
    const memory = await context.memory();
    await context.config();
    vi.useFakeTimers();
    const twoStep = context.locked(memory, async () => 'two').catch((error) => error.code);
    const oneStep = context.locked(memory, async () => 'one', { oneStep: true });
    await vi.advanceTimersByTimeAsync(11_000);
    expect(await twoStep).toBe('lock-timeout');
    await vi.advanceTimersByTimeAsync(60_000);
    fs.rmSync(lock);
    await vi.advanceTimersByTimeAsync(100);
    expect(await oneStep).toBe('one');
  });

  it('keeps to lock.timeout when it is set', async () => {
    const { dir } = await repoWithBusyLock();
    const context = createContext(silentIO, homeEnv(dir, { MEMOIR_LOCK_TIMEOUT: '0' }), dir, '0.0.0');
    context.commandName = 'add';
    const memory = await context.memory();
    await expect(context.locked(memory, async () => 'one', { oneStep: true })).rejects.toMatchObject({
      code: 'lock-timeout',
    });
  });
});
