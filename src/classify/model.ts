import { createHash } from 'node:crypto';
import type { Leaf, Taxonomy } from '../core/taxonomy.js';
import { charGrams, contentWords, terms } from '../core/terms.js';
import type { Embeddings } from './embeddings.js';
import type { TrainingFact } from './training.js';

/*
 * The offline classifier's model: every text a leaf is known by (its name, description,
 * examples, the training corpus, a person's corrections) as a TF-IDF vector of stemmed words
 * and character n-grams, plus the sum of the texts' word-vector embeddings per leaf. It is
 * plain data: trained at build time for the built-in taxonomy (dist/offline-model.json) and
 * extended at run time with what is the user's own (corrections, taxonomy extensions).
 */

export interface OfflineWeights {
  /** Weight of the nearest-example score in the lexical blend (the centroid gets 1 - knn). */
  knn: number;
  /** Share of the second-nearest example added to the nearest. */
  second: number;
  /** Weight of character n-gram features relative to word features. */
  grams: number;
  /** Weight of word bigrams (two stemmed content words in a row: "dark mode", "pull request"). */
  bigrams: number;
  /** Weight of a leaf's name (its path words) and description among its texts. */
  name: number;
  description: number;
  /** Weight of a person's correction relative to an example. */
  correction: number;
  /** Weight of the word-vector similarity in the final score (the lexical score gets 1 - semantic). */
  semantic: number;
  /** Weight of the similarity to the leaf's subcategory and category (all their texts together). */
  group: number;
  /** Weight of a query word's nearest known words (by word vector), when the model has never seen it. */
  expand: number;
  /** Weight of the trained linear classifier (linear.ts) in the final score, when there is one. */
  linear: number;
  /** Softmax temperature turning scores into confidences. */
  temperature: number;
}

export const DEFAULT_WEIGHTS: OfflineWeights = {
  knn: 0.45,
  second: 0.3,
  grams: 0.35,
  bigrams: 0.6,
  name: 0.8,
  description: 1.5,
  correction: 3,
  semantic: 0.45,
  group: 0.2,
  expand: 0.6,
  linear: 0.2,
  temperature: 0.02,
};

export interface LabelledText {
  path: string;
  text: string;
  weight: number;
}

export interface OfflineModel {
  version: 1;
  /** The character n-gram and bigram weights the features were made with. */
  grams: number;
  bigrams: number;
  /** Hash of each leaf's definition the model was trained on: a leaf that differs is retrained. */
  leaves: Record<string, string>;
  features: string[];
  idf: number[];
  samples: Array<{ path: string; weight: number; features: number[]; values: number[] }>;
  /** Per leaf: the weighted sum of its texts' embeddings (empty without word vectors). */
  semantic: Record<string, number[]>;
  /** The content words of the training texts, unstemmed: what an unknown query word can expand to. */
  vocabulary: string[];
}

export function leafHash(leaf: Leaf): string {
  return createHash('sha1')
    .update(JSON.stringify([leaf.path, leaf.description, leaf.examples]))
    .digest('hex')
    .slice(0, 12);
}

const byLeafCache = new WeakMap<readonly TrainingFact[], Map<string, TrainingFact[]>>();

/** The training facts grouped by leaf, once per corpus: every leaf asks for its own. */
function trainingByLeaf(training: readonly TrainingFact[]): Map<string, TrainingFact[]> {
  let grouped = byLeafCache.get(training);
  if (!grouped) {
    grouped = new Map();
    for (const t of training) (grouped.get(t.path) ?? grouped.set(t.path, []).get(t.path)!).push(t);
    byLeafCache.set(training, grouped);
  }
  return grouped;
}

/** The texts a leaf is known by, weighted. */
export function leafTexts(leaf: Leaf, training: readonly TrainingFact[], weights: OfflineWeights): LabelledText[] {
  return [
    { path: leaf.path, text: leaf.path.replace(/[._]/g, ' '), weight: weights.name },
    { path: leaf.path, text: leaf.description, weight: weights.description },
    ...leaf.examples.map((text) => ({ path: leaf.path, text, weight: 1 })),
    ...(trainingByLeaf(training).get(leaf.path) ?? []).map((t) => ({ path: leaf.path, text: t.text, weight: 1 })),
  ];
}

/** Feature counts of a text: stemmed words, and character n-grams and word bigrams at their weights. */
export function featureCounts(text: string, grams: number, bigrams = 0): Map<string, number> {
  const counts = new Map<string, number>();
  const words = terms(text);
  for (const t of words) counts.set('w:' + t, (counts.get('w:' + t) ?? 0) + 1);
  if (bigrams > 0)
    for (let i = 1; i < words.length; i++)
      counts.set(`b:${words[i - 1]}_${words[i]}`, (counts.get(`b:${words[i - 1]}_${words[i]}`) ?? 0) + bigrams);
  if (grams > 0) for (const g of charGrams(text)) counts.set('c:' + g, (counts.get('c:' + g) ?? 0) + grams);
  return counts;
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;

/** Trains a model: document frequencies over leaves, one normalised TF-IDF vector per text. */
export function trainOfflineModel(
  taxonomy: Taxonomy,
  training: readonly TrainingFact[],
  weights: OfflineWeights,
  embeddings?: Embeddings,
): OfflineModel {
  const texts = [...taxonomy.leaves.values()].flatMap((leaf) => leafTexts(leaf, training, weights));
  const counted = texts.map((t) => ({ ...t, counts: featureCounts(t.text, weights.grams, weights.bigrams) }));
  const leavesOf = new Map<string, Set<string>>();
  for (const t of counted)
    for (const f of t.counts.keys()) (leavesOf.get(f) ?? leavesOf.set(f, new Set()).get(f)!).add(t.path);
  const n = taxonomy.leaves.size;
  const features = [...leavesOf.keys()];
  const indexOf = new Map(features.map((f, i) => [f, i]));
  const idf = features.map((f) => round(Math.log((n + 1) / (leavesOf.get(f)!.size + 0.5))));

  const samples = counted.map((t) => {
    const entries = [...t.counts]
      .map(([f, c]) => [indexOf.get(f)!, (1 + Math.log(c)) * idf[indexOf.get(f)!]] as const)
      .filter(([, v]) => v > 0);
    const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
    return {
      path: t.path,
      weight: t.weight,
      features: entries.map(([i]) => i),
      values: entries.map(([, v]) => round(v / norm)),
    };
  });

  const semantic: Record<string, number[]> = {};
  if (embeddings) {
    for (const t of texts) {
      const e = embeddings.embed(t.text);
      if (!e) continue;
      const sum = (semantic[t.path] ??= new Array(embeddings.dims).fill(0));
      for (let d = 0; d < e.length; d++) sum[d] += e[d] * t.weight;
    }
    for (const sum of Object.values(semantic)) for (let d = 0; d < sum.length; d++) sum[d] = round(sum[d]);
  }
  const leaves = Object.fromEntries([...taxonomy.leaves.values()].map((l) => [l.path, leafHash(l)]));
  const vocabulary = [...new Set(texts.flatMap((t) => contentWords(t.text)))].sort();
  return {
    version: 1,
    grams: weights.grams,
    bigrams: weights.bigrams,
    leaves,
    features,
    idf,
    samples,
    semantic,
    vocabulary,
  };
}
