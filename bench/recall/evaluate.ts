import { readFileSync } from 'node:fs';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import {
  buildCorpus,
  Corpus,
  DEFAULT_RECALL_WEIGHTS,
  rankFacts,
  type IndexedFact,
  type LeafScores,
  type RecallWeights,
} from '../../src/core/recall.js';
import { buildLeafModel, LeafNavigator } from '../../src/core/recallLeaves.js';
import { terms } from '../../src/core/terms.js';
import { leafTexts } from '../../src/app/recallModel.js';
import { loadEmbeddings } from '../../src/classify/embeddings.js';
import { softMatcher } from '../../src/core/recallMeaning.js';

/*
 * recall's evaluation (npm run bench:recall, and test/bench/recall-eval.test.ts): the memory in
 * memory.tsv, the questions in questions.tsv, scored with the same core as `memoir recall`.
 * Every third question is held out: tune on "dev", report both.
 */

export interface Question {
  key: string;
  question: string;
  heldOut: boolean;
}

export interface Score {
  n: number;
  hit1: number;
  hit5: number;
}

export interface Evaluation {
  dev: Score;
  heldOut: Score;
  all: Score;
  /** The questions that share at most half of their words with their fact (most of them). */
  paraphrased: Score;
  misses: Array<{ question: string; expected: string; got: string[]; heldOut: boolean }>;
}

function rows(file: string): string[][] {
  return readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export function loadMemory(): IndexedFact[] {
  return rows('./memory.tsv').map(([key, path, text]) => ({ id: key, path, text, recordedAt: '2026-11-01T00:00:00Z' }));
}

export function loadQuestions(): Question[] {
  return rows('./questions.tsv').map(([key, question], i) => ({ key, question, heldOut: i % 3 === 2 }));
}

/** The navigation each question gets: from the leaf model by default, or from another navigator to compare. */
export type Navigate = (question: string) => LeafScores;

export interface Signals {
  navigate: Navigate;
  similarity?: (question: string) => (text: string) => number;
}

/** recall's signals as `memoir recall` builds them: the leaf model with word vectors, and the soft word match. */
export async function defaultSignals(options: { meaningWeight?: number; vectors?: boolean } = {}): Promise<Signals> {
  const meanings = options.vectors === false ? undefined : loadEmbeddings();
  const navigator = new LeafNavigator(
    buildLeafModel(await leafTexts(builtinTaxonomy()), { meanings }),
    meanings,
    options.meaningWeight,
  );
  return { navigate: (q) => navigator.scores(q), similarity: meanings ? (q) => softMatcher(q, meanings) : undefined };
}

export function evaluate(
  facts: IndexedFact[],
  questions: Question[],
  { navigate, similarity }: Signals,
  weights: RecallWeights = DEFAULT_RECALL_WEIGHTS,
): Evaluation {
  const corpus = new Corpus(buildCorpus(facts));
  const byKey = new Map(facts.map((f) => [f.id, f]));
  const score = (): Score => ({ n: 0, hit1: 0, hit5: 0 });
  const dev = score();
  const heldOut = score();
  const paraphrased = score();
  const misses: Evaluation['misses'] = [];
  for (const q of questions) {
    if (!byKey.has(q.key)) throw new Error(`question "${q.question}" expects an unknown fact ${q.key}`);
    const hits = rankFacts(q.question, corpus, navigate(q.question), {
      k: 5,
      weights,
      similarity: similarity?.(q.question),
    }).map((h) => h.fact.id);
    const s = q.heldOut ? heldOut : dev;
    for (const t of isParaphrase(q, byKey.get(q.key)!) ? [s, paraphrased] : [s]) {
      t.n++;
      if (hits[0] === q.key) t.hit1++;
      if (hits.includes(q.key)) t.hit5++;
    }
    if (hits[0] !== q.key)
      misses.push({
        question: q.question,
        expected: byKey.get(q.key)!.text,
        got: hits.map((id) => byKey.get(id)!.text),
        heldOut: q.heldOut,
      });
  }
  const all = { n: dev.n + heldOut.n, hit1: dev.hit1 + heldOut.hit1, hit5: dev.hit5 + heldOut.hit5 };
  return { dev, heldOut, all, paraphrased, misses };
}

export const rate = (s: Score, field: 'hit1' | 'hit5') => (s.n ? s[field] / s.n : 0);

/** A question that shares at most half of its (stemmed) words with the fact that answers it. */
export function isParaphrase(q: Question, fact: IndexedFact): boolean {
  const said = new Set(terms(fact.text));
  const asked = terms(q.question);
  return asked.filter((t) => said.has(t)).length <= Math.max(1, asked.length / 2);
}
