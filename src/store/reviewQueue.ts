import type { Validity } from '../core/fact.js';
import type { Candidate } from '../core/classification.js';
import { readStateFile, writeStateFile, type StateFile } from './stateFile.js';

/** A fact whose leaf no one has settled yet: held, not dropped, until `memoir review`. */
export interface QueuedFact extends Validity {
  /** Stable id of the queue entry (10 hex digits), for `memoir review --accept ID`. */
  id: string;
  text: string;
  source: string;
  recordedAt: string;
  /** What classified it (`offline`, `openai:<model>`), and its suggestions, best first. */
  classifier: string;
  candidates: Candidate[];
  /** Held because no leaf fits the text (chit-chat, text the classifier cannot read), also under --yes. */
  reason?: 'no-leaf-fits';
}

export interface ReviewQueue {
  version: 1;
  items: QueuedFact[];
}

function isQueue(value: unknown): value is ReviewQueue {
  const q = value as ReviewQueue;
  return (
    typeof q === 'object' &&
    q !== null &&
    q.version === 1 &&
    Array.isArray(q.items) &&
    q.items.every((i) => typeof i?.id === 'string' && typeof i.text === 'string' && Array.isArray(i.candidates))
  );
}

const QUEUE: StateFile<ReviewQueue> = {
  name: 'review.json',
  empty: () => ({ version: 1, items: [] }),
  isValid: isQueue,
  corrupt: {
    code: 'corrupt-review-queue',
    what: 'review queue',
    hint: 'restore it, or remove it to drop the facts waiting for review',
  },
};

export function readReviewQueue(gitdir: string): ReviewQueue {
  return readStateFile(gitdir, QUEUE);
}

/** Replaces the queue atomically; the caller holds the repository lock. */
export function writeReviewQueue(gitdir: string, queue: ReviewQueue): void {
  writeStateFile(gitdir, QUEUE, queue);
}
