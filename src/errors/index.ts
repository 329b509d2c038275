/**
 * memoir's failures. Every error a user can cause is a MemoirError with a stable `code`
 * (for scripts and `--json`), an exit code (part of the CLI's interface) and a hint that
 * says what to do next. Anything else that escapes is a bug.
 */
import * as os from 'node:os';
import { ERROR_CODES, type CodeOf, type ErrorCode } from './codes.js';

export { ERROR_CODES, type CodeOf, type ErrorCode } from './codes.js';

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
}

/**
 * The base of memoir's errors; thrown as it is for failures (exit 1). The exit code comes with
 * the code, from ERROR_CODES, so one code always ends the process the same way.
 */
export class MemoirError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly data?: unknown;

  constructor(code: ErrorCode, message: string, options: MemoirErrorOptions = {}) {
    super(message);
    this.name = 'MemoirError';
    this.code = code;
    this.exitCode = exitCodeOf(code);
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

/** The exit code an error code ends the process with. */
export function exitCodeOf(code: ErrorCode): ExitCode {
  return EXIT[ERROR_CODES[code].exit];
}

/** Bad flag, bad argument, unknown path or revision: exit 2. */
export class UsageError extends MemoirError {
  constructor(code: CodeOf<'usage'>, message: string, options: MemoirErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A conflict left unresolved (merge conflicts, a revert that does not apply cleanly): exit 3. */
export class ConflictError extends MemoirError {
  constructor(code: CodeOf<'conflict'>, message: string, options: MemoirErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A guard or policy refused the input (a secret was found): exit 4. */
export class RefusedError extends MemoirError {
  constructor(code: CodeOf<'refused'>, message: string, options: MemoirErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The user stopped (Esc/q in a review screen): exit 130, as for Ctrl-C. */
export class CancelledError extends MemoirError {
  constructor(code: CodeOf<'cancelled'>, message: string, options: MemoirErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The exit code of a process ended by a signal, as shells report it: 128 + its number (Ctrl-C: 130). */
export function exitCodeOfSignal(signal: NodeJS.Signals): number {
  return 128 + os.constants.signals[signal];
}

/**
 * No repository where one was looked for: searched from `start` upwards, or at the place
 * --memoir-dir named (then the caller says what that place should be).
 */
export function notARepository(start: string, options: { upwards?: boolean; hint?: string } = {}): UsageError {
  return new UsageError(
    'not-a-repository',
    options.upwards ? `not a memoir repository (or any parent up to /): ${start}` : `not a memoir repository: ${start}`,
    {
      hint: options.hint ?? 'run "memoir init" to create one here, or pass --memoir-dir DIR',
    },
  );
}

/** Exit codes with their meaning, for `memoir help exit-codes`, the README and the man page. */
export const EXIT_CODE_TABLE: ReadonlyArray<readonly [number, string]> = [
  [EXIT.ok, 'success, including an empty result'],
  [
    EXIT.failure,
    'failure (nothing to commit, lock timeout, ...); with --exit-code: there are differences; fsck: problems found',
  ],
  [EXIT.usage, 'usage error: bad flag or argument, unknown path or revision, not a memoir repository'],
  [EXIT.conflict, 'conflict or review left unresolved'],
  [EXIT.refused, 'refused by a guard or policy (a secret was detected, --force needed)'],
  [EXIT.classifier, 'classifier unavailable or misconfigured'],
  [EXIT.cancelled, 'cancelled by the user (Ctrl-C, Esc/q in a review screen)'],
];

/** The classifier could not be reached, refused the key, or answered nonsense: exit 5. */
export class ClassifierError extends MemoirError {
  constructor(code: CodeOf<'classifier'>, message: string, options: MemoirErrorOptions = {}) {
    super(code, message, options);
  }
}

const FALLBACK_HINT = 'or set classifier.fallback: offline to classify without it';

/** 401/403: the endpoint does not accept the key. Never put the key itself in the message. */
export function classifierAuth(endpoint: string, detail = 'the API key was rejected'): ClassifierError {
  return new ClassifierError('classifier-auth', `classifier at ${endpoint}: ${detail}`, {
    hint: `check classifier.apiKey (or OPENAI_API_KEY), ${FALLBACK_HINT}`,
    data: { endpoint, reason: detail },
  });
}

/** Unreachable, timed out, rate limited or failing server-side after the retries. */
export function classifierUnavailable(
  endpoint: string,
  reason: string,
  data: Record<string, unknown> = {},
  hint = 'check classifier.baseURL and that the server is running',
): ClassifierError {
  return new ClassifierError('classifier-unavailable', `classifier at ${endpoint} is unavailable: ${reason}`, {
    hint: `${hint}, ${FALLBACK_HINT}`,
    data: { endpoint, reason, ...data },
  });
}

/** The endpoint refused the request itself (unknown model, unsupported parameter): 400/404/422. */
export function classifierRejected(endpoint: string, status: number, detail: string): ClassifierError {
  return new ClassifierError(
    'classifier-rejected',
    `classifier at ${endpoint} rejected the request (HTTP ${status}): ${detail}`,
    {
      hint: `check classifier.model and classifier.baseURL, ${FALLBACK_HINT}`,
      data: { endpoint, status, reason: `request rejected (HTTP ${status})` },
    },
  );
}

/** The reply was not JSON, or named no leaf of the taxonomy, even after one retry. */
export function classifierBadResponse(endpoint: string, model: string, detail: string): ClassifierError {
  return new ClassifierError(
    'classifier-bad-response',
    `classifier ${model} at ${endpoint} gave an unusable reply: ${detail}`,
    {
      hint: `try another classifier.model (one that supports structured outputs), ${FALLBACK_HINT}`,
      data: { endpoint, model, reason: detail },
    },
  );
}
