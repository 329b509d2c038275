/**
 * Secrets written encoded, as gitleaks' decoder finds them: a base64, hex or percent-encoded
 * token is decoded and the decoded text scanned again (a bounded number of times, so that
 * "base64 of base64 of a key" is found but nothing loops). A token that decodes to plain text
 * with no secret in it is reported back, so that it is not taken for a random key.
 */
import type { Hit, Hits } from './finding.js';

/** How many layers of encoding are undone. */
export const MAX_DECODE_DEPTH = 2;

const BASE64 = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])/g;
const HEX = /(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}){10,}(?![0-9A-Za-z])/g;
const PERCENT = /\S*%[0-9A-Fa-f]{2}\S*/g;

function decodeBase64(s: string): string | undefined {
  if (s.replace(/=+$/, '').length % 4 === 1) return undefined;
  // a word is valid base64 too: a token worth decoding has a digit, an upper-case letter after the first, or + /
  if (!/\d|.[A-Z]|[+/]/.test(s)) return undefined;
  try {
    return atob(s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''));
  } catch {
    return undefined;
  }
}

function decodeHex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 2) out += String.fromCharCode(parseInt(s.slice(i, i + 2), 16));
  return out;
}

function decodePercent(s: string): string | undefined {
  try {
    const decoded = decodeURIComponent(s);
    return decoded === s ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** Text, not bytes: nearly all printable ASCII. */
function printable(s: string): boolean {
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) ok++;
  }
  return s.length >= 8 && ok >= s.length * 0.95;
}

/**
 * Decodes the encoded-looking tokens of `text` not already claimed, and scans each decoded text
 * with `scan` at the next depth. A secret found inside is reported at the encoded token.
 * @returns the stretches that decoded to plain text holding no secret
 */
export function findEncodedSecrets(
  text: string,
  hits: Hits,
  depth: number,
  scan: (decoded: string, depth: number) => Hit[],
): Array<[number, number]> {
  const plain: Array<[number, number]> = [];
  if (depth >= MAX_DECODE_DEPTH) return plain;
  const tryDecoded = (start: number, end: number, decoded: string | undefined, encoding: string): void => {
    if (decoded === undefined || !printable(decoded) || hits.covers(start, end)) return;
    const [inner] = scan(decoded, depth + 1);
    if (inner)
      hits.add({
        kind: inner.kind,
        label: `${inner.label}, ${encoding}-encoded`,
        ruleId: inner.ruleId,
        index: start,
        end,
      });
    else plain.push([start, end]);
  };
  for (const m of text.matchAll(BASE64)) tryDecoded(m.index, m.index + m[0].length, decodeBase64(m[0]), 'base64');
  for (const m of text.matchAll(HEX)) tryDecoded(m.index, m.index + m[0].length, decodeHex(m[0]), 'hex');
  if (text.includes('%'))
    for (const m of text.matchAll(PERCENT)) tryDecoded(m.index, m.index + m[0].length, decodePercent(m[0]), 'percent');
  return plain;
}
