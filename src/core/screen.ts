import { cleanFactText, MAX_FACT_LENGTH } from './fact.js';
import { describeSecrets, findSecrets, type SecretFinding } from './secrets.js';
import type { FactRecord } from './factInput.js';

export type Rejection =
  | { kind: 'empty'; message: string }
  | { kind: 'too-long'; message: string }
  | { kind: 'secret'; message: string; findings: SecretFinding[] };

/**
 * Screens a fact before anything is stored: empty or oversized text is a usage error, and a
 * credential is refused by the secret guard. The message never repeats the secret.
 */
export function screenFact(record: FactRecord): { text: string } | { rejection: Rejection } {
  const text = cleanFactText(record.text);
  if (text === '') return { rejection: { kind: 'empty', message: 'the fact is empty' } };
  if (text.length > MAX_FACT_LENGTH) {
    return { rejection: { kind: 'too-long', message: `the fact is ${text.length} characters long; the limit is ${MAX_FACT_LENGTH}` } };
  }
  const findings = findSecrets(text);
  if (findings.length > 0) {
    return { rejection: { kind: 'secret', message: `refused: the fact contains ${describeSecrets(findings)}`, findings } };
  }
  return { text };
}
