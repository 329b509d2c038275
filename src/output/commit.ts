import type { CommitResult } from '../app/commitChanges.js';
import type * as api from '../library/api.js';
import type { SupersededInBatch } from '../core/rounds.js';
import type { Context } from '../runtime/context.js';
import type { Palette } from './palette.js';
import { factJson } from './facts.js';
import { json, plural, shortOid } from './format.js';
import { changeJson } from './diff.js';
import { countKinds, describeCounts } from '../core/factDiff.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

export function commitJson(result: CommitResult): api.CommitReport {
  return {
    commit: result.commit ?? null,
    branch: result.branch ?? null,
    subject: result.subject,
    dryRun: result.dryRun,
    commits: result.commits,
    supersededInBatch: supersededJson(result.supersededInBatch),
    added: result.added.map((a) => ({ ...factJson(a.fact), supersedes: a.supersedes.map(factJson) })),
    removed: result.removed.map(factJson),
    changes: result.changes.map(changeJson),
  };
}

/** How many superseded values the stderr line names by id. */
const LIST_PAIRS = 10;

export function supersededJson(superseded: readonly SupersededInBatch[]): api.RememberResult['supersededInBatch'] {
  return superseded.map((s) => ({ id: s.fact.id, text: s.fact.text, path: s.fact.path, by: s.by.id }));
}

/** `[main 3f2a1c0] Remember ...`, or `[dry run] ...`: the line git prints for a new commit. */
export function commitBanner(
  p: Palette,
  result: { dryRun: boolean; branch?: string; commit?: string; subject: string },
): string {
  const where = result.dryRun ? 'dry run' : `${result.branch ?? 'detached HEAD'} ${shortOid(result.commit!)}`;
  return `[${p.bold(where)}] ${result.subject}\n`;
}

/** `[main 3f2a1c0] Remember ...` and the counts: the result, on stdout as git prints it; --json puts it there as JSON. */
export function reportCommit(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  result: CommitResult,
): void {
  if (options.json) {
    context.io.out(json(commitJson(result)));
    return;
  }
  // shown to a person: every string it shows escaped (see escapeData); the changes are only
  // counted, so their texts (10,000 in a bulk add) are not walked
  const counts = describeCounts(countKinds(result.changes));
  const total = result.supersededInBatch.length;
  const shown = escapeData({
    ...result,
    changes: [],
    supersededInBatch: result.supersededInBatch.slice(0, LIST_PAIRS),
  });
  const say = sayFor(context, options);
  say.result(`${commitBanner(context.palette('out'), shown)} ${counts}`);
  const inBatch = shown.supersededInBatch;
  if (total > 0) {
    // one line however large the batch: the first ids, and --json for all of them
    const pairs =
      inBatch.map((s) => `${s.fact.id} by ${s.by.id}`).join(', ') +
      (total > LIST_PAIRS ? `, … and ${total - LIST_PAIRS} more (--json lists them)` : '');
    say.status(
      `memoir: ${plural(total, 'value')} superseded within this batch, each kept in history (${shown.dryRun ? 'once committed' : `${plural(shown.commits.length, 'commit')}`}): ${pairs}\n`,
    );
  }
}
