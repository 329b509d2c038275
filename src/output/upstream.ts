import { plural } from '../core/words.js';
import type { UpstreamState } from '../app/upstream.js';
import type { Palette } from './palette.js';

/*
 * A branch against its upstream, in each rendering: git's sentences for status, git's
 * `[origin/main: ahead 2, behind 1]` for branch -vv, `origin/main +2 -1` for scripts.
 */

/** status, to a person: what git's status says, with memoir's commands. */
export function upstreamLines(u: UpstreamState, p: Palette): string[] {
  const name = `'${u.name}'`;
  if ('gone' in u)
    return [
      `Your branch is based on ${name}, but the upstream is gone.`,
      p.dim(`  (use "memoir fetch" to update it, or "memoir branch --unset-upstream" to forget it)`),
    ];
  if (u.ahead === 0 && u.behind === 0) return [`Your branch is up to date with ${name}.`];
  if (u.behind === 0)
    return [
      `Your branch is ahead of ${name} by ${plural(u.ahead, 'commit')}.`,
      p.dim('  (use "memoir push" to publish your local commits)'),
    ];
  if (u.ahead === 0)
    return [
      `Your branch is behind ${name} by ${plural(u.behind, 'commit')}, and can be fast-forwarded.`,
      p.dim('  (use "memoir pull" to update your local branch)'),
    ];
  return [
    `Your branch and ${name} have diverged, and have ${u.ahead} and ${u.behind} different commits each.`,
    p.dim('  (use "memoir pull" to merge the remote branch into yours)'),
  ];
}

/** branch -vv: `[origin/main: ahead 2, behind 1]`, `[origin/main]` when level, `[origin/main: gone]`. */
export function trackingLabel(u: UpstreamState): string {
  if ('gone' in u) return `[${u.name}: gone]`;
  const counts = [u.ahead ? `ahead ${u.ahead}` : '', u.behind ? `behind ${u.behind}` : ''].filter(Boolean);
  return counts.length > 0 ? `[${u.name}: ${counts.join(', ')}]` : `[${u.name}]`;
}

/** For scripts: the name, then `+ahead -behind` or `gone`. */
export function upstreamFields(u: UpstreamState): [string, string] {
  return [u.name, 'gone' in u ? 'gone' : `+${u.ahead} -${u.behind}`];
}

/** `--json`: `{ name, remote, branch, ahead, behind }`, or `gone: true` without counts. */
export function upstreamJson(u: UpstreamState | undefined) {
  if (!u) return null;
  const { name, remote, branch } = u;
  return 'gone' in u
    ? { name, remote, branch, gone: true as const }
    : { name, remote, branch, ahead: u.ahead, behind: u.behind };
}
