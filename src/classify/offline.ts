import type { Taxonomy } from '../core/taxonomy.js';
import { charGrams, terms } from './features.js';
import type { Candidate, Classification, Classifier, Correction } from './types.js';

/*
 * The embedded classifier: no key, no network, deterministic. Every leaf is known by its
 * name, its description and its examples (and the user's corrections, which count most).
 * A fact is compared with each of these as TF-IDF vectors of stemmed words and character
 * n-grams, and each leaf scores a blend of
 *   - its nearest examples (k-nearest-neighbour: the best match, plus some of the second),
 *   - its centroid (all its texts together, so several weak matches add up).
 * Term weights come from how many leaves use a term: words every leaf shares say little.
 * The blend and its weights were chosen by measurement (npm run bench:classify).
 */

export interface OfflineWeights {
  /** Weight of the nearest-example score in the blend (the centroid gets 1 - knn). */
  knn: number;
  /** Share of the second-nearest example added to the nearest. */
  second: number;
  /** Weight of character n-gram features relative to word features. */
  grams: number;
  /** Weight of a leaf's name (its path words) and description among its texts. */
  name: number;
  description: number;
  /** Weight of a user's correction relative to a taxonomy example. */
  correction: number;
  /** Softmax temperature turning scores into confidences. */
  temperature: number;
}

export const DEFAULT_WEIGHTS: OfflineWeights = { knn: 0.6, second: 0.3, grams: 0.35, name: 0.8, description: 1, correction: 2, temperature: 0.045 };

type Vector = Map<string, number>;

interface Sample {
  path: string;
  vector: Vector;
  weight: number;
}

function features(text: string, grams: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms(text)) counts.set('w:' + t, (counts.get('w:' + t) ?? 0) + 1);
  if (grams > 0) for (const g of charGrams(text)) counts.set('c:' + g, (counts.get('c:' + g) ?? 0) + grams);
  return counts;
}

function normalize(vector: Vector): Vector {
  let norm = 0;
  for (const v of vector.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, v] of vector) vector.set(k, v / norm);
  return vector;
}

export class OfflineClassifier implements Classifier {
  readonly name = 'offline';
  private readonly samples: Sample[] = [];
  private readonly centroids = new Map<string, Vector>();
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly centroidPostings = new Map<string, Array<[string, number]>>();
  private readonly paths: string[];
  private readonly weights: OfflineWeights;

  constructor(taxonomy: Taxonomy, corrections: readonly Correction[] = [], weights: Partial<OfflineWeights> = {}) {
    this.weights = { ...DEFAULT_WEIGHTS, ...weights };
    const w = this.weights;
    this.paths = [...taxonomy.leaves.keys()];
    const raw: Array<{ path: string; counts: Map<string, number>; weight: number }> = [];
    for (const leaf of taxonomy.leaves.values()) {
      raw.push({ path: leaf.path, counts: features(leaf.path.replace(/[._]/g, ' '), w.grams), weight: w.name });
      raw.push({ path: leaf.path, counts: features(leaf.description, w.grams), weight: w.description });
      for (const example of leaf.examples) raw.push({ path: leaf.path, counts: features(example, w.grams), weight: 1 });
    }
    for (const c of corrections) if (taxonomy.leaves.has(c.path)) raw.push({ path: c.path, counts: features(c.text, w.grams), weight: w.correction });

    // document frequency over leaves: a feature used by many leaves discriminates little
    const leavesOf = new Map<string, Set<string>>();
    for (const r of raw) for (const f of r.counts.keys()) (leavesOf.get(f) ?? leavesOf.set(f, new Set()).get(f)!).add(r.path);
    const n = this.paths.length;
    for (const [f, leaves] of leavesOf) this.idf.set(f, Math.log((n + 1) / (leaves.size + 0.5)));

    for (const r of raw) {
      const vector = this.weigh(r.counts);
      const index = this.samples.push({ path: r.path, vector, weight: r.weight }) - 1;
      for (const [f, v] of vector) (this.postings.get(f) ?? this.postings.set(f, []).get(f)!).push([index, v]);
      const centroid = this.centroids.get(r.path) ?? this.centroids.set(r.path, new Map()).get(r.path)!;
      for (const [f, v] of vector) centroid.set(f, (centroid.get(f) ?? 0) + v * r.weight);
    }
    for (const [path, centroid] of this.centroids) {
      normalize(centroid);
      for (const [f, v] of centroid) (this.centroidPostings.get(f) ?? this.centroidPostings.set(f, []).get(f)!).push([path, v]);
    }
  }

  /** TF-IDF with sublinear term frequency, L2-normalised; unknown features are dropped. */
  private weigh(counts: Map<string, number>): Vector {
    const vector: Vector = new Map();
    for (const [f, count] of counts) {
      const idf = this.idf.get(f);
      if (idf === undefined || idf <= 0) continue;
      vector.set(f, (1 + Math.log(count)) * idf);
    }
    return normalize(vector);
  }

  /** Raw blended score of every leaf that shares a feature with the text. */
  scores(text: string): Map<string, number> {
    const query = this.weigh(features(text, this.weights.grams));
    const perSample = new Map<number, number>();
    const perCentroid = new Map<string, number>();
    for (const [f, q] of query) {
      for (const [index, v] of this.postings.get(f) ?? []) perSample.set(index, (perSample.get(index) ?? 0) + q * v);
      for (const [path, v] of this.centroidPostings.get(f) ?? []) perCentroid.set(path, (perCentroid.get(path) ?? 0) + q * v);
    }
    const best = new Map<string, [number, number]>();
    for (const [index, sim] of perSample) {
      const sample = this.samples[index];
      const s = Math.min(1, sim * Math.sqrt(sample.weight));
      const top = best.get(sample.path) ?? [0, 0];
      if (s > top[0]) best.set(sample.path, [s, top[0]]);
      else if (s > top[1]) best.set(sample.path, [top[0], s]);
    }
    const { knn, second } = this.weights;
    const scores = new Map<string, number>();
    for (const path of new Set([...best.keys(), ...perCentroid.keys()])) {
      const [first, next] = best.get(path) ?? [0, 0];
      scores.set(path, knn * (first + second * next) + (1 - knn) * (perCentroid.get(path) ?? 0));
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
