import { uniqueFactId, validityOf, type Fact, type Validity } from './fact.js';
import type { FactRecord } from './factInput.js';
import { screenFact, type Rejection } from './screen.js';
import { controlCharacterMessage, findControlCharacter } from './controlChars.js';
import { describeSecrets, findSecrets } from './secrets.js';
import { requireLeaf, type Taxonomy } from './taxonomy.js';
import type { MemoirError } from '../errors/index.js';
import type { ProgressSink } from './progress.js';

export interface RejectedFact {
  line?: number;
  /** The text, except for refused secrets, which are never repeated. */
  text?: string;
  kind: Rejection['kind'] | 'unknown-path' | 'no-path' | 'invalid-line';
  message: string;
  hint?: string;
}

export interface AdmitOptions {
  taxonomy: Taxonomy;
  /** The leaf for records without their own `path` (`--path`). */
  path?: string;
  /** Overrides every record's source (`--source`). */
  source?: string;
  /** The source of records that name none: `cli`, `stdin`, `file:<name>`. */
  defaultSource: string;
  /** When the facts were recorded (now); a record's own `at` wins. */
  recordedAt: string;
  /** Records without a leaf are returned as `unplaced` (to be classified) instead of rejected. */
  classify?: boolean;
  /** When the facts are true (--valid-from/--valid-until); a record's own bounds win. */
  validity?: Validity;
  /** How far the screening has got ("screening"), for a person watching a long batch. */
  progress?: ProgressSink;
}

/** A screened fact that names no leaf: the classifier will place it. */
export interface UnplacedFact extends Validity {
  text: string;
  source: string;
  recordedAt: string;
  line?: number;
}

/**
 * Turns incoming records into facts ready to stage, or rejections: every fact passes the
 * screen (empty, too long, secrets, also in its source) and names a valid leaf. Ids are
 * unique within the batch.
 */
export function admitFacts(
  records: readonly FactRecord[],
  options: AdmitOptions,
): { facts: Fact[]; unplaced: UnplacedFact[]; rejected: RejectedFact[] } {
  const facts: Fact[] = [];
  const unplaced: UnplacedFact[] = [];
  const rejected: RejectedFact[] = [];
  const ids = new Set<string>();
  let screenedCount = 0;
  for (const record of records) {
    options.progress?.('screening', screenedCount++, records.length);
    const screened = screenFact(record);
    if ('rejection' in screened) {
      const { kind, message } = screened.rejection;
      // a refused secret is never repeated, nor text a control character may have hidden one in
      rejected.push({
        line: record.line,
        kind,
        message,
        text: kind === 'secret' || kind === 'control-character' ? undefined : record.text,
      });
      continue;
    }
    const sourceSecrets = record.source ? findSecrets(record.source) : [];
    if (sourceSecrets.length > 0) {
      rejected.push({
        line: record.line,
        kind: 'secret',
        message: `refused: the "source" field contains ${describeSecrets(sourceSecrets)}`,
      });
      continue;
    }
    const sourceControl = record.source ? findControlCharacter(record.source) : undefined;
    if (sourceControl) {
      rejected.push({
        line: record.line,
        kind: 'control-character',
        message: controlCharacterMessage('the "source" field', record.source!, sourceControl),
      });
      continue;
    }
    const leafPath = record.path ?? options.path;
    const source = options.source ?? record.source ?? options.defaultSource;
    const validity = validityOf({ ...options.validity, ...validityOf(record) });
    const recordedAt = record.recordedAt ?? options.recordedAt;
    // an empty path is a mistake to report, not a request to classify
    if (leafPath === undefined && options.classify) {
      unplaced.push({ text: screened.text, source, recordedAt, line: record.line, ...validity });
      continue;
    }
    if (leafPath === undefined) {
      rejected.push({
        line: record.line,
        kind: 'no-path',
        text: screened.text,
        message: 'no taxonomy leaf given',
        hint: 'pass --path <leaf> ("memoir taxonomy" lists them), or a "path" field per JSONL line',
      });
      continue;
    }
    try {
      requireLeaf(options.taxonomy, leafPath);
    } catch (error) {
      const e = error as MemoirError;
      rejected.push({ line: record.line, kind: 'unknown-path', text: screened.text, message: e.message, hint: e.hint });
      continue;
    }
    facts.push({
      id: uniqueFactId(ids, leafPath, screened.text, recordedAt),
      path: leafPath,
      text: screened.text,
      recordedAt,
      source,
      classifier: 'manual',
      ...validity,
    });
  }
  return { facts, unplaced, rejected };
}
