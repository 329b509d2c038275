import { describe, expect, it } from 'vitest';
import { parseFactInput } from '../../src/core/factInput.js';

describe('JSONL "at": when a fact was said', () => {
  it('is read as ISO 8601, normalised to UTC; a bare date is noon UTC of that day', () => {
    const { records, problems } = parseFactInput(
      [
        JSON.stringify({ text: 'a', at: '2023-05-08' }),
        JSON.stringify({ text: 'b', at: '2023-05-08T09:30:00+02:00' }),
        JSON.stringify({ text: 'c', at: '2023-05-08T23:59:59Z' }),
        JSON.stringify({ text: 'd' }),
        JSON.stringify({ text: 'e', at: null }),
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(records.map((r) => r.recordedAt)).toEqual([
      '2023-05-08T12:00:00Z',
      '2023-05-08T07:30:00Z',
      '2023-05-08T23:59:59Z',
      undefined,
      undefined,
    ]);
  });

  it('refuses anything else with one problem naming the line, and keeps the other lines', () => {
    const bad = ['yesterday', '2023-02-31', '08/05/2023', '1', '', 'May 8 2023'];
    const input = [
      JSON.stringify({ text: 'kept', at: '2023-05-08' }),
      ...bad.map((at) => JSON.stringify({ text: 'x', at })),
      JSON.stringify({ text: 'y', at: 20230508 }),
    ].join('\n');
    const { records, problems } = parseFactInput(input);
    expect(records.map((r) => r.text)).toEqual(['kept']);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (const p of problems) expect(p.message).toMatch(/"at"/);
  });
});
