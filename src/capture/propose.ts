import type { Classification } from '../core/classification.js';
import type { Classifier } from '../classify/types.js';
import type { ProgressSink } from '../core/progress.js';
import { extractFacts } from './extract.js';
import type { Conversation, Proposal } from './types.js';

/**
 * The facts proposed from a conversation: the sentences the rules keep (extract.ts), less those
 * the classifier finds no leaf for (chit-chat the rules let through: "bit embarrassing lol"),
 * each with its classification, so it is not classified twice.
 */
export async function proposeFacts(
  conversation: Conversation,
  classifier: Classifier,
  progress?: ProgressSink,
): Promise<{ proposals: Array<Proposal & { classification: Classification }>; setAside: Proposal[] }> {
  const extracted = extractFacts(conversation);
  const classifications = await classifier.classify(
    extracted.map((p) => p.text),
    5,
    progress,
  );
  const proposals: Array<Proposal & { classification: Classification }> = [];
  const setAside: Proposal[] = [];
  extracted.forEach((proposal, i) => {
    const classification = classifications[i];
    if (classification.noLeafFits || classification.candidates.length === 0) setAside.push(proposal);
    else proposals.push({ ...proposal, classification });
  });
  return { proposals, setAside };
}
