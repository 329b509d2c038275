import * as fs from 'node:fs';
import * as os from 'node:os';
import { MemoirError } from '../errors/index.js';

/*
 * One writer at a time. The lock is a file created with O_EXCL holding the owner's pid and
 * host; a lock whose owner is gone (killed, crashed) is stale and is broken by the next
 * writer. Breaking is itself guarded by a short-lived `.break` file, so two waiters that
 * both see the same stale lock cannot remove a lock the other has just taken.
 */

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
  command: string;
}

export interface LockOptions {
  timeoutMs: number;
  command: string;
  /** Told once when the lock is busy and we start waiting. */
  onWait?: (owner: LockOwner | undefined) => void;
  /** The lock file's mode (the repository's, see modes.ts); default 0666 less the umask. */
  mode?: number;
}

const POLL_MS = 25;
/** A lock or breaker file this old with unreadable content is a leftover of a killed process. */
const ORPHAN_MS = 2000;

const held = new Set<string>();

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid is running (EPERM: it is, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The lock left by a writer that is gone (a dead pid on this host, or unreadable and old):
 * what the next writer breaks on its own, and `memoir fsck` reports. Undefined when there is
 * no lock or its owner may still be writing.
 */
export function staleLock(file: string): { owner?: LockOwner } | undefined {
  if (held.has(file)) return undefined;
  let exists = true;
  try {
    fs.statSync(file);
  } catch {
    exists = false;
  }
  if (!exists) return undefined;
  const owner = readOwner(file);
  return isStale(file, owner) ? { owner } : undefined;
}

function isStale(file: string, owner: LockOwner | undefined): boolean {
  if (!owner) return ageMs(file) > ORPHAN_MS;
  return owner.host === os.hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

/** O_EXCL: a file already there, or a symbolic link planted in its place, is never opened. */
function tryCreate(file: string, content: string, mode?: number): boolean {
  try {
    const fd = fs.openSync(file, 'wx', mode);
    try {
      fs.writeSync(fd, content);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function breakStale(file: string, seen: string, mode?: number): void {
  const breaker = file + '.break';
  if (!tryCreate(breaker, String(process.pid), mode)) {
    if (ageMs(breaker) > ORPHAN_MS) fs.rmSync(breaker, { force: true });
    return;
  }
  try {
    let current: string | undefined;
    try {
      current = fs.readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === seen) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

/** Takes the lock, waiting up to `timeoutMs`; throws `lock-timeout` when it stays busy. */
export async function acquireLock(file: string, options: LockOptions): Promise<() => void> {
  const me: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    since: new Date().toISOString(),
    command: options.command,
  };
  const content = JSON.stringify(me);
  const deadline = Date.now() + options.timeoutMs;
  let told = false;
  for (;;) {
    if (tryCreate(file, content, options.mode)) {
      held.add(file);
      return () => releaseLock(file, content);
    }
    let seen = '';
    try {
      seen = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // released between our attempts: try again at once
    }
    const owner = readOwner(file);
    if (isStale(file, owner)) {
      breakStale(file, seen, options.mode);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = owner ? `pid ${owner.pid} (memoir ${owner.command}, since ${owner.since})` : 'another process';
      throw new MemoirError('lock-timeout', `the repository is locked by ${who}`, {
        hint: `wait for it to finish and retry, or raise --lock-timeout; if no memoir process is running, remove ${file}`,
        data: { owner },
      });
    }
    if (!told) {
      told = true;
      options.onWait?.(owner);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function releaseLock(file: string, content: string): void {
  held.delete(file);
  try {
    if (fs.readFileSync(file, 'utf8') === content) fs.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

/** Removes the locks this process holds; for exit and signal handlers. */
export function releaseAllLocks(): void {
  for (const file of held) {
    try {
      const owner = readOwner(file);
      if (owner?.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // best effort on the way out
    }
  }
  held.clear();
}
