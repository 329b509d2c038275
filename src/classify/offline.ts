import type { Taxonomy } from '../core/taxonomy.js';
import { dot, normalize, type Embeddings } from './embeddings.js';
import { InvertedIndex, type SparseVector } from './invertedIndex.js';
import { LinearClassifier, type LinearModel } from './linear.js';
import { contentWords, stemOf } from '../core/terms.js';
import { readableShare } from '../core/tokenize.js';
import { calibrated, type Calibration, type TopSuggestion } from './calibration.js';
import {
  DEFAULT_WEIGHTS,
  featureCounts,
  leafHash,
  leafTexts,
  trainOfflineModel,
  type LabelledText,
  type OfflineModel,
  type OfflineWeights,
} from './model.js';
import type { Candidate, Classification, Classifier, Correction } from './types.js';
import type { ProgressSink } from '../core/progress.js';
import type { TrainingFact } from './training.js';
import { byCodeUnit } from '../core/order.js';

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
  /** What its answers depend on, hashed (see Classifier.identity); the caller knows what the models were built from. */
  identity?: string;
  /** A model trained beforehand (at build time); without one, the model is trained here. */
  model?: OfflineModel;
  /** The linear classifier trained at build time; used when it knows every leaf as defined now. */
  linear?: LinearModel;
  corrections?: readonly Correction[];
  training?: readonly TrainingFact[];
  weights?: Partial<OfflineWeights>;
  embeddings?: Embeddings;
  /**
   * Texts that hold no memory (greetings, thanks, filler): a pseudo-leaf that competes with the
   * real ones for the probability, so that chit-chat gets a low confidence at every leaf.
   */
  noMemory?: readonly string[];
  /** Maps the raw top probability to the probability of being right (fitted at build time). */
  calibration?: Calibration;
}

/** The pseudo-leaf of text that holds no memory; never returned as a candidate. */
const NO_MEMORY = '_.no_memory._';
/**
 * The pseudo-leaf's score is raised by this factor: its few texts compete with leaves of
 * dozens. Measured (bench:classify): 1.15 holds 83% of the chit-chat set under --yes against
 * 68% at 1, and no short real fact; top-1 and top-3 unchanged.
 */
const NO_MEMORY_BOOST = 1.15;

/**
 * A text is filler when at least this share of its content words occur in the no-memory texts.
 * Chosen by measurement (bench:classify and bench:recall): at 1/2, 16 of 220 conversation turns
 * that answer a question were held; at 2/3, 1, with 61% of the chit-chat set held.
 */
const FILLER_SHARE = 2 / 3;

export class OfflineClassifier implements Classifier {
  readonly name = 'offline';
  readonly identity?: string;
  /** The taxonomy's leaves, then (when given texts for it) the no-memory pseudo-leaf. */
  private readonly paths: string[];
  private readonly calibration?: Calibration;
  private readonly weights: OfflineWeights;
  private readonly grams: number;
  private readonly bigrams: number;
  private readonly embeddings?: Embeddings;
  private readonly vocabulary: string[];
  /** Features below this index occur in some leaf text; later ones were first met in a query. */
  private readonly indexedFeatures: number;
  private readonly featureIndex: Map<string, number>;
  private readonly idf: number[];
  /** Every text a leaf is known by (rows), its leaf (index into paths) and its weight. */
  private readonly samples: InvertedIndex;
  private readonly sampleLeaf: Int32Array;
  private readonly sampleWeight: Float32Array;
  /** Leaf centroids, and subcategory and category centroids (`a.b`, `a`), by row. */
  private readonly centroids: InvertedIndex;
  private readonly groupNames: string[];
  private readonly groups: InvertedIndex;
  private readonly leafGroups: Array<[number, number]>;
  /** Word-vector centroids of leaves (by leaf index) and groups (by group index). */
  private readonly meanings: Array<Float32Array | undefined>;
  private readonly groupMeanings: Array<Float32Array | undefined>;
  private readonly linear?: LinearClassifier;
  /** The content words of the texts that hold no memory: what filler is made of. */
  private readonly filler = new Set<string>();
  /** For each leaf (by index), its row in the linear classifier's output. */
  private readonly linearRow: number[] = [];
  /** allScores' buffer of the dot product with every sample, all zero between calls. */
  private perSample?: Float64Array;
  /** The no-memory pseudo-leaf's index, -1 without one. */
  private readonly noMemoryLeaf: number;
  /** Leaf indexes in path order, and each leaf's place in it: ties in score are broken by path. */
  private readonly byPath: number[];
  private readonly pathRank: Int32Array;

