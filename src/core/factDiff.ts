import type { Fact } from './fact.js';

export interface FactChanges {
  added: Fact[];
  removed: Fact[];
}

/**
 * Fact-level changes between two versions of a leaf, matched by fact id: a fact that only
 * moved within the file is not a change.
 */
export function diffFacts(before: readonly Fact[], after: readonly Fact[]): FactChanges {
  const beforeIds = new Set(before.map((f) => f.id));
  const afterIds = new Set(after.map((f) => f.id));
  return { added: after.filter((f) => !beforeIds.has(f.id)), removed: before.filter((f) => !afterIds.has(f.id)) };
}
