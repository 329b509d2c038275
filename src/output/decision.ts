import type { ConflictKind, Decision } from '../core/merge.js';

/** A decision in words: "keep ours", "edited: "…"", "undecided". */
export function decisionLabel(decision: Decision | undefined): string {
  if (!decision) return 'undecided';
  if (decision.kind === 'text') return `edited: "${decision.text}"`;
  return { ours: 'keep ours', theirs: 'take theirs', both: 'keep both' }[decision.kind];
}

/** Why a conflict is one, in words. */
export const CONFLICT_KIND: Record<ConflictKind, string> = {
  value: 'changed differently on both sides',
  edit: 'edited differently on both sides',
  'edit-remove': 'edited on one side, removed on the other',
};
