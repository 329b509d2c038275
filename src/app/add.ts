import type { RejectedFact } from '../core/admit.js';
import type { AddOutcome } from '../core/stage.js';
import type { QueuedFact } from '../store/reviewQueue.js';
import type { CommitResult } from '../runtime/commitChanges.js';

/** What `memoir add` (and MCP memoir_remember) is asked to do, and what it did: the result its renderers read. */
export interface AddOptions {
  path?: string;
  file?: string;
  source?: string;
  commit?: boolean;
  message?: string;
  author?: string;
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
  branch?: string;
  validFrom?: string;
  validUntil?: string;
}

export interface AddResult {
  outcomes: AddOutcome[];
  rejected: RejectedFact[];
  /** Facts classified but not settled: waiting in the review queue (exit 3). */
  held: QueuedFact[];
  /** Review-queue ids of the facts a person skipped in the review screen (they are among `held`). */
  skipped: string[];
  batch: boolean;
  commit?: CommitResult;
  dryRun: boolean;
  /** Facts for which the model answered paths outside the taxonomy (dropped), and those paths. */
  invented?: Array<{ text: string; paths: string[] }>;
}
