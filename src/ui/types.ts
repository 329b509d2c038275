import type { Candidate } from '../classify/types.js';

/** A suggestion as the review screen shows it. */
export interface ReviewCandidate extends Candidate {
  description: string;
  /** For a `one` leaf that holds a value: the fact it would supersede. */
  supersedes?: string;
}

/** One fact to review: its text and ranked suggestions. */
export interface ReviewItem {
  text: string;
  candidates: ReviewCandidate[];
}

export type ReviewDecision = { kind: 'accept'; path: string; how: 'accepted' | 'picked' | 'edited' } | { kind: 'skip' };

/** The whole review: a decision per item, or aborted (q/Esc: nothing from this run is kept). */
export type ReviewOutcome = { aborted: true } | { aborted: false; decisions: ReviewDecision[] };

/** What the path editor completes against. */
export interface LeafInfo {
  path: string;
  description: string;
}
