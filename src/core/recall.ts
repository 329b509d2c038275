import { byCodeUnit } from './order.js';
import { stemOf, terms, words } from './terms.js';
import { datedFacts, daySpans, timeTiers, type TimeQuestion } from './recallTime.js';
import type { ProgressSink } from './progress.js';

/*
 * Recall without a model. A question gathers candidates — the facts that share a word with it
 * and the facts at the leaves it points to (the corpus is an inverted index: it never touches
 * the others) — and each candidate is scored on bounded evidence:
 *   - words: BM25 over the fact's stemmed words (what the fact says), and how far the best
 *     match is ahead of the rest;
 *   - navigation: how well the question matches the fact's leaf — its name, description,
 *     examples and the training corpus (what the fact is about), see recallLeaves.ts — weighed by
 *     the leaf's rarity and the classifier's confidence in the fact's leaf;
 *   - meaning (word vectors), the kind of answer asked for, time (recallTime.ts), and whether the
 *     fact is a value since replaced.
 * "what does she drink in the morning?" shares no word with "a flat white with oat milk is
 * how I start the day", but it does with the leaf preferences.food.drinks. The weights are a
 * logistic model fitted by measurement (npm run bench:recall -- --learn). Pure: no fs, no git.
 */

/** One fact as recall returns it. */
export interface IndexedFact {
  id: string;
  path: string;
  text: string;
  recordedAt: string;
  /** The commit that recorded the fact (its provenance); undefined if it could not be found. */
  commit?: string;
  /** How sure the classifier was of the fact's leaf, in [0, 1]; absent: placed by hand (sure). */
  confidence?: number;
  /** For a value no longer current: the id of the fact that replaced it at its `one` leaf. */
  supersededBy?: string;
  /** When what it tells happened (see Fact.when), and when it is true; absent: unknown. */
  when?: string;
  validFrom?: string;
  validUntil?: string;
}

/** Leaf path → relevance of the question to it (a cosine, in [0, 1]). */
export type LeafScores = Map<string, number>;

/**
 * The serialisable index of a set of facts. Facts are lines (`id\ttext\trecordedAt\tcommit\twhen\tsupersededBy`),
 * split only for the facts returned; everything scoring needs is in flat arrays. What the
 * arrays hold is not repeated in the lines: the path is the leaf's, the commit an index into
 * `commits` (base 36), and `recordedAt` is empty when it is the ISO form of `recorded` (or unknown).
 */
export interface CorpusData {
  lines: string;
  /** The commits that recorded the facts, each once. */
  commits: string[];
  /** Per fact: the index of its leaf in `leaves`, its number of terms. */
  leafOf: number[];
  lengths: number[];
  /** Per fact, its recording time in seconds: base-36 differences from the fact before, comma-separated. */
  recorded: string;
  /** The facts whose leaf is not sure (a classifier's confidence under 1): `fact:hundredths` in base 36, comma-separated. */
  unsure: string;
  leaves: string[];
  /** The facts that say when they happened or hold: flat [fact, first day, last day, ...] (days since 1970-01-01, see recallTime.ts). */
  dated: number[];
  /**
   * The postings, one line per term: `\nterm\tgap,gap:tf,...`, each fact as its distance from the
   * one before in base 36, with its term frequency only when it is not 1. A string, not an
   * object: parsing 20,000 small arrays on every question costs more than the question; a line
   * is found with indexOf when the question asks for its term.
   */
  postings: string;
}

