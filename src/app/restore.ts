import type { Fact } from '../core/fact.js';

/** What `memoir restore` staged (or would, with --dry-run): the result its renderers read. */
export interface RestoreResult {
  paths: string[];
  source: string;
  commit: string;
  added: Fact[];
  removed: Fact[];
  dryRun: boolean;
}
