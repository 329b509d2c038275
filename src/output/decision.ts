import type { Decision } from '../core/merge.js';

/** A decision in words: "keep ours", "edited: "…"", "undecided". */
export function decisionLabel(decision: Decision | undefined): string {
  if (!decision) return 'undecided';
  if (decision.kind === 'text') return `edited: "${decision.text}"`;
  return { ours: 'keep ours', theirs: 'take theirs', both: 'keep both' }[decision.kind];
}
