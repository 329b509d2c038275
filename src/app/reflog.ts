import type { ReflogEntry } from '../store/refs.js';

/** What `memoir reflog` found: the result its renderers read. */
export interface ReflogResult {
  /** The short name the entries are shown with: `main`, or `HEAD` when detached. */
  name: string;
  entries: ReflogEntry[];
}
