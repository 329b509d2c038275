import type { Fact } from '../core/fact.js';
import type { Leaf } from '../core/taxonomy.js';
import type { PointInTime } from '../runtime/pointInTime.js';

/** What `memoir get` read: the result its renderers read. */
export interface GetResult {
  leaf: Leaf;
  facts: Fact[];
  /** The commit read and why (HEAD, --at, --as-of). */
  point?: PointInTime;
  /** The moment whose truth was asked for (--as-of or --valid-at), and the facts not valid then. */
  validAt?: Date;
  hidden?: Fact[];
}
