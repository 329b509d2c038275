import type { Fact } from './fact.js';
import type { Stage, StagedOp } from './stage.js';
import type { Cardinality } from './taxonomy.js';

/**
 * Which staged operations still mean the same thing on another branch (checkout carries the
 * stage over): a removal whose fact is not there would be lost, and a new value for a `one`
 * leaf that holds another value there would replace something the person never saw.
 */
export function carryStage(
  stage: Stage,
  from: ReadonlyMap<string, readonly Fact[]>,
  to: ReadonlyMap<string, readonly Fact[]>,
  cardinalityOf: (path: string) => Cardinality,
): { kept: StagedOp[]; dropped: Array<{ op: StagedOp; reason: 'gone' | 'value-differs' }> } {
  const kept: StagedOp[] = [];
  const dropped: Array<{ op: StagedOp; reason: 'gone' | 'value-differs' }> = [];
  const ids = (facts: readonly Fact[] | undefined) => (facts ?? []).map((f) => `${f.id}:${f.text}`).join('\n');
  for (const op of stage.ops) {
    const there = to.get(op.fact.path) ?? [];
    if (op.op === 'remove' && !there.some((f) => f.id === op.fact.id)) dropped.push({ op, reason: 'gone' });
    else if (op.op === 'add' && cardinalityOf(op.fact.path) === 'one' && ids(there) !== ids(from.get(op.fact.path)))
      dropped.push({ op, reason: 'value-differs' });
    else kept.push(op);
  }
  return { kept, dropped };
}
