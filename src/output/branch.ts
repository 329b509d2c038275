import type { BranchChange, BranchInfo } from '../app/branch.js';
import type * as api from '../library/api.js';
import type { UpstreamChange } from '../app/upstream.js';
import type { Context } from '../runtime/context.js';
import type { Renderer } from '../runtime/emit.js';
import { alignColumns, json, plainRecord, shortOid } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';
import { trackingLabel, upstreamFields, upstreamJson } from './upstream.js';

/**
 * The branch list; `withUpstreams` (-vv) shows what each follows, as git's `[origin/main: ahead 2]`.
 * As git names them: a remote-tracking branch is `origin/main` among its own kind (-r) and
 * `remotes/origin/main` beside the local branches (-a).
 */
export const listRenderer = (withUpstreams: boolean, all = false): Renderer<BranchInfo[], api.Branch[]> => ({
  human(list, p) {
    if (list.length === 0) return '';
    const rows = list.map((b) => [
      b.current ? `* ${p.added(b.name)}` : b.remote ? `  ${p.path(shownName(b, all))}` : `  ${b.name}`,
      p.id(shortOid(b.commit)),
      (withUpstreams && b.upstream ? `${p.path(trackingLabel(b.upstream))} ` : '') + b.subject,
    ]);
    return alignColumns(rows).join('\n') + '\n';
  },
  plain(list) {
    return list
      .map((b) =>
        plainRecord([
          b.current ? '*' : '',
          shownName(b, all),
          b.commit,
          b.subject,
          ...(withUpstreams ? (b.upstream ? upstreamFields(b.upstream) : ['', '']) : []),
        ]),
      )
      .join('');
  },
  json(list) {
    return list.map((b) => ({
      name: b.name,
      ...(b.remote ? { remote: true } : {}),
      commit: b.commit,
      current: b.current,
      subject: b.subject,
      upstream: upstreamJson(b.upstream),
    }));
  },
});

const shownName = (b: BranchInfo, all: boolean) => (b.remote && all ? `remotes/${b.name}` : b.name);

export const branchesRenderer = listRenderer(false);

export function reportBranchChange(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  change: BranchChange | UpstreamChange,
): void {
  if (options.json) {
    context.io.out(json(change));
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  change = escapeData(change);
  sayFor(context, options).result(describe(change));
}

function describe(change: BranchChange | UpstreamChange): string {
  switch (change.action) {
    case 'created':
      return `Created branch ${change.name} at ${shortOid(change.commit)}`;
    case 'deleted':
      return `Deleted branch ${change.name} (was ${shortOid(change.commit)})`;
    case 'renamed':
      return `Renamed branch ${change.from} to ${change.name}`;
    case 'upstream-set':
      return `Branch ${change.name} follows ${change.upstream}`;
    case 'upstream-unset':
      return `Branch ${change.name} no longer follows ${change.upstream}`;
  }
}
