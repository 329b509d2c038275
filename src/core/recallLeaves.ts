import { terms } from './terms.js';
import { lookup, tableOf, type LeafScores } from './recall.js';
import { cosine, leafMeanings, type Meanings } from './recallMeaning.js';

/*
 * Taxonomy navigation for recall, light enough for every question: each leaf is a TF-IDF
 * centroid of the stemmed words it is known by (its path's names, description, examples and
 * the training corpus), and a question goes to the leaves whose centroid it is nearest.
 * The full offline classifier does this better for statements but takes ~250 ms to load
 * (11 MB of models); this model is a few hundred KB, built once and cached (see docs/decisions.md).
 */

/** The texts a leaf is known by, with a weight each. */
export interface LeafTexts {
  path: string;
  texts: Array<{ text: string; weight: number }>;
}

/**
 * Serialisable, and ready to use as parsed: leaf paths, each term's idf, and each term's
 * postings, flat [leaf, weight, leaf, weight, ...] (each leaf's vector has unit length).
 */
export interface LeafModel {
  paths: string[];
  /** One line per term (see tableOf): `term\tidf\tleaf,weight,leaf,weight...`. */
  terms: string;
  /** Each leaf's meaning vector (see recallMeaning.ts); absent without word vectors. */
  meanings?: number[][];
}

/** Terms kept per leaf: the tail adds size, not accuracy. */
const TERMS_PER_LEAF = 400;

export function buildLeafModel(
  leaves: readonly LeafTexts[],
  options: { termsPerLeaf?: number; tf?: 'log' | 'sqrt' | 'binary'; meanings?: Meanings } = {},
): LeafModel {
  const counts = leaves.map((leaf) => {
    const tf = new Map<string, number>();
    for (const { text, weight } of leaf.texts)
      for (const term of new Set(terms(text))) tf.set(term, (tf.get(term) ?? 0) + weight);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, n] of df) idf.set(term, round(Math.log((leaves.length + 1) / (n + 0.5))));
  const postings = new Map<string, number[]>();
  counts.forEach((tf, leaf) => {
    const shape =
      options.tf === 'sqrt' ? Math.sqrt : options.tf === 'binary' ? () => 1 : (c: number) => 1 + Math.log(1 + c);
    const weighted = [...tf].map(([term, c]) => [term, shape(c) * idf.get(term)!] as [string, number]);
    weighted.sort((a, b) => b[1] - a[1]);
    const kept = weighted.slice(0, options.termsPerLeaf ?? TERMS_PER_LEAF);
    const norm = Math.sqrt(kept.reduce((s, [, w]) => s + w * w, 0)) || 1;
    for (const [term, w] of kept) (postings.get(term) ?? postings.set(term, []).get(term)!).push(leaf, round(w / norm));
  });
  const table = tableOf([...postings].map(([term, list]) => [term, `${idf.get(term)}\t${list.join(',')}`]));
  return {
    paths: leaves.map((l) => l.path),
    terms: table,
    meanings: options.meanings ? leafMeanings(leaves, options.meanings) : undefined,
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Weight of a leaf's meaning beside its words, and the power that keeps only close meanings (chosen by measurement). */
export const MEANING_WEIGHT = 0.25;
const MEANING_POWER = 4;

/** Scores questions against a leaf model. */
export class LeafNavigator {
  constructor(
    private readonly model: LeafModel,
    private readonly meanings?: Meanings,
    private readonly meaningWeight = MEANING_WEIGHT,
  ) {}

  /** Cosine of the question's TF-IDF vector with every leaf's centroid, plus the closeness in meaning; leaves with neither are absent. */
  scores(question: string): LeafScores {
    const query = new Map<string, number>();
    const postings = new Map<string, number[]>();
    for (const term of terms(question)) {
      const line = lookup(this.model.terms, term);
      if (line === undefined) continue;
      const [idf, list] = line.split('\t');
      query.set(term, (query.get(term) ?? 0) + Number(idf));
      postings.set(term, list.split(',').map(Number));
    }
    const norm = Math.sqrt([...query.values()].reduce((s, w) => s + w * w, 0)) || 1;
    const sums = new Float64Array(this.model.paths.length);
    for (const [term, w] of query) {
      const list = postings.get(term)!;
      for (let i = 0; i < list.length; i += 2) sums[list[i]] += (w / norm) * list[i + 1];
    }
    const meaning =
      this.meanings && this.model.meanings && this.meaningWeight > 0 ? this.meanings.embed(question) : undefined;
    if (meaning) {
      this.model.meanings!.forEach((m, leaf) => {
        if (m.length > 0) sums[leaf] += this.meaningWeight * Math.max(0, cosine(meaning, m)) ** MEANING_POWER;
      });
    }
    const scores: LeafScores = new Map();
    sums.forEach((s, leaf) => {
      if (s > 0) scores.set(this.model.paths[leaf], s);
    });
    return scores;
  }
}