export function buildCorpus(facts: readonly IndexedFact[], progress?: ProgressSink): CorpusData {
  const leafIndex = new Map<string, number>();
  const postings = new Map<string, string[]>();
  const last = new Map<string, number>();
  const data: CorpusData = {
    lines: '',
    commits: [],
    leafOf: [],
    lengths: [],
    recorded: '',
    unsure: '',
    leaves: [],
    dated: [],
    postings: '',
  };
  const commitIndex = new Map<string, number>();
  const lines: string[] = [];
  const recorded: string[] = [];
  const unsure: string[] = [];
  let previous = 0;
  facts.forEach((fact, doc) => {
    progress?.('indexing facts', doc, facts.length);
    let leaf = leafIndex.get(fact.path);
    if (leaf === undefined) leafIndex.set(fact.path, (leaf = data.leaves.push(fact.path) - 1));
    const factTerms = terms(fact.text);
    const tf = new Map<string, number>();
    for (const t of factTerms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const gap = (doc - (last.get(t) ?? 0)).toString(36);
      (postings.get(t) ?? postings.set(t, []).get(t)!).push(n === 1 ? gap : `${gap}:${n.toString(36)}`);
      last.set(t, doc);
    }
    data.leafOf.push(leaf);
    data.lengths.push(factTerms.length);
    const seconds = Math.floor(Date.parse(fact.recordedAt) / 1000) || 0;
    recorded.push((seconds - previous).toString(36));
    previous = seconds;
    const sure = Math.round((fact.confidence ?? 1) * 100);
    if (sure !== 100) unsure.push(`${doc.toString(36)}:${sure.toString(36)}`);
    for (const [from, to] of daySpans(fact)) data.dated.push(doc, from, to);
    let commit = '';
    if (fact.commit) {
      let index = commitIndex.get(fact.commit);
      if (index === undefined) commitIndex.set(fact.commit, (index = data.commits.push(fact.commit) - 1));
      commit = index.toString(36);
    }
    const at = seconds && isoSeconds(seconds) === fact.recordedAt ? '' : fact.recordedAt;
    lines.push(
      [fact.id, fact.text, at, commit, fact.when ?? '', fact.supersededBy ?? '']
        .map((f) => f.replace(/[\t\n]/g, ' '))
        .join('\t'),
    );
  });
  data.lines = lines.join('\n');
  data.recorded = recorded.join(',');
  data.unsure = unsure.join(',');
  // in code-unit order: the index file finds a term by halving (store/recallIndexFile.ts)
  data.postings = tableOf(
    [...postings].sort(([a], [b]) => byCodeUnit(a, b)).map(([term, list]) => [term, list.join(',')]),
  );
  return data;
}

/** Seconds since the epoch as memoir writes times: ISO 8601, UTC, to the second. */
function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * What a loaded corpus reads: from CorpusData as built, or from the index file's sections
 * (store/recallIndexFile.ts), which it reads in place instead of parsing.
 */
export interface CorpusParts {
  count: number;
  commits: readonly string[];
  leaves: readonly string[];
  leafOf: ArrayLike<number>;
  lengths: ArrayLike<number>;
  /** Per fact, its recording time in seconds (0: unknown). */
  recorded: ArrayLike<number>;
  /** Per fact, how sure its leaf is, in hundredths. */
  sure: ArrayLike<number>;
  /** Flat [fact, first day, last day, ...], as CorpusData.dated. */
  dated: ArrayLike<number>;
  /** The facts at each leaf (by index in `leaves`), in index order; undefined: grouped here from `leafOf`. */
  factsOfLeaf?: (leaf: number) => readonly number[];
  /** A fact's line, as in CorpusData.lines. */
  line(doc: number): string;
  /** A term's postings line, as in CorpusData.postings, or undefined. */
  postingsLine(term: string): string | undefined;
}

/** The parts of a corpus as buildCorpus makes it: each fact's line found, its time and sureness spelled out. */
export function partsOf(data: CorpusData): CorpusParts {
  const count = data.leafOf.length;
  const offsets: number[] = [];
  for (let at = 0; offsets.length < count; at = data.lines.indexOf('\n', at) + 1) offsets.push(at);
  const recorded: number[] = [];
  let seconds = 0;
  if (data.recorded) for (const gap of data.recorded.split(',')) recorded.push((seconds += parseInt(gap, 36)));
  const sure = new Array<number>(count).fill(100);
  if (data.unsure)
    for (const entry of data.unsure.split(',')) {
      const [doc, hundredths] = entry.split(':');
      sure[parseInt(doc, 36)] = parseInt(hundredths, 36);
    }
  return {
    count,
    commits: data.commits,
    leaves: data.leaves,
    leafOf: data.leafOf,
    lengths: data.lengths,
    recorded,
    sure,
    dated: data.dated,
    line(doc) {
      const end = data.lines.indexOf('\n', offsets[doc]);
      return data.lines.slice(offsets[doc], end < 0 ? undefined : end);
    },
    postingsLine: (term) => lookup(data.postings, term),
  };
}

