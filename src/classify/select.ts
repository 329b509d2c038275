import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { Config } from '../config/load.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { ClassifierError } from '../errors/index.js';
import { endpointConnection, missingKey, type ModelEndpoint, modelEndpoint } from '../config/endpoint.js';
import { announceEndpoint } from './announce.js';
import { taxonomyHash } from './cache.js';
import { OfflineClassifier } from './offline.js';
import { noMemoryTexts, trainingFacts } from './training.js';
import type { Calibration } from './calibration.js';
import { loadEmbeddings } from './embeddings.js';
import type { OfflineModel } from './model.js';
import type { LinearModel } from './linear.js';
import type { Classifier, Correction } from './types.js';
import type { OpenAIClassifierOptions } from './openai.js';

export interface ClassifierDeps {
  config: Config;
  env: NodeJS.ProcessEnv;
  taxonomy: Taxonomy;
  corrections: readonly Correction[];
  /** Where the model's answers are cached: the repository's state, or the user's cache directory. */
  cacheDir?: string;
  warn: (message: string) => void;
  /** Tells the user something they should know once (where facts are sent); not a warning. */
  notice?: (message: string) => void;
}

/**
 * A model trained at build time for the built-in taxonomy (dist/*.json, beside the bundle's
 * chunks); undefined when running from the sources, which train the offline model on the spot
 * and do without the linear one (its training takes seconds).
 */
function prebuilt<T extends { version: number }>(file: string): T | undefined {
  try {
    const model = JSON.parse(fs.readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8')) as T;
    return model.version === 1 ? model : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the offline classifier's answers depend on: the inputs the build trained its models from
 * (dist/build-inputs.txt, a hash of the training data and the trainer's code), the taxonomy and
 * the corrections. Undefined from the sources, where the model is trained on the spot.
 */
function offlineIdentity(taxonomy: Taxonomy, corrections: readonly Correction[]): string | undefined {
  let built: string;
  try {
    built = fs.readFileSync(fileURLToPath(new URL('../build-inputs.txt', import.meta.url)), 'utf8').trim();
  } catch {
    return undefined;
  }
  return createHash('sha256')
    .update(JSON.stringify([built, taxonomyHash(taxonomy), corrections]))
    .digest('hex');
}

/**
 * The offline classifier for a taxonomy and a set of corrections, built once per process: a
 * long-running process (memoir mcp) classifies many times, and building it reads 11 MB of models.
 */
const offlineClassifiers = new WeakMap<Taxonomy, Map<string, OfflineClassifier>>();

function offlineFor(taxonomy: Taxonomy, corrections: readonly Correction[]): OfflineClassifier {
  const byCorrections = offlineClassifiers.get(taxonomy) ?? offlineClassifiers.set(taxonomy, new Map()).get(taxonomy)!;
  const key = JSON.stringify(corrections);
  let classifier = byCorrections.get(key);
  if (!classifier) {
    // one set of corrections at a time is kept: they only grow, and an old set is not asked for again
    byCorrections.clear();
    classifier = new OfflineClassifier(taxonomy, {
      identity: offlineIdentity(taxonomy, corrections),
      model: prebuilt<OfflineModel>('offline-model.json'),
      linear: prebuilt<LinearModel>('linear-model.json'),
      calibration: prebuilt<Calibration>('calibration.json'),
      corrections,
      training: trainingFacts(),
      noMemory: noMemoryTexts(),
      embeddings: loadEmbeddings(),
    });
    byCorrections.set(key, classifier);
  }
  return classifier;
}

/** The user's cache directory for memoir, for classifications made outside a repository. */
export function userCacheDir(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'memoir');
}

/**
 * What talking to a model endpoint takes, for the classifier and for capture's extractor: a key
 * (a missing one is exit 5), the endpoint announced once per state directory, where answers are
 * cached, and the client's connection from the classifier's settings.
 */
export function connectEndpoint(
  deps: Pick<ClassifierDeps, 'config' | 'env' | 'taxonomy' | 'cacheDir' | 'warn' | 'notice'>,
  endpoint: ModelEndpoint,
): {
  cacheDir: string;
  connection: Pick<OpenAIClassifierOptions, 'taxonomy' | 'model' | 'apiKey' | 'baseURL' | 'timeoutMs' | 'retries'>;
} {
  if (missingKey(endpoint)) {
    throw new ClassifierError('classifier-no-key', 'classifier.provider is "openai" but no API key is configured', {
      hint: 'set OPENAI_API_KEY or classifier.apiKey, point classifier.baseURL at a local server, or use classifier.provider: offline',
    });
  }
  const cacheDir = deps.cacheDir ?? userCacheDir(deps.env);
  announceEndpoint(cacheDir, endpoint, deps.notice ?? deps.warn);
  return {
    cacheDir,
    connection: endpointConnection(endpoint, deps.config, deps.taxonomy),
  };
}

/**
 * The identity of the classifier the configuration asks for (see Classifier.identity), worked
 * out without building it: the offline classifier's; undefined for a model behind an endpoint.
 */
export function classifierIdentity(
  deps: Pick<ClassifierDeps, 'config' | 'env' | 'taxonomy' | 'corrections'>,
  { offline = false } = {},
) {
  if (!offline && modelEndpoint(deps.config, deps.env).provider !== 'offline') return undefined;
  return offlineIdentity(deps.taxonomy, deps.corrections);
}

/** The offline classifier whatever the configuration says (`consolidate --no-model`). */
export const offlineClassifier = (deps: Pick<ClassifierDeps, 'taxonomy' | 'corrections'>): Classifier =>
  offlineFor(deps.taxonomy, deps.corrections);

/**
 * The classifier the configuration asks for: the offline one unless the user chose
 * `classifier.provider: openai` (see config/endpoint.ts), which then needs a key unless the
 * endpoint is not OpenAI's own (a local server).
 */
export async function createClassifier(deps: ClassifierDeps): Promise<Classifier> {
  const { config, env, taxonomy, corrections } = deps;
  const offline = offlineFor(taxonomy, corrections);
  const endpoint = modelEndpoint(config, env);
  if (endpoint.provider === 'offline') return offline;
  const { cacheDir, connection } = connectEndpoint(deps, endpoint);
  const [{ OpenAIClassifier }, { FileCache }] = await Promise.all([import('./openai.js'), import('./cache.js')]);
  return new OpenAIClassifier({
    ...connection,
    shortlist: config.get('classifier.shortlist'),
    fallback: offline,
    useFallbackOnError: config.get('classifier.fallback') === 'offline',
    warn: deps.warn,
    cache: new FileCache(path.join(cacheDir, 'classifications.json')),
    corrections: [...corrections],
  });
}
