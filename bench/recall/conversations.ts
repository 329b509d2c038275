import { readFileSync } from 'node:fs';
import type { Classifier } from '../../src/classify/types.js';
import { admitFacts } from '../../src/core/admit.js';
import { applyStage } from '../../src/core/applyStage.js';
import { normalizeFactText, type Fact } from '../../src/core/fact.js';
import { parseFactInput, screenInput } from '../../src/core/factInput.js';
import {
  Corpus,
  buildCorpus,
  DEFAULT_RECALL_WEIGHTS,
  rankFacts,
  type IndexedFact,
  type RecallWeights,
} from '../../src/core/recall.js';
import { contentWords } from '../../src/core/terms.js';
import { withResolvedDates } from '../../src/core/factDates.js';
import { timeOfQuestion } from '../../src/core/recallTime.js';
import { decideUnattended } from '../../src/core/review.js';
import { settleFact } from '../../src/core/settle.js';
import { emptyStage, stageAdds } from '../../src/core/stage.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import type { Signals } from './evaluate.js';

/*
 * The conversational recall evaluation (conversations/README.md): each conversation's turns
 * are remembered as `memoir add --file turns.txt --yes` then `memoir commit` would file them,
 * in process through the same functions, and each question is ranked as `memoir recall -k 10`
 * would rank it; beside it, memoir's lexical ranking alone (every turn at one leaf) and plain
 * BM25 over the same turns.
 */

export interface Turn {
  id: string;
  conversation: string;
  session: number;
  /** The session's date (YYYY-MM-DD): relative dates in the text count from it. */
  date: string;
  speaker: 'user' | 'assistant';
  text: string;
}

export type QuestionKind = 'fact' | 'current' | 'earlier' | 'when';

export interface ConversationQuestion {
  id: string;
  conversation: string;
  kind: QuestionKind;
  question: string;
  /** The ids of the turns that answer it. */
  evidence: string[];
  answer: string;
  heldOut: boolean;
}

const jsonl = <T>(file: string): T[] =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

export const loadTurns = (): Turn[] => jsonl<Turn>('./conversations/dialogues.jsonl');
export const loadConversationQuestions = (): ConversationQuestion[] =>
  jsonl<ConversationQuestion>('./conversations/questions.jsonl');

/** The moment of the `memoir add` run: each turn is recorded at its session's date (`at`) instead. */
const RECORDED_AT = '2024-01-15T12:00:00Z';

/** What one conversation's memory holds after the add and the commit. */
export interface Ingested {
  /** The facts of the final tree, in tree order, then the values they replaced at `one` leaves. */
  facts: IndexedFact[];
  /** Turns recall cannot find: neither in the final tree nor a value it replaced (refused, or held for review). */
  lost: Turn[];
  /** Turns held for review because no leaf fits (filler, unreadable): in the review queue, not the tree. */
  held: Turn[];
  /** Facts filed per leaf, for the report. */
  perLeaf: Map<string, number>;
}

/**
 * `memoir add --file turns.jsonl --yes` then `memoir commit` on an empty memory: every turn a
 * JSONL record `{"text": ..., "at": <session date>}`, admitted and screened, classified, its top
 * suggestion accepted, its relative dates resolved from its session's date, staged, committed.
 * With `leaf`, every turn goes there instead (`--path`), for the lexical-only comparison.
 */
export async function ingest(
  turns: readonly Turn[],
  taxonomy: Taxonomy,
  placement: { classifier: Classifier } | { leaf: string },
): Promise<Ingested> {
  const { records: parsed } = parseFactInput(turns.map((t) => JSON.stringify({ text: t.text, at: t.date })).join('\n'));
  const { records } = screenInput(parsed);
  const path = 'leaf' in placement ? placement.leaf : undefined;
  const admitted = admitFacts(records, {
    taxonomy,
    path,
    defaultSource: 'file:turns.txt',
    recordedAt: RECORDED_AT,
    classify: true,
    validity: {},
  });
  const facts: Fact[] = [...admitted.facts];
  const held = new Set<string>();
  if ('classifier' in placement && admitted.unplaced.length > 0) {
    const classifications = await placement.classifier.classify(
      admitted.unplaced.map((u) => u.text),
      5,
    );
    const ids = new Set<string>();
    classifications.forEach((classification, i) => {
      const decision = decideUnattended(classification, { yes: true, autoAccept: 0.8 });
      if (decision.kind !== 'accept') return void held.add(normalizeFactText(admitted.unplaced[i].text));
      facts.push(
        settleFact({ ...admitted.unplaced[i], ...classification }, decision.path, decision.how, ids, RECORDED_AT).fact,
      );
    });
  }
  const dated = await withResolvedDates(facts);
  const cardinality = (p: string) => taxonomy.leaves.get(p)?.cardinality ?? 'many';
  const { stage } = stageAdds(emptyStage(), dated, cardinality, new Map());
  const { leaves } = applyStage(stage.ops, new Map(), cardinality);
  const tree = [...leaves].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, list]) => list);
  // the values replaced at `one` leaves stay in history, where recall finds them (each replaced by the next)
  const inTree = new Set(tree.map((f) => f.id));
  const past: IndexedFact[] = [];
  const atLeaf = new Map<string, Fact[]>();
  for (const f of facts)
    if (cardinality(f.path) === 'one') (atLeaf.get(f.path) ?? atLeaf.set(f.path, []).get(f.path)!).push(f);
  for (const list of atLeaf.values())
    list.forEach(
      (f, i) =>
        i + 1 < list.length &&
        !inTree.has(f.id) &&
        past.push({
          id: f.id,
          path: f.path,
          text: f.text,
          recordedAt: f.recordedAt,
          confidence: f.confidence,
          supersededBy: list[i + 1].id,
        }),
    );
  const kept = new Set([...tree, ...past].map((f) => normalizeFactText(f.text)));
  const perLeaf = new Map<string, number>();
  for (const f of facts) perLeaf.set(f.path, (perLeaf.get(f.path) ?? 0) + 1);
  return {
    facts: [
      ...tree.map((f) => ({
        id: f.id,
        path: f.path,
        text: f.text,
        recordedAt: f.recordedAt,
        when: f.when,
        confidence: f.confidence,
      })),
      ...past,
    ],
    lost: turns.filter((t) => !kept.has(normalizeFactText(t.text)) && !held.has(normalizeFactText(t.text))),
    held: turns.filter((t) => held.has(normalizeFactText(t.text))),
    perLeaf,
  };
}