/** A loaded corpus: its parts, and what is derived from them once per process. */
export class Corpus {
  readonly count: number;
  readonly averageLength: number;
  readonly lengths: ArrayLike<number>;
  readonly recorded: ArrayLike<number>;
  readonly sure: ArrayLike<number>;
  readonly dated: ArrayLike<number>;
  private readonly parts: CorpusParts;
  private byLeaf: Map<string, readonly number[]> | undefined;

  constructor(source: CorpusData | CorpusParts) {
    const parts = 'line' in source ? source : partsOf(source);
    this.parts = parts;
    this.count = parts.count;
    this.lengths = parts.lengths;
    this.recorded = parts.recorded;
    this.sure = parts.sure;
    this.dated = parts.dated;
    let total = 0;
    for (let doc = 0; doc < parts.count; doc++) total += parts.lengths[doc];
    this.averageLength = this.count ? total / this.count : 0;
  }

  path(doc: number): string {
    return this.parts.leaves[this.parts.leafOf[doc]];
  }

  factsAt(leaf: string): readonly number[] {
    if (!this.byLeaf) {
      const { leaves, leafOf, factsOfLeaf } = this.parts;
      this.byLeaf = new Map();
      if (factsOfLeaf) leaves.forEach((path, i) => this.byLeaf!.set(path, factsOfLeaf(i)));
      else
        for (let doc = 0; doc < this.count; doc++) {
          const path = leaves[leafOf[doc]];
          const list = (this.byLeaf.get(path) ?? this.byLeaf.set(path, []).get(path)!) as number[];
          list.push(doc);
        }
    }
    return this.byLeaf.get(leaf) ?? [];
  }

  /** Flat [fact, tf, fact, tf, ...] for a term; undefined when no fact has it. */
  postings(term: string): number[] | undefined {
    const line = this.parts.postingsLine(term);
    if (line === undefined) return undefined;
    const list: number[] = [];
    let doc = 0;
    for (const entry of line.split(',')) {
      const colon = entry.indexOf(':');
      doc += parseInt(colon < 0 ? entry : entry.slice(0, colon), 36);
      list.push(doc, colon < 0 ? 1 : parseInt(entry.slice(colon + 1), 36));
    }
    return list;
  }

  /** Orders facts newest first, then in index order: the tie-break of last resort. */
  readonly newestFirst = (x: number, y: number): number => this.recorded[y] - this.recorded[x] || x - y;

  fact(doc: number): IndexedFact {
    const [id, text, at, commit, when, supersededBy] = this.parts.line(doc).split('\t');
    const fact: IndexedFact = {
      id,
      path: this.path(doc),
      text,
      recordedAt: at || (this.recorded[doc] ? isoSeconds(this.recorded[doc]) : ''),
      commit: commit ? this.parts.commits[parseInt(commit, 36)] : undefined,
    };
    if (when) fact.when = when;
    if (supersededBy) fact.supersededBy = supersededBy;
    return fact;
  }
}

/**
 * What each candidate fact is scored on. Every feature is bounded, so no signal can swamp the
 * others by its scale alone; the blend's weights say how much each is worth.
 */
