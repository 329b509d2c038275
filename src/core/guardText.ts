import { RefusedError } from '../errors/index.js';
import { describeSecrets, findSecrets } from './secrets.js';
import { refuseControlCharacters } from './controlChars.js';

/*
 * The secret guard for text other than facts: what memoir writes beside them (commit
 * messages, author names, branch names, sources) and what it sends out (a question to a
 * model). Refused with exit 4, naming the kind of secret, never any part of it.
 */

/** Throws `secret-detected` when `value` holds a credential; `outcome` says what did not happen. */
export function refuseSecretIn(value: string | undefined, what: string, outcome: string): void {
  const findings = value ? findSecrets(value) : [];
  if (findings.length === 0) return;
  throw new RefusedError('secret-detected', `refused: ${what} contains ${describeSecrets(findings)}; ${outcome}`, {
    hint: `remove the secret from ${what}; memoir never stores or sends credentials`,
  });
}

/**
 * Text memoir writes beside facts (a source, a message, a name): no credential (exit 4) and no
 * terminal control character (exit 2). `lineBreaks` lets a commit message keep its lines.
 */
export function screenWrittenText(
  value: string | undefined,
  what: string,
  outcome: string,
  options: { lineBreaks?: boolean } = {},
): void {
  refuseSecretIn(value, what, outcome);
  refuseControlCharacters(value, what, options);
}
