import { recordedAtOf } from './fact.js';

/** One fact as it arrives, before screening: from an argument, a line of stdin, or a file. */
export interface FactRecord {
  text: string;
  /** Explicit leaf for this record (JSONL `path`), overriding --path. */
  path?: string;
  source?: string;
  /** When the fact is true (JSONL `validFrom`/`validUntil`, ISO 8601), normalised to UTC. */
  validFrom?: string;
  validUntil?: string;
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
    records.push({ text: record.text, path: record.path as string | undefined, source: typeof record.source === 'string' ? record.source : undefined, line, ...validity });
  });
  return { records, problems };
}
