/*
 * Dates that text mentions, as calendar spans: "yesterday", "last month", "next Tuesday", "on May
 * 3rd", "two weeks ago", read relative to a moment (when the fact was said, or when a question is
 * asked). chrono-node reads them; it is loaded only for text holding a date-like word, so a batch
 * of facts without one never pays for it. A span is written as ISO 8601 at its own precision:
 * a day `2023-05-07`, a month `2023-05`, a year `2023`, or an interval `2023-05-15/2023-05-21`.
 */

type Chrono = typeof import('chrono-node');
type Parsed = ReturnType<Chrono['parse']>[number];

/** A calendar span, both ends inclusive, as `YYYY-MM-DD`; `label` is how a fact's metadata writes it. */
export interface DateSpan {
  from: string;
  to: string;
  label: string;
}

export const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
export const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

/** A list of words as written at a sentence's start or as names: "january|may" → "January|May". */
export const capitalisedWords = (words: string) => words.replace(/\b[a-z]/g, (c) => c.toUpperCase());

/**
 * The cheap test that keeps chrono away from text that names no date. A number alone is no date
 * to chrono ("in 2019", "item 4965"); numbers joined by a separator are ("2019-05-03", "3.5.2019").
 */
const DATE_WORD = new RegExp(
  `\\b(yesterday|today|tonight|tomorrow|ago|last night|this (morning|afternoon|evening)|weeks?|weekend|months?|years?|${WEEKDAYS}|${MONTHS}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|\\d{4}[-/.]\\d{1,2}|\\d{1,2}(st|nd|rd|th)|\\d{1,2}[-/.]\\d{1,2})\\b`,
  'i',
);

/** Whether text may mention a date (false: it certainly does not, and chrono need not load). */
export function mayMentionDate(text: string): boolean {
  return DATE_WORD.test(text);
}

let chrono: Promise<Chrono> | undefined;

/** chrono-node, imported once, on first need. */
export function loadChrono(): Promise<Chrono> {
  return (chrono ??= import('chrono-node'));
}

// a single word is a date only when it can mean nothing else: not "I march on", "Sun", "Sat", "may"
const BARE_WORD = new RegExp(`^(yesterday|today|tonight|tomorrow|${WEEKDAYS})$`, 'i');
const CAPITALISED_MONTH = new RegExp(`^(${capitalisedWords(MONTHS)})$`);

/**
 * The first date the text mentions, relative to `reference` (read in local time, as the person
 * who wrote it would), or undefined. Times of day ("at 5", "in a second") are not dates.
 * Without chrono (see needsChrono), only the plain forms are read.
 * @example mentionedDate('I started pottery last month', new Date('2023-05-31T12:00:00Z'), chrono)?.label === '2023-04'
 */
export function mentionedDate(text: string, reference: Date, chrono: Chrono | undefined): DateSpan | undefined {
  for (const result of chrono?.parse(text, reference) ?? []) {
    // "every Monday", "every other Sunday", "a Friday" are no one day; "weekends" no one weekend
    if (
      /\b(every|each|a|any)(\s+other)?\s+$/i.test(text.slice(0, result.index)) ||
      /^[a-z]/i.test(text.slice(result.index + result.text.length))
    )
      continue;
    const span = spanOf(result, reference, PAST.test(text));
    if (span) return span;
  }
  // chrono misses some plain ones ("at NHS 24 yesterday")
  return plainDate(text, reference);
}

const PAST = /\b(had|was|were|did|went|got|came|saw|met|took|made|ran|began|broke|bought|\w+ed)\b/i;
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  couple: 2,
  'a couple of': 2,
};
const PLAIN =
  /\b(?:(yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening))|(last|this|next) (week|weekend|month|year)|(\d{1,2}|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten) (day|week|month|year)s? ago)\b/gi;

/**
 * Whether chrono is needed for the text: it holds a date-like word beyond the plain forms read
 * without it ("yesterday", "last week", "two weeks ago"), which most chat turns stick to.
 */
export function needsChrono(text: string): boolean {
  return DATE_WORD.test(text.replace(PLAIN, ' '));
}

/** The first plain form in the text (see needsChrono), read without chrono. */
export function plainDate(text: string, reference: Date): DateSpan | undefined {
  PLAIN.lastIndex = 0;
  const m = PLAIN.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [reference.getFullYear(), reference.getMonth(), reference.getDate()];
  if (m[1]) return daySpan(reference, { yesterday: -1, 'last night': -1, tomorrow: 1 }[m[1].toLowerCase()] ?? 0);
  const unit = (m[3] ?? m[5]).toLowerCase();
  const step = m[2]
    ? { last: -1, this: 0, next: 1 }[m[2].toLowerCase() as 'last']
    : -(NUMBERS[m[4].toLowerCase()] ?? Number(m[4]));
  if (unit === 'year') return m[2] ? yearSpan(y + step) : daySpan(new Date(y + step, mo, d), 0);
  if (unit === 'month') {
    const first = new Date(Date.UTC(y, mo + step, 1));
    return m[2]
      ? monthSpan(first.getUTCFullYear(), first.getUTCMonth() + 1)
      : daySpan(
          new Date(
            y,
            mo + step,
            Math.min(d, new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()),
          ),
          0,
        );
  }
  if (unit === 'day') return daySpan(reference, step);
  const day = new Date(y, mo, d + 7 * step);
  return m[2]
    ? weekSpan(day.getFullYear(), day.getMonth() + 1, day.getDate(), unit === 'weekend' ? 5 : 0)
    : daySpan(day, 0);
}

