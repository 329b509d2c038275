import { UsageError } from '../errors/index.js';

/*
 * Points in time as people write them: ISO 8601 dates and times, epoch seconds, and the
 * relative forms git users expect ("2 weeks ago", "yesterday", "last monday"). A date without
 * a time of day means the end of that day in local time, so "as of 2026-11-01" includes
 * everything recorded on the first.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function endOfDay(year: number, month: number, day: number): Date {
  return new Date(year, month - 1, day, 23, 59, 59);
}

function badDate(text: string, flag: string): UsageError {
  return new UsageError('invalid-date', `${flag} "${text}" is not a date`, {
    hint: 'use ISO 8601 (2026-11-01, 2026-11-01T09:30:00Z) or a relative form ("2 weeks ago", "yesterday")',
    data: { value: text },
  });
}

/**
 * The moment a date expression names, relative to `now`. chrono-node, which reads the
 * relative forms, is loaded only for them.
 * @example await parseWhen('2026-11-01', now, '--as-of') // 2026-11-01 23:59:59 local time
 */
export async function parseWhen(text: string, now: Date, flag: string): Promise<Date> {
  const value = text.trim();
  const date = ISO_DATE.exec(value);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const result = endOfDay(year, month, day);
    if (result.getMonth() !== month - 1 || result.getDate() !== day) throw badDate(text, flag);
    return result;
  }
  if (ISO_DATETIME.test(value)) {
    const result = new Date(value.replace(' ', 'T'));
    if (Number.isNaN(result.getTime())) throw badDate(text, flag);
    return result;
  }
  if (/^@?\d{9,11}$/.test(value)) return new Date(Number(value.replace('@', '')) * 1000);
  const chrono = await import('chrono-node');
  const [parsed] = chrono.parse(value, now);
  // the whole expression must be a date: "fix 2026-11-01 maybe" is not one
  if (parsed?.index !== 0 || parsed.text.length !== value.length) throw badDate(text, flag);
  const result = parsed.start.date();
  if (parsed.start.isCertain('hour')) return result;
  return endOfDay(result.getFullYear(), result.getMonth() + 1, result.getDate());
}
