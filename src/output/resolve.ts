import type { ResolveResult } from '../app/resolve.js';
import type { Context } from '../runtime/context.js';
import { decisionLabel } from './decision.js';
import { json, plural } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

export function reportResolve(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  result: ResolveResult,
): void {
  if (options.json) {
    context.io.out(
      json({
        resolved: result.resolved.map((r) => ({ id: r.conflict.id, path: r.conflict.path, decision: r.decision })),
        remaining: result.remaining.map((c) => c.id),
      }),
    );
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  result = escapeData(result);
  const say = sayFor(context, options);
  for (const r of result.resolved)
    say.result(`Resolved ${r.conflict.id} ${r.conflict.path}: ${decisionLabel(r.decision)}`);
  say.status(
    result.remaining.length === 0
      ? 'All conflicts settled: run "memoir merge --continue" (or "memoir commit") to write the merge commit'
      : `${plural(result.remaining.length, 'conflict')} left: ${result.remaining.map((c) => c.id).join(', ')}`,
  );
}
