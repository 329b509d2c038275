import type { CheckoutResult } from '../app/checkout.js';
import type { Context } from '../runtime/context.js';
import { json, plural, shortOid } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

/** The documented JSON of a checkout (also what the MCP tool returns). */
export function checkoutJson(r: CheckoutResult): Record<string, unknown> {
  return {
    branch: r.branch ?? null,
    commit: r.commit ?? null,
    detached: r.detached,
    created: r.created,
    already: r.already,
    carried: r.carried,
    discarded: r.discarded,
    leftBehind: r.leftBehind,
  };
}

/** Where HEAD is now (the result, on stdout); warnings about commits left behind or a detached HEAD on stderr. */
export function reportCheckout(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  r: CheckoutResult,
): void {
  if (options.json) {
    context.io.out(json(checkoutJson(r)));
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  r = escapeData(r);
  const say = sayFor(context, options);
  // warnings print even with -q
  const lines: string[] = [];
  if (r.leftBehind.length > 0) {
    // as git warns: these commits are now reachable only through the reflog
    const shown = r.leftBehind.slice(0, 5).map((c) => `  ${shortOid(c.commit)} ${c.subject}`);
    if (r.leftBehind.length > 5) shown.push(`  ... and ${r.leftBehind.length - 5} more`);
    lines.push(
      `memoir: warning: leaving ${plural(r.leftBehind.length, 'commit')} behind, not on any branch:`,
      ...shown,
    );
    lines.push(
      `hint: keep ${r.leftBehind.length === 1 ? 'it' : 'them'} with "memoir branch <new-branch> ${shortOid(r.leftBehind[0].commit)}" (until then only "memoir reflog HEAD" finds ${r.leftBehind.length === 1 ? 'it' : 'them'})`,
    );
  }
  if (lines.length > 0) context.io.err(lines.join('\n') + '\n');
  if (r.discarded > 0)
    say.status(`Discarded ${plural(r.discarded, 'staged change')} that would not apply here (--force)`);
  if (r.already) say.result(`Already on ${r.branch ? `'${r.branch}'` : `detached HEAD ${shortOid(r.commit ?? '')}`}`);
  else if (r.detached) {
    say.result(`HEAD is now at ${shortOid(r.commit!)}`);
    context.io.err(
      `memoir: warning: you are in 'detached HEAD' state at ${shortOid(r.commit!)}: new commits belong to no branch\n` +
        `hint: to keep what you commit here, create a branch: "memoir checkout -b <new-branch>"\n`,
    );
  } else say.result(`Switched to ${r.created ? 'a new ' : ''}branch '${r.branch}'`);
  if (!r.already && r.carried > 0) say.status(`${plural(r.carried, 'staged change')} carried over`);
}
