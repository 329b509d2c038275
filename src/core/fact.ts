import { createHash } from './lazyBuiltins.js';

/** A remembered fact: its text, the taxonomy leaf it lives at, and how it got there. */
export interface Fact {
  /** Short stable id (10 lowercase hex digits); unique within a repository. */
  id: string;
  /** Dotted taxonomy leaf, e.g. `preferences.ui.theme`. */
  path: string;
  /** The fact, verbatim, on one line. */
  text: string;
  /** When memoir first recorded it (ISO 8601, UTC, seconds). */
  recordedAt: string;
  /** Where it came from: `cli`, `stdin`, `file:<name>`, `mcp`, ... */
  source: string;
  /** What chose its leaf: `manual` (an explicit --path), `offline`, `openai:<model>`. */
  classifier: string;
  /** Classifier confidence in [0, 1]; absent when the leaf was given explicitly. */
  confidence?: number;
  /** Id of the fact this one superseded at a `one` leaf. */
  supersedes?: string;
  /**
   * How its leaf was settled when a classifier chose it: `auto` (confident enough),
   * `yes` (--yes), or a person who `accepted` the top suggestion, `picked` another, or `edited` it.
   */
  how?: 'auto' | 'yes' | 'accepted' | 'picked' | 'edited';
  /**
   * When the fact became and stopped being true in the world (ISO 8601, UTC), as opposed to
   * when memoir learnt it (`recordedAt` and the commit's date). Absent: open-ended.
   */
  validFrom?: string;
  validUntil?: string;
  /**
   * When what the fact tells happened, resolved at write time from a date its text mentions
   * relative to `recordedAt` ("yesterday", "last month"): ISO 8601 at its own precision
   * (`2023-05-07`, `2023-05`, `2023`, `2023-05-15/2023-05-21`); see core/dateMention.ts.
   */
  when?: string;
  /** Metadata keys this version does not know, kept verbatim so nothing is lost on rewrite. */
  extra?: Record<string, string>;
}

/** The longest fact accepted, in characters: a fact is a sentence, not a document. */
export const MAX_FACT_LENGTH = 1000;

export const FACT_ID_LENGTH = 10;

/**
 * Folds a fact's text for duplicate detection: Unicode NFKC, trimmed, lower case, runs of
 * whitespace collapsed, and a single trailing full stop ignored.
 * @example normalizeFactText('  I like  Tea. ') === 'i like tea'
 */
export function normalizeFactText(text: string): string {
  // the same steps, each skipped where it would change nothing: a merge or a bulk add folds
  // thousands of texts, and NFKC and the regular expressions were most of its time
  const folded = (PRINTABLE_ASCII.test(text) ? text : text.normalize('NFKC')).trim().toLowerCase();
  const spaced = UNUSUAL_SPACE.test(folded) ? folded.replace(/\s+/g, ' ') : folded;
  return spaced.endsWith('.') ? spaced.slice(0, -1) : spaced;
}

/** Text NFKC leaves as it is. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Whitespace that normalizeFactText collapses: a run, or anything but a plain space. */
const UNUSUAL_SPACE = /\s\s|[^\S ]/;

/**
 * A fact is one line: each run of line breaks and tabs inside it, with the whitespace
 * around it, becomes a single space. Unicode line separators (U+0085, U+2028, U+2029) count as line
 * breaks too: left in, they would end the line for any reader that splits on them. Any other
 * control character (\v and \f included) is refused before this runs (screenFact, resolve --text):
 * see core/controlChars.ts.
 * @example cleanFactText('I like\n  tea\r\n') === 'I like tea'
 */
export function cleanFactText(text: string): string {
  return text
    .split(/[\r\n\t\v\f\u0085\u2028\u2029]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * A fact id derived from its content and the moment it was recorded; `salt` breaks the
 * (rare) collision with an id already in use.
 */
export function makeFactId(path: string, text: string, recordedAt: string, salt = 0): string {
  return createHash('sha1').update(`${path}\n${text}\n${recordedAt}\n${salt}`).digest('hex').slice(0, FACT_ID_LENGTH);
}

export function isFactIdPrefix(value: string): boolean {
  return /^[0-9a-f]{4,10}$/.test(value);
}

/** The time a fact is recorded at: ISO 8601, UTC, whole seconds. */
export function recordedAtOf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fact id not yet in `ids` (which it joins): the salt breaks a collision within a batch. */
export function uniqueFactId(ids: Set<string>, path: string, text: string, recordedAt: string): string {
  let salt = 0;
  let id = makeFactId(path, text, recordedAt);
  while (ids.has(id)) id = makeFactId(path, text, recordedAt, ++salt);
  ids.add(id);
  return id;
}

/** When a fact is true in the world; see Fact.validFrom. */
export type Validity = Pick<Fact, 'validFrom' | 'validUntil'>;

/** Only the bounds that are set, ready to spread into a fact or a record. */
export function validityOf(source: Validity): Validity {
  const validity: Validity = {};
  if (source.validFrom) validity.validFrom = source.validFrom;
  if (source.validUntil) validity.validUntil = source.validUntil;
  return validity;
}

/** Whether a fact was true at a moment by its validity interval (open ends always match). */
export function isValidAt(fact: Pick<Fact, 'validFrom' | 'validUntil'>, when: Date): boolean {
  const t = when.getTime();
  if (fact.validFrom && Date.parse(fact.validFrom) > t) return false;
  if (fact.validUntil && Date.parse(fact.validUntil) < t) return false;
  return true;
}
