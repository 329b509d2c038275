import { cleanFactText, MAX_FACT_LENGTH, recordedAtOf } from './fact.js';
import { findSecrets } from './secrets.js';

/** One fact as it arrives, before screening: from an argument, a line of stdin, or a file. */
export interface FactRecord {
  text: string;
  /** Explicit leaf for this record (JSONL `path`), overriding --path. */
  path?: string;
  source?: string;
  /** When the fact is true (JSONL `validFrom`/`validUntil`, ISO 8601), normalised to UTC. */
  validFrom?: string;
  validUntil?: string;
  /** When it was said (JSONL `at`, ISO 8601), normalised to UTC: a transcript's turn keeps its own date. */
  recordedAt?: string;
  /** 1-based line in the input, for messages about batches. */
  line?: number;
}

export interface InputProblem {
  line: number;
  message: string;
}

/**
 * Splits input into fact records: one fact per non-blank line, or JSONL (`{"text": ...,
 * "path": ...}` per line) when the first non-blank line starts with `{`.
 */
export function parseFactInput(input: string): { records: FactRecord[]; problems: InputProblem[] } {
  // A byte-order mark (editors on Windows write one) is not part of the first fact.
  const lines = input.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstLine = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  const jsonl = firstLine.startsWith('{');
  const records: FactRecord[] = [];
  const problems: InputProblem[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    if (!jsonl) {
      records.push({ text: raw, line });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, message: 'not valid JSON (expected {"text": "...", "path": "..."})' });
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record !== 'object' || record === null || typeof record.text !== 'string') {
      problems.push({ line, message: 'missing "text" (expected {"text": "...", "path": "..."})' });
      return;
    }
    if (record.path !== undefined && typeof record.path !== 'string') {
      problems.push({ line, message: '"path" must be a string' });
      return;
    }
    const validity: Pick<FactRecord, 'validFrom' | 'validUntil'> = {};
    for (const key of ['validFrom', 'validUntil'] as const) {
      const value = record[key];
      if (value === undefined || value === null) continue;
      const time = typeof value === 'string' ? Date.parse(value) : NaN;
      if (Number.isNaN(time)) {
        problems.push({ line, message: `"${key}" must be an ISO 8601 date or time` });
        return;
      }
      validity[key] = recordedAtOf(new Date(time));
    }
    if (validity.validFrom && validity.validUntil && validity.validFrom > validity.validUntil) {
      problems.push({ line, message: '"validFrom" is after "validUntil"' });
      return;
    }
    let recordedAt: string | undefined;
    if (record.at !== undefined && record.at !== null) {
      recordedAt = typeof record.at === 'string' ? timeSaid(record.at) : undefined;
      if (!recordedAt) {
        problems.push({ line, message: '"at" must be an ISO 8601 date or time (when it was said)' });
        return;
      }
    }
    records.push({
      text: record.text,
      path: record.path as string | undefined,
      source: typeof record.source === 'string' ? record.source : undefined,
      line,
      ...validity,
      ...(recordedAt ? { recordedAt } : {}),
    });
  });
  return { records, problems };
}

/**
 * A JSONL `at` as the time a fact is recorded at. A bare date (a transcript's session day) is
 * noon UTC of that day, so that the day stays the same in every time zone a date is read in.
 */
function timeSaid(value: string): string | undefined {
  const text = value.trim();
  if (!ISO_TIME.test(text)) return undefined;
  const time = Date.parse(text.length === 10 ? `${text}T12:00:00Z` : text.replace(' ', 'T'));
  if (Number.isNaN(time)) return undefined;
  const recordedAt = recordedAtOf(new Date(time));
  // Date.parse rolls 2023-02-31 over into March
  return text.length === 10 && !recordedAt.startsWith(text) ? undefined : recordedAt;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A record, or several, refused before they are screened one by one. Never their text. */
export interface RefusedInput {
  line?: number;
  message: string;
}

const KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const KEY_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/**
 * Screens the input as a whole, before each record is screened on its own: a private key
 * block spread over lines (BEGIN … END, or BEGIN to the end of the input) is refused whole,
 * so that none of its lines is stored as a fact; and a record too long to be a fact is
 * screened for secrets first, so its refusal never repeats any of it.
 */
export function screenInput(records: readonly FactRecord[]): { records: FactRecord[]; refused: RefusedInput[] } {
  const kept: FactRecord[] = [];
  const refused: RefusedInput[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const begin = KEY_BEGIN.exec(record.text);
    if (begin) {
      let last = i;
      if (!KEY_END.test(record.text.slice(begin.index + begin[0].length))) {
        while (last < records.length - 1 && !KEY_END.test(records[last + 1].text)) last++;
        if (last < records.length - 1) last++;
      }
      refused.push({ line: record.line, message: `refused: ${where(record, records[last])} a private key block` });
      i = last;
      continue;
    }
    const found = cleanFactText(record.text).length > MAX_FACT_LENGTH ? findSecrets(record.text) : [];
    if (found.length > 0) {
      refused.push({
        line: record.line,
        message: `refused: ${where(record, record)} ${[...new Set(found.map((f) => f.label))].join(' and ')}`,
      });
      continue;
    }
    kept.push(record);
  }
  return { records: kept, refused };
}

/** "line 3 holds", "lines 3-29 hold", "the fact holds". */
function where(first: FactRecord, last: FactRecord): string {
  if (first.line === undefined) return 'the fact holds';
  return last.line === undefined || last.line === first.line
    ? `line ${first.line} holds`
    : `lines ${first.line}-${last.line} hold`;
}
