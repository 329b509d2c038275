import type { RecallHit } from '../core/recall.js';

/** What `memoir recall` found: the result its renderers read. */
export interface RecallResult {
  question: string;
  /** The commit whose facts were searched; undefined on a branch with no commits. */
  commit?: string;
  hits: RecallHit[];
  reranked: boolean;
}
