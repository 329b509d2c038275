import type { StatusResult } from '../commands/status.js';
import type { Renderer } from '../runtime/emit.js';
import { factJson } from './facts.js';
import { alignColumns, plainRecord, shortOid } from './format.js';

export const statusRenderer: Renderer<StatusResult> = {
  human(result, p) {
    const lines = [result.branch ? `On branch ${p.bold(result.branch)}` : `HEAD detached at ${shortOid(result.head ?? '')}`];
    if (!result.head) lines.push('No commits yet');
    if (result.review.length > 0) {
      lines.push(`Waiting for review (${result.review.length}):`);
      for (const item of result.review) {
        const top = item.candidates[0];
        lines.push(`  ${p.warn('?')} ${item.text} ${p.dim(item.id)}${top ? p.dim(`  best guess ${top.path} ${Math.round(top.confidence * 100)}%`) : ''}`);
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
      const note = e.noop === 'duplicate' ? p.dim(' (already on the branch)') : e.noop === 'gone' ? p.dim(' (already gone)') : '';
      return [`  ${sign} ${p.path(e.fact.path)}`, `${e.fact.text} ${p.dim(e.fact.id)}${note}`];
    });
    const aligned = alignColumns(rows);
    result.staged.forEach((e, i) => {
      lines.push(aligned[i]);
      for (const old of e.supersedes) lines.push(`      ${p.changed('supersedes')} ${old.text} ${p.dim(old.id)}`);
    });
    lines.push(p.dim('(use "memoir commit" to record, "memoir reset [<id>]" to unstage)'));
    return lines.join('\n') + '\n';
  },
  plain(result) {
    const header = `# branch ${result.branch ?? '(detached)'}\n# head ${result.head ?? '(none)'}\n`;
    const review = result.review.map((i) => plainRecord(['review', i.id, i.candidates[0]?.path ?? '', i.text, ''])).join('');
    return header + result.staged.map((e) => plainRecord([e.op, e.fact.id, e.fact.path, e.fact.text, e.supersedes.map((f) => f.id).join(',')])).join('') + review;
  },
  json(result) {
    return {
      branch: result.branch ?? null,
      head: result.head ?? null,
      detached: !result.branch,
      staged: result.staged.map((e) => ({ op: e.op, ...factJson(e.fact), supersedes: e.supersedes.map(factJson), noop: e.noop ?? null })),
      review: result.review.map((i) => ({ id: i.id, text: i.text, source: i.source, classifier: i.classifier, candidates: i.candidates })),
    };
  },
};