function yearSpan(year: number): DateSpan {
  return { from: isoDay(year, 1, 1), to: isoDay(year, 12, 31), label: String(year).padStart(4, '0') };
}

/** The local calendar day `offset` days from a moment. */
function daySpan(reference: Date, offset: number): DateSpan {
  const d = new Date(reference.getFullYear(), reference.getMonth(), reference.getDate() + offset);
  const iso = isoDay(d.getFullYear(), d.getMonth() + 1, d.getDate());
  return { from: iso, to: iso, label: iso };
}

function spanOf(result: Parsed, reference: Date, past: boolean): DateSpan | undefined {
  const said = result.text.trim();
  if (!/\s|\d/.test(said) && !BARE_WORD.test(said) && !CAPITALISED_MONTH.test(said)) return undefined;
  // times of day, and durations ("for nine years"), are not dates
  if (/\b(seconds?|minutes?|hours?)\b/i.test(said) || /^for\b/i.test(said)) return undefined;
  const start = result.start;
  const known = (unit: Parameters<typeof start.isCertain>[0]) => start.isCertain(unit);
  if (!['day', 'weekday', 'month', 'year'].some((u) => known(u as 'day')) && (known('hour') || known('minute')))
    return undefined;
  const year = start.get('year')!;
  const month = start.get('month')!;
  const day = start.get('day')!;
  const relativeMonth = /^(last|next|this) month$/i.exec(said);
  if (relativeMonth) {
    // chrono steps a month back from the 31st into the month it started from; count months instead
    const step = { last: -1, next: 1, this: 0 }[relativeMonth[1].toLowerCase() as 'last'];
    const d = new Date(Date.UTC(reference.getFullYear(), reference.getMonth() + step, 1));
    return monthSpan(d.getUTCFullYear(), d.getUTCMonth() + 1);
  }
  if (/\bweekend\b/i.test(said)) return weekSpan(year, month, day, 5);
  if (/\bweek\b/i.test(said)) return weekSpan(year, month, day, 0);
  if (past && start.isCertain('weekday') && !start.isCertain('day') && !/\b(next|this|coming)\b/i.test(said)) {
    // "we climbed it on Sunday", told on a Sunday or later, is the Sunday before (chrono takes the nearest)
    const back = ((reference.getDay() - start.get('weekday')! + 6) % 7) + 1;
    return daySpan(reference, -back);
  }
  if (result.end)
    return interval(
      isoDay(year, month, day),
      isoDay(result.end.get('year')!, result.end.get('month')!, result.end.get('day')!),
    );
  if (known('day') || known('weekday') || !known('month')) {
    if (!known('day') && !known('weekday') && known('year')) return yearSpan(year);
    const iso = isoDay(year, month, day);
    return { from: iso, to: iso, label: iso };
  }
  return monthSpan(year, month);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function monthSpan(year: number, month: number): DateSpan {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    from: isoDay(year, month, 1),
    to: isoDay(year, month, last),
    label: `${String(year).padStart(4, '0')}-${pad(month)}`,
  };
}

/** The Monday-to-Sunday week holding a day, from its `offset`-th day (5: the weekend). */
function weekSpan(year: number, month: number, day: number, offset: number): DateSpan {
  const date = new Date(Date.UTC(year, month - 1, day));
  const monday = date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000;
  const at = (days: number) => new Date(monday + days * 86_400_000).toISOString().slice(0, 10);
  return interval(at(offset), at(6));
}

function interval(from: string, to: string): DateSpan {
  if (from > to) [from, to] = [to, from];
  return from === to ? { from, to, label: from } : { from, to, label: `${from}/${to}` };
}

/** The span a label written by mentionedDate stands for; undefined for anything else (a hand-edited value). */
export function spanOfLabel(label: string): DateSpan | undefined {
  const [first, second] = label.split('/');
  const a = boundsOf(first);
  if (!a) return undefined;
  if (second === undefined) return { from: a[0], to: a[1], label };
  const b = boundsOf(second);
  return b && a[0] <= b[1] ? { from: a[0], to: b[1], label } : undefined;
}

function boundsOf(value: string): [string, string] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined];
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (month === undefined) return [isoDay(year, 1, 1), isoDay(year, 12, 31)];
  const span = monthSpan(year, month);
  if (day === undefined) return [span.from, span.to];
  if (day < 1 || isoDay(year, month, day) > span.to) return undefined;
  return [isoDay(year, month, day), isoDay(year, month, day)];
}