  constructor(taxonomy: Taxonomy, options: OfflineOptions = {}) {
    this.identity = options.identity;
    const w = (this.weights = { ...DEFAULT_WEIGHTS, ...options.weights });
    this.embeddings = options.embeddings;
    this.calibration = options.calibration;
    const training = options.training ?? [];
    const model = options.model ?? trainOfflineModel(taxonomy, training, w, options.embeddings);
    this.grams = model.grams;
    this.bigrams = model.bigrams ?? 0;
    const leafPaths = [...taxonomy.leaves.keys()];
    const noMemory = options.noMemory ?? [];
    for (const text of noMemory) for (const word of contentWords(text)) this.filler.add(word);
    this.paths = noMemory.length > 0 ? [...leafPaths, NO_MEMORY] : leafPaths;
    const leafIndex = new Map(this.paths.map((p, i) => [p, i]));
    this.noMemoryLeaf = leafIndex.get(NO_MEMORY) ?? -1;
    this.byPath = this.paths.map((_, i) => i).sort((a, b) => byCodeUnit(this.paths[a], this.paths[b]));
    this.pathRank = new Int32Array(this.paths.length);
    this.byPath.forEach((leaf, rank) => {
      this.pathRank[leaf] = rank;
    });
    this.featureIndex = new Map(model.features.map((f, i) => [f, i]));
    this.idf = [...model.idf];
    this.vocabulary = model.vocabulary ?? [];

    // leaves the model knows as they are now come from it; new or redefined ones are learned here
    const current = new Set(
      [...taxonomy.leaves.values()].filter((l) => model.leaves[l.path] === leafHash(l)).map((l) => l.path),
    );
    const overlay: LabelledText[] = [...taxonomy.leaves.values()]
      .filter((l) => !current.has(l.path))
      .flatMap((l) => leafTexts(l, training, w));
    for (const c of options.corrections ?? [])
      if (taxonomy.leaves.has(c.path)) overlay.push({ path: c.path, text: c.text, weight: w.correction });
    for (const text of noMemory) overlay.push({ path: NO_MEMORY, text, weight: 1 });

    const rows: Array<SparseVector & { leaf: number; weight: number }> = [];
    for (const sample of model.samples)
      if (current.has(sample.path)) rows.push({ ...sample, leaf: leafIndex.get(sample.path)! });
    for (const t of overlay) {
      const vector = this.vectorize(t.text);
      rows.push({
        features: [...vector.keys()],
        values: [...vector.values()],
        leaf: leafIndex.get(t.path)!,
        weight: t.weight,
      });
    }
    this.sampleLeaf = Int32Array.from(rows, (r) => r.leaf);
    this.sampleWeight = Float32Array.from(rows, (r) => r.weight);

    // centroids: weighted sums of a leaf's texts; groups: sums of their leaves' centroids
    const sums = this.paths.map(() => new Map<number, number>());
    for (const r of rows)
      for (let i = 0; i < r.features.length; i++)
        sums[r.leaf].set(r.features[i], (sums[r.leaf].get(r.features[i]) ?? 0) + r.values[i] * r.weight);
    const leafCentroids = sums.map((sum) => normalizeMap(sum));
    this.groupNames = [...new Set(this.paths.flatMap(groupsOf))];
    const groupIndex = new Map(this.groupNames.map((g, i) => [g, i]));
    this.leafGroups = this.paths.map((p) => groupsOf(p).map((g) => groupIndex.get(g)!) as [number, number]);
    const groupSums = this.groupNames.map(() => new Map<number, number>());
    leafCentroids.forEach((c, leaf) => {
      for (const g of this.leafGroups[leaf])
        for (const [f, v] of c) groupSums[g].set(f, (groupSums[g].get(f) ?? 0) + v);
    });
    const sparse = (m: Map<number, number>): SparseVector => ({ features: [...m.keys()], values: [...m.values()] });
    const featureCount = (this.indexedFeatures = this.idf.length);
    this.samples = new InvertedIndex(featureCount, rows);
    this.centroids = new InvertedIndex(featureCount, leafCentroids.map(sparse));
    this.groups = new InvertedIndex(
      featureCount,
      groupSums.map((m) => sparse(normalizeMap(m))),
    );

    // the linear classifier knows the leaves it was trained on; with redefined or added leaves it would tilt the scale
    if (
      options.linear &&
      leafPaths.every((p) => current.has(p)) &&
      leafPaths.every((p) => options.linear!.paths.includes(p))
    ) {
      this.linear = LinearClassifier.fromModel(options.linear);
      this.linearRow = this.paths.map((p) => this.linear!.paths.indexOf(p));
      // a person's correction is the strongest evidence there is: a few steps towards it
      for (let i = 0; i < 8; i++) for (const c of options.corrections ?? []) this.linear.learn(c.text, c.path, 0.3);
    }

    this.meanings = this.paths.map(() => undefined);
    this.groupMeanings = this.groupNames.map(() => undefined);
    if (this.embeddings) {
      const dims = this.embeddings.dims;
      this.paths.forEach((path, leaf) => {
        if (current.has(path) && model.semantic[path]) this.meanings[leaf] = Float32Array.from(model.semantic[path]);
      });
      for (const t of overlay) {
        const e = this.embeddings.embed(t.text);
        if (!e) continue;
        const leaf = leafIndex.get(t.path)!;
        const sum = (this.meanings[leaf] ??= new Float32Array(dims));
        for (let d = 0; d < dims; d++) sum[d] += e[d] * t.weight;
      }
      this.meanings.forEach((m, leaf) => {
        if (!m) return;
        normalize(m);
        for (const g of this.leafGroups[leaf]) {
          const sum = (this.groupMeanings[g] ??= new Float32Array(dims));
          for (let d = 0; d < dims; d++) sum[d] += m[d];
        }
      });
      for (const m of this.groupMeanings) if (m) normalize(m);
    }
  }

