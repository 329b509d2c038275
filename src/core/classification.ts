/* What a classifier answers about a fact: the domain's words for it, shared by the review queue, placement and the classifiers. */

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
