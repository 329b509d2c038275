import { describe, expect, it } from 'vitest';
import {
  defaultSignals,
  evaluate,
  isParaphrase,
  loadMemory,
  loadQuestions,
  rate,
} from '../../bench/recall/evaluate.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { terms } from '../../src/core/terms.js';

// recall's evaluation (bench/recall/, npm run bench:recall): the quality targets hold,
// and the evaluation stays honest — well-formed, broad, questions not copies of their facts.

describe('the recall evaluation', () => {
  const facts = loadMemory();
  const questions = loadQuestions();

  it('has a few hundred facts at real leaves and at least 100 questions, a third held out', () => {
    const taxonomy = builtinTaxonomy();
    expect(facts.length).toBeGreaterThanOrEqual(200);
    for (const f of facts) expect(taxonomy.leaves.has(f.path), f.path).toBe(true);
    expect(new Set(facts.map((f) => f.path)).size).toBeGreaterThanOrEqual(150);
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    expect(questions.length).toBeGreaterThanOrEqual(100);
    expect(questions.filter((q) => q.heldOut).length).toBe(Math.floor(questions.length / 3));
    const keys = new Set(facts.map((f) => f.id));
    for (const q of questions) expect(keys.has(q.key), q.question).toBe(true);
  });

  it('words most questions differently from their facts: at least 80% share at most half of their words', () => {
    const byKey = new Map(facts.map((f) => [f.id, f]));
    const paraphrased = questions.filter((q) => isParaphrase(q, byKey.get(q.key)!));
    expect(paraphrased.length / questions.length).toBeGreaterThanOrEqual(0.8);
    // and no question is its fact
    for (const q of questions) expect(terms(q.question).join(' ')).not.toBe(terms(byKey.get(q.key)!.text).join(' '));
  });

  it('reaches hit@5 ≥ 90% and hit@1 ≥ 70% over all questions, and stays close on the held-out part', async () => {
    const result = evaluate(facts, questions, await defaultSignals());
    expect(rate(result.all, 'hit5')).toBeGreaterThanOrEqual(0.9);
    expect(rate(result.all, 'hit1')).toBeGreaterThanOrEqual(0.7);
    // the held-out questions were never tuned on: they may be a little worse, not much
    expect(rate(result.heldOut, 'hit5')).toBeGreaterThanOrEqual(0.85);
    expect(rate(result.heldOut, 'hit1')).toBeGreaterThanOrEqual(0.6);
    expect(rate(result.paraphrased, 'hit5')).toBeGreaterThanOrEqual(0.85);
  });
});
