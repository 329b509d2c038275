/**
 * memoir's failures. Every error a user can cause is a MemoirError with a stable `code`
 * (for scripts and `--json`), an exit code (part of the CLI's interface) and a hint that
 * says what to do next. Anything else that escapes is a bug.
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  conflict: 3,
  refused: 4,
  classifier: 5,
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface MemoirErrorOptions {
  hint?: string;
  data?: unknown;
  exitCode?: ExitCode;
}

export class MemoirError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly data?: unknown;

  constructor(code: string, message: string, options: MemoirErrorOptions = {}) {
    super(message);
    this.name = 'MemoirError';
    this.code = code;
    this.exitCode = options.exitCode ?? EXIT.failure;
    this.hint = options.hint;
    this.data = options.data;
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.hint) json.hint = this.hint;
    if (this.data !== undefined) json.data = this.data;
    return json;
  }
}

/** Bad flag, bad argument, unknown path or revision: exit 2. */
export class UsageError extends MemoirError {
  constructor(code: string, message: string, options: Omit<MemoirErrorOptions, 'exitCode'> = {}) {
    super(code, message, { ...options, exitCode: EXIT.usage });
  }
}

/** A guard or policy refused the input (a secret was found): exit 4. */
export class RefusedError extends MemoirError {
  constructor(code: string, message: string, options: Omit<MemoirErrorOptions, 'exitCode'> = {}) {
    super(code, message, { ...options, exitCode: EXIT.refused });
  }
}

export function notARepository(start: string): UsageError {
  return new UsageError('not-a-repository', `not a memoir repository (or any parent up to /): ${start}`, {
    hint: 'run "memoir init" to create one here, or pass --memoir-dir DIR',
  });
}

/** Exit codes with their meaning, for `memoir help exit-codes`, the README and the man page. */
export const EXIT_CODE_TABLE: ReadonlyArray<readonly [number, string]> = [
  [EXIT.ok, 'success, including an empty result'],
  [EXIT.failure, 'failure (nothing to commit, lock timeout, ...); with --exit-code: there are differences'],
  [EXIT.usage, 'usage error: bad flag or argument, unknown path or revision, not a memoir repository'],
  [EXIT.conflict, 'conflict or review left unresolved'],
  [EXIT.refused, 'refused by a guard or policy (a secret was detected)'],
  [EXIT.classifier, 'classifier unavailable or misconfigured'],
  [EXIT.cancelled, 'cancelled by the user (Ctrl-C, Esc/q in a review screen)'],
];
