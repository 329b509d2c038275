import type { Config } from '../config/load.js';
import type { RecallHit } from '../core/recall.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { ClassifierError, classifierBadResponse } from '../errors/index.js';
import { OpenAIClassifier } from './openai.js';
import { clip } from './transport.js';

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
}

const SYSTEM =
  'You rank facts remembered about a user by how well each answers a question. ' +
  'Reply with JSON only: {"order": [candidate numbers, most relevant first]}. Leave out candidates that are irrelevant.';

/** The reranker, or a `reranker-unavailable` error (exit 5) when no model is configured. */
export function createReranker(deps: RerankDeps): OpenAIClassifier {
  const { config, env } = deps;
  const apiKey = config.get<string>('classifier.apiKey') || env.OPENAI_API_KEY || '';
  const baseURL = config.get<string>('classifier.baseURL') || undefined;
  if (config.get<string>('classifier.provider') === 'offline') {
    throw new ClassifierError('reranker-unavailable', '--rerank llm needs a model, and classifier.provider is "offline"', {
      hint: 'set classifier.provider to auto or openai (with a key or a classifier.baseURL); or recall without --rerank',
    });
  }
  if (!apiKey && !baseURL) {
    throw new ClassifierError('reranker-unavailable', '--rerank llm needs a model, and none is configured', {
      hint: 'set OPENAI_API_KEY (or classifier.apiKey), or point classifier.baseURL at a local server; or recall without --rerank',
    });
  }
  return new OpenAIClassifier({
    taxonomy: deps.taxonomy,
    model: config.get<string>('classifier.model') ?? 'gpt-4o-mini',
    apiKey,
    baseURL,
    timeoutMs: (config.get<number>('classifier.timeout') ?? 30) * 1000,
    retries: config.get<number>('classifier.retries') ?? 2,
  });
}

/** Reorders `hits` for `question` with the model; scores become the model's rank (1 for its first). */
export async function rerank(question: string, hits: RecallHit[], model: OpenAIClassifier, modelName: string): Promise<RecallHit[]> {
  if (hits.length === 0) return hits;
  const list = hits.map((h, i) => `${i + 1}. ${clip(h.fact.text, 300)} (${h.fact.path})`).join('\n');
  const reply = await model.chat([
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `Question: ${question}\n\nCandidates:\n${list}` },
  ]);
  const order = parseOrder(reply, hits.length);
  if (!order) throw classifierBadResponse('the configured endpoint', modelName, `the reranking reply was not {"order": [numbers]}: ${clip(String(reply ?? ''), 80)}`);
  const ranked = [...order, ...hits.map((_, i) => i).filter((i) => !order.includes(i))];
  return ranked.map((i, rank) => ({ fact: hits[i].fact, score: Math.round((1 - rank / ranked.length) * 1000) / 1000 }));
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