export const RECALL_FEATURES = [
  /** BM25 as a share of what a fact holding every question word would get: how much of the question it says. */
  'words',
  /** The same as a share of the best match's: 1 for the fact the words find first. */
  'lead',
  /** The navigation: the cosine of question and the fact's leaf (its ten best leaves only), × the leaf's rarity. */
  'leaf',
  /** The navigation where the classifier was sure of the fact's leaf: leaf × the fact's confidence. */
  'sure',
  /** The navigation when the words found nothing strong: leaf × (1 − the best words score). */
  'open',
  /** How far the words' best match is ahead of the second (0 for every other fact): words that single out one fact. */
  'margin',
  /** The navigation relative to the question's best leaf: 1 at the leaf the question points to most, × rarity. */
  'peak',
  /** How close the fact's words are in meaning to the question's (word vectors), in [0, 1]. */
  'meaning',
  /** The fact holds the kind of answer asked for: a number or date for "when"/"how much", a name for "who". */
  'answer',
  /** 1 for a value no longer current (replaced at its `one` leaf): found, but after the current one. */
  'past',
  /** 1 for a fact that says when it happened, for a "when" question (see recallTime.ts). */
  'dated',
] as const;

export type RecallFeature = (typeof RECALL_FEATURES)[number];

export interface RecallWeights {
  /** BM25 term-frequency saturation and length normalisation. */
  k1: number;
  b: number;
  /** Leaves kept from the navigation: the rest count as 0 (the tail is noise). */
  leaves: number;
  /** Candidates taken from each of the words' ranking and the navigation's, before the blend. */
  pool: number;
  /**
   * A fact's relevance is a logistic model of its features: 1 / (1 + e^−(bias + Σ weight × feature)).
   * Fitted on the tuning halves of both evaluations (npm run bench:recall -- --learn), so the
   * blend is chosen by measurement and its score reads as a probability that the fact answers.
   */
  bias: number;
  blend: Record<RecallFeature, number>;
  /**
   * Whether the memory holds an answer at all: a logistic model of what the best candidates
   * show (the best words score, navigation, meaning and words' margin),
   * fitted on answered questions and off-topic ones. A fact's score is the blend's probability
   * times this one, so an off-topic question scores low everywhere and the floor leaves it empty.
   */
  answerable: { bias: number } & Record<QuestionFeature, number>;
}

/** What a question's candidates show as a whole (see RecallWeights.answerable), in this order. */
export const QUESTION_FEATURES = ['words', 'leaf', 'meaning', 'margin'] as const;

export type QuestionFeature = (typeof QUESTION_FEATURES)[number];

/**
 * The question's features from its candidates: the best of each. The navigation counts only at
 * leaves that hold a fact: a question about work asked of a memory with nothing at work's leaves
 * finds nothing there.
 */
export function questionFeatures(candidates: readonly Candidate[]): number[] {
  const best = (feature: RecallFeature) =>
    Math.max(0, ...candidates.map((c) => c.features[RECALL_FEATURES.indexOf(feature)]));
  return [best('words'), best('leaf'), best('meaning'), best('margin')];
}

/** How likely the memory holds an answer, from the question's features. */
export function answerableScore(features: readonly number[], weights: RecallWeights = DEFAULT_RECALL_WEIGHTS): number {
  let z = weights.answerable.bias;
  QUESTION_FEATURES.forEach((name, i) => (z += weights.answerable[name] * features[i]));
  return 1 / (1 + Math.exp(-z));
}

export const DEFAULT_RECALL_WEIGHTS: RecallWeights = {
  k1: 0.6,
  b: 0.3,
  leaves: 10,
  pool: 30,
  bias: -5.48,
  blend: {
    words: -2.54,
    lead: 2.75,
    leaf: 6.4,
    sure: 5.65,
    open: 0.94,
    margin: 16.32,
    peak: 2.35,
    meaning: 4.86,
    answer: 0.78,
    past: -0.59,
    dated: 1.85,
  },
  answerable: { bias: -4.9, words: 1.27, leaf: 5.69, meaning: 7.86, margin: -1.92 },
};

/**
 * When the memory is less likely than this to hold an answer at all (RecallWeights.answerable),
 * recall returns nothing. Chosen on the floor table of npm run bench:recall.
 */
export const DEFAULT_MIN_SCORE = 0.05;

