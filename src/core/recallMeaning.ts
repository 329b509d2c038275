import { contentWords, stemOf, terms } from './terms.js';

/*
 * What word vectors add to recall, measured on the evaluation (npm run bench:recall):
 *   - a leaf's meaning (the weighted mean vector of the texts it is known by) compared with the
 *     question's catches "married" → a wedding at events.upcoming.gatherings with no word shared;
 *   - a soft word match (each question word's nearest word in the fact) separates facts at the
 *     same leaf: "dislikes" ~ "avoid", "morning" ~ "day".
 * A fact's averaged vector, compared whole, did not help (it blurs everything towards "a fact").
 */

/** Word vectors, as recall needs them: a text's (unit) meaning vector, undefined when no word is known. */
export interface Meanings {
  embed(text: string): Float32Array | undefined;
}

/** Each leaf's meaning: the normalised weighted sum of its texts' vectors, rounded for storage. */
export function leafMeanings(
  leaves: ReadonlyArray<{ texts: ReadonlyArray<{ text: string; weight: number }> }>,
  meanings: Meanings,
): number[][] {
  return leaves.map((leaf) => {
    let sum: Float32Array | undefined;
    for (const { text, weight } of leaf.texts) {
      const v = meanings.embed(text);
      if (!v) continue;
      sum ??= new Float32Array(v.length);
      for (let d = 0; d < v.length; d++) sum[d] += v[d] * weight;
    }
    if (!sum) return [];
    const norm = Math.sqrt(sum.reduce((s, x) => s + x * x, 0)) || 1;
    return Array.from(sum, (x) => Math.round((x / norm) * 1000) / 1000);
  });
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let d = 0; d < n; d++) s += a[d] * b[d];
  return s;
}

/** Word-to-word similarity below this is unrelated words, not a weak match. */
const SOFT_FLOOR = 0.3;

/** A text's words as the soft match reads them, worked out once for every comparison it is in. */
export interface SoftWords {
  /** What it asks: its content words (or, for single characters like 茶, its terms), each with its vector. */
  asked: Array<{ word: string; vector: Float32Array | undefined }>;
  /** What it says: its words and their stems. */
  present: Set<string>;
  /** The vectors of its content words. */
  said: Float32Array[];
}

export function softWords(text: string, meanings: Meanings): SoftWords {
  const words = contentWords(text);
  // a question of single characters (茶) has no content word: its terms are what it asks
  const asked = [...new Set(words.length ? words : terms(text))].map((word) => ({
    word,
    vector: meanings.embed(word),
  }));
  const vectors = new Map(asked.map((a) => [a.word, a.vector]));
  return {
    asked,
    present: new Set([...words, ...terms(text)]),
    said: words
      .map((w) => (vectors.has(w) ? vectors.get(w) : meanings.embed(w)))
      .filter((v): v is Float32Array => v !== undefined),
  };
}

/**
 * How well a fact's words cover the question's, in [0, 1]: for each question word, 1 if the
 * fact has it, else its most similar word in the fact (above the floor), averaged. A word
 * without a vector (another script, a name) counts only when the fact has it as it is.
 */
export function softCoverage(question: SoftWords, fact: SoftWords, weight?: (word: string) => number): number {
  if (question.asked.length === 0) return 0;
  let total = 0;
  let weights = 0;
  for (const a of question.asked) {
    const w = weight ? weight(a.word) : 1;
    weights += w;
    if (fact.present.has(a.word) || fact.present.has(stemOf(a.word))) {
      total += w;
      continue;
    }
    if (!a.vector) continue;
    let best = 0;
    for (const b of fact.said) best = Math.max(best, cosine(a.vector, b));
    if (best > SOFT_FLOOR) total += (w * (best - SOFT_FLOOR)) / (1 - SOFT_FLOOR);
  }
  return weights === 0 ? 0 : total / weights;
}

/** softCoverage for one question: the scorer recall asks of each fact. */
export function softMatcher(question: string, meanings: Meanings): (text: string) => number {
  const cache = new Map<string, Float32Array | undefined>();
  const remembered: Meanings = {
    embed: (word) => (cache.has(word) ? cache.get(word) : cache.set(word, meanings.embed(word)).get(word)),
  };
  const asking = softWords(question, remembered);
  return (text) => (asking.asked.length === 0 ? 0 : softCoverage(asking, softWords(text, remembered)));
}