  /** TF-IDF with sublinear term frequency, L2-normalised; a feature no leaf text has counts as rarest. */
  private vectorize(text: string, normalized = true): Vector {
    const fallback = Math.log((this.paths.length + 1) / 0.5);
    const vector: Vector = new Map();
    for (const [f, count] of featureCounts(text, this.grams, this.bigrams)) {
      let index = this.featureIndex.get(f);
      if (index === undefined) {
        // unknown to the model: weighted as the rarest, but no row has it, so it only normalises
        index = this.idf.push(fallback) - 1;
        this.featureIndex.set(f, index);
      }
      vector.set(index, (1 + Math.log(count)) * this.idf[index]);
    }
    return normalized ? normalizeMap(vector) : vector;
  }

  /**
   * The query vector, plus — for each word the model has never seen — its nearest known words
   * by word vector, weighted by their similarity: "coriander" also asks for "cilantro" and "spice".
   */
  private expandedQuery(text: string): Vector {
    const raw = this.vectorize(text, false);
    const { expand } = this.weights;
    if (!(expand > 0) || !this.embeddings) return normalizeMap(raw);
    const extra = new Map<number, number>();
    for (const word of contentWords(text)) {
      const known = this.featureIndex.get('w:' + stemOf(word));
      if (known !== undefined && known < this.indexedFeatures) continue;
      for (const { word: near, similarity } of this.embeddings.neighbours(word, this.vocabulary, 3, 0.5)) {
        const index = this.featureIndex.get('w:' + stemOf(near));
        if (index === undefined || index >= this.indexedFeatures) continue;
        extra.set(index, Math.max(extra.get(index) ?? 0, expand * similarity * this.idf[index]));
      }
    }
    // the expansions join the query as (weaker) terms of their own
    for (const [index, v] of extra) raw.set(index, (raw.get(index) ?? 0) + v);
    return normalizeMap(raw);
  }

