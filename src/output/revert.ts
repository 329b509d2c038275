import type { ReportedConflict, RevertResult } from '../app/revert.js';
import type { Context } from '../runtime/context.js';
import { commitBanner } from './commit.js';
import { changeJson, changesByLeaf } from './diff.js';
import type { Palette } from './palette.js';
import { json, plural, shortOid } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

const REASONS: Record<ReportedConflict['reason'], string> = {
  'edited-since': 'edited since',
  'removed-since': 'removed since',
  'value-changed-since': 'the leaf has another value since',
};

/** The conflicts of a revert, one per line with the commits that caused them: a report for stderr. */
export function describeConflicts(conflicts: readonly ReportedConflict[], p: Palette): string {
  const lines = escapeData(conflicts).map((c) => {
    const text = (c.change.new ?? c.change.old)!.text;
    const now = c.current ? ` (now "${c.current.text}")` : '';
    const by = c.commits.length ? `, in ${c.commits.map((x) => p.id(shortOid(x.oid))).join(', ')}` : '';
    return `  ${p.path(c.change.path)}  "${text}": ${REASONS[c.reason]}${now}${by}\n`;
  });
  return `memoir: later commits changed facts this revert would undo:\n${lines.join('')}`;
}

export function revertJson(result: RevertResult): unknown {
  return {
    commit: result.commit ?? null,
    branch: result.branch ?? null,
    reverted: result.reverted.oid,
    subject: result.subject,
    dryRun: result.dryRun,
    strategy: result.strategy ?? null,
    changes: result.changes.map(changeJson),
    conflicts: result.conflicts.map((c) => ({
      ...changeJson(c.change),
      reason: c.reason,
      current: c.current?.text ?? null,
      commits: c.commits.map((x) => x.oid),
    })),
  };
}

/** `[main 3f2a1c0] Revert "..."` and the facts it changed: the result, on stdout (as JSON with --json). */
export function reportRevert(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  result: RevertResult,
): void {
  if (options.json) {
    context.io.out(json(revertJson(result)));
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  result = escapeData(result);
  const p = context.palette('out');
  let out = commitBanner(p, result) + changesByLeaf(result.changes, p, undefined, ' ');
  if (result.conflicts.length)
    out += `settled ${plural(result.conflicts.length, 'conflict')} with --strategy ${result.strategy}\n`;
  sayFor(context, options).result(out);
}
