import { plural } from '../core/words.js';
import type { StatusResult } from '../app/status.js';
import type { Renderer } from '../runtime/emit.js';
import { factJson } from './facts.js';
import { alignColumns, plainRecord, shortOid } from './format.js';
import { conflictJson, conflictLines } from './merge.js';
import type { Palette } from './palette.js';
import { upstreamFields, upstreamJson, upstreamLines } from './upstream.js';

function mergeLines(result: StatusResult, p: Palette): string[] {
  const m = result.merge;
  if (!m) return [];
  const open = m.conflicts.filter((c) => !m.decisions[c.id]).length;
  const lines = [
    `Merging ${m.theirsName} (${shortOid(m.theirs)}): ${plural(m.conflicts.length, 'conflict')}, ${open} unsettled`,
  ];
  for (const c of m.conflicts) lines.push(...conflictLines(c, p, m.decisions[c.id]).map((l) => '  ' + l));
  lines.push(
    p.dim(
      open > 0
        ? '(use "memoir resolve <id> --ours|--theirs|--both|--text ..." to settle, "memoir merge --abort" to give up)'
        : '(all settled: use "memoir merge --continue" or "memoir commit" to write the merge commit)',
    ),
  );
  return lines;
}

export const statusRenderer: Renderer<StatusResult> = {
  human(result, p) {
    const lines = [
      result.branch ? `On branch ${p.bold(result.branch)}` : `HEAD detached at ${shortOid(result.head ?? '')}`,
    ];
    if (result.upstream) lines.push(...upstreamLines(result.upstream, p));
    if (!result.head) lines.push('No commits yet');
    if (result.expired)
      lines.push(
        `${plural(result.expired, 'fact')} past the retention policy.yaml sets ${p.dim('(use "memoir gc --expired" to remove them)')}`,
      );
    lines.push(...mergeLines(result, p));
    if (result.review.length > 0) {
      lines.push(`Waiting for review (${result.review.length}):`);
      for (const item of result.review) {
        const top = item.candidates[0];
        lines.push(
          `  ${p.warn('?')} ${item.text} ${p.dim(item.id)}${top ? p.dim(`  best guess ${top.path} ${Math.round(top.confidence * 100)}%`) : ''}`,
        );
      }
      lines.push(p.dim('(use "memoir review" to settle them)'));
    }
    if (result.staged.length === 0) {
      lines.push('Nothing staged (use "memoir add <fact>" to stage facts)');
      return lines.join('\n') + '\n';
    }
    lines.push(`Staged (${result.staged.length}):`);
    const rows = result.staged.map((e) => {
      const sign = e.op === 'add' ? p.added('+') : p.removed('-');
      const note =
        e.noop === 'duplicate' ? p.dim(' (already on the branch)') : e.noop === 'gone' ? p.dim(' (already gone)') : '';
      return [`  ${sign} ${p.path(e.fact.path)}`, `${e.fact.text} ${p.dim(e.fact.id)}${note}`];
    });
    const aligned = alignColumns(rows);
    result.staged.forEach((e, i) => {
      lines.push(aligned[i]);
      for (const old of e.supersedes) lines.push(`      ${p.changed('supersedes')} ${old.text} ${p.dim(old.id)}`);
      if (e.supersededBy)
        lines.push(
          `      ${p.changed('superseded in this batch by')} ${e.supersededBy.text} ${p.dim(e.supersededBy.id)} ${p.dim('(both kept in history)')}`,
        );
    });
    lines.push(p.dim('(use "memoir commit" to record, "memoir reset [<id>]" to unstage)'));
    return lines.join('\n') + '\n';
  },
  plain(result) {
    const header =
      `# branch ${result.branch ?? '(detached)'}\n# head ${result.head ?? '(none)'}\n` +
      (result.upstream ? `# upstream ${upstreamFields(result.upstream).join(' ')}\n` : '') +
      (result.expired ? `# expired ${result.expired}\n` : '');
    const review = result.review
      .map((i) => plainRecord(['review', i.id, i.candidates[0]?.path ?? '', i.text, '']))
      .join('');
    const merge = result.merge ? `# merging ${result.merge.theirs} ${result.merge.theirsName}\n` : '';
    const conflicts = (result.merge?.conflicts ?? [])
      .map((c) =>
        plainRecord([
          'conflict',
          c.id,
          c.path,
          c.base?.text,
          c.ours?.text,
          c.theirs?.text,
          result.merge!.decisions[c.id]?.kind ?? '',
        ]),
      )
      .join('');
    return (
      header +
      merge +
      conflicts +
      result.staged
        .map((e) => plainRecord([e.op, e.fact.id, e.fact.path, e.fact.text, e.supersedes.map((f) => f.id).join(',')]))
        .join('') +
      review
    );
  },
  json(result) {
    return {
      branch: result.branch ?? null,
      head: result.head ?? null,
      detached: !result.branch,
      upstream: upstreamJson(result.upstream),
      expired: result.expired ?? 0,
      staged: result.staged.map((e) => ({
        op: e.op,
        ...factJson(e.fact),
        supersedes: e.supersedes.map(factJson),
        supersededBy: e.supersededBy?.id ?? null,
        noop: e.noop ?? null,
      })),
      review: result.review.map((i) => ({
        id: i.id,
        text: i.text,
        source: i.source,
        classifier: i.classifier,
        candidates: i.candidates,
      })),
      merge: result.merge
        ? {
            theirs: result.merge.theirs,
            name: result.merge.theirsName,
            head: result.merge.origHead,
            bases: result.merge.bases,
            conflicts: result.merge.conflicts.map((c) => conflictJson(c, result.merge!.decisions[c.id])),
          }
        : null,
    };
  },
};
