import { describe, expect, it } from 'vitest';
import {
  bm25Ranker,
  count,
  emptyScore,
  loadConversationQuestions,
  loadTurns,
} from '../../bench/recall/conversations.js';
import { normalizeFactText } from '../../src/core/fact.js';

// The conversational recall evaluation (bench/recall/conversations/, npm run bench:recall):
// its files parse, are as large as issue 14 asks, and every question points at a real turn.

describe('the conversational recall evaluation', () => {
  const turns = loadTurns();
  const questions = loadConversationQuestions();
  const byId = new Map(turns.map((t) => [t.id, t]));

  it('has at least 1,500 dated turns of multi-session dialogue and 300 questions, a quarter held out', () => {
    expect(turns.length).toBeGreaterThanOrEqual(1500);
    expect(byId.size).toBe(turns.length);
    for (const t of turns) {
      expect(['user', 'assistant']).toContain(t.speaker);
      expect(t.text.trim(), t.id).not.toBe('');
      expect(t.text, t.id).not.toMatch(/[\n\t{}]/);
      expect(t.date, t.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const conversation of new Set(turns.map((t) => t.conversation))) {
      const said = turns.filter((t) => t.conversation === conversation);
      expect(new Set(said.map((t) => t.session)).size).toBeGreaterThanOrEqual(5);
      // sessions in order, each later than the one before
      const dates = [...new Map(said.map((t) => [t.session, t.date])).values()];
      expect([...dates].sort()).toEqual(dates);
    }
    expect(questions.length).toBeGreaterThanOrEqual(300);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.filter((q) => q.heldOut).length).toBe(Math.floor(questions.length / 4));
  });

  it('marks evidence turns that exist, in the same conversation, and that no other turn of it repeats', () => {
    for (const q of questions) {
      expect(q.evidence.length, q.id).toBeGreaterThan(0);
      for (const id of q.evidence) {
        const turn = byId.get(id);
        expect(turn, `${q.id} → ${id}`).toBeDefined();
        expect(turn!.conversation).toBe(q.conversation);
        // hits are matched by text: an evidence turn's text must be its own
        const twins = turns.filter(
          (t) => t.conversation === q.conversation && normalizeFactText(t.text) === normalizeFactText(turn!.text),
        );
        expect(twins.map((t) => t.id)).toEqual([id]);
      }
      expect(['fact', 'current', 'earlier', 'when']).toContain(q.kind);
      if (q.kind === 'when') expect(q.answer).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // a question is never its turn
      expect(normalizeFactText(q.question)).not.toBe(normalizeFactText(byId.get(q.evidence[0])!.text));
    }
  });

  it('ranks with plain BM25 and counts a hit at its rank', () => {
    const rank = bm25Ranker(['I like green tea', 'The cat sleeps', 'Green is my favourite colour, green']);
    expect(rank('green colour', 10)).toEqual(['Green is my favourite colour, green', 'I like green tea']);
    const score = emptyScore();
    count(score, rank('green colour', 10), new Set([normalizeFactText('I like green tea')]));
    expect(score).toEqual({ n: 1, hit1: 0, hit5: 1, hit10: 1 });
  });
});
