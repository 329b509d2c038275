import type { Deps } from './deps.js';
import type { Fact } from '../core/fact.js';
import type { LeafRef } from '../core/taxonomy.js';
import type { PointInTime } from './pointInTime.js';
import { isValidAt } from '../core/fact.js';
import { parseWhen } from '../core/when.js';
import { requireLeaf } from '../core/taxonomy.js';
import { pointInTime, type PointInTimeOptions } from './pointInTime.js';

/** What `memoir get` read: the result its renderers read. */
export interface GetResult {
  leaf: LeafRef;
  facts: Fact[];
  /** The commit read and why (HEAD, --at, --as-of). */
  point?: PointInTime;
  /** The moment whose truth was asked for (--as-of or --valid-at), and the facts not valid then. */
  validAt?: Date;
  hidden?: Fact[];
}

export interface GetOptions extends PointInTimeOptions {
  validAt?: string;
  json?: boolean;
}

/**
 * The facts at a leaf: now, at a commit (--at), or as of a moment (--as-of), which reads
 * what was known then (the commit) and keeps what was true then (each fact's validity).
 */
export async function runGet(leafPath: string, options: GetOptions, context: Deps): Promise<GetResult> {
  const leaf = requireLeaf(await context.leafIndex(), leafPath);
  const memory = await context.memory();
  const point = await pointInTime(memory, options, context.now());
  const facts = await memory.readLeaf(point.commit, leaf.path);
  const validAt =
    options.validAt !== undefined ? await parseWhen(options.validAt, context.now(), '--valid-at') : point.asOf;
  if (!validAt) return { leaf, facts, point };
  return {
    leaf,
    facts: facts.filter((f) => isValidAt(f, validAt)),
    point,
    validAt,
    hidden: facts.filter((f) => !isValidAt(f, validAt)),
  };
}
