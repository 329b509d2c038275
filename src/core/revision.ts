import { UsageError } from '../errors/index.js';

/** One step back through history: `~n` follows first parents n times, `^n` takes the n-th parent. */
export interface RevisionStep {
  kind: '~' | '^';
  n: number;
}

export interface ParsedRevision {
  /** `HEAD`, a branch name, a tag, or a (possibly abbreviated) commit id; '' in `@{N}`. */
  base: string;
  /** `main@{2}`: the value `base` had two moves ago, by its reflog (`@{2}`: the current branch's). */
  reflog?: number;
  /** `main@{upstream}` / `main@{u}`: the branch `base` follows (`@{u}`: the current branch's). */
  upstream?: true;
  steps: RevisionStep[];
}

/**
 * Parses git's revision suffixes: `HEAD~3`, `main^`, `HEAD^2`, `3fa2c91~1^2`, `main@{2}`,
 * `@{u}~1` (`@{upstream}` and `@{u}` in any case, as git reads them).
 * @example parseRevision('HEAD~2') // { base: 'HEAD', steps: [{ kind: '~', n: 2 }] }
 */
export function parseRevision(rev: string): ParsedRevision {
  const match = /^([^~^]*?)(?:@\{(\d+|u|upstream)\})?((?:[~^]\d*)*)$/i.exec(rev.trim());
  if (!match) throw badRevision(rev);
  const upstream = match[2] !== undefined && !/^\d+$/.test(match[2]);
  const reflog = match[2] === undefined || upstream ? undefined : Number(match[2]);
  // "@{1}" and "@{u}" alone (base '') name the current branch's reflog and upstream, as in git
  const base = match[1];
  if (base === '' ? match[2] === undefined : !isRevisionBase(base)) throw badRevision(rev);
  const steps: RevisionStep[] = [];
  for (const [, kind, digits] of match[3].matchAll(/([~^])(\d*)/g)) {
    steps.push({ kind: kind as '~' | '^', n: digits === '' ? 1 : Number(digits) });
  }
  if (upstream) return { base, upstream, steps };
  return reflog === undefined ? { base, steps } : { base, reflog, steps };
}

/**
 * A name git could resolve: a ref name by git-check-ref-format's rules (no whitespace or
 * control characters, none of `: ? * [ \`, no `..`, `@{`, `//`, no leading `-` or `/`, no
 * trailing `/`, `.` or `.lock`), which also keeps a lookup inside the repository.
 */
function isRevisionBase(base: string): boolean {
  return base !== '@' && !/[\x00-\x20\x7f:?*[\\]|\.\.|@\{|\/\/|^[-/.]|\/\.|[/.]$|\.lock$/.test(base);
}

export function badRevision(rev: string, detail?: string): UsageError {
  return new UsageError('unknown-revision', `unknown revision "${rev}"${detail ? `: ${detail}` : ''}`, {
    hint: 'use a commit id (or 4+ leading digits), a branch name, HEAD, HEAD~N, main@{N} or @{u}; "memoir log --oneline" lists commits, "memoir reflog" where the branch has been',
    data: { revision: rev },
  });
}
