import { normalizeFactText, type Fact } from './fact.js';
import type { StagedOp } from './stage.js';
import type { Cardinality } from './taxonomy.js';

export interface AppliedAdd {
  fact: Fact;
  /** Facts this one pushed out of a `one` leaf. */
  supersedes: Fact[];
}

export interface StageEffect {
  /** The new facts of every leaf the stage touches, in file order. */
  leaves: Map<string, Fact[]>;
  added: AppliedAdd[];
  removed: Fact[];
  /** Operations that no longer do anything against the branch as it is now. */
  skipped: Array<{ op: StagedOp; reason: 'duplicate' | 'gone' }>;
}

/**
 * Applies staged operations to the current facts of the leaves they touch. Used both to
 * preview a commit (`status`) and to make it (`commit`), so the two always agree.
 * New facts are appended, keeping the lines of older facts (and their blame) in place.
 */
export function applyStage(ops: readonly StagedOp[], current: ReadonlyMap<string, readonly Fact[]>, cardinalityOf: (path: string) => Cardinality): StageEffect {
  const leaves = new Map<string, Fact[]>();
  const effect: StageEffect = { leaves, added: [], removed: [], skipped: [] };
  const factsAt = (path: string): Fact[] => {
    if (!leaves.has(path)) leaves.set(path, [...(current.get(path) ?? [])]);
    return leaves.get(path)!;
  };

  for (const op of ops) {
    const facts = factsAt(op.fact.path);
    if (op.op === 'remove') {
      const index = facts.findIndex((f) => f.id === op.fact.id);
      if (index === -1) effect.skipped.push({ op, reason: 'gone' });
      else effect.removed.push(...facts.splice(index, 1));
      continue;
    }
    const key = normalizeFactText(op.fact.text);
    if (facts.some((f) => normalizeFactText(f.text) === key)) {
      effect.skipped.push({ op, reason: 'duplicate' });
      continue;
    }
    let fact = op.fact;
    const supersedes = cardinalityOf(fact.path) === 'one' ? facts.splice(0, facts.length) : [];
    if (supersedes.length > 0) fact = { ...fact, supersedes: supersedes[supersedes.length - 1].id };
    facts.push(fact);
    effect.added.push({ fact, supersedes });
  }
  return effect;
}
