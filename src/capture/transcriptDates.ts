/*
 * The dates a conversation carries: a transcript's session headers ("## Session 2 — 1:56 pm on
 * 8 May, 2023", "--- 2024-03-12 ---"), a line's bracketed time ("[2024-03-12 09:14] Dana: ..."),
 * and a message's timestamp. Read here, by hand, for two reasons: the forms are few and fixed,
 * and parseConversation is synchronous while chrono-node only loads behind an async import().
 * Everything is UTC: a time with no zone is read as UTC, a date with no time is midnight UTC.
 */

/** An instant read from text; `invalid` when the text has the shape of a date that does not exist (2023-02-30). */
export type DateRead = Date | 'invalid' | undefined;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** An ISO 8601 date or date-time; no zone means UTC. Cheap: a regular expression and Date.UTC. */
export function isoInstant(text: string): DateRead {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  const time = utc(year, month, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  if (time === 'invalid') return time;
  return new Date(time.getTime() - offsetMinutes(m[8]) * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone[0] === '-' ? -minutes : minutes;
}

/** Date.UTC, refusing what it would roll over (31 April is not 1 May). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date | 'invalid' {
  if (hour > 23 || minute > 59 || second > 59) return 'invalid';
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'invalid';
  return date;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH} (\\d{4})$`);
const MONTH_DAY_YEAR = new RegExp(`^${MONTH} (\\d{1,2})(?:st|nd|rd|th)? (\\d{4})$`);
const WEEKDAY = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?/g;
// a time of day needs a colon or am/pm: the 8 of "8 May" is a day
const CLOCK = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\b\.?)?|\b(\d{1,2})\s*([ap])\.?m\b\.?/i;

/** Hours, minutes, seconds of "1:56 pm", "09:14", "7am"; `invalid` for 13 pm or 25:00. */
function clockOf(m: RegExpExecArray): [number, number, number] | 'invalid' {
  let hour = Number(m[1] ?? m[5]);
  const half = (m[4] ?? m[6])?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return 'invalid';
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  const [minute, second] = [Number(m[2] ?? 0), Number(m[3] ?? 0)];
  return hour > 23 || minute > 59 || second > 59 ? 'invalid' : [hour, minute, second];
}

/**
 * A date written the way people write it, with perhaps a weekday and a time of day:
 * "1:56 pm on 8 May, 2023", "Tuesday 14 May 2024", "May 8th, 2023 at 9:30", "2023-05-20".
 * The whole text must be the date: "dinner on 8 May 2023" is not one.
 */
export function writtenDate(text: string): DateRead {
  const iso = isoInstant(text);
  if (iso) return iso;
  let rest = text.toLowerCase();
  const clock = CLOCK.exec(rest);
  let hms: [number, number, number] | 'invalid' = [0, 0, 0];
  if (clock) {
    hms = clockOf(clock);
    rest = rest.slice(0, clock.index) + ' ' + rest.slice(clock.index + clock[0].length);
  }
  rest = rest
    .replace(WEEKDAY, ' ')
    .replace(/\b(?:on|at|utc|gmt)\b|[,—–|·]|\s-\s/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let ymd: [number, number, number] | undefined;
  const dmy = DAY_MONTH_YEAR.exec(rest);
  const mdy = dmy ? undefined : MONTH_DAY_YEAR.exec(rest);
  if (dmy) ymd = [Number(dmy[3]), monthOf(dmy[2]), Number(dmy[1])];
  else if (mdy) ymd = [Number(mdy[3]), monthOf(mdy[1]), Number(mdy[2])];
  else {
    // "2023-05-20 at 9:30": an ISO day with a written time
    if (!/^\d{4}-\d{2}-\d{2}$/.test(rest)) return undefined;
    const day = isoInstant(rest);
    if (!(day instanceof Date)) return day;
    ymd = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  }
  return hms === 'invalid' ? hms : utc(...ymd, ...hms);
}

const monthOf = (name: string): number => MONTHS.indexOf(name.slice(0, 3)) + 1;

// what decorates a header: markdown marks, rules, bullets; then a label such as "Session 2 —"
const EDGE_START = /^[\s#=*_~>|•·\-–—]+/;
const EDGE_END = /[\s#=*_~|•·\-–—]+$/;
const LABEL = /^(?:session|day|part|conversation|chat|meeting|date|entry)\b\s*#?\s*\d*\s*[:.,—–-]?\s*/i;

function unwrap(text: string): string {
  const m = /^\[(.*)\]$|^\((.*)\)$/.exec(text.trim());
  return m ? (m[1] ?? m[2]).trim() : text.trim();
}

/**
 * The date of a session header: a line holding only a date, possibly decorated
 * (`## Session 2 — 1:56 pm on 8 May, 2023`, `--- 2024-03-12 ---`, `Session 3 (2023-05-20)`,
 * `[2024-03-12]`, `8 May 2023`). Undefined when the line is something else.
 */
export function headerDate(line: string): DateRead {
  let text = unwrap(line.replace(EDGE_START, '').replace(EDGE_END, ''));
  text = unwrap(text.replace(LABEL, '').replace(EDGE_END, ''));
  if (!/\d/.test(text)) return undefined;
  return writtenDate(text);
}

/** A line's leading bracket: `[2024-03-12 09:14] Dana: ...`, `[2024-03-12] ...`, `[09:14] ...`. */
export interface Bracket {
  /** The instant the bracket names, when it holds a date. */
  at?: Date;
  /** Milliseconds into the day, when it holds only a time of day (the session's day gives the date). */
  timeOfDay?: number;
  /** The line after the bracket. */
  rest: string;
}

const BRACKET = /^\s*\[([^\]]{1,40})\]\s*(.*)$/;
const CLOCK_ONLY = new RegExp(`^(?:${CLOCK.source})$`, 'i');

/** The date or time a line starts with, in brackets; undefined when it starts with none. */
export function bracketPrefix(line: string): Bracket | 'invalid' | undefined {
  const m = BRACKET.exec(line);
  if (!m) return undefined;
  const inner = m[1].trim();
  const clock = CLOCK_ONLY.exec(inner);
  if (clock) {
    const hms = clockOf(clock);
    return hms === 'invalid' ? hms : { timeOfDay: ((hms[0] * 60 + hms[1]) * 60 + hms[2]) * 1000, rest: m[2] };
  }
  const at = writtenDate(inner);
  if (at === 'invalid') return at;
  // the shape of an ISO date that is not one ("2024-13-45 09:14") is a bad date, not a remark
  if (!at) return /^\d{4}-\d{2}-\d{2}/.test(inner) ? 'invalid' : undefined;
  return { at, rest: m[2] };
}

/**
 * A message's timestamp: ISO 8601 (no zone: UTC), or Unix time as a number or a string of
 * digits (seconds below 1e12, else milliseconds). Undefined for null or absent; `invalid` otherwise.
 */
export function timestampOf(value: unknown): DateRead {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof number === 'number') {
    if (!Number.isFinite(number) || number < 0) return 'invalid';
    const date = new Date(number < 1e12 ? number * 1000 : number);
    return Number.isNaN(date.getTime()) ? 'invalid' : date;
  }
  return typeof value === 'string' ? (isoInstant(value) ?? 'invalid') : 'invalid';
}
