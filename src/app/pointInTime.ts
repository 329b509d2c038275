import { parseWhen } from '../core/when.js';
import { UsageError } from '../errors/index.js';
import { commitAsOf } from '../store/history.js';
import type { Memory } from '../store/memory.js';

export interface PointInTimeOptions {
  /** A revision: the memory as it was at that commit. */
  at?: string;
  /** A date: the memory as it was on the current branch at that moment. */
  asOf?: string;
}

/** Which commit a read looks at, and why. */
export interface PointInTime {
  /** The commit to read; undefined for an empty memory (unborn branch, or a date before the first commit). */
  commit?: string;
  /** The revision given with --at. */
  at?: string;
  /** The moment given with --as-of. */
  asOf?: Date;
}

/** Resolves --at or --as-of (one at most) to a commit; without either, HEAD. */
export async function pointInTime(memory: Memory, options: PointInTimeOptions, now: Date): Promise<PointInTime> {
  if (options.at !== undefined && options.asOf !== undefined) {
    throw new UsageError('conflicting-options', '--at and --as-of both choose the commit to read', {
      hint: 'give one: --at REV for a commit, --as-of DATE for a moment',
    });
  }
  if (options.at !== undefined) return { commit: await memory.resolve(options.at), at: options.at };
  const head = (await memory.head()).oid;
  if (options.asOf === undefined) return { commit: head };
  const asOf = await parseWhen(options.asOf, now, '--as-of');
  return { commit: (await commitAsOf(memory, head, asOf))?.oid, asOf };
}
