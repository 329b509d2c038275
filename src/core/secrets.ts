/**
 * Secret guard: spot credentials in a fact's text before it is stored. Pure and synchronous.
 * In order, the first detector to claim a stretch of text naming it:
 *  1. memoir's own key shapes, private keys, passwords in URLs, payment cards (secrets/detectors.ts);
 *  2. provider formats from gitleaks' rule list and memoir's additions (secrets/providers.ts);
 *  3. keys given in pieces (secrets/splitKeys.ts);
 *  4. passwords, PINs and credentials stated in prose (secrets/prose.ts), then gitleaks' generic rule;
 *  5. base64, hex and percent-encoded secrets, decoded and scanned again (secrets/encoded.ts);
 *  6. long random tokens that nothing names (secrets/randomTokens.ts).
 * A finding says what and where, never any part of the secret.
 */
import { MEMOIR_DETECTORS, PROSE_DETECTORS, TOKEN_DETECTORS, TOKEN_PREFIXES } from './secrets/detectors.js';
import { runDetectors } from './secrets/detector.js';
import { findEncodedSecrets } from './secrets/encoded.js';
import { type Hit, Hits, type SecretFinding } from './secrets/finding.js';
import { findProviderSecrets, rulePrefixes } from './secrets/providers.js';
import { findRandomTokens } from './secrets/randomTokens.js';
import { findSplitKeys, prefixPattern } from './secrets/splitKeys.js';

export type { SecretFinding, SecretKind } from './secrets/finding.js';

let prefixes: RegExp | undefined;

/** What the token rules find at the start of a joined split key. */
function testJoined(joined: string): Hit | undefined {
  const hits = new Hits();
  runDetectors(TOKEN_DETECTORS, joined, hits);
  findProviderSecrets(joined, hits, { bodies: false });
  return hits.all.find((h) => h.index === 0);
}

function scan(text: string, depth: number): Hit[] {
  const hits = new Hits();
  runDetectors(MEMOIR_DETECTORS, text, hits);
  findProviderSecrets(text, hits);
  findSplitKeys(text, hits, (prefixes ??= prefixPattern([...TOKEN_PREFIXES, ...rulePrefixes()])), testJoined);
  runDetectors(PROSE_DETECTORS, text, hits);
  findProviderSecrets(text, hits, { rules: 'generic' });
  const plain = findEncodedSecrets(text, hits, depth, scan);
  findRandomTokens(text, hits, plain);
  return hits.all.sort((a, b) => a.index - b.index);
}

/** Every secret found in `text`, in order of position; [] when clean. */
export function findSecrets(text: string): SecretFinding[] {
  return scan(text, 0).map(({ kind, label, index, ruleId }) => ({ kind, label, index, ruleId }));
}

/**
 * How a refusal names what it found, by kind and position only:
 * "a GitHub token (at character 18) and a payment card number (at character 52)".
 */
export function describeSecrets(findings: readonly SecretFinding[]): string {
  return findings.map((f) => `${f.label} (at character ${f.index + 1})`).join(' and ');
}