export interface RecallHit {
  fact: IndexedFact;
  /** How likely the fact answers the question, in [0, 1] (the blend's probability), rounded. */
  score: number;
}

export interface RankOptions {
  k: number;
  /** Only facts whose leaf is under one of these dotted prefixes. */
  prefixes?: readonly string[];
  weights?: RecallWeights;
  /** How close a fact's text is in meaning to the question, in [0, 1] (word vectors); absent: not used. */
  similarity?: (text: string) => number;
  /**
   * Facts scoring below it are left out. Absent: nothing is returned when the memory is unlikely
   * to hold an answer at all (below DEFAULT_MIN_SCORE), else the k best.
   */
  minScore?: number;
  /** What the question asks about time ("when ...?", "last week"), see recallTime.ts; absent: nothing. */
  time?: TimeQuestion;
}

/** A fact that may answer the question, with what it is scored on (in RECALL_FEATURES order). */
export interface Candidate {
  doc: number;
  features: number[];
  /** For a question that names a time: 2 if the fact is dated in it, 1 if recorded in it, else 0 (see recallTime.ts). */
  tier: number;
}

/**
 * The facts worth scoring for a question, with their features: the best `pool` by words and
 * the best `pool` by navigation (the words' ranking as the tie-break), everything under the prefixes.
 * The corpus is an inverted index, so this touches only facts that share a word with the
 * question or sit at a leaf it points to.
 */
export function recallCandidates(
  question: string,
  corpus: Corpus,
  leafScores: LeafScores,
  options: Omit<RankOptions, 'k' | 'minScore'>,
): Candidate[] {
  const weights = options.weights ?? DEFAULT_RECALL_WEIGHTS;
  const { k1, b } = weights;
  const lexical = new Map<number, number>();
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
      const norm = 1 - b + (b * corpus.lengths[doc]) / (corpus.averageLength || 1);
      lexical.set(doc, (lexical.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1 * norm));
    }
  }
  let best = 0;
  let second = 0;
  for (const [doc, s] of lexical) {
    const share = s / ideal;
    lexical.set(doc, share);
    if (share > best) (second = best), (best = share);
    else second = Math.max(second, share);
  }
  // a leaf is evidence about a fact as a word is in BM25: the fewer facts share it, the more it says
  const navigation = new Map<number, number>();
  const peak = new Map<number, number>();
  const leaves = [...leafScores]
    .filter(([, s]) => s > 0)
    .sort((x, y) => y[1] - x[1])
    .slice(0, weights.leaves);
  for (const [path, s] of leaves) {
    const facts = corpus.factsAt(path);
    const rarity = Math.log(1 + corpus.count / facts.length) / Math.log(1 + corpus.count);
    for (const doc of facts) navigation.set(doc, s * rarity), peak.set(doc, (s / leaves[0][1]) * rarity);
  }
  const prefixes = options.prefixes?.length ? options.prefixes : undefined;
  const within = (doc: number) =>
    !prefixes || prefixes.some((prefix) => corpus.path(doc) === prefix || corpus.path(doc).startsWith(prefix + '.'));
  const top = (scores: Map<number, number>, tie: (x: number, y: number) => number) =>
    [...scores.keys()]
      .filter(within)
      .sort((x, y) => scores.get(y)! - scores.get(x)! || tie(x, y))
      .slice(0, weights.pool);
  const byWords = top(lexical, corpus.newestFirst);
  const byWordsThenNewest = (x: number, y: number) =>
    (lexical.get(y) ?? 0) - (lexical.get(x) ?? 0) || corpus.newestFirst(x, y);
  const byLeaf = top(navigation, byWordsThenNewest);
  // a time the question names brings the facts dated or recorded in it, whatever else they match
  const tiers = options.time?.span ? timeTiers(corpus, options.time.span) : undefined;
  const byTime = tiers ? top(tiers, byWordsThenNewest) : [];
  const dated = options.time?.asksWhen ? datedFacts(corpus) : undefined;
  const wants = answerKind(question);
  const { similarity } = options;
  return [...new Set([...byWords, ...byLeaf, ...byTime])].map((doc) => {
    const words = lexical.get(doc) ?? 0;
    const leaf = navigation.get(doc) ?? 0;
    const { text, supersededBy } = corpus.fact(doc);
    return {
      doc,
      features: [
        words,
        best > 0 ? words / best : 0,
        leaf,
        (leaf * corpus.sure[doc]) / 100,
        leaf * Math.max(0, 1 - best),
        words === best ? best - second : 0,
        peak.get(doc) ?? 0,
        similarity ? similarity(text) : 0,
        wants && answers(text, wants) ? 1 : 0,
        supersededBy ? 1 : 0,
        dated?.has(doc) ? 1 : 0,
      ],
      tier: tiers?.get(doc) ?? 0,
    };
  });
}

