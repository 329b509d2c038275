import personal from '../../data/training/personal.jsonl';
import coding from '../../data/training/coding.jsonl';

/** A labelled fact the offline classifier learns from, besides the taxonomy's own examples. */
export interface TrainingFact {
  text: string;
  path: string;
}

/**
 * The training corpus (data/training/): 12 facts per leaf of the built-in taxonomy, written
 * independently of the evaluation set. Bundled as data; loaded only with the classifier.
 */
export function trainingFacts(): TrainingFact[] {
  return [...(personal as TrainingFact[]), ...(coding as TrainingFact[])];
}
