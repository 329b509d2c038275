import type { Correction } from './corrections.js';
import { uniqueFactId, validityOf, type Fact, type Validity } from './fact.js';

/** A classified fact waiting for its leaf: its text, where it came from, and the suggestions. */
export interface Classified extends Validity {
  text: string;
  source: string;
  recordedAt: string;
  classifier: string;
  candidates: ReadonlyArray<{ path: string; confidence: number }>;
}

/**
 * The fact a classified text becomes once its leaf is settled, with its provenance (the
 * classifier, its confidence in that leaf, how the leaf was chosen), and — when a person chose
 * against the first suggestion — the correction to learn from.
 * @param ids the ids given out in this batch, so that two identical facts never share one
 */
export function settleFact(
  item: Classified,
  leaf: string,
  how: NonNullable<Fact['how']>,
  ids: Set<string>,
  correctedAt: string,
): { fact: Fact; correction?: Correction } {
  const fact: Fact = {
    id: uniqueFactId(ids, leaf, item.text, item.recordedAt),
    path: leaf,
    text: item.text,
    recordedAt: item.recordedAt,
    source: item.source,
    classifier: item.classifier,
    how,
    ...validityOf(item),
  };
  const confidence = item.candidates.find((c) => c.path === leaf)?.confidence;
  if (confidence !== undefined) fact.confidence = confidence;
  if (how !== 'picked' && how !== 'edited') return { fact };
  return { fact, correction: { text: item.text, path: leaf, suggested: item.candidates[0]?.path, at: correctedAt } };
}