/** The blend's probability for a candidate's features. */
export function blendScore(features: readonly number[], weights: RecallWeights = DEFAULT_RECALL_WEIGHTS): number {
  let z = weights.bias;
  RECALL_FEATURES.forEach((name, i) => (z += weights.blend[name] * features[i]));
  return 1 / (1 + Math.exp(-z));
}

/**
 * The k facts most relevant to a question, best first, each with the blend's probability that
 * it answers. Equal scores go to the fact with more of the question's words, then the newest,
 * then the first indexed: never an arbitrary order among unrelated facts.
 * @example rankFacts('which theme?', corpus, navigator.scores('which theme?'), { k: 5 })
 */
export function rankFacts(question: string, corpus: Corpus, leafScores: LeafScores, options: RankOptions): RecallHit[] {
  const weights = options.weights ?? DEFAULT_RECALL_WEIGHTS;
  const candidates = recallCandidates(question, corpus, leafScores, options);
  // without word vectors the answerable model lacks a signal it was fitted with: it says nothing then
  const answerable = options.similarity ? answerableScore(questionFeatures(candidates), weights) : 1;
  // a fact dated or recorded in the time the question names answers it, whatever the floor says
  if (options.minScore === undefined && answerable < DEFAULT_MIN_SCORE && !candidates.some((c) => c.tier > 0))
    return [];
  const scored = candidates
    .map((c) => ({
      doc: c.doc,
      tier: c.tier,
      words: c.features[0],
      score: blendScore(c.features, weights) * answerable,
    }))
    .filter((c) => c.score > 0 && c.score >= (options.minScore ?? 0));
  scored.sort((x, y) => y.tier - x.tier || y.score - x.score || y.words - x.words || corpus.newestFirst(x.doc, y.doc));
  return scored
    .slice(0, options.k)
    .map((c) => ({ fact: corpus.fact(c.doc), score: Math.round(c.score * 1000) / 1000 }));
}

/**
 * The question's stemmed words, and each pair of neighbouring words written as one ("front
 * end" → frontend, "e mail" → email, "data base" → database): people split and join compounds
 * freely, and a fact that joins them shares no word with a question that splits them.
 */
export function queryTerms(question: string): Set<string> {
  const found = new Set(terms(question));
  const all = words(question);
  for (let i = 0; i + 1 < all.length; i++)
    if (/^[a-z]+$/.test(all[i] + all[i + 1])) found.add(stemOf(all[i] + all[i + 1]));
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
  if (/^(when|what time|what day|which day|what year|how (much|many|old|tall|long|fast|often|big|far))\b/.test(q))
    return 'number';
  if (/^(who|whom|whose)\b/.test(q)) return 'name';
  return undefined;
}

function answers(text: string, kind: AnswerKind): boolean {
  if (kind === 'number')
    return (
      /\d/.test(text) ||
      /\b(one|two|three|four|five|six|seven|eight|nine|ten|twice|once|daily|weekly|monthly|yearly|morning|evening|night|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i.test(
        text,
      )
    );
  // a capitalised word after the first: a name (or a place, a product, which rarely answers "who")
  return /\s[A-Z][a-z]+/.test(text.replace(/^\S+/, ''));
}
