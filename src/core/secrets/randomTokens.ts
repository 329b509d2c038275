/**
 * Long random tokens in prose that no rule names: an API key of an unknown provider, a secret
 * pasted after "aws secret key". A token counts when it is long, mixes character classes, has
 * high Shannon entropy and few word-like pieces. Things that look random in work memory but
 * are not secrets are let through: hex (git SHAs, digests), UUIDs, numbers, dates, versions,
 * paths, URLs (except a credential's query value), e-mail addresses, and anything named as an
 * id ("commit …", "request id …"). Near a credential word ("key", "token", "aws", …) a shorter,
 * less random token is enough.
 */
import type { Hits } from './finding.js';
import { classify, contextOf, HEX_OR_UUID, type Context } from './context.js';
import { isPlaceholder } from './placeholder.js';
import { compoundOfPlainParts, englishness, mixesCharacterClasses, shannonEntropy } from './randomness.js';

export const RANDOM_TOKEN_LABEL = 'a random-looking key or token';

/**
 * Whether a value looks like a random secret, given what the words around it say: long, of
 * several character classes, with a long random core, high entropy and few English letter pairs.
 */
export function looksRandom(v: string, context: Context): boolean {
  if (context === 'id') return false;
  const named = context === 'credential';
  if (v.length < (named ? 12 : 20) || v.length > 400) return false;
  if (!/^[\x21-\x7e]+$/.test(v) || /^[\d.,:/-]+$/.test(v)) return false; // not ASCII, or a number, date or time
  if (/^v?\d+(?:\.\d+)+(?:[-+.][\w.-]*)?$/i.test(v) || /^\d{4}-\d\d-\d\d/.test(v)) return false; // versions, dates
  // hex is a SHA or a digest unless a credential word names it; 32 hex digits alone is an API key's length, not a SHA's
  // hex behind a short prefix is an id too: 0x…, sg-0123…, MG9752… (a Twilio service SID)
  const hex = /^(?:[A-Za-z]{1,4}[-_]?)?(?:[0-9a-f]{16,}|[0-9A-F]{16,})$/.test(v) || HEX_OR_UUID.test(v);
  if (hex && !named && !/^(?:[0-9a-f]{32}|[0-9A-F]{32})$/.test(v)) return false;
  if (isPlaceholder(v) || !mixesCharacterClasses(v)) return false;
  const alnum = v.match(/[A-Za-z0-9]/g)?.length ?? 0;
  if (alnum < v.length * 0.75 || compoundOfPlainParts(v)) return false;
  const h = shannonEntropy(v),
    e = englishness(v);
  if (hex) return h >= 3.2;
  return named ? h >= 3 && e < 0.55 : h >= 3.5 && e < 0.5;
}

/** The values inside a whitespace-delimited chunk worth testing, with their offsets and what names them. */
function valuesIn(chunk: string): Array<{ offset: number; value: string; context?: Context }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(chunk)) {
    // a URL: only a credential's query value ("?api_key=…", "&sig=…"); paths hold ids
    const out = [];
    for (const m of chunk.matchAll(/[?&;]([\w.-]+)=([^&#;]+)/g)) {
      if (classify(m[1]) === 'credential' || /^(?:sig|signature|code)$/i.test(m[1]))
        out.push({ offset: m.index + m[0].length - m[2].length, value: m[2], context: 'credential' as const });
    }
    return out;
  }
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(chunk)) return []; // an e-mail address
  // name@ref (a package's version, an image's digest): the ref
  const at = /^[\w.-]+@(?=\S)/.exec(chunk);
  if (at) return valuesIn(chunk.slice(at[0].length)).map((v) => ({ ...v, offset: v.offset + at[0].length }));
  // NAME=value, name: value, when the name reads as a name (a random left half is part of the token)
  const assigned = /^([A-Za-z_][\w.-]{0,60})[=:]+["']?/.exec(chunk);
  if (assigned && (assigned[1].length <= 8 || classify(assigned[1]) !== 'none' || englishness(assigned[1]) >= 0.5)) {
    const value = chunk.slice(assigned[0].length).replace(/["']$/, '');
    const named = classify(assigned[1]);
    return [{ offset: assigned[0].length, value, context: named === 'none' ? undefined : named }];
  }
  // paths: absolute, relative, home, Windows, or slashes ending in a file name
  if (
    /^(?:~|\.{1,2})?\/|^[A-Za-z]:\\/.test(chunk) ||
    (chunk.includes('/') && /\.[A-Za-z][A-Za-z0-9]{0,5}$/.test(chunk))
  )
    return [];
  return [{ offset: 0, value: chunk }];
}

const LEADING = /^[("'`<[{*]+/;
const TRAILING = /[)"'`>\]},.;:!?*]+$/;

/** Adds a finding for each random-looking token not already claimed, nor in `skip` (decoded to plain text). */
export function findRandomTokens(text: string, hits: Hits, skip: ReadonlyArray<readonly [number, number]>): void {
  for (const m of text.matchAll(/\S{12,}/g)) {
    const lead = LEADING.exec(m[0])?.[0].length ?? 0;
    const chunk = m[0].slice(lead).replace(TRAILING, '');
    const chunkStart = m.index + lead;
    for (const { offset, value, context } of valuesIn(chunk)) {
      const start = chunkStart + offset,
        end = start + value.length;
      if (hits.covers(start, end) || skip.some(([s, e]) => start < e && s < end)) continue;
      if (!looksRandom(value, context ?? contextOf(text, chunkStart, chunkStart + chunk.length))) continue;
      hits.add({ kind: 'random-token', label: RANDOM_TOKEN_LABEL, ruleId: 'random-token', index: start, end });
    }
  }
}
