import { UsageError } from '../errors/index.js';

/** One step back through history: `~n` follows first parents n times, `^n` takes the n-th parent. */
export interface RevisionStep {
  kind: '~' | '^';
  n: number;
}

export interface ParsedRevision {
  /** `HEAD`, a branch name, a tag, or a (possibly abbreviated) commit id. */
  base: string;
  steps: RevisionStep[];
}

/**
 * Parses git's revision suffixes: `HEAD~3`, `main^`, `HEAD^2`, `3fa2c91~1^2`.
 * @example parseRevision('HEAD~2') // { base: 'HEAD', steps: [{ kind: '~', n: 2 }] }
 */
export function parseRevision(rev: string): ParsedRevision {
  const match = /^([^~^]+)((?:[~^]\d*)*)$/.exec(rev.trim());
  if (!match || !isRevisionBase(match[1])) throw badRevision(rev);
  const steps: RevisionStep[] = [];
  for (const [, kind, digits] of match[2].matchAll(/([~^])(\d*)/g)) {
    steps.push({ kind: kind as '~' | '^', n: digits === '' ? 1 : Number(digits) });
  }
  return { base: match[1], steps };
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
    hint: 'use a commit id (or 4+ leading digits), a branch name, HEAD, or HEAD~N; "memoir log --oneline" lists commits',
    data: { revision: rev },
  });
}
