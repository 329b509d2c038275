import type { CloneResult } from '../app/clone.js';
import type { FetchResult } from '../app/fetch.js';
import type { PushResult } from '../app/push.js';
import type { Renderer } from '../runtime/emit.js';
import type { TrackingUpdate } from '../store/remote/tracking.js';
import { plural, shortOid } from './format.js';
import type { Palette } from './palette.js';

/*
 * What fetch, push and clone moved, as git reports it: one line a branch, `3f2a1c0..9b7e4d2`
 * for a fast-forward, `+ a...b (forced update)`, `* [new branch]`, `- [deleted]`. Branches
 * that did not move are left out, so a fetch with nothing new prints nothing.
 */

const short = (ref: string) => ref.replace(/^refs\/remotes\//, '');

/** `   3f2a1c0..9b7e4d2  main -> origin/main`. */
function movedLine(
  kind: TrackingUpdate['kind'] | 'deleted',
  old: string | undefined,
  next: string | undefined,
  from: string,
  to: string,
): string {
  const summary =
    kind === 'new'
      ? ' * [new branch]     '
      : kind === 'pruned' || kind === 'deleted'
        ? ' - [deleted]        '
        : kind === 'forced'
          ? ` + ${shortOid(old!)}...${shortOid(next!)}`
          : `   ${shortOid(old!)}..${shortOid(next!)} `;
  const arrow = kind === 'pruned' ? `(none) -> ${to}` : kind === 'deleted' ? from : `${from} -> ${to}`;
  return `${summary} ${arrow}${kind === 'forced' ? '  (forced update)' : ''}`;
}

const moved = (u: { kind: string }) => u.kind !== 'up-to-date';

export const fetchRenderer: Renderer<FetchResult> = {
  human: (result, p) => fetchLines(result, p).join(''),
  plain: (result) =>
    result.remotes
      .flatMap((r) =>
        r.updates.filter(moved).map((u) => `${r.name}\t${u.kind}\t${u.branch}\t${u.old ?? ''}\t${u.new ?? ''}\n`),
      )
      .join(''),
  json: (result) => ({
    remotes: result.remotes.map((r) => ({
      name: r.name,
      url: r.url,
      updates: r.updates.map((u) => ({
        branch: u.branch,
        ref: u.ref,
        kind: u.kind,
        old: u.old ?? null,
        new: u.new ?? null,
      })),
    })),
  }),
};

/** `From origin (url)` and a line per moved branch, for each remote that moved. */
export function fetchLines(result: FetchResult, p: Palette): string[] {
  return result.remotes.flatMap((r) => {
    const lines = r.updates.filter(moved).map((u) => `${movedLine(u.kind, u.old, u.new, u.branch, short(u.ref))}\n`);
    return lines.length ? [`${p.dim(`From ${r.name} (${r.url})`)}\n`, ...lines] : [];
  });
}

export const pushRenderer: Renderer<PushResult> = {
  human: (result, p) => {
    const lines = result.branches
      .filter(moved)
      .map(
        (b) =>
          `${movedLine(b.kind === 'fast-forward' ? 'fast-forward' : b.kind, b.old, b.new, b.branch, b.remoteBranch)}\n`,
      );
    const head = lines.length ? `${p.dim(`To ${result.remote} (${result.url})`)}\n` : 'Everything up to date.\n';
    const tracking = result.upstreamSet.map((b) => `branch ${b} set up to track ${result.remote}/${b}\n`);
    return head + lines.join('') + tracking.join('');
  },
  plain: (result) =>
    result.branches
      .map((b) => `${result.remote}\t${b.kind}\t${b.branch}\t${b.remoteBranch}\t${b.old ?? ''}\t${b.new ?? ''}\n`)
      .join(''),
  json: (result) => ({
    remote: result.remote,
    url: result.url,
    branches: result.branches.map((b) => ({ ...b, old: b.old ?? null, new: b.new ?? null })),
    upstreamSet: result.upstreamSet,
  }),
};

export const cloneRenderer: Renderer<CloneResult> = {
  human: (result, p) =>
    result.branch
      ? `Cloned ${result.url} into ${result.path}: ${p.id(result.branch)} at ${shortOid(result.commit!)} (${plural(result.branches.length, 'branch', 'branches')})\n`
      : result.branches.length
        ? `Cloned ${result.url} into ${result.path}: no main branch and no default; check one out with "memoir checkout -b <branch> origin/<branch>"\n`
        : `Cloned an empty repository into ${result.path}: the first "memoir push" creates its branch\n`,
  plain: (result) => `${result.path}\t${result.branch ?? ''}\t${result.commit ?? ''}\n`,
  json: (result) => ({ ...result, branch: result.branch ?? null, commit: result.commit ?? null }),
};
