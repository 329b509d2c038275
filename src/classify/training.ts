import personal from '../../data/training/personal.jsonl';
import personal2 from '../../data/training/personal-2.jsonl';
import coding from '../../data/training/coding.jsonl';
import coding2 from '../../data/training/coding-2.jsonl';
import personal3 from '../../data/training/personal-3.jsonl';
import coding3 from '../../data/training/coding-3.jsonl';
import personal4 from '../../data/training/personal-4.jsonl';
import coding4 from '../../data/training/coding-4.jsonl';
import chatA from '../../data/training/chat-a.jsonl';
import chatB from '../../data/training/chat-b.jsonl';
import chatC from '../../data/training/chat-c.jsonl';
import noMemory from '../../data/no-memory.jsonl';

/** A labelled fact the offline classifier learns from, besides the taxonomy's own examples. */
export interface TrainingFact {
  text: string;
  path: string;
}

/**
 * The training corpus (data/training/): 48 facts per leaf of the built-in taxonomy, and 4 to 8
 * more as people say them in a chat (chat-*.jsonl: "I drive the night bus", "run lint too, CI
 * fails on warnings", a name as the subject), written independently of the evaluation sets.
 * Bundled as data; loaded only with the classifier.
 */
export function trainingFacts({ chat = true }: { chat?: boolean } = {}): TrainingFact[] {
  const files = [personal, personal2, personal3, personal4, coding, coding2, coding3, coding4];
  return [...files, ...(chat ? [chatA, chatB, chatC] : [])].flatMap((rows) => rows()) as TrainingFact[];
}

/** Texts that hold no memory (data/no-memory.jsonl): what the offline classifier learns "no leaf fits" from. */
export function noMemoryTexts(): string[] {
  return (noMemory() as Array<{ text: string }>).map((t) => t.text);
}
