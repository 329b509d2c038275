/** A leaf a fact may belong to, with the classifier's confidence in [0, 1]. */
export interface Candidate {
  path: string;
  confidence: number;
}

/** One fact's classification: candidate leaves, best first. */
export interface Classification {
  text: string;
  candidates: Candidate[];
  /** What produced it: `offline`, or `openai:<model>`. */
  classifier: string;
  /** Paths the model answered that are not in the taxonomy (dropped); absent when there were none. */
  invented?: string[];
  /**
   * No leaf fits: the text holds no memory (greetings, thanks, filler), cannot be read, or the
   * model said so or could not answer. Held for review even under --yes; absent: a leaf fits.
   */
  noLeafFits?: boolean;
}

/**
 * Places facts in the taxonomy. Implementations: the embedded offline classifier (no key,
 * no network, deterministic) and the OpenAI-compatible one.
 */
export interface Classifier {
  /** `offline` or `openai:<model>`: recorded with every fact it places. */
  readonly name: string;
  /** Classifies a batch of facts; `k` candidates each (at least 3), best first. */
  classify(texts: readonly string[], k: number): Promise<Classification[]>;
}

/** A person's (or a flag's) decision about where a fact goes. */
export type Confirmation =
  | 'auto' // top suggestion at or above review.autoAccept, no person involved
  | 'yes' // top suggestion accepted by --yes
  | 'accepted' // a person accepted the top suggestion
  | 'picked' // a person picked another suggestion
  | 'edited'; // a person typed the leaf

export type { Correction } from '../core/corrections.js';
