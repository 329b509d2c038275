import type { Decision } from '../core/merge.js';
import type * as api from '../library/api.js';
import type { MergeConflict, MergeState } from '../store/mergeState.js';
import type { MergeOutcome } from '../app/mergeSteps.js';
import type { Context } from '../runtime/context.js';
import type { Palette } from './palette.js';
import { factJson } from './facts.js';
import { json, plural, shortOid } from './format.js';
import { addedAndRemoved, countKinds, describeCounts } from '../core/factDiff.js';
import { mergeDecisionLines } from '../core/commitMessage.js';
import { commitBanner } from './commit.js';
import { changeJson } from './diff.js';
import { CONFLICT_KIND, decisionLabel } from './decision.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

const text = (fact: { text: string } | null) => fact?.text ?? null;

/** A conflict as JSON: `base`, `ours`, `theirs` are the fact texts (null where absent); the full facts beside them. */
export function conflictJson(c: MergeConflict, decision?: Decision): api.MergeConflict {
  return {
    id: c.id,
    path: c.path,
    kind: c.kind,
    cardinality: c.cardinality,
    base: text(c.base),
    ours: text(c.ours),
    theirs: text(c.theirs),
    facts: {
      base: c.base && factJson(c.base),
      ours: c.ours && factJson(c.ours),
      theirs: c.theirs && factJson(c.theirs),
    },
    changed: { ours: c.changed.ours ?? null, theirs: c.changed.theirs ?? null },
    decision: decision ?? null,
  };
}

/** One conflict for a person: where, why, and the three versions. */
export function conflictLines(c: MergeConflict, p: Palette, decision?: Decision): string[] {
  const show = (fact: { text: string } | null) => (fact ? `"${fact.text}"` : p.dim('(absent)'));
  const by = (side: 'ours' | 'theirs') =>
    c.changed[side] ? p.dim(`  ${c.changed[side]!.name}, ${c.changed[side]!.date.slice(0, 10)}`) : '';
  return [
    `${p.warn('CONFLICT')} ${p.id(c.id)} ${p.path(c.path)}: ${CONFLICT_KIND[c.kind]}${decision ? p.dim(` (decided: ${decisionLabel(decision)})`) : ''}`,
    `    base    ${show(c.base)}`,
    `    ours    ${show(c.ours)}${by('ours')}`,
    `    theirs  ${show(c.theirs)}${by('theirs')}`,
  ];
}

export function outcomeJson(o: MergeOutcome): api.MergeResult {
  const byId = addedAndRemoved(o.changes);
  return {
    status: o.kind,
    branch: o.branch ?? null,
    commit: o.kind === 'conflicts' ? null : (o.commit ?? null),
    theirs: o.theirs,
    bases: o.bases,
    // by id, as show --json has them: a superseded value is one of each, an edit in place neither
    added: byId.added.map(factJson),
    removed: byId.removed.map(factJson),
    modified: o.changes
      .filter((c) => c.kind === 'modified')
      .map((m) => ({ old: factJson(m.old!), new: factJson(m.new!) })),
    changes: o.changes.map(changeJson),
    conflicts: o.conflicts.map((c) => conflictJson(c, o.decisions[c.id])),
    folded: o.folded.map((f) => ({ path: f.path, kept: factJson(f.kept), dropped: factJson(f.dropped) })),
    // taken with --allow-invalid: where, never the text
    accepted: (o.accepted ?? []).map(({ commit, path, factId, kind }) => ({ commit, path, factId, kind })),
  };
}

/**
 * The result of merge, merge --continue and merge --abort: on stdout (as git prints them), the
 * commit, the fast-forward or the conflicts; on stderr what to do next. JSON on stdout with --json.
 */
export function reportMerge(
  context: Context,
  options: { json?: boolean; quiet?: boolean; strategy?: string },
  result: { outcome: MergeOutcome } | { aborted: MergeState },
): void {
  // unless --json: shown to a person: every string of the result escaped (see escapeData)
  if (!options.json) result = escapeData(result);
  const say = sayFor(context, options);
  if ('aborted' in result) {
    const a = result.aborted;
    if (options.json)
      context.io.out(json({ status: 'aborted', theirs: a.theirs, head: a.origHead, staged: a.origStage.ops.length }));
    else
      say.result(
        `Merge of ${a.theirsName} aborted: back at ${shortOid(a.origHead)}, stage restored (${plural(a.origStage.ops.length, 'operation')})`,
      );
    return;
  }
  const o = result.outcome;
  const recorded = o.kind === 'conflicts' && options.strategy !== 'fail';
  if (options.json) {
    context.io.out(json({ ...outcomeJson(o), recorded }));
    return;
  }
  for (const f of o.accepted ?? [])
    context.io.err(
      `memoir: warning: taken with --allow-invalid: commit ${shortOid(f.commit)} adds ${f.label} at ${f.path} (fact ${f.factId})\n`,
    );
  const p = context.palette('out');
  const counts = describeCounts(countKinds(o.changes));
  if (o.kind === 'up-to-date') say.result('Already up to date.');
  else if (o.kind === 'fast-forward')
    say.result(`Fast-forward ${o.branch ?? 'HEAD'} to ${shortOid(o.commit!)}\n ${counts}`);
  else if (o.kind === 'merged') {
    // the commit's own words: its subject, and the decisions its body lists
    const decisions = mergeDecisionLines(o.conflicts, o.decisions, o.folded)
      .map((line) => ` ${line}\n`)
      .join('');
    say.result(
      `${commitBanner(p, { dryRun: false, branch: o.branch, commit: o.commit, subject: o.subject ?? '' })} ${counts}\n${decisions}`,
    );
  } else {
    say.result(o.conflicts.flatMap((c) => conflictLines(c, p, o.decisions[c.id])).join('\n'));
    const open = o.conflicts.filter((c) => !o.decisions[c.id]).length;
    // what stopped and what to do next: said even with -q, as an error would be (exit 3)
    context.io.err(
      (recorded && open === 0
        ? `Merge of ${o.theirsName} in progress: every conflict has a decision.\nhint: write the merge commit with "memoir merge --continue", or give up with "memoir merge --abort"`
        : recorded
          ? `Merge of ${o.theirsName} stopped: ${plural(open, 'conflict')} to settle.\nhint: settle each with "memoir resolve <id> --ours|--theirs|--both|--text ...", then "memoir merge --continue"; or "memoir merge --abort"`
          : `Merge of ${o.theirsName} refused: ${plural(o.conflicts.length, 'conflict')}; nothing was recorded (--strategy fail).\nhint: merge with --strategy ours|theirs|union, or without a strategy to settle them one by one`) +
        '\n',
    );
  }
}
