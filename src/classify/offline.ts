import type { Taxonomy } from '../core/taxonomy.js';
import { dot, normalize, type Embeddings } from './embeddings.js';
import { DEFAULT_WEIGHTS, featureCounts, leafHash, leafTexts, trainOfflineModel, type LabelledText, type OfflineModel, type OfflineWeights } from './model.js';
import type { Candidate, Classification, Classifier, Correction } from './types.js';
import type { TrainingFact } from './training.js';

/*
 * The embedded classifier: no key, no network, deterministic. A fact is compared, as a TF-IDF
 * vector of stemmed words and character n-grams, with every text each leaf is known by (see
 * model.ts), and each leaf scores a blend of
 *   - its nearest texts (k-nearest-neighbour: the best match, plus some of the second),
 *   - its centroid (all its texts together, so several weak matches add up),
 *   - the word-vector similarity of the fact and the leaf, which sees synonyms.
 * The blend and its weights were chosen by measurement (npm run bench:classify).
 */

export { DEFAULT_WEIGHTS, type OfflineWeights } from './model.js';

type Vector = Map<number, number>;

export interface OfflineOptions {
  /** A model trained beforehand (at build time); without one, the model is trained here. */
  model?: OfflineModel;
  corrections?: readonly Correction[];
  training?: readonly TrainingFact[];
  weights?: Partial<OfflineWeights>;
  embeddings?: Embeddings;
}

export class OfflineClassifier implements Classifier {
  readonly name = 'offline';
  private readonly sampleLeaf: string[] = [];
  private readonly sampleWeight: number[] = [];
  private readonly postings = new Map<number, Array<[number, number]>>();
  private readonly centroidPostings = new Map<number, Array<[string, number]>>();
  private readonly semantic = new Map<string, Float32Array>();
  private readonly featureIndex: Map<string, number>;
  private readonly idf: number[];
  private readonly paths: string[];
  private readonly weights: OfflineWeights;
  private readonly grams: number;
  private readonly embeddings?: Embeddings;

  constructor(taxonomy: Taxonomy, options: OfflineOptions = {}) {
    const w = (this.weights = { ...DEFAULT_WEIGHTS, ...options.weights });
    this.embeddings = options.embeddings;
    const training = options.training ?? [];
    const model = options.model ?? trainOfflineModel(taxonomy, training, w, options.embeddings);
    this.grams = model.grams;
    this.paths = [...taxonomy.leaves.keys()];
    this.featureIndex = new Map(model.features.map((f, i) => [f, i]));
    this.idf = [...model.idf];

    // leaves the model knows as they are now come from it; new or redefined ones are learned here
    const current = new Set([...taxonomy.leaves.values()].filter((l) => model.leaves[l.path] === leafHash(l)).map((l) => l.path));
    const overlay: LabelledText[] = [...taxonomy.leaves.values()].filter((l) => !current.has(l.path)).flatMap((l) => leafTexts(l, training, w));
    for (const c of options.corrections ?? []) if (taxonomy.leaves.has(c.path)) overlay.push({ path: c.path, text: c.text, weight: w.correction });

    const centroids = new Map<string, Vector>();
    const add = (path: string, weight: number, vector: Vector) => {
      const index = this.sampleLeaf.push(path) - 1;
      this.sampleWeight.push(weight);
      const centroid = centroids.get(path) ?? centroids.set(path, new Map()).get(path)!;
      for (const [f, v] of vector) {
        (this.postings.get(f) ?? this.postings.set(f, []).get(f)!).push([index, v]);
        centroid.set(f, (centroid.get(f) ?? 0) + v * weight);
      }
    };
    for (const sample of model.samples) {
      if (current.has(sample.path)) add(sample.path, sample.weight, new Map(sample.features.map((f, i) => [f, sample.values[i]])));
    }
    for (const t of overlay) add(t.path, t.weight, this.vectorize(t.text));
    for (const [path, centroid] of centroids) {
      const normalized = normalizeMap(centroid);
      for (const [f, v] of normalized) (this.centroidPostings.get(f) ?? this.centroidPostings.set(f, []).get(f)!).push([path, v]);
    }

    if (this.embeddings) {
      for (const path of current) if (model.semantic[path]) this.semantic.set(path, Float32Array.from(model.semantic[path]));
      for (const t of overlay) {
        const e = this.embeddings.embed(t.text);
        if (!e) continue;
        const sum = this.semantic.get(t.path) ?? this.semantic.set(t.path, new Float32Array(this.embeddings.dims)).get(t.path)!;
        for (let d = 0; d < e.length; d++) sum[d] += e[d] * t.weight;
      }
      for (const sum of this.semantic.values()) normalize(sum);
    }
  }

