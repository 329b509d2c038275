import {
  buildCorpus,
  Corpus,
  DEFAULT_RECALL_WEIGHTS,
  QUESTION_FEATURES,
  questionFeatures,
  RECALL_FEATURES,
  recallCandidates,
  type IndexedFact,
  type RecallWeights,
} from '../../src/core/recall.js';
import { timeOfQuestion } from '../../src/core/recallTime.js';
import { askedAt } from './conversations.js';
import type { Question, Signals } from './evaluate.js';

/*
 * Fitting recall's blend (npm run bench:recall -- --learn): every tuning question's candidates,
 * as recall gathers them, labelled by whether they answer it; a logistic regression over their
 * features. Each question weighs the same, and each source (curated facts, conversation
 * questions, questions that reuse a turn's words) weighs the same in total, so that no
 * evaluation's size decides the blend.
 */

/** One question's candidates: their features and whether each answers it. */
export interface Group {
  source: string;
  rows: number[][];
  labels: number[];
  /** The question's own features (see questionFeatures). */
  question: number[];
}

/** The candidates of questions over one memory; questions whose answer no candidate holds teach nothing and are left out. */
export async function groupsOf(
  source: string,
  facts: readonly IndexedFact[],
  asked: ReadonlyArray<{ question: string; answers: ReadonlySet<string> }>,
  { navigate, similarity }: Signals,
  weights: RecallWeights = DEFAULT_RECALL_WEIGHTS,
): Promise<Group[]> {
  const corpus = new Corpus(buildCorpus(facts));
  const reference = askedAt(facts);
  const groups: Group[] = [];
  for (const { question, answers } of asked) {
    const time = await timeOfQuestion(question, reference);
    const candidates = recallCandidates(question, corpus, navigate(question), {
      weights,
      similarity: similarity?.(question),
      time,
    });
    const labels = candidates.map((c) => (answers.has(corpus.fact(c.doc).id) ? 1 : 0));
    // an off-topic question (no answers) is kept: it teaches the floor
    if (answers.size === 0 || labels.some((l) => l === 1))
      groups.push({ source, rows: candidates.map((c) => c.features), labels, question: questionFeatures(candidates) });
  }
  return groups;
}

/** The curated evaluation's tuning questions as groups. */
export function curatedGroups(
  facts: readonly IndexedFact[],
  questions: readonly Question[],
  signals: Signals,
): Promise<Group[]> {
  return groupsOf(
    'curated',
    facts,
    questions.filter((q) => !q.heldOut).map((q) => ({ question: q.question, answers: new Set([q.key]) })),
    signals,
  );
}

/**
 * How much of the whole a source weighs in the fit. The curated facts (filed with care, as
 * people file them by hand) a third; the questions that reuse two of their turn's words nearly
 * as much, because questions written while reading a conversation do (and the words, not the
 * taxonomy, must win those); the conversation questions as written, the bare word probes and
 * the off-topic questions the rest.
 */
const SOURCE_WEIGHTS: Record<string, number> = {
  curated: 0.35,
  mixed: 0.3,
  conversation: 0.15,
  words: 0.1,
  'off-topic': 0.1,
};

function sourceWeight(source: string): number {
  return SOURCE_WEIGHTS[source] ?? 0;
}

/**
 * The blend that orders each question's answers above its other candidates: a pairwise logistic
 * loss (RankNet) over every (answer, other) pair, by gradient descent with a little L2 so that a
 * feature no question needs stays near 0, refined on the measure itself. Then the bias, which does not change any order, is set
 * so the score reads as a probability: a pointwise fit of the bias alone.
 */
