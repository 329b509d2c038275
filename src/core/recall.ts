import { stemOf, terms, words } from '../classify/features.js';
import { daySpans, timeEvidence, type TimeQuestion } from './recallTime.js';

/*
 * Recall without a model: a question is scored against the current facts by two signals,
 *   - lexical: BM25 over the fact's stemmed words (what the fact says), and
 *   - navigation: how well the question matches the fact's leaf — its name, description,
 *     examples and the training corpus (what the fact is about), see recallLeaves.ts.
 * "what does she drink in the morning?" shares no word with "a flat white with oat milk is
 * how I start the day", but it does with the leaf preferences.food.drinks.
 * The corpus is an inverted index, so a question touches only the facts that share a word
 * with it or sit at a leaf it points to, never all of them. The blend was chosen by
 * measurement (npm run bench:recall). Pure: no fs, no git.
 */

/** One fact as recall returns it. */
export interface IndexedFact {
  id: string;
  path: string;
  text: string;
  recordedAt: string;
  /** The commit that recorded the fact (its provenance); undefined if it could not be found. */
  commit?: string;
  /** When what it tells happened (see Fact.when), and when it is true; absent: unknown. */
  when?: string;
  validFrom?: string;
  validUntil?: string;
}

/** Leaf path → relevance of the question to it (a cosine, in [0, 1]). */
export type LeafScores = Map<string, number>;

/**
 * The serialisable index of a set of facts. Facts are lines (`id\tpath\ttext\trecordedAt\tcommit\twhen`),
 * split only for the facts returned; everything scoring needs is in flat arrays.
 */
export interface CorpusData {
  lines: string;
  /** Where each fact's line starts in `lines`: one fact is read without splitting them all. */
  offsets: number[];
  /** Per fact: the index of its leaf in `leaves`, its number of terms, its recording time (seconds). */
  leafOf: number[];
  lengths: number[];
  recorded: number[];
  leaves: string[];
  /** The facts that say when they happened or hold: flat [fact, first day, last day, ...] (days since 1970-01-01, see recallTime.ts). */
  dated: number[];
  /**
   * The postings, one line per term: `\nterm\tfact,tf,fact,tf...` (numbers in base 36). A
   * string, not an object: parsing 20,000 small arrays on every question costs more than the
   * question; a line is found with indexOf when the question asks for its term.
   */
  postings: string;
}

export function buildCorpus(facts: readonly IndexedFact[]): CorpusData {
  const leafIndex = new Map<string, number>();
  const postings = new Map<string, number[]>();
  const data: CorpusData = { lines: '', offsets: [], leafOf: [], lengths: [], recorded: [], leaves: [], dated: [], postings: '' };
  const lines: string[] = [];
  let offset = 0;
  facts.forEach((fact, doc) => {
    let leaf = leafIndex.get(fact.path);
    if (leaf === undefined) leafIndex.set(fact.path, (leaf = data.leaves.push(fact.path) - 1));
    const factTerms = terms(fact.text);
    const tf = new Map<string, number>();
    for (const t of factTerms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) (postings.get(t) ?? postings.set(t, []).get(t)!).push(doc, n);
    data.leafOf.push(leaf);
    data.lengths.push(factTerms.length);
    data.recorded.push(Math.floor(Date.parse(fact.recordedAt) / 1000) || 0);
    for (const [from, to] of daySpans(fact)) data.dated.push(doc, from, to);
    const line = [fact.id, fact.path, fact.text, fact.recordedAt, fact.commit ?? '', fact.when ?? ''].map((f) => f.replace(/[\t\n]/g, ' ')).join('\t');
    lines.push(line);
    data.offsets.push(offset);
    offset += line.length + 1;
  });
  data.lines = lines.join('\n');
  data.postings = tableOf([...postings].map(([term, list]) => [term, list.map((n) => n.toString(36)).join(',')]));
  return data;
}

/** A loaded corpus: the data plus what is derived once per process. */
export class Corpus {
  readonly count: number;
  readonly averageLength: number;
  private readonly byLeaf = new Map<string, number[]>();

