import * as path from 'node:path';
import type { Candidate } from '../classify/types.js';
import { MemoirError } from '../errors/index.js';
import { readFileIfExists, writeFileAtomicSync } from './atomicFile.js';
import { STATE_DIR } from './repository.js';

/** A fact whose leaf no one has settled yet: held, not dropped, until `memoir review`. */
export interface QueuedFact {
  /** Stable id of the queue entry (10 hex digits), for `memoir review --accept ID`. */
  id: string;
  text: string;
  source: string;
  recordedAt: string;
  /** What classified it (`offline`, `openai:<model>`), and its suggestions, best first. */
  classifier: string;
  candidates: Candidate[];
}

export interface ReviewQueue {
  version: 1;
  items: QueuedFact[];
}

function queueFile(gitdir: string): string {
  return path.join(gitdir, STATE_DIR, 'review.json');
}

function isQueue(value: unknown): value is ReviewQueue {
  const q = value as ReviewQueue;
  return typeof q === 'object' && q !== null && q.version === 1 && Array.isArray(q.items) &&
    q.items.every((i) => typeof i?.id === 'string' && typeof i.text === 'string' && Array.isArray(i.candidates));
}

export function readReviewQueue(gitdir: string): ReviewQueue {
  const file = queueFile(gitdir);
  const text = readFileIfExists(file);
  if (text === undefined || text.trim() === '') return { version: 1, items: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isQueue(parsed)) throw new MemoirError('corrupt-review-queue', `the review queue ${file} is not valid`, { hint: 'restore it, or remove it to drop the facts waiting for review' });
  return parsed;
}

/** Replaces the queue atomically; the caller holds the repository lock. */
export function writeReviewQueue(gitdir: string, queue: ReviewQueue): void {
  writeFileAtomicSync(queueFile(gitdir), JSON.stringify(queue) + '\n', { tmpDir: path.join(gitdir, STATE_DIR, 'tmp') });
}
