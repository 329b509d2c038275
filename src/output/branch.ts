import type { BranchChange, BranchInfo } from '../app/branch.js';
import type { Context } from '../runtime/context.js';
import type { Renderer } from '../runtime/emit.js';
import { alignColumns, json, plainRecord, shortOid } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

export const branchesRenderer: Renderer<BranchInfo[]> = {
  human(list, p) {
    if (list.length === 0) return '';
    const rows = list.map((b) => [
      b.current ? `* ${p.added(b.name)}` : `  ${b.name}`,
      p.id(shortOid(b.commit)),
      b.subject,
    ]);
    return alignColumns(rows).join('\n') + '\n';
  },
  plain(list) {
    return list.map((b) => plainRecord([b.current ? '*' : '', b.name, b.commit, b.subject])).join('');
  },
  json(list) {
    return list.map((b) => ({ name: b.name, commit: b.commit, current: b.current, subject: b.subject }));
  },
};

export function reportBranchChange(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  change: BranchChange,
): void {
  if (options.json) {
    context.io.out(json(change));
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  change = escapeData(change);
  const message =
    change.action === 'created'
      ? `Created branch ${change.name} at ${shortOid(change.commit)}`
      : change.action === 'deleted'
        ? `Deleted branch ${change.name} (was ${shortOid(change.commit)})`
        : `Renamed branch ${change.from} to ${change.name}`;
  sayFor(context, options).result(message);
}
