import type { Classification } from '../core/classification.js';
import type { Classifier } from '../classify/types.js';
import type { ProgressSink } from '../core/progress.js';
import { modelEndpoint } from '../config/endpoint.js';
import { extractFacts } from './extract.js';
import type { ExtractionReport, ExtractorDeps, ModelProposal } from './modelExtract.js';
import type { Conversation, Proposal } from './types.js';

/**
 * The facts proposed from a conversation: extracted by the model the configuration chose for
 * classification (capture/modelExtract.ts), else by the offline rules (extract.ts); less those
 * the classifier finds no leaf for (chit-chat the rules let through: "bit embarrassing lol"),
 * each with its classification, so it is not classified twice.
 */

export interface ProposeOptions {
  progress?: ProgressSink;
  /**
   * The configuration and what the classifier was built from: with `classifier.provider:
   * openai` (decided as createClassifier decides it), the model extracts. Absent: the offline rules.
   */
  model?: ExtractorDeps;
}

export interface Proposed {
  proposals: Array<Proposal & { classification: Classification }>;
  setAside: Proposal[];
  extraction: ExtractionReport;
}

export async function proposeFacts(
  conversation: Conversation,
  classifier: Classifier,
  options: ProposeOptions | ProgressSink = {},
): Promise<Proposed> {
  const { progress, model } = typeof options === 'function' ? { progress: options, model: undefined } : options;
  const { proposals: extracted, report } = await extract(conversation, model, progress);
  const classifications = await classifier.classify(
    extracted.map((p) => p.said ?? p.text),
    5,
    progress,
  );
  const proposals: Proposed['proposals'] = [];
  const setAside: Proposal[] = [];
  extracted.forEach(({ invented, ...proposal }, i) => {
    // classified as said ("I teach chemistry": the wording the classifier learnt from), kept as restated
    const classification = withModelLeaf({ ...classifications[i], text: proposal.text }, proposal.leaf, invented);
    if (classification.noLeafFits || classification.candidates.length === 0) setAside.push(proposal);
    else proposals.push({ ...proposal, classification });
  });
  return { proposals, setAside, extraction: report };
}

async function extract(
  conversation: Conversation,
  deps: ExtractorDeps | undefined,
  progress: ProgressSink | undefined,
): Promise<{ proposals: ModelProposal[]; report: ExtractionReport }> {
  const endpoint = deps && modelEndpoint(deps.config, deps.env);
  if (!deps || !endpoint || endpoint.provider === 'offline') {
    const proposals = extractFacts(conversation);
    const dropped = { turn: 0, text: 0, secret: 0 };
    return { proposals, report: { extractor: 'offline', chunks: 0, cached: 0, fellBack: 0, dropped, invented: 0 } };
  }
  // loaded only when a model extracts, as the classifier's client is
  const { createModelExtractor } = await import('./modelExtract.js');
  return (await createModelExtractor(deps, endpoint)).extract(conversation, progress);
}

/**
 * The model's leaf, where it named one of the taxonomy, goes first: the fact is classified as
 * usual, and the model's leaf is moved to the top with the classifier's confidence for it, or
 * 0 when the classifier did not rank it (the extraction gives no confidence of its own). So the
 * model's word alone puts a leaf first on the capture screen but never files a fact unseen:
 * --yes and the review thresholds read the top candidate's confidence. Whether a fact is set
 * aside (no leaf fits) stays the classifier's call. Leaves the model invented join the
 * classification's `invented`, as the classifier's own do.
 */
export function withModelLeaf(
  classification: Classification,
  leaf: string | undefined,
  invented: string[] | undefined,
): Classification {
  const result: Classification = { ...classification };
  if (invented?.length) result.invented = [...(classification.invented ?? []), ...invented];
  if (!leaf || result.noLeafFits || result.candidates.length === 0) return result;
  const ranked = classification.candidates.find((c) => c.path === leaf);
  const others = classification.candidates.filter((c) => c.path !== leaf);
  const size = Math.max(classification.candidates.length, 1);
  result.candidates = [ranked ?? { path: leaf, confidence: 0 }, ...others].slice(0, size);
  return result;
}