export function fitBlend(
  all: readonly Group[],
  { epochs = 1000, rate = 10, l2 = 1e-4 } = {},
): Pick<RecallWeights, 'bias' | 'blend' | 'answerable'> {
  const n = RECALL_FEATURES.length;
  const groups = all.filter((g) => g.labels.includes(1));
  const perSource = new Map<string, number>();
  for (const g of groups) perSource.set(g.source, (perSource.get(g.source) ?? 0) + 1);
  // each pair as the difference of its features, weighted so every question and source weighs the same
  const pairs: Array<{ d: number[]; w: number }> = [];
  for (const g of groups) {
    const positives = g.rows.filter((_, i) => g.labels[i] === 1);
    const negatives = g.rows.filter((_, i) => g.labels[i] === 0);
    const share = sourceWeight(g.source) / perSource.get(g.source)! / (positives.length * negatives.length || 1);
    for (const p of positives) for (const q of negatives) pairs.push({ d: p.map((v, i) => v - q[i]), w: share });
  }
  const w = new Array<number>(n).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Array<number>(n).fill(0);
    for (const p of pairs) {
      let z = 0;
      for (let i = 0; i < n; i++) z += w[i] * p.d[i];
      const g = -p.w / (1 + Math.exp(z));
      for (let i = 0; i < n; i++) grad[i] += g * p.d[i];
    }
    for (let i = 0; i < n; i++) w[i] -= rate * (grad[i] + l2 * w[i]);
  }
  refine(groups, w, perSource);
  // the bias: answers and others weighing the same in total
  const points: Array<{ z: number; y: number; w: number }> = [];
  for (const g of groups) {
    const positives = g.labels.filter((l) => l === 1).length;
    g.rows.forEach((x, i) =>
      points.push({
        z: x.reduce((s, v, j) => s + v * w[j], 0),
        y: g.labels[i],
        w: 1 / (g.labels[i] ? positives : g.labels.length - positives || 1),
      }),
    );
  }
  let bias = 0;
  for (let step = 0; step < 200; step++) {
    let grad = 0;
    let total = 0;
    for (const p of points) (grad += (1 / (1 + Math.exp(-(p.z + bias))) - p.y) * p.w), (total += p.w);
    bias -= (4 * grad) / total;
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  const answerable = fitAnswerable(all);
  return {
    bias: round(bias),
    blend: Object.fromEntries(RECALL_FEATURES.map((f, i) => [f, round(w[i])])) as RecallWeights['blend'],
    answerable: {
      bias: round(answerable[0]),
      ...Object.fromEntries(QUESTION_FEATURES.map((f, i) => [f, round(answerable[i + 1])])),
    } as RecallWeights['answerable'],
  };
}

/** How well weights rank the answers: per source, the mean of hit@1 and hit@5, summed by source weight. */
function objective(groups: readonly Group[], w: readonly number[], perSource: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const g of groups) {
    const scores = g.rows.map((x) => x.reduce((s, v, i) => s + v * w[i], 0));
    const answer = Math.max(...scores.filter((_, i) => g.labels[i] === 1));
    const above = scores.filter((s, i) => g.labels[i] === 0 && s >= answer).length;
    total += ((sourceWeight(g.source) / perSource.get(g.source)!) * ((above === 0 ? 1 : 0) + (above < 5 ? 1 : 0))) / 2;
  }
  return total;
}

/**
 * The pairwise loss is a stand-in for what is measured: a few rounds of coordinate search on the
 * measure itself (hit@1 and hit@5 on the tuning questions), starting from the fitted weights.
 */
function refine(groups: readonly Group[], w: number[], perSource: ReadonlyMap<string, number>): void {
  let best = objective(groups, w, perSource);
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < w.length; i++) {
      for (const step of [0.7, 0.85, 1.15, 1.4]) {
        const old = w[i];
        w[i] = old === 0 ? step - 1 : old * step;
        const score = objective(groups, w, perSource);
        if (score > best + 1e-9) best = score;
        else w[i] = old;
      }
    }
  }
}

/** Logistic regression of answered (any source) against off-topic questions, each side weighing half. */
function fitAnswerable(groups: readonly Group[]): number[] {
  const answered = groups.filter((g) => g.labels.includes(1)).length;
  const offTopic = groups.length - answered;
  const w = new Array<number>(QUESTION_FEATURES.length + 1).fill(0);
  for (let epoch = 0; epoch < 2000; epoch++) {
    const grad = new Array<number>(w.length).fill(0);
    for (const g of groups) {
      const y = g.labels.includes(1) ? 1 : 0;
      const x = [1, ...g.question];
      const z = x.reduce((s, v, i) => s + v * w[i], 0);
      const error = (1 / (1 + Math.exp(-z)) - y) * (0.5 / (y ? answered : offTopic || 1));
      x.forEach((v, i) => (grad[i] += error * v));
    }
    w.forEach((_, i) => (w[i] -= 5 * (grad[i] + 1e-4 * w[i])));
  }
  return w;
}
