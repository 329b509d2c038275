import { cleanFactText, MAX_FACT_LENGTH } from './fact.js';
import { controlCharacterMessage, findControlCharacter } from './controlChars.js';
import { describeSecrets, findSecrets, type SecretFinding } from './secrets.js';
import type { FactRecord } from './factInput.js';

export type Rejection =
  | { kind: 'empty'; message: string }
  | { kind: 'too-long'; message: string }
  | { kind: 'control-character'; message: string }
  | { kind: 'secret'; message: string; findings: SecretFinding[] };

/**
 * Screens a fact before anything is stored: empty or oversized text is a usage error, and a
 * credential is refused by the secret guard. The message never repeats the secret. A control
 * character (other than line breaks and tabs, folded into spaces) is a usage error too.
 */
export function screenFact(record: FactRecord): { text: string } | { rejection: Rejection } {
  const text = cleanFactText(record.text);
  if (text === '') return { rejection: { kind: 'empty', message: 'the fact is empty' } };
  if (text.length > MAX_FACT_LENGTH) {
    return {
      rejection: {
        kind: 'too-long',
        message: `the fact is ${text.length} characters long; the limit is ${MAX_FACT_LENGTH}`,
      },
    };
  }
  const findings = findSecrets(text);
  if (findings.length > 0) {
    return {
      rejection: { kind: 'secret', message: `refused: the fact contains ${describeSecrets(findings)}`, findings },
    };
  }
  // a terminal would obey it when the fact is shown: refused by position, never repeated
  const control = findControlCharacter(record.text, { lineBreaks: true });
  if (control)
    return {
      rejection: { kind: 'control-character', message: controlCharacterMessage('the fact', record.text, control) },
    };
  return { text };
}
