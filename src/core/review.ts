import type { Classification } from './classification.js';

export type UnattendedDecision =
  | { kind: 'accept'; path: string; confidence: number; how: 'auto' | 'yes' }
  | { kind: 'hold'; reason: 'low-confidence' | 'no-leaf-fits' };

/**
 * Where a fact goes when no one can be asked (no terminal, --no-input, CI): its top
 * suggestion with --yes (where a leaf fits: not filler, not unreadable text, see
 * Classification.noLeafFits) or when the classifier is at least `autoAccept` confident;
 * otherwise it is held for review, never dropped and never guessed.
 */
export function decideUnattended(
  classification: Classification,
  options: { yes: boolean; autoAccept: number },
): UnattendedDecision {
  const top = classification.candidates[0];
  if (!top || classification.noLeafFits) return { kind: 'hold', reason: 'no-leaf-fits' };
  if (options.yes) return { kind: 'accept', path: top.path, confidence: top.confidence, how: 'yes' };
  if (top.confidence >= options.autoAccept)
    return { kind: 'accept', path: top.path, confidence: top.confidence, how: 'auto' };
  return { kind: 'hold', reason: 'low-confidence' };
}
