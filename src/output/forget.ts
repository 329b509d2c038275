import type { ForgetPlan, ForgetReceipt, ForgetResult } from '../app/forget.js';
import type * as api from '../library/api.js';
import type { ForgetVerification } from '../app/forgetReceipts.js';
import type { Context } from '../runtime/context.js';
import type { Renderer } from '../runtime/emit.js';
import { escapeData } from './escape.js';
import { json, plural, shortOid } from './format.js';
import { sayFor } from './say.js';

/*
 * What forget shows: the plan (before it runs, and under --dry-run), the receipt, the log of
 * receipts and a verification. Never a forgotten text: a plan pasted into a ticket must not
 * repeat what is being erased; facts are named by id and leaf.
 */

/** The plan, as a person reads it before saying yes. */
export function planLines(plan: ForgetPlan): string[] {
  plan = escapeData(plan);
  const lines = [
    `${plural(plan.facts.length, 'fact')} (${plural(plan.texts, 'text')}) at ${plan.leaves.join(', ')}:`,
    ...plan.facts.map((f) => `  ${f.id}  ${f.leaf}`),
    `${plural(plan.commits.rewritten, 'commit')} rewritten, ${plan.commits.dropped} dropped (they changed nothing else)`,
  ];
  if (plan.refs.length > 0)
    lines.push(
      `moves: ${plan.refs.map((r) => `${r.ref.replace(/^refs\/(heads|remotes|tags)\//, '')} ${shortOid(r.old)}..${shortOid(r.new)}`).join(', ')}`,
    );
  if (plan.remotes.length > 0)
    lines.push(
      `${plan.remotes.join(', ')} still hold the old commits until "memoir push --force-with-lease" publishes the rewrite`,
    );
  if (plan.quoted.length > 0)
    lines.push(
      `kept: ${plural(plan.quoted.length, 'other fact')} quote a forgotten text (${plan.quoted.map((q) => q.id).join(', ')}); forget them too with --match`,
    );
  return lines;
}

/** `forget --json`: the plan, the receipt (null on a dry run), and the files memoir could not rewrite. */
export function forgetJson(result: ForgetResult): api.ForgetResult {
  return { dryRun: result.dryRun, plan: result.plan, receipt: result.receipt ?? null, remaining: result.remaining };
}

export function reportForget(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  result: ForgetResult,
): void {
  if (options.json) {
    context.io.out(json(forgetJson(result)));
    return;
  }
  const say = sayFor(context, options);
  if (result.dryRun) {
    for (const line of planLines(result.plan)) say.result(line);
    say.status('(dry run: nothing was changed)');
    return;
  }
  const receipt = escapeData(result.receipt!);
  say.result(
    `Forgot ${plural(receipt.factIds.length, 'fact')} from ${plural(receipt.commitsRewritten.length, 'commit')}: receipt ${receipt.id}`,
  );
  say.status(
    `"memoir forget --verify ${receipt.id}" checks that none of it is left; "memoir forget --log" lists receipts`,
  );
  for (const file of escapeData(result.remaining))
    context.io.err(
      `memoir: warning: ${file} still holds a forgotten text; memoir does not write that file: edit it by hand\n`,
    );
}

export const receiptsRenderer: Renderer<ForgetReceipt[]> = {
  human(receipts, p) {
    return escapeData(receipts)
      .map((r) =>
        [
          p.id(`forget ${r.id}`),
          `Date:    ${r.at}`,
          `By:      ${r.by}`,
          ...(r.reason ? [`Reason:  ${r.reason}`] : []),
          `Facts:   ${r.factIds.length} (${r.leaves.join(', ')})`,
          `Commits: ${r.commitsRewritten.length} rewritten`,
          ...(r.branches.length ? [`Moved:   ${r.branches.join(', ')}`] : []),
          ...(r.remotes.length ? [`Remotes that held the old commits: ${r.remotes.join(', ')}`] : []),
        ].join('\n'),
      )
      .map((block) => `${block}\n`)
      .join('\n');
  },
  plain(receipts) {
    return receipts
      .map((r) => `${[r.id, r.at, r.by, r.factIds.length, r.commitsRewritten.length, r.reason ?? ''].join('\t')}\n`)
      .join('');
  },
  json: (receipts) => receipts,
};

export const verificationRenderer: Renderer<ForgetVerification> = {
  human(v) {
    const scope = `${plural(v.checked.objects, 'object')} and ${plural(v.checked.files, 'file')}`;
    if (v.clean)
      return `verified: nothing receipt ${v.receipt.id} forgot (${plural(v.receipt.sha256.length, 'text')}) is in the repository (${scope} checked)\n`;
    return `NOT clean: ${plural(v.found.length, 'copy', 'copies')} of what receipt ${v.receipt.id} forgot:\n${v.found.map((f) => `  ${escapeData(f.where)}\n`).join('')}`;
  },
  plain: (v) =>
    `${v.receipt.id}\t${v.clean ? 'clean' : 'found'}\n${v.found.map((f) => `${f.where}\t${f.sha256}\n`).join('')}`,
  json: (v) => ({ receipt: v.receipt.id, clean: v.clean, found: v.found, checked: v.checked }),
};
