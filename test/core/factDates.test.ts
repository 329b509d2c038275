import { describe, expect, it, vi } from 'vitest';
import type { Fact } from '../../src/core/fact.js';

// counts the loads of chrono-node: text without a date word beyond the plain forms must never need it
const loads = vi.hoisted(() => ({ n: 0 }));
vi.mock('chrono-node', async (original) => {
  loads.n++;
  return original();
});

const { withResolvedDates } = await import('../../src/core/factDates.js');

const fact = (text: string, recordedAt = '2023-05-08T12:00:00Z'): Fact => ({
  id: '0123456789',
  path: 'events.past.milestones',
  text,
  recordedAt,
  source: 'cli',
  classifier: 'manual',
});

describe('withResolvedDates', () => {
  it('does not load chrono for a batch of 2,000 facts without a date word, or with plain ones only', async () => {
    // first in the file: nothing has loaded chrono yet
    const before = loads.n;
    expect(before).toBe(0);
    const batch = Array.from({ length: 2000 }, (_, i) =>
      fact(i % 10 === 0 ? `I ran ${i % 100} km yesterday` : `I prefer dark mode, theme ${i % 100}`),
    );
    const started = performance.now();
    const dated = await withResolvedDates(batch);
    const perFact = (performance.now() - started) / batch.length;
    expect(loads.n).toBe(before);
    expect(dated.filter((f) => f.when === '2023-05-07')).toHaveLength(200);
    expect(dated.filter((f) => f.when === undefined)).toHaveLength(1800);
    // far inside the classification budget of 3 ms a fact
    expect(perFact).toBeLessThan(0.1);
    // the count is real: a date only chrono reads loads it, once
    expect(
      (await withResolvedDates([fact('I got my results on May 3rd'), fact('and we met last Saturday')])).map(
        (f) => f.when,
      ),
    ).toEqual(['2023-05-03', '2023-05-06']);
    expect(loads.n).toBe(before + 1);
  });
  it('resolves a date from when the fact was said, and never changes its text', async () => {
    const [a, b, c, d] = await withResolvedDates([
      fact('I ran a half marathon yesterday'),
      fact('I had an interview last Saturday'),
      fact('I like tea'),
      fact('We met two weeks ago', '2023-01-10T12:00:00Z'),
    ]);
    expect(a).toMatchObject({ text: 'I ran a half marathon yesterday', when: '2023-05-07' });
    expect(b).toMatchObject({ text: 'I had an interview last Saturday', when: '2023-05-06' });
    expect(c.when).toBeUndefined();
    expect(d.when).toBe('2022-12-27');
  });

  it('keeps a date already resolved', async () => {
    const [a] = await withResolvedDates([{ ...fact('I ran yesterday'), when: '2020-01-01' }]);
    expect(a.when).toBe('2020-01-01');
  });
});
