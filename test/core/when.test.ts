import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/core/when.js';
import { UsageError } from '../../src/errors/index.js';

// vitest runs with the machine's zone; these expectations are written for local time
const now = new Date(2026, 10, 21, 15, 0, 0); // 2026-11-21 15:00 local
const local = (y: number, m: number, d: number, h = 23, min = 59, s = 59) => new Date(y, m - 1, d, h, min, s);

describe('parseWhen', () => {
  it.each<[string, Date]>([
    ['2026-11-01', local(2026, 11, 1)],
    ['2026-11-01T09:30:00Z', new Date('2026-11-01T09:30:00Z')],
    ['2026-11-01T09:30:00+01:00', new Date('2026-11-01T08:30:00Z')],
    ['2026-11-01 09:30', new Date(2026, 10, 1, 9, 30)],
    ['1767225600', new Date(1767225600 * 1000)],
    ['yesterday', local(2026, 11, 20)],
    ['2 weeks ago', local(2026, 11, 7)],
    ['3 days ago', local(2026, 11, 18)],
    ['noon yesterday', new Date(2026, 10, 20, 12, 0, 0)],
  ])('%j', async (text, expected) => {
    expect((await parseWhen(text, now, '--as-of')).getTime()).toBe(expected.getTime());
  });

  it.each(['', 'garbage', '2026-13-45', '2026-02-30', 'fix 2026-11-01 later'])(
    '%j is a usage error naming the flag',
    async (text) => {
      const error = await parseWhen(text, now, '--as-of').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect(error).toMatchObject({ code: 'invalid-date', exitCode: 2 });
      expect((error as Error).message).toContain('--as-of');
    },
  );
});