  constructor(readonly data: CorpusData) {
    this.count = data.leafOf.length;
    let total = 0;
    for (const n of data.lengths) total += n;
    this.averageLength = this.count ? total / this.count : 0;
    data.leafOf.forEach((leaf, doc) => {
      const path = data.leaves[leaf];
      (this.byLeaf.get(path) ?? this.byLeaf.set(path, []).get(path)!).push(doc);
    });
  }

  path(doc: number): string {
    return this.data.leaves[this.data.leafOf[doc]];
  }

  factsAt(leaf: string): readonly number[] {
    return this.byLeaf.get(leaf) ?? [];
  }

  /** Flat [fact, tf, fact, tf, ...] for a term; undefined when no fact has it. */
  postings(term: string): number[] | undefined {
    const line = lookup(this.data.postings, term);
    return line === undefined ? undefined : line.split(',').map((n) => parseInt(n, 36));
  }

  fact(doc: number): IndexedFact {
    const start = this.data.offsets[doc];
    const end = this.data.lines.indexOf('\n', start);
    const [id, path, text, recordedAt, commit, when] = this.data.lines.slice(start, end < 0 ? undefined : end).split('\t');
    const fact: IndexedFact = { id, path, text, recordedAt, commit: commit || undefined };
    if (when) fact.when = when;
    return fact;
  }
}

export interface RecallWeights {
  /** BM25 term-frequency saturation and length normalisation. */
  k1: number;
  b: number;
  /** Weight of the navigation (a leaf's cosine with the question) beside the lexical score in [0, 1]. */
  leaf: number;
  /** Leaves kept from the navigation: the rest count as 0 (the tail is noise). */
  leaves: number;
  /** Weight of the meaning similarity of question and fact (word vectors), for the best `pool` facts. */
  meaning: number;
  pool: number;
  /** Bonus for a fact of the kind the question asks for: a number for "when"/"how much", a name for "who". */
  answer: number;
  /**
   * How much a crowded leaf's pull is weakened: the leaf's rarity, log(1 + N/n) / log(1 + N) for
   * n of the N facts, raised to `crowding` (0: a leaf holding many facts points at each as
   * strongly as a leaf holding one). A leaf is evidence about a fact as a word is in BM25: the
   * fewer facts share it, the more it says. Conversation turns filed by the classifier crowd a
   * few leaves, whose pull otherwise buries the facts the question's own words find.
   */
  crowding: number;
}

export const DEFAULT_RECALL_WEIGHTS: RecallWeights = { k1: 0.6, b: 0.3, leaf: 12, leaves: 10, meaning: 0.25, pool: 30, answer: 1, crowding: 1 };

export interface RecallHit {
  fact: IndexedFact;
  /** The blended score, rounded; higher is better. Comparable within one question only. */
  score: number;
}

export interface RankOptions {
  k: number;
  /** Only facts whose leaf is under one of these dotted prefixes. */
  prefixes?: readonly string[];
  weights?: RecallWeights;
  /** How close a fact's text is in meaning to the question, in [0, 1] (word vectors); absent: not used. */
  similarity?: (text: string) => number;
  /** What the question asks about time ("when ...?", "last week"), see recallTime.ts; absent: nothing. */
  time?: TimeQuestion;
}

/**
 * The k facts most relevant to a question, best first. The lexical score is the fact's BM25
 * as a share of what a fact holding every query word would get, so a weak best match stays
 * weak. Ties (several facts at the leaf the question is about, no word in common) go to the
 * newest fact, then to the first indexed.
 * @example rankFacts('which theme?', corpus, navigator.scores('which theme?'), { k: 5 })
 */
