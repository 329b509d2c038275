import type { AddOutcome } from '../core/stage.js';
import type { CommitResult } from '../runtime/commitChanges.js';
import type { QueuedFact } from '../store/reviewQueue.js';

/** What `memoir review` did: the result its renderers read. */
export interface ReviewResult {
  /** What is still waiting after this run. */
  waiting: QueuedFact[];
  accepted: AddOutcome[];
  rejected: QueuedFact[];
  commit?: CommitResult;
  /** Nothing was settled: the queue was only listed. */
  listed: boolean;
}
