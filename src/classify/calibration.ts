/*
 * Calibration of the offline classifier's confidence: the probability that its top suggestion
 * is right. The raw softmax is sharp (a low temperature ranks well) and overconfident, so a
 * logistic regression on the log-odds of the top leaf's raw probability (Platt scaling) maps it
 * to a probability. Measured: adding the top score and its margin over the second changed
 * nothing at 0.8 (96.7% either way), so the one feature stays; isotonic steps over it lowered
 * the ECE (0.064) but, following the held-out facts, promised 98–100% at the top where the
 * evaluation set gets 95.8% at ≥ 0.8. It is fitted at build time on facts the classifier did
 * not learn from (scripts/trainModels.mjs holds out a slice of the training corpus and of the
 * no-memory texts) and shipped as a few numbers beside the model.
 */

import type { Leaf, Taxonomy } from '../core/taxonomy.js';
import type { TrainingFact } from './training.js';

export interface Calibration {
  version: 1;
  /** Bias, then one weight per feature of calibrationFeatures(). */
  weights: number[];
}

/** A classification's top leaf: its raw probability, its score, and its lead over the second (the calibrator reads the first). */
export interface TopSuggestion {
  probability: number;
  score: number;
  margin: number;
}

const logit = (p: number) => Math.log(Math.max(p, 1e-6) / Math.max(1 - p, 1e-6));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function calibrationFeatures(top: TopSuggestion): number[] {
  return [logit(top.probability)];
}

/** The probability that the top suggestion is right; the raw probability without a calibration. */
export function calibrated(calibration: Calibration | undefined, top: TopSuggestion): number {
  if (!calibration) return top.probability;
  return logisticOf(calibration, top);
}

function logisticOf(calibration: Calibration, top: TopSuggestion): number {
  const [bias, ...w] = calibration.weights;
  return sigmoid(calibrationFeatures(top).reduce((sum, v, i) => sum + v * w[i], bias));
}

/**
 * Fits the calibration by logistic regression (Newton's method, a little L2 so that a
 * separable set still converges): deterministic, a few milliseconds for thousands of points.
 */
export function fitCalibration(
  points: ReadonlyArray<{ top: TopSuggestion; correct: boolean }>,
  ridge = 1e-3,
): Calibration {
  const rows = points.map((p) => [1, ...calibrationFeatures(p.top)]);
  const y = points.map((p) => (p.correct ? 1 : 0));
  const n = rows[0]?.length ?? 4;
  let w = new Array<number>(n).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? ridge * rows.length : 0)),
    );
    rows.forEach((x, k) => {
      const p = sigmoid(x.reduce((s, v, i) => s + v * w[i], 0));
      for (let i = 0; i < n; i++) {
        gradient[i] += (p - y[k]) * x[i];
        for (let j = 0; j < n; j++) hessian[i][j] += p * (1 - p) * x[i] * x[j];
      }
    });
    for (let i = 0; i < n; i++) gradient[i] += ridge * rows.length * w[i];
    const step = solve(hessian, gradient);
    w = w.map((v, i) => v - step[i]);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { version: 1, weights: w.map((v) => Math.round(v * 1e6) / 1e6) };
}

/** Solves a small linear system by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

/**
 * The held-out split the calibration is fitted on, never the evaluation set: every sixth
 * training fact of each leaf and each leaf's first example are held out; the rest trains the
 * classifier, with two thirds of the no-memory texts. The held-out no-memory third is not fitted
 * on: confidence is the probability that a fact's leaf is right, and text that holds no memory
 * is told apart by the no-memory class itself (Classification.noLeafFits).
 */
export function calibrationSplit(taxonomy: Taxonomy, training: readonly TrainingFact[], noMemory: readonly string[]) {
  const seen = new Map<string, number>();
  const fit: TrainingFact[] = [];
  const held: Array<{ text: string; path?: string }> = [];
  for (const t of training) {
    const n = seen.get(t.path) ?? 0;
    seen.set(t.path, n + 1);
    (n % 6 === 0 ? held : fit).push(t);
  }
  const leaves = new Map<string, Leaf>();
  for (const [path, leaf] of taxonomy.leaves) {
    if (leaf.examples[0] !== undefined) held.push({ text: leaf.examples[0], path });
    leaves.set(path, { ...leaf, examples: leaf.examples.slice(1) });
  }
  return { taxonomy: { ...taxonomy, leaves }, training: fit, noMemory: noMemory.filter((_, i) => i % 3 !== 0), held };
}
