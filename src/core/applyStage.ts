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
export function applyStage(
  ops: readonly StagedOp[],
  current: ReadonlyMap<string, readonly Fact[]>,
  cardinalityOf: (path: string) => Cardinality,
): StageEffect {
  const leaves = new Map<string, Fact[]>();
  // Normalised texts per leaf, kept in step with `leaves`, so a batch of n facts costs O(n), not O(n²).
  const keys = new Map<string, Set<string>>();
  const effect: StageEffect = { leaves, added: [], removed: [], skipped: [] };
  const factsAt = (path: string): Fact[] => {
    if (!leaves.has(path)) {
      const facts = [...(current.get(path) ?? [])];
      leaves.set(path, facts);
      keys.set(path, new Set(facts.map((f) => normalizeFactText(f.text))));
    }
    return leaves.get(path)!;
  };

  for (const op of ops) {
    const facts = factsAt(op.fact.path);
    const known = keys.get(op.fact.path)!;
    if (op.op === 'remove') {
      const index = facts.findIndex((f) => f.id === op.fact.id);
      if (index === -1) {
        effect.skipped.push({ op, reason: 'gone' });
        continue;
      }
      const [removed] = facts.splice(index, 1);
      effect.removed.push(removed);
      const key = normalizeFactText(removed.text);
      if (!facts.some((f) => normalizeFactText(f.text) === key)) known.delete(key);
      continue;
    }
    const key = normalizeFactText(op.fact.text);
    if (known.has(key)) {
      effect.skipped.push({ op, reason: 'duplicate' });
      continue;
    }
    let fact = op.fact;
    const supersedes = cardinalityOf(fact.path) === 'one' ? facts.splice(0, facts.length) : [];
    if (supersedes.length > 0) {
      fact = { ...fact, supersedes: supersedes[supersedes.length - 1].id };
      known.clear();
    }
    facts.push(fact);
    known.add(key);
    effect.added.push({ fact, supersedes });
  }
  return effect;
}
