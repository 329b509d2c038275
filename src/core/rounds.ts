import type { Fact } from './fact.js';
import { applyStage, type AppliedAdd, type StageEffect } from './applyStage.js';
import type { StagedOp } from './stage.js';
import type { Cardinality } from './taxonomy.js';

/*
 * A batch that gives a `one` leaf several values is recorded as a short chain of commits, so
 * every value stays in history: the first commit holds every other change and the first value
 * of each such leaf, each further commit the next value of each, superseding the one before.
 */

export interface SupersededInBatch {
  /** The value written by an earlier commit of the batch... */
  fact: Fact;
  /** ...and the value of the same batch that replaced it. */
  by: Fact;
}

export interface RoundsEffect {
  /** One effect per commit of the chain, in order; rounds that change nothing are left out. */
  rounds: StageEffect[];
  /** The new facts of every leaf touched, after the last round. */
  leaves: Map<string, Fact[]>;
  added: AppliedAdd[];
  removed: Fact[];
  skipped: StageEffect['skipped'];
  supersededInBatch: SupersededInBatch[];
}

/** The operations of each round: the n-th value staged for a `one` leaf goes to round n, everything else to the first. */
export function splitRounds(ops: readonly StagedOp[], cardinalityOf: (path: string) => Cardinality): StagedOp[][] {
  const rounds: StagedOp[][] = [[]];
  const values = new Map<string, number>();
  for (const op of ops) {
    let round = 0;
    if (op.op === 'add' && cardinalityOf(op.fact.path) === 'one') {
      round = values.get(op.fact.path) ?? 0;
      values.set(op.fact.path, round + 1);
    }
    (rounds[round] ??= []).push(op);
  }
  return rounds;
}

/**
 * Applies staged operations round by round (see splitRounds), each round to the leaves the
 * previous one left. Used to preview a commit (`status`) and to make it, so the two agree.
 */
export function applyInRounds(
  ops: readonly StagedOp[],
  current: ReadonlyMap<string, readonly Fact[]>,
  cardinalityOf: (path: string) => Cardinality,
): RoundsEffect {
  const leaves = new Map<string, Fact[]>();
  const state = new Map<string, readonly Fact[]>(current);
  const result: RoundsEffect = { rounds: [], leaves, added: [], removed: [], skipped: [], supersededInBatch: [] };
  const addedHere = new Set<string>();
  for (const roundOps of splitRounds(ops, cardinalityOf)) {
    const effect = applyStage(roundOps, state, cardinalityOf);
    for (const [path, facts] of effect.leaves) {
      state.set(path, facts);
      leaves.set(path, facts);
    }
    for (const add of effect.added) {
      for (const old of add.supersedes)
        if (addedHere.has(old.id)) result.supersededInBatch.push({ fact: old, by: add.fact });
      addedHere.add(add.fact.id);
    }
    result.added.push(...effect.added);
    result.removed.push(...effect.removed);
    result.skipped.push(...effect.skipped);
    if (effect.added.length > 0 || effect.removed.length > 0) result.rounds.push(effect);
  }
  return result;
}
