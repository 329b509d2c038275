import * as path from 'node:path';
import type { Fact } from '../../src/core/fact.js';
import { GitStore } from '../../src/store/git.js';
import { Memory } from '../../src/store/memory.js';
import { tempDir } from './cli.js';

/** Store tests: a fresh repository, and commits written in-process with a fixed author and a clock that ticks. */

/** A fact as memoir writes one, at a leaf, with a fixed time and provenance. */
export const fact = (id: string, leaf: string, text: string): Fact => ({
  id,
  path: leaf,
  text,
  recordedAt: '2026-01-01T00:00:00Z',
  source: 'test',
  classifier: 'manual',
});

export const who = { name: 'Store Test', email: 'store@example.com', timestamp: 1_767_225_600, timezoneOffset: 0 };

export async function newMemory(): Promise<Memory> {
  const gitdir = path.join(tempDir(), '.memoir');
  await GitStore.init(gitdir, 'main');
  return new Memory(gitdir);
}

let step = 0;
/** A commit with these parents and leaf contents (relative to the first parent). */
export async function commitOn(memory: Memory, parents: string[], leaves: Record<string, Fact[]>): Promise<string> {
  const when = { ...who, timestamp: who.timestamp + ++step };
  return memory.writeCommit({
    parents,
    leaves: new Map(Object.entries(leaves)),
    message: `step ${step}`,
    author: when,
    committer: when,
  });
}