  /** Blended score of every leaf: nearest texts and centroid (words), meaning (word vectors), and its groups. */
  scores(text: string): Map<string, number> {
    const scores = this.allScores(text);
    const byPath = new Map<string, number>();
    this.paths.forEach((path, leaf) => {
      if (path !== NO_MEMORY && scores[leaf] > 0) byPath.set(path, scores[leaf]);
    });
    return byPath;
  }

  /**
   * The scores of the leaves and of the no-memory pseudo-leaf, by leaf index (0: no score).
   * Typed arrays and each group's blend worked out once, not per leaf: consolidate asks this of
   * every fact in a memory.
   */
  private allScores(text: string): Float64Array {
    const query = this.expandedQuery(text);
    // one buffer for every call (the classifier is synchronous): only the rows touched are read, then cleared
    const perSample = (this.perSample ??= new Float64Array(this.samples.size));
    const touched: number[] = [];
    const perLeaf = new Float64Array(this.paths.length);
    const perGroup = new Float64Array(this.groupNames.length);
    this.samples.dot(query, perSample, touched);
    this.centroids.dot(query, perLeaf);
    const { knn, second, semantic, group } = this.weights;
    if (group > 0) this.groups.dot(query, perGroup);

    const first = new Float64Array(this.paths.length);
    const next = new Float64Array(this.paths.length);
    for (const i of touched) {
      const dotted = perSample[i];
      perSample[i] = 0;
      if (dotted === 0) continue;
      const leaf = this.sampleLeaf[i];
      const s = Math.min(1, dotted * Math.sqrt(this.sampleWeight[i]));
      if (s > first[leaf]) {
        next[leaf] = first[leaf];
        first[leaf] = s;
      } else if (s > next[leaf]) next[leaf] = s;
    }
    const meaning = this.embeddings?.embed(text);
    const blend = (lexical: number, m: Float32Array | undefined) =>
      meaning ? (1 - semantic) * lexical + semantic * (m ? Math.max(0, dot(meaning, m)) : 0) : lexical;
    const groupBlend = new Float64Array(this.groupNames.length);
    if (group > 0)
      for (let g = 0; g < groupBlend.length; g++) groupBlend[g] = blend(perGroup[g], this.groupMeanings[g]);
    const scores = new Float64Array(this.paths.length);
    let best = 0;
    for (let leaf = 0; leaf < scores.length; leaf++) {
      let score = blend(knn * (first[leaf] + second * next[leaf]) + (1 - knn) * perLeaf[leaf], this.meanings[leaf]);
      if (group > 0) {
        const [sub, category] = this.leafGroups[leaf];
        score = (1 - group) * score + group * 0.5 * (groupBlend[sub] + groupBlend[category]);
      }
      scores[leaf] = Math.max(score, 0);
      if (scores[leaf] > best) best = scores[leaf];
    }
    if (this.linear && this.weights.linear > 0) {
      // same scale as the other scores: the linear probabilities are scaled to the best score
      const p = this.linear.predict(text);
      const l = this.weights.linear;
      for (let leaf = 0; leaf < scores.length; leaf++) {
        // the pseudo-leaf has no row: it keeps its own score
        const row = this.linearRow[leaf];
        if (row === undefined || row < 0) continue;
        const score = (1 - l) * scores[leaf] + l * best * p[row];
        scores[leaf] = Math.max(score, 0);
      }
    }
    if (this.noMemoryLeaf >= 0) scores[this.noMemoryLeaf] *= NO_MEMORY_BOOST;
    return scores;
  }

