import type { RestoreResult } from '../app/restore.js';
import type { Context } from '../runtime/context.js';
import { factJson } from './facts.js';
import { json, plural, shortOid } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

/** What restore staged (the result, on stdout; the hint after it on stderr), or the result as JSON. */
export function reportRestore(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  result: RestoreResult,
): void {
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
  const p = context.palette('out');
  const say = sayFor(context, options);
  const where = `${result.paths.join(', ')} as at ${p.id(shortOid(result.commit))}`;
  if (result.added.length === 0 && result.removed.length === 0) {
    say.status(`${where}: nothing to restore, the facts are the same`);
    return;
  }
  const lines = [
    ...result.removed.map((f) => `  ${p.removed('-')} ${p.path(f.path)}  ${f.text}\n`),
    ...result.added.map((f) => `  ${p.added('+')} ${p.path(f.path)}  ${f.text}\n`),
  ];
  const verb = result.dryRun ? 'would stage' : 'staged';
  say.result(
    `${where}: ${verb} ${plural(result.added.length, 'fact')} to add, ${result.removed.length} to remove\n${lines.join('')}`,
  );
  if (!result.dryRun) say.status('(use "memoir commit" to record them, "memoir diff" to review)');
}
