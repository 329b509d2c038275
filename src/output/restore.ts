import type { RestoreResult } from '../app/restore.js';
import type { Context } from '../runtime/context.js';
import { factJson } from './facts.js';
import { json, plural, shortOid } from './format.js';
import { escapeData } from './escape.js';

/** What restore staged: a status report on stderr, or the result as JSON on stdout. */
export function reportRestore(context: Context, options: { json?: boolean }, result: RestoreResult): void {
  if (options.json) {
    context.io.out(
      json({
        paths: result.paths,
        source: result.commit,
        dryRun: result.dryRun,
        added: result.added.map(factJson),
        removed: result.removed.map(factJson),
      }),
    );
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  result = escapeData(result);
  const p = context.palette('err');
  const where = `${result.paths.join(', ')} as at ${p.id(shortOid(result.commit))}`;
  if (result.added.length === 0 && result.removed.length === 0) {
    context.io.err(`${where}: nothing to restore, the facts are the same\n`);
    return;
  }
  const lines = [
    ...result.removed.map((f) => `  ${p.removed('-')} ${p.path(f.path)}  ${f.text}\n`),
    ...result.added.map((f) => `  ${p.added('+')} ${p.path(f.path)}  ${f.text}\n`),
  ];
  const verb = result.dryRun ? 'would stage' : 'staged';
  context.io.err(
    `${where}: ${verb} ${plural(result.added.length, 'fact')} to add, ${result.removed.length} to remove\n${lines.join('')}${result.dryRun ? '' : '(use "memoir commit" to record them, "memoir diff" to review)\n'}`,
  );
}
