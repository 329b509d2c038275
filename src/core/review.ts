import type { Classification } from '../classify/types.js';

export type UnattendedDecision =
  | { kind: 'accept'; path: string; confidence: number; how: 'auto' | 'yes' }
  | { kind: 'hold'; reason: 'low-confidence' | 'no-leaf-fits' };

/**
 * Below this confidence no leaf fits the text (greetings, thanks, filler, text the classifier
 * cannot read): --yes holds it for review instead of filing it. Chosen by measurement
 * (npm run bench:classify): it holds most chit-chat and almost no real fact.
 */
export const NO_LEAF_FITS_BELOW = 0.2;

/**
 * Where a fact goes when no one can be asked (no terminal, --no-input, CI): its top
 * suggestion with --yes (where one fits: at least NO_LEAF_FITS_BELOW) or when the classifier
 * is at least `autoAccept` confident; otherwise it is held for review, never dropped and never guessed.
 */
export function decideUnattended(classification: Classification, options: { yes: boolean; autoAccept: number }): UnattendedDecision {
  const top = classification.candidates[0];
  // a review.autoAccept set below the floor is the user's own, lower floor
  if (!top || top.confidence < Math.min(NO_LEAF_FITS_BELOW, options.autoAccept)) return { kind: 'hold', reason: 'no-leaf-fits' };
  if (options.yes) return { kind: 'accept', path: top.path, confidence: top.confidence, how: 'yes' };
  if (top.confidence >= options.autoAccept) return { kind: 'accept', path: top.path, confidence: top.confidence, how: 'auto' };
  return { kind: 'hold', reason: 'low-confidence' };
}
