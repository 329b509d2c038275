import { ERROR_CODES, EXIT, EXIT_CODE_TABLE, type ErrorCode, type ExitCode } from '../errors/index.js';
import { byCodeUnit } from '../core/order.js';

/** What `memoir help exit-codes --json` prints: a stable listing for scripts. */
export interface ExitCodesListing {
  exitCodes: Array<{ code: number; description: string }>;
  /** Every `code` an error can carry under --json, with the exit code it comes with. */
  errorCodes: Array<{ code: ErrorCode; exit: ExitCode; description: string }>;
}

/** The exit codes, then the error codes ordered by exit code and name. */
export function exitCodesListing(): ExitCodesListing {
  const errorCodes = (Object.keys(ERROR_CODES) as ErrorCode[])
    .map((code) => ({ code, exit: EXIT[ERROR_CODES[code].exit], description: ERROR_CODES[code].description }))
    .sort((a, b) => a.exit - b.exit || byCodeUnit(a.code, b.code));
  return { exitCodes: EXIT_CODE_TABLE.map(([code, description]) => ({ code, description })), errorCodes };
}

/** The same as text, for `memoir help exit-codes`. */
export function exitCodesText(listing: ExitCodesListing = exitCodesListing()): string {
  const width = Math.max(...listing.errorCodes.map((e) => e.code.length));
  return (
    'Exit codes (stable; scripts may rely on them):\n' +
    listing.exitCodes.map((e) => `  ${String(e.code).padStart(3)}  ${e.description}\n`).join('') +
    '\nError codes (the "code" of an error printed as JSON on stderr under --json), with their exit code:\n' +
    listing.errorCodes
      .map((e) => `  ${e.code.padEnd(width)}  ${String(e.exit).padStart(3)}  ${e.description}\n`)
      .join('')
  );
}
