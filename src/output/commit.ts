import type { CommitResult } from '../commands/commit.js';
import type { Context } from '../runtime/context.js';
import type { Palette } from './palette.js';
import { factJson } from './facts.js';
import { json, shortOid } from './format.js';
import { changeJson } from './diff.js';
import { countKinds, describeCounts } from '../core/factDiff.js';
import { escapeData } from './escape.js';

export function commitJson(result: CommitResult): unknown {
  return {
    commit: result.commit ?? null,
    branch: result.branch ?? null,
    subject: result.subject,
    dryRun: result.dryRun,
    added: result.added.map((a) => ({ ...factJson(a.fact), supersedes: a.supersedes.map(factJson) })),
    removed: result.removed.map(factJson),
    changes: result.changes.map(changeJson),
  };
}

/** `[main 3f2a1c0] Remember ...`, or `[dry run] ...`: the line git prints for a new commit. */
export function commitBanner(p: Palette, result: { dryRun: boolean; branch?: string; commit?: string; subject: string }): string {
  const where = result.dryRun ? 'dry run' : `${result.branch ?? 'detached HEAD'} ${shortOid(result.commit!)}`;
  return `[${p.bold(where)}] ${result.subject}\n`;
}

/** `[main 3f2a1c0] Remember ...` and the counts: a status report, so it goes to stderr; --json puts the result on stdout. */
export function reportCommit(context: Context, options: { json?: boolean }, result: CommitResult): void {
  if (options.json) {
    context.io.out(json(commitJson(result)));
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  result = escapeData(result);
  const p = context.palette('err');
  context.io.err(`${commitBanner(p, result)} ${describeCounts(countKinds(result.changes))}\n`);
}
