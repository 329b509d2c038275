import type { FactChange } from '../core/factDiff.js';
import type { RevertConflict, RevertStrategy } from '../core/revert.js';
import type { CommitInfo } from '../store/git.js';

/** A conflict with the commits that changed its facts since the reverted commit. */
export interface ReportedConflict extends RevertConflict {
  commits: CommitInfo[];
}

export interface RevertResult {
  reverted: CommitInfo;
  commit?: string;
  branch?: string;
  subject: string;
  changes: FactChange[];
  conflicts: ReportedConflict[];
  strategy?: RevertStrategy;
  dryRun: boolean;
}