  /** TF-IDF with sublinear term frequency, L2-normalised; a feature no leaf text has counts as rarest. */
  private vectorize(text: string): Vector {
    const fallback = Math.log((this.paths.length + 1) / 0.5);
    const vector: Vector = new Map();
    for (const [f, count] of featureCounts(text, this.grams)) {
      let index = this.featureIndex.get(f);
      if (index === undefined) {
        index = this.idf.push(fallback) - 1;
        this.featureIndex.set(f, index);
      }
      vector.set(index, (1 + Math.log(count)) * this.idf[index]);
    }
    return normalizeMap(vector);
  }

  /** Blended score of every leaf that shares a feature (or, with word vectors, a meaning) with the text. */
  scores(text: string): Map<string, number> {
    const query = this.vectorize(text);
    const perSample = new Map<number, number>();
    const perCentroid = new Map<string, number>();
    for (const [f, q] of query) {
      for (const [index, v] of this.postings.get(f) ?? []) perSample.set(index, (perSample.get(index) ?? 0) + q * v);
      for (const [path, v] of this.centroidPostings.get(f) ?? []) perCentroid.set(path, (perCentroid.get(path) ?? 0) + q * v);
    }
    const best = new Map<string, [number, number]>();
    for (const [index, sim] of perSample) {
      const path = this.sampleLeaf[index];
      const s = Math.min(1, sim * Math.sqrt(this.sampleWeight[index]));
      const top = best.get(path) ?? [0, 0];
      if (s > top[0]) best.set(path, [s, top[0]]);
      else if (s > top[1]) best.set(path, [top[0], s]);
    }
    const { knn, second, semantic } = this.weights;
    const meaning = this.embeddings?.embed(text);
    const scores = new Map<string, number>();
    for (const path of this.paths) {
      const [first, next] = best.get(path) ?? [0, 0];
      const lexical = knn * (first + second * next) + (1 - knn) * (perCentroid.get(path) ?? 0);
      const leafMeaning = this.semantic.get(path);
      const similar = meaning && leafMeaning ? Math.max(0, dot(meaning, leafMeaning)) : 0;
      const score = meaning ? (1 - semantic) * lexical + semantic * similar : lexical;
      if (score > 0) scores.set(path, score);
    }
    return scores;
  }

  /** The k best leaves with softmax confidences; ties broken by path, so results are deterministic. */
  classifyOne(text: string, k: number): Candidate[] {
    const scores = this.scores(text);
    const ranked = this.paths.map((path) => ({ path, score: scores.get(path) ?? 0 })).sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
    const top = ranked[0]?.score ?? 0;
    let total = 0;
    const exp = ranked.map((r) => {
      const e = Math.exp((r.score - top) / this.weights.temperature);
      total += e;
      return e;
    });
    return ranked.slice(0, k).map((r, i) => ({ path: r.path, confidence: Math.round((exp[i] / total) * 1000) / 1000 }));
  }

  async classify(texts: readonly string[], k: number): Promise<Classification[]> {
    return texts.map((text) => ({ text, candidates: this.classifyOne(text, Math.max(3, k)), classifier: this.name }));
  }
}

function normalizeMap<K>(vector: Map<K, number>): Map<K, number> {
  let norm = 0;
  for (const v of vector.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, v] of vector) vector.set(k, v / norm);
  return vector;
}
