import personal from '../../data/training/personal.jsonl';
import personal2 from '../../data/training/personal-2.jsonl';
import coding from '../../data/training/coding.jsonl';
import coding2 from '../../data/training/coding-2.jsonl';

/** A labelled fact the offline classifier learns from, besides the taxonomy's own examples. */
export interface TrainingFact {
  text: string;
  path: string;
}

/**
 * The training corpus (data/training/): 24 facts per leaf of the built-in taxonomy, written
 * independently of the evaluation set. Bundled as data; loaded only with the classifier.
 */
export function trainingFacts(): TrainingFact[] {
  return [personal, personal2, coding, coding2].flat() as TrainingFact[];
}
