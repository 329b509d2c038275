import type { ConsolidateResult } from '../app/consolidate.js';
import { factsOf, type Proposal } from '../core/consolidate.js';
import type * as api from '../library/api.js';
import type { Context } from '../runtime/context.js';
import type { Palette } from './palette.js';
import { factJson } from './facts.js';
import { json, plainRecord, plural, shortOid } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

/** A proposal as `consolidate --json` documents it: facts whole (factJson), the rest by kind. */
export function proposalJson(p: Proposal): api.ConsolidateProposal {
  const base = { id: p.id, safe: p.safe, reason: p.reason };
  switch (p.kind) {
    case 'dedupe':
      return { ...base, kind: p.kind, keep: factJson(p.keep), drop: p.drop.map(factJson), score: p.score };
    case 'refile':
      return { ...base, kind: p.kind, fact: factJson(p.fact), to: p.to, confidence: p.confidence };
    case 'contradiction':
      return { ...base, kind: p.kind, facts: p.facts.map(factJson) };
    case 'stale':
      return { ...base, kind: p.kind, fact: factJson(p.fact), ageDays: p.ageDays };
    case 'retire':
      return { ...base, kind: p.kind, fact: factJson(p.fact) };
  }
}

export function consolidateJson(result: ConsolidateResult): api.ConsolidateResult {
  return {
    proposals: result.proposals.map(proposalJson),
    hidden: result.hidden,
    rejected: result.rejected,
    applied: result.applied,
    outdated: result.outdated,
    refused: result.refused,
    commits: result.commits,
    head: result.head ?? null,
    dryRun: result.dryRun,
    decidedBy: result.decidedBy,
    foundBy: result.foundBy,
  };
}

/** One proposal for a person: its kind, id and leaf, then its facts. */
export function proposalLines(p: Proposal, c: Palette): string[] {
  const head = (path: string) =>
    `${c.changed(p.kind.padEnd(13))} ${c.id(p.id)}  ${c.path(path)}${p.safe ? c.dim('  (safe)') : ''}`;
  const fact = (label: string, f: { text: string; id: string }) => `    ${label.padEnd(5)} ${f.text}  ${c.dim(f.id)}`;
  switch (p.kind) {
    case 'dedupe':
      return [head(p.keep.path), fact('keep', p.keep), ...p.drop.map((f) => fact('drop', f)), `    ${c.dim(p.reason)}`];
    case 'refile':
      return [head(`${p.fact.path} -> ${p.to}`), fact('', p.fact), `    ${c.dim(p.reason)}`];
    case 'contradiction':
      return [head(p.facts[0].path), fact('1', p.facts[0]), fact('2', p.facts[1]), `    ${c.dim(p.reason)}`];
    case 'retire':
    case 'stale':
      return [head(p.fact.path), fact('', p.fact), `    ${c.dim(p.reason)}`];
  }
}

/** One proposal a line for scripts: kind, id, safe, leaf (of its first fact), fact ids, reason. */
function proposalPlain(p: Proposal): string {
  const facts = factsOf(p);
  return plainRecord([p.kind, p.id, p.safe ? 'safe' : '', facts[0]!.path, facts.map((f) => f.id).join(','), p.reason]);
}

/**
 * The proposals on stdout (each with its facts; a line each in a pipe), the commits made, and on
 * stderr how many there are and what to run next.
 */
export function reportConsolidate(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  result: ConsolidateResult,
): void {
  if (options.json) {
    context.io.out(json(consolidateJson(result)));
    return;
  }
  result = escapeData(result);
  const say = sayFor(context, options);
  const applied = new Set(result.applied);
  const open = result.proposals.filter((p) => !applied.has(p.id));
  if (result.decidedBy === 'nobody' || result.dryRun) {
    if (context.io.stdoutIsTTY) for (const p of open) say.result(proposalLines(p, context.palette()).join('\n'));
    else for (const p of open) say.result(proposalPlain(p));
  }
  for (const c of result.commits) say.result(`[${c.commit ? shortOid(c.commit) : 'dry run'}] ${c.subject}`);
  const hidden =
    result.hidden > 0 ? ` (${plural(result.hidden, 'proposal')} rejected before not shown: --all shows them)` : '';
  if (result.proposals.length === 0) {
    say.status(`memoir: nothing to consolidate${hidden}`);
    return;
  }
  const counts = (['dedupe', 'retire', 'contradiction', 'refile', 'stale'] as const)
    .map((kind) => [kind, result.proposals.filter((p) => p.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  const safe = open.filter((p) => p.safe).length;
  const rejected = result.rejected.length > 0 ? `, ${result.rejected.length} rejected (not proposed again)` : '';
  const foundBy = result.foundBy === 'rules' ? '' : ` (duplicates and contradictions found by ${result.foundBy})`;
  say.status(
    `memoir: ${plural(result.proposals.length, 'proposal')} (${counts})${foundBy}; ${result.applied.length} applied${rejected}${hidden}`,
  );
  if (result.outdated.length > 0)
    say.status(
      `memoir: ${plural(result.outdated.length, 'proposal')} not applied: their facts changed meanwhile; run consolidate again`,
    );
  for (const r of result.refused)
    context.io.err(
      `memoir: ${r.id} not merged: the edited text contains ${r.found}; memoir never stores credentials\n`,
    );
  if (result.decidedBy === 'nobody' && !result.dryRun)
    say.status(
      `hint: ${safe > 0 ? `"memoir consolidate --yes" applies the ${safe} safe ${safe === 1 ? 'one' : 'ones'}; ` : ''}run it in a terminal to decide the others, or see them with --dry-run --json`,
    );
}
