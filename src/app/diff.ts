import type { FactChange } from '../core/factDiff.js';

/** One side of a comparison: a commit, the stage applied to HEAD, or nothing (an unborn branch). */
export interface DiffSide {
  label: string;
  commit?: string;
}

/** What `memoir diff` compared and found: the result its renderers read. */
export interface DiffResult {
  from: DiffSide;
  to: DiffSide;
  paths: string[];
  changes: FactChange[];
}
