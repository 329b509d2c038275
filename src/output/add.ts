import type { AddOptions, AddResult } from '../app/add.js';
import type * as api from '../library/api.js';
import type { Context } from '../runtime/context.js';
import { commitJson, reportCommit, supersededJson } from './commit.js';
import { factJson } from './facts.js';
import { json, plural } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

/** Beyond this many facts, a batch is summarised instead of listed line by line. */
const LIST_LIMIT = 20;

export function addJson(result: AddResult): api.RememberResult {
  const staged = result.outcomes.filter((o) => o.kind === 'staged');
  return {
    staged: staged.map((o) => ({ ...factJson(o.fact), replacesStaged: o.replaced ? factJson(o.replaced) : null })),
    duplicates: result.outcomes
      .filter((o) => o.kind === 'duplicate')
      .map((o) => ({ text: o.fact.text, path: o.fact.path, existing: factJson(o.existing), where: o.where })),
    rejected: result.rejected.map((r) => ({
      line: r.line ?? null,
      kind: r.kind,
      message: r.message,
      hint: r.hint ?? null,
      text: r.text ?? null,
    })),
    held: result.held.map((h) => ({
      id: h.id,
      text: h.text,
      source: h.source,
      classifier: h.classifier,
      candidates: h.candidates,
      reason: h.reason ?? (result.skipped.includes(h.id) ? 'skipped' : 'low-confidence'),
    })),
    skipped: result.skipped,
    supersededInBatch: supersededJson(
      result.commit?.supersededInBatch ?? staged.flatMap((o) => (o.replaced ? [{ fact: o.replaced, by: o.fact }] : [])),
    ),
    commit: result.commit ? commitJson(result.commit) : null,
    dryRun: result.dryRun,
    // facts for which the model answered leaves outside the taxonomy (dropped): [{text, paths}], usually empty
    invented: result.invented ?? [],
  };
}

/**
 * What add did: the facts staged are its result (stdout); what was refused or held back is
 * said on stderr (always), and the hints after them too (unless -q).
 */
export function reportAdd(
  context: Context,
  options: AddOptions & {
    quiet?: boolean;
    /** What a rejected record's number counts: a line of the input, or a turn (capture). */
    lineWord?: string;
  },
  result: AddResult,
): void {
  if (options.json) {
    context.io.out(json(addJson(result)));
    return;
  }
  // shown to a person: every string it shows escaped (see escapeData); a long list of staged
  // facts is summed up rather than shown, so its texts are not walked (10,000 in a bulk add)
  const staged = result.outcomes.filter((o) => o.kind === 'staged');
  const listed = staged.length <= LIST_LIMIT;
  const leaves = new Set(staged.map((o) => o.fact.path)).size;
  // the commit is reported (and escaped) by reportCommit
  const { commit } = result;
  result = escapeData({
    ...result,
    outcomes: listed ? result.outcomes : result.outcomes.filter((o) => o.kind !== 'staged'),
    commit: undefined,
  });
  const p = context.palette('out');
  const e = context.palette('err');
  const { result: say, status } = sayFor(context, options);
  const warn = (line: string) => context.io.err(line + '\n');
  const verb = result.dryRun ? 'would stage' : 'staged';
  if (
    result.batch &&
    staged.length === 0 &&
    result.outcomes.length === 0 &&
    result.rejected.length === 0 &&
    result.held.length === 0
  )
    status('memoir: no facts in the input; nothing staged');
  if (!listed) say(`${verb} ${plural(staged.length, 'fact')} at ${plural(leaves, 'leaf', 'leaves')}`);
  else {
    for (const o of result.outcomes) {
      if (o.kind !== 'staged') continue;
      const placed =
        o.fact.classifier === 'manual'
          ? ''
          : ` ${p.dim(`[${o.fact.classifier}${o.fact.confidence !== undefined ? ` ${Math.round(o.fact.confidence * 100)}%` : ''}, ${o.fact.how}]`)}`;
      say(`${verb} ${p.path(o.fact.path)}: ${o.fact.text} ${p.dim(`(${o.fact.id})`)}${placed}`);
      if (o.replaced)
        say(
          `  supersedes the staged value "${o.replaced.text}" (${o.replaced.id}): ${o.fact.path} holds one value; the commit keeps both in history`,
        );
    }
  }
  for (const o of result.outcomes) {
    if (o.kind !== 'duplicate') continue;
    status(
      `${e.warn('already remembered')} at ${e.path(o.fact.path)}${o.where === 'staged' ? ' (staged)' : ''}: "${o.existing.text}" (${o.existing.id}); not staged again`,
    );
  }
  for (const r of result.rejected) {
    const where = r.line !== undefined ? `${options.lineWord ?? 'line'} ${r.line}: ` : '';
    warn(
      `${e.error('rejected')} ${where}${r.message}${r.text !== undefined && r.kind !== 'empty' ? ` ("${r.text.length > 60 ? r.text.slice(0, 59) + '…' : r.text}")` : ''}${r.hint ? `\n  hint: ${r.hint}` : ''}`,
    );
  }
  const skipped = new Set(result.skipped);
  for (const h of result.held.slice(0, LIST_LIMIT)) {
    const guesses = h.candidates
      .slice(0, 3)
      .map((c) => `${e.path(c.path)} ${Math.round(c.confidence * 100)}%`)
      .join(', ');
    warn(
      `${e.warn(skipped.has(h.id) ? 'skipped, held for review' : result.dryRun ? 'would be held for review' : 'held for review')}: ${h.text} ${e.dim(`(${h.id})`)}\n  ${h.reason === 'no-leaf-fits' ? 'no leaf fits; ' : ''}suggestions: ${guesses}`,
    );
  }
  if (result.held.length > LIST_LIMIT) warn(`… and ${result.held.length - LIST_LIMIT} more held for review`);
  // a dry run queued nothing: there is no queue to point at
  if (result.held.length > 0 && !result.dryRun) {
    // --yes never files text no leaf fits: only --path places it at once
    const deciders = result.held.every((h) => h.reason === 'no-leaf-fits')
      ? '--path places it at once'
      : '--yes or --path decide at once';
    status(
      e.dim(
        `(${result.held.length === 1 ? 'it waits' : 'they wait'} in the review queue: "memoir review" in a terminal, or "memoir review --accept-all" / "--reject-all"; ${deciders})`,
      ),
    );
  }
  if ((result.rejected.length > 0 || result.held.length > 0) && result.batch) {
    const noFit = result.held.filter((h) => h.reason === 'no-leaf-fits').length;
    status(
      [
        `${staged.length} ${result.dryRun ? 'would be staged' : 'staged'}`,
        result.held.length &&
          `${result.held.length} ${result.dryRun ? 'would be held' : 'held'} for review${noFit ? ` (${noFit} where no leaf fits)` : ''}`,
        result.rejected.length && `${result.rejected.length} rejected`,
      ]
        .filter(Boolean)
        .join(', '),
    );
  }
  if (commit) reportCommit(context, { quiet: options.quiet }, commit);
  else if (staged.length > 0 && !result.dryRun)
    status(e.dim('(use "memoir commit" to record them, "memoir status" to review)'));
}