export function rankFacts(question: string, corpus: Corpus, leafScores: LeafScores, options: RankOptions): RecallHit[] {
  const weights = options.weights ?? DEFAULT_RECALL_WEIGHTS;
  const { k1, b } = weights;
  const scores = new Map<number, number>();
  let ideal = 0;
  for (const term of queryTerms(question)) {
    const list = corpus.postings(term);
    if (!list) continue;
    const df = list.length / 2;
    const idf = Math.log(1 + (corpus.count - df + 0.5) / (df + 0.5));
    ideal += idf;
    for (let i = 0; i < list.length; i += 2) {
      const doc = list[i];
      const tf = list[i + 1];
      const norm = 1 - b + (b * corpus.data.lengths[doc]) / (corpus.averageLength || 1);
      scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1 * norm));
    }
  }
  if (ideal > 0) for (const [doc, s] of scores) scores.set(doc, s / ideal);
  const navigation = [...leafScores].filter(([, s]) => s > 0).sort((x, y) => y[1] - x[1]).slice(0, weights.leaves);
  for (const [path, s] of navigation) {
    const facts = corpus.factsAt(path);
    const rarity = weights.crowding > 0 ? (Math.log(1 + corpus.count / facts.length) / Math.log(1 + corpus.count)) ** weights.crowding : 1;
    for (const doc of facts) scores.set(doc, (scores.get(doc) ?? 0) + weights.leaf * s * rarity);
  }
  if (options.time) timeEvidence(scores, corpus, options.time);
  const prefixes = options.prefixes?.length ? options.prefixes : undefined;
  const ranked: Array<[number, number]> = [];
  for (const [doc, score] of scores) {
    if (prefixes) {
      const path = corpus.path(doc);
      if (!prefixes.some((prefix) => path === prefix || path.startsWith(prefix + '.'))) continue;
    }
    if (score > 0) ranked.push([doc, score]);
  }
  const order = (x: [number, number], y: [number, number]) => y[1] - x[1] || corpus.data.recorded[y[0]] - corpus.data.recorded[x[0]] || x[0] - y[0];
  ranked.sort(order);
  const { similarity } = options;
  const wants = weights.answer > 0 ? answerKind(question) : undefined;
  if ((similarity && weights.meaning > 0) || wants) {
    // the second stage: only the best few are worth reading and comparing in meaning
    const pool = ranked.slice(0, Math.max(weights.pool, options.k));
    for (const entry of pool) {
      const text = corpus.fact(entry[0]).text;
      if (similarity && weights.meaning > 0) entry[1] += weights.meaning * similarity(text);
      if (wants && answers(text, wants)) entry[1] += weights.answer;
    }
    pool.sort(order);
    ranked.splice(0, pool.length, ...pool);
  }
  return ranked.slice(0, options.k).map(([doc, score]) => ({ fact: corpus.fact(doc), score: Math.round(score * 1000) / 1000 }));
}

/**
 * The question's stemmed words, and each pair of neighbouring words written as one ("front
 * end" → frontend, "e mail" → email, "data base" → database): people split and join compounds
 * freely, and a fact that joins them shares no word with a question that splits them.
 */
export function queryTerms(question: string): Set<string> {
  const found = new Set(terms(question));
  const all = words(question);
  for (let i = 0; i + 1 < all.length; i++) if (/^[a-z]+$/.test(all[i] + all[i + 1])) found.add(stemOf(all[i] + all[i + 1]));
  return found;
}

/** A lookup table as one string, `\nkey\tvalue` per entry; keys and values hold no tab or line break. */
export function tableOf(entries: Iterable<[string, string]>): string {
  let table = '';
  for (const [key, value] of entries) table += `\n${key}\t${value}`;
  return table + '\n';
}

/** The value of a key in a table made by tableOf. */
export function lookup(table: string, key: string): string | undefined {
  const at = table.indexOf(`\n${key}\t`);
  if (at < 0) return undefined;
  const start = at + key.length + 2;
  return table.slice(start, table.indexOf('\n', start));
}

type AnswerKind = 'number' | 'name';

/** What kind of answer a question asks for, from its first words: a quantity or date, or a person. */
export function answerKind(question: string): AnswerKind | undefined {
  const q = question.trim().toLowerCase();
  if (/^(when|what time|what day|which day|what year|how (much|many|old|tall|long|fast|often|big|far))\b/.test(q)) return 'number';
  if (/^(who|whom|whose)\b/.test(q)) return 'name';
  return undefined;
}

function answers(text: string, kind: AnswerKind): boolean {
  if (kind === 'number') return /\d/.test(text) || /\b(one|two|three|four|five|six|seven|eight|nine|ten|twice|once|daily|weekly|monthly|yearly|morning|evening|night|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i.test(text);
  // a capitalised word after the first: a name (or a place, a product, which rarely answers "who")
  return /\s[A-Z][a-z]+/.test(text.replace(/^\S+/, ''));
}
