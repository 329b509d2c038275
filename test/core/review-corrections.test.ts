import { describe, expect, it } from 'vitest';
import { formatCorrections, mergeCorrections, parseCorrections, type Correction } from '../../src/core/corrections.js';
import { decideUnattended } from '../../src/core/review.js';

const classification = (confidence: number) => ({
  text: 'x',
  classifier: 'offline',
  candidates: [
    { path: 'a.b.c', confidence },
    { path: 'a.b.d', confidence: 0.1 },
  ],
});

describe('decideUnattended', () => {
  it.each([
    [0.9, 0.6, false, { kind: 'accept', path: 'a.b.c', confidence: 0.9, how: 'auto' }],
    [0.6, 0.6, false, { kind: 'accept', path: 'a.b.c', confidence: 0.6, how: 'auto' }],
    [0.59, 0.6, false, { kind: 'hold', reason: 'low-confidence' }],
    [0.25, 0.6, true, { kind: 'accept', path: 'a.b.c', confidence: 0.25, how: 'yes' }],
    // a leaf fits, however unsure the classifier is of which: --yes files it
    [0.1, 0.6, true, { kind: 'accept', path: 'a.b.c', confidence: 0.1, how: 'yes' }],
    [0.1, 0.6, false, { kind: 'hold', reason: 'low-confidence' }],
    [1, 0, false, { kind: 'accept', path: 'a.b.c', confidence: 1, how: 'auto' }],
  ])('confidence %d with autoAccept %d, yes=%s', (confidence, autoAccept, yes, expected) => {
    expect(decideUnattended(classification(confidence), { yes, autoAccept })).toEqual(expected);
  });
  it('holds a fact with no candidate, or that no leaf fits, even with --yes', () => {
    expect(
      decideUnattended({ text: 'x', classifier: 'offline', candidates: [] }, { yes: true, autoAccept: 0 }),
    ).toEqual({ kind: 'hold', reason: 'no-leaf-fits' });
    expect(decideUnattended({ ...classification(0.9), noLeafFits: true }, { yes: true, autoAccept: 0 })).toEqual({
      kind: 'hold',
      reason: 'no-leaf-fits',
    });
  });
});

describe('corrections', () => {
  const c = (text: string, path: string, at = '2026-01-01T00:00:00Z'): Correction => ({
    text,
    path,
    suggested: 'x.y.z',
    at,
  });

  it('round-trip through JSONL, skipping damaged lines', () => {
    const list = [
      c('We use Postgres', 'project.stack.databases'),
      c('Mi gato se llama Miso', 'relationships.pets.animals'),
    ];
    expect(parseCorrections(formatCorrections(list))).toEqual(list);
    expect(parseCorrections(formatCorrections(list) + '{broken\n\n{"text":1}\n')).toEqual(list);
  });

  it('merge: the same text filed again replaces its earlier correction; others keep their place', () => {
    const merged = mergeCorrections(
      [c('A', 'a.b.c'), c('B', 'a.b.d')],
      [c('  a ', 'a.b.e', '2026-02-01T00:00:00Z'), c('C', 'a.b.f')],
    );
    expect(merged.map((m) => [m.text, m.path])).toEqual([
      ['B', 'a.b.d'],
      ['  a ', 'a.b.e'],
      ['C', 'a.b.f'],
    ]);
  });
});