/** When the questions are asked: the day after the last fact was recorded. */
export function askedAt(facts: readonly IndexedFact[]): Date {
  // ISO timestamps: the greatest string is the latest time
  const last =
    facts
      .map((f) => f.recordedAt)
      .sort()
      .at(-1) ?? '';
  return new Date(Date.parse(last || RECORDED_AT) + 86_400_000);
}

/**
 * The texts of the k best facts for a question, as `memoir recall -k` ranks them, asked the day
 * after the last fact was recorded (`time: false`: without the question's time, for comparison).
 */
export function memoirRanker(
  facts: readonly IndexedFact[],
  { navigate, similarity }: Signals,
  weights: RecallWeights = DEFAULT_RECALL_WEIGHTS,
  options: { time?: boolean } = {},
): (question: string, k: number) => Promise<string[]> {
  const corpus = new Corpus(buildCorpus(facts));
  const reference = askedAt(facts);
  return async (question, k) => {
    const time = options.time === false ? undefined : await timeOfQuestion(question, reference);
    return rankFacts(question, corpus, navigate(question), {
      k,
      weights,
      similarity: similarity?.(question),
      time,
    }).map((h) => h.fact.text);
  };
}

/**
 * A probe made of a turn's own words: its first few content words, as a person who remembers
 * how something was put would search. Whatever the taxonomy says, recall must find the turn.
 */
export function wordProbe(text: string, n = 4): string {
  return contentWords(text).slice(0, n).join(' ');
}

/**
 * Probes that add to a question two of its turn's rarest words (rarest among the conversation's
 * turns), as a question written while reading the turn reads: "Where does Maya work? greenline studio".
 */
export function mixedProber(said: readonly Turn[]): (question: string, turn: string) => string {
  const df = new Map<string, number>();
  for (const t of said) for (const w of new Set(contentWords(t.text))) df.set(w, (df.get(w) ?? 0) + 1);
  return (question, turn) => {
    const rarest = [...new Set(contentWords(turn))]
      .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || a.localeCompare(b))
      .slice(0, 2);
    return `${question} ${rarest.join(' ')}`;
  };
}

/** Lower-cased word tokens, no stemming: plain BM25's view of a text. */
export const bm25Tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Plain Okapi BM25 (k1 = 1.2, b = 0.75) over texts; ties keep the texts' order. */
export function bm25Ranker(texts: readonly string[], k1 = 1.2, b = 0.75): (question: string, k: number) => string[] {
  const docs = texts.map((t) => {
    const tf = new Map<string, number>();
    const tokens = bm25Tokens(t);
    for (const w of tokens) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { tf, length: tokens.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const average = docs.reduce((s, d) => s + d.length, 0) / (docs.length || 1);
  return (question, k) => {
    const scored: Array<[number, number]> = [];
    docs.forEach((d, i) => {
      let score = 0;
      for (const w of new Set(bm25Tokens(question))) {
        const tf = d.tf.get(w);
        if (!tf) continue;
        const n = df.get(w)!;
        const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
        score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * d.length) / average));
      }
      if (score > 0) scored.push([i, score]);
    });
    scored.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    return scored.slice(0, k).map(([i]) => texts[i]);
  };
}

export interface HitScore {
  n: number;
  hit1: number;
  hit5: number;
  hit10: number;
}

export const emptyScore = (): HitScore => ({ n: 0, hit1: 0, hit5: 0, hit10: 0 });

/** Counts one question: at which rank (if any) a text of its evidence came. */
export function count(score: HitScore, ranked: readonly string[], evidence: ReadonlySet<string>): void {
  const rank = ranked.findIndex((t) => evidence.has(normalizeFactText(t)));
  score.n++;
  if (rank === 0) score.hit1++;
  if (rank >= 0 && rank < 5) score.hit5++;
  if (rank >= 0 && rank < 10) score.hit10++;
}

/** The normalised texts of a question's evidence turns. */
export function evidenceTexts(question: ConversationQuestion, turns: ReadonlyMap<string, Turn>): Set<string> {
  return new Set(question.evidence.map((id) => normalizeFactText(turns.get(id)!.text)));
}
