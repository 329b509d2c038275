import type { HardResetResult } from '../app/reset.js';
import type { Context } from '../runtime/context.js';
import { subjectOf } from './commits.js';
import { json, plural, shortOid } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

/** Where the branch is now (the result, on stdout) and how to go back (on stderr), or JSON on stdout. */
export function reportHardReset(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  result: HardResetResult,
): void {
  if (options.json) {
    context.io.out(
      json({
        branch: result.branch ?? null,
        from: result.from ?? null,
        to: result.to.oid,
        discardedStaged: result.discarded,
        dryRun: result.dryRun,
      }),
    );
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  result = escapeData(result);
  const say = sayFor(context, options);
  const p = context.palette('out');
  const name = result.branch ?? 'HEAD';
  const at = `${p.id(shortOid(result.to.oid))} ${subjectOf(result.to.message)}`;
  say.result(result.dryRun ? `would move ${name} to ${at}` : `${name} is now at ${at}`);
  const lines: string[] = [];
  if (result.discarded)
    lines.push(`${result.dryRun ? 'would discard' : 'discarded'} ${plural(result.discarded, 'staged change')}`);
  if (!result.dryRun && result.from && result.from !== result.to.oid)
    lines.push(
      `the old tip ${shortOid(result.from)} is kept in the reflog: "memoir reset --hard ${result.branch ? `${result.branch}@{1}` : shortOid(result.from)} --force" goes back`,
    );
  if (lines.length > 0) say.status(lines.join('\n'));
}
