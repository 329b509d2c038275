import { cardinalityIn } from '../core/taxonomy.js';
import { mergeCorrections, type Correction } from '../core/corrections.js';
import type { Fact } from '../core/fact.js';
import { stageAdds, type AddOutcome, type Stage } from '../core/stage.js';
import type { Taxonomy } from '../core/taxonomy.js';
import type { Memory } from '../store/memory.js';
import type { ProgressSink } from '../core/progress.js';

/**
 * The stage with new facts (and the corrections a person made choosing their leaves) added,
 * following the staging rules against the branch as it is now. Nothing is written: the
 * caller writes the stage, holding the lock.
 */
export async function stageNewFacts(
  memory: Memory,
  taxonomy: Taxonomy,
  facts: readonly Fact[],
  corrections: readonly Correction[] = [],
  progress?: ProgressSink,
): Promise<{ stage: Stage; outcomes: AddOutcome[] }> {
  const head = await memory.head();
  const current = await memory.readLeaves(
    head.oid,
    facts.map((f) => f.path),
  );
  const { stage, outcomes } = stageAdds(memory.readStage(), facts, cardinalityIn(taxonomy), current, progress);
  if (corrections.length > 0) stage.corrections = mergeCorrections(stage.corrections ?? [], corrections);
  return { stage, outcomes };
}
