import type { Config } from '../config/load.js';
import type { RecallHit } from '../core/recall.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { ClassifierError, classifierBadResponse } from '../errors/index.js';
import { OpenAIClassifier } from './openai.js';
import { clip } from './transport.js';
import { announceEndpoint } from './announce.js';
import { endpointConnection, missingKey, modelEndpoint } from '../config/endpoint.js';
import { refuseSecretIn } from '../core/guardText.js';
import { findSecrets } from '../core/secrets.js';

/*
 * `recall --rerank llm`: the model configured for classification reorders recall's candidates.
 * Never required: without a configured model it is an error (exit 5) with a hint, never a
 * silent no-op. The reply is checked; candidates the model leaves out keep their order after
 * the ones it ranked.
 */

export interface RerankDeps {
  config: Config;
  env: NodeJS.ProcessEnv;
  taxonomy: Taxonomy;
  /** Where "facts will be sent to ..." is remembered as said (the repository's state). */
  stateDir: string;
  notice: (message: string) => void;
}

const SYSTEM =
  'You rank facts remembered about a user by how well each answers a question. ' +
  'Reply with JSON only: {"order": [candidate numbers, most relevant first]}. Leave out candidates that are irrelevant.';

/** The reranker, or a `reranker-unavailable` error (exit 5) when no model is configured. */
export function createReranker(deps: RerankDeps): OpenAIClassifier {
  const endpoint = modelEndpoint(deps.config, deps.env);
  if (endpoint.provider === 'offline') {
    throw new ClassifierError(
      'reranker-unavailable',
      '--rerank llm needs a model, and classifier.provider is "offline"',
      {
        hint: 'choose one in your config (classifier.provider: openai) or with MEMOIR_CLASSIFIER_PROVIDER=openai; or recall without --rerank',
      },
    );
  }
  if (missingKey(endpoint)) {
    throw new ClassifierError('reranker-unavailable', '--rerank llm needs a model, and no API key is set for OpenAI', {
      hint: 'set OPENAI_API_KEY (or classifier.apiKey), or point classifier.baseURL at a local server; or recall without --rerank',
    });
  }
  announceEndpoint(deps.stateDir, endpoint, deps.notice);
  return new OpenAIClassifier(endpointConnection(endpoint, deps.config, deps.taxonomy));
}

/** Reorders `hits` for `question` with the model; scores become the model's rank (1 for its first). */
export async function rerank(
  question: string,
  found: RecallHit[],
  model: OpenAIClassifier,
  modelName: string,
): Promise<RecallHit[]> {
  // what is sent passes the guard as what is stored does: a question holding a credential is
  // refused, and a stored fact holding one (written with plain git) is not sent but kept last
  refuseSecretIn(question, 'the question', 'nothing was sent to the model');
  const hits = found.filter((h) => findSecrets(h.fact.text).length === 0);
  const withheld = found.filter((h) => !hits.includes(h));
  if (hits.length === 0) return found;
  const list = hits.map((h, i) => `${i + 1}. ${clip(h.fact.text, 300)} (${h.fact.path})`).join('\n');
  const reply = await model.chat([
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `Question: ${question}\n\nCandidates:\n${list}` },
  ]);
  const order = parseOrder(reply, hits.length);
  if (!order)
    throw classifierBadResponse(
      model.endpoint,
      modelName,
      `the reranking reply was not {"order": [numbers]}: ${clip(String(reply ?? ''), 80)}`,
    );
  const ranked = [...order, ...hits.map((_, i) => i).filter((i) => !order.includes(i))];
  const total = ranked.length + withheld.length;
  return [...ranked.map((i) => hits[i]), ...withheld].map((hit, rank) => ({
    fact: hit.fact,
    score: Math.round((1 - rank / total) * 1000) / 1000,
  }));
}

/** Zero-based candidate indexes from `{"order": [3, 1, ...]}` (1-based), deduplicated; undefined if unusable. */
export function parseOrder(reply: string | undefined, count: number): number[] | undefined {
  if (!reply) return undefined;
  const json = reply.slice(reply.indexOf('{'), reply.lastIndexOf('}') + 1);
  try {
    const order = (JSON.parse(json) as { order?: unknown }).order;
    if (!Array.isArray(order)) return undefined;
    const seen = new Set<number>();
    for (const n of order) if (Number.isInteger(n) && n >= 1 && n <= count) seen.add(n - 1);
    return [...seen];
  } catch {
    return undefined;
  }
}
