import type { Classification } from '../classify/types.js';

/** What `memoir classify` found: the result its renderers read. */
export interface ClassifyResult {
  /** In input order; a refused line has an error instead of candidates. */
  results: Array<Classification | { line: number; error: { code: string; message: string } }>;
  /** Read from stdin: one result per line (JSONL under --json). */
  batch: boolean;
  /** The description of every leaf among the candidates, for human output. */
  descriptions: Map<string, string>;
}
