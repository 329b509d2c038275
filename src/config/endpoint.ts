import type { Config } from './load.js';
import type { Taxonomy } from '../core/taxonomy.js';

/*
 * Where facts go when a model classifies or reranks them: decided here once, for the
 * classifier, the reranker and `memoir config`. Offline unless the user chose a provider
 * (their config, MEMOIR_CLASSIFIER_PROVIDER or a trusted project file): an OPENAI_API_KEY set
 * for other tools never switches memoir to a model by itself. Once the user chose one, the
 * standard OPENAI_API_KEY and OPENAI_BASE_URL are honoured.
 */

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface ModelEndpoint {
  provider: 'offline' | 'openai';
  providerSource: string;
  /** The server facts are sent to (with `openai`); `offline` otherwise. */
  baseURL: string;
  baseURLSource: string;
  /** The key sent as a bearer token; '' when none is set. Never printed. */
  apiKey: string;
  apiKeySource: string;
  model: string;
}

export function modelEndpoint(config: Config, env: NodeJS.ProcessEnv): ModelEndpoint {
  const provider = config.get('classifier.provider');
  const providerSource = config.entries.get('classifier.provider')?.source ?? 'default';
  const model = config.get('classifier.model');
  if (provider === 'offline')
    return {
      provider,
      providerSource,
      baseURL: 'offline',
      baseURLSource: providerSource,
      apiKey: '',
      apiKeySource: 'unused',
      model,
    };
  const configuredURL = config.get('classifier.baseURL');
  const [baseURL, baseURLSource] = configuredURL
    ? [configuredURL, config.entries.get('classifier.baseURL')!.source]
    : env.OPENAI_BASE_URL
      ? [env.OPENAI_BASE_URL, 'env OPENAI_BASE_URL']
      : [OPENAI_BASE_URL, 'default'];
  const configuredKey = config.get('classifier.apiKey');
  const [apiKey, apiKeySource] = configuredKey
    ? [configuredKey, config.entries.get('classifier.apiKey')!.source]
    : env.OPENAI_API_KEY
      ? [env.OPENAI_API_KEY, 'env OPENAI_API_KEY']
      : ['', 'unset'];
  return { provider, providerSource, baseURL, baseURLSource, apiKey, apiKeySource, model };
}

/** OpenAI's own endpoint without a key: nothing can be asked (a local server needs none). */
export function missingKey(endpoint: ModelEndpoint): boolean {
  return endpoint.provider === 'openai' && !endpoint.apiKey && endpoint.baseURL === OPENAI_BASE_URL;
}

/** A URL to show: scheme, host and path, never a user name, password or query. */
export function displayEndpoint(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`;
  } catch {
    return 'an endpoint that is not a URL';
  }
}

/** A client's connection to the endpoint, with the classifier's timeout and retries: the classifier's, capture's and the reranker's. */
export function endpointConnection(endpoint: ModelEndpoint, config: Config, taxonomy: Taxonomy) {
  return {
    taxonomy,
    model: endpoint.model,
    apiKey: endpoint.apiKey,
    baseURL: endpoint.baseURL,
    timeoutMs: config.get('classifier.timeout') * 1000,
    retries: config.get('classifier.retries'),
  };
}
