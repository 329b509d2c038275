import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { words } from '../core/terms.js';
import { plainForms } from './inflections.js';
import { indexedLookup, mapLookup, type WordLookup } from './wordIndex.js';

/*
 * Word vectors (data/embeddings/, see its README): they let the offline classifier see that
 * "vegetarian" and "doesn't eat meat" are about the same thing although they share no word.
 * A text is the average of its words' vectors, rare words counting more than common ones
 * (a smooth inverse frequency weighting), normalised to unit length. A word outside the
 * vocabulary takes the vector of its plain form when it is an inflection of a known word
 * ("relocating" → "relocate", inflections.ts).
 */

export interface Embeddings {
  dims: number;
  embed(text: string): Float32Array | undefined;
  /** The `k` words among `candidates` nearest to `word` (cosine ≥ `min`), nearest first. */
  neighbours(
    word: string,
    candidates: readonly string[],
    k: number,
    min: number,
  ): Array<{ word: string; similarity: number }>;
}

/** Finds data/embeddings from this module, in the sources (src/classify) and in the bundle (dist/chunks). */
function dataDir(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'data', 'embeddings');
    if (fs.existsSync(path.join(candidate, 'words.txt'))) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** dist/embeddings-index.bin, written by the build beside the bundle (see wordIndex.ts). */
function prebuiltIndex(wordList: string): WordLookup | undefined {
  try {
    const bytes = fs.readFileSync(fileURLToPath(new URL('../embeddings-index.bin', import.meta.url)));
    return indexedLookup(
      wordList,
      new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
    );
  } catch {
    return undefined;
  }
}

let loaded: Embeddings | null | undefined;

/** The word vectors, read once per process; undefined when the data files are missing. */
export function loadEmbeddings(): Embeddings | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  const dir = dataDir();
  if (!dir) return (loaded = null) ?? undefined;
  const raw = fs.readFileSync(path.join(dir, 'vectors.bin'));
  const bytes = new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  // word → row without building a Map of every word: recall loads this for every question
  const wordList = fs.readFileSync(path.join(dir, 'words.txt'), 'utf8');
  const lookup = prebuiltIndex(wordList) ?? mapLookup(wordList);
  const dims = bytes.length / Math.max(1, lookup.count);
  const weights = new Float32Array(lookup.count);
  // a word outside the vocabulary → the row of the known word it inflects, if any (names recur in every turn)
  const inflected = new Map<string, number | undefined>();
  const index = {
    get: (word: string) => {
      let row = lookup.row(word);
      if (row === undefined) {
        if (!inflected.has(word))
          inflected.set(
            word,
            plainForms(word)
              .map((form) => lookup.row(form))
              .find((r) => r !== undefined),
          );
        row = inflected.get(word);
      }
      if (row === undefined) return undefined;
      // smooth inverse frequency: a word at Zipf probability p weighs a / (a + p)
      weights[row] ||= 0.001 / (0.001 + 1 / (lookup.rank(row) + 10));
      return { row, weight: weights[row] };
    },
  };
  let nearestOf: readonly string[] | undefined;
  const nearest = new Map<string, Array<{ word: string; similarity: number }>>();
  loaded = {
    dims,
    embed(text) {
      const sum = new Float32Array(dims);
      let any = false;
      for (const word of words(text)) {
        const entry = index.get(word);
        if (!entry) continue;
        any = true;
        const base = entry.row * dims;
        for (let d = 0; d < dims; d++) sum[d] += bytes[base + d] * entry.weight;
      }
      return any ? normalize(sum) : undefined;
    },
    neighbours(word, candidates, k, min) {
      // a batch asks for the same words (a name in every turn) against the same vocabulary
      if (candidates !== nearestOf) nearest.clear(), (nearestOf = candidates);
      const key = `${k}\t${min}\t${word}`;
      const known = nearest.get(key);
      if (known) return known;
      const entry = index.get(word);
      if (!entry) return nearest.set(key, []).get(key)!;
      const base = entry.row * dims;
      const best: Array<{ word: string; similarity: number }> = [];
      for (const candidate of candidates) {
        const other = index.get(candidate);
        if (!other || candidate === word) continue;
        let s = 0;
        const at = other.row * dims;
        for (let d = 0; d < dims; d++) s += bytes[base + d] * bytes[at + d];
        const similarity = s / (127 * 127);
        if (similarity < min || (best.length === k && similarity <= best[k - 1].similarity)) continue;
        best.push({ word: candidate, similarity });
        best.sort((a, b) => b.similarity - a.similarity);
        if (best.length > k) best.pop();
      }
      nearest.set(key, best);
      return best;
    },
  };
  return loaded;
}

export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < vector.length; d++) vector[d] /= norm;
  return vector;
}

export function dot(a: Float32Array, b: ArrayLike<number>): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d] * b[d];
  return s;
}
