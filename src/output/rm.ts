import type { RmResult } from '../app/rm.js';
import type { Context } from '../runtime/context.js';
import { factJson } from './facts.js';
import { json } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

export function reportRemoval(context: Context, options: { json?: boolean; quiet?: boolean }, result: RmResult): void {
  if (options.json) {
    context.io.out(
      json({ staged: result.staged.map(factJson), alreadyStaged: result.already.map(factJson), dryRun: result.dryRun }),
    );
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  result = escapeData(result);
  const p = context.palette('out');
  const say = sayFor(context, options);
  const verb = result.dryRun ? 'would stage removal of' : 'staged removal of';
  for (const f of result.staged) say.result(`${verb} ${p.path(f.path)}: ${f.text} ${p.dim(`(${f.id})`)}`);
  for (const f of result.already) say.status(`removal of ${f.id} is already staged`);
}