  /**
   * The top leaf of a text as the calibrator sees it: its raw softmax probability (the
   * no-memory pseudo-leaf competing), its score, and its lead over the second leaf.
   */
  topSuggestion(
    text: string,
  ): TopSuggestion & { ranked: Array<{ path: string; probability: number }>; noMemory: boolean } {
    const scores = this.allScores(text);
    const sorted = this.byPath.slice().sort((a, b) => scores[b] - scores[a] || this.pathRank[a] - this.pathRank[b]);
    const best = scores[sorted[0]] ?? 0;
    let total = 0;
    const exp = sorted.map((leaf) => {
      const e = Math.exp((scores[leaf] - best) / this.weights.temperature);
      total += e;
      return e;
    });
    const leaves: Array<{ path: string; score: number; probability: number }> = [];
    sorted.forEach((leaf, i) => {
      if (leaf !== this.noMemoryLeaf)
        leaves.push({ path: this.paths[leaf], score: scores[leaf], probability: exp[i] / total });
    });
    const [first, second] = leaves;
    return {
      probability: first?.probability ?? 0,
      score: first?.score ?? 0,
      margin: (first?.score ?? 0) - (second?.score ?? 0),
      ranked: leaves,
      noMemory: sorted[0] === this.noMemoryLeaf,
    };
  }

  /**
   * The k best leaves with calibrated confidences: the top one's is the probability that it is
   * right (calibration.ts), the others keep their share relative to it; ties broken by path, so
   * results are deterministic. The model knows English only: the confidences are scaled by the
   * share of the text's words it can read, so a Russian or Chinese fact is held for review
   * rather than filed on a stray word.
   */
  classifyOne(text: string, k: number): Candidate[] {
    return this.judge(text, k).candidates;
  }

  /**
   * The candidates, and whether no leaf fits: less than half of the text is readable to the
   * model, or the no-memory pseudo-leaf beats every leaf and the text is mostly filler. A turn
   * of conversation that says something in passing ("oh, by the way, I started at Greenline
   * last month") resembles chit-chat as a whole, but its own words are not filler.
   */
  judge(text: string, k: number): { candidates: Candidate[]; noLeafFits: boolean } {
    const readable = readableShare(text);
    const top = this.topSuggestion(text);
    const confidence = calibrated(this.calibration, top);
    // the others scaled with the top, and never together above what is left of 1
    const rest = top.ranked.slice(1).reduce((sum, r) => sum + r.probability, 0);
    const scale =
      top.probability > 0 ? Math.min(confidence / top.probability, rest > 0 ? (1 - confidence) / rest : Infinity) : 0;
    const candidates = top.ranked.slice(0, k).map((r, i) => ({
      path: r.path,
      confidence: Math.round(readable * (i === 0 ? confidence : r.probability * scale) * 1000) / 1000,
    }));
    return { candidates, noLeafFits: readable < 0.5 || (top.noMemory && this.fillerShare(text) >= FILLER_SHARE) };
  }

  /** The share of a text's content words that filler is made of (1 for a text of none: "ok", "haha"). */
  private fillerShare(text: string): number {
    const words = contentWords(text);
    return words.length === 0 ? 1 : words.filter((w) => this.filler.has(w)).length / words.length;
  }

  async classify(texts: readonly string[], k: number, progress?: ProgressSink): Promise<Classification[]> {
    return texts.map((text, i) => {
      const { candidates, noLeafFits } = this.judge(text, Math.max(3, k));
      progress?.('classifying', i + 1, texts.length);
      return noLeafFits
        ? { text, candidates, classifier: this.name, noLeafFits }
        : { text, candidates, classifier: this.name };
    });
  }
}

function normalizeMap<K>(vector: Map<K, number>): Map<K, number> {
  let norm = 0;
  for (const v of vector.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, v] of vector) vector.set(k, v / norm);
  return vector;
}

/** `a.b.c` → [`a.b`, `a`]: the subcategory and the category of a leaf. */
function groupsOf(path: string): [string, string] {
  const [category, sub] = path.split('.');
  return [`${category}.${sub}`, category];
}
