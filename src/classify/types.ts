import type { Classification } from '../core/classification.js';
import type { ProgressSink } from '../core/progress.js';

export type { Candidate, Classification } from '../core/classification.js';

/**
 * Places facts in the taxonomy. Implementations: the embedded offline classifier (no key,
 * no network, deterministic) and the OpenAI-compatible one.
 */
export interface Classifier {
  /** `offline` or `openai:<model>`: recorded with every fact it places. */
  readonly name: string;
  /**
   * What its answers depend on (its trained models, the taxonomy, the corrections), hashed: the
   * same identity gives the same answer for the same text, so answers may be kept. Undefined
   * where that cannot be said (a model behind an endpoint, models trained on the spot).
   */
  readonly identity?: string;
  /**
   * Classifies a batch of facts; `k` candidates each (at least 3), best first. `progress` hears
   * how many are done ("classifying"), for a person watching a long batch.
   */
  classify(texts: readonly string[], k: number, progress?: ProgressSink): Promise<Classification[]>;
}

/** A person's (or a flag's) decision about where a fact goes. */
export type Confirmation =
  | 'auto' // top suggestion at or above review.autoAccept, no person involved
  | 'yes' // top suggestion accepted by --yes
  | 'accepted' // a person accepted the top suggestion
  | 'picked' // a person picked another suggestion
  | 'edited'; // a person typed the leaf

export type { Correction } from '../core/corrections.js';
