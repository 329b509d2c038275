/**
 * What the words around a token say it is: a credential ("key", "token", "aws", …), which lets a
 * shorter or less random token count as a secret, or an id ("commit", "request id", "sha256",
 * …), which lets a random-looking one through.
 */

export type Context = 'credential' | 'id' | 'none';

const CREDENTIAL_WORDS = new Set(
  (
    'key keys secret secrets token tokens password passwords passwd pwd pw pass passphrase credential ' +
    'credentials creds apikey api auth bearer aws pat login signing private access session cookie vault'
  ).split(' '),
);
const ID_WORDS = new Set(
  (
    'commit commits sha sha1 sha256 sha512 hash hashes digest checksum md5 id ids uuid guid ulid cid ref revision ' +
    'rev build run job trace request correlation order invoice ticket issue object blob tree tag version etag nonce salt ' +
    'fingerprint thumbprint image container instance arn branch hostname host path file url link slug username user email ' +
    'account sku serial tracking confirmation booking reference record row doc document page video channel intent ' +
    'customer charge subscription event product price sid'
  ).split(' '),
);
/** Words that say nothing about a token, skipped when looking for the nearest word that does. */
const FILLER = new Set(
  'the a an of is was are were be for in on at to with my our your its this that and or it as from by'.split(' '),
);

/** What a word says about a token near it; compound names count by their parts (AWS_SECRET_ACCESS_KEY). */
export function classify(word: string): Context {
  const parts = word.split(/[_.-]|(?<=[a-z])(?=[A-Z])/).map((p) => p.toLowerCase());
  if (parts.some((p) => CREDENTIAL_WORDS.has(p))) return 'credential';
  if (parts.some((p) => ID_WORDS.has(p))) return 'id';
  return 'none';
}

/** The nearest telling word within four words before the token, or a credential word within three after (not counting fillers), decides. */
export function contextOf(text: string, start: number, end: number): Context {
  const words = (s: string): string[] =>
    (s.match(/[A-Za-z][\w.-]*/g) ?? []).filter((w) => !FILLER.has(w.toLowerCase()));
  const before = words(text.slice(Math.max(0, start - 80), start))
    .reverse()
    .slice(0, 4);
  const after = words(text.slice(end, end + 60)).slice(0, 3);
  for (let d = 0; d < 4; d++) {
    const b = before[d] === undefined ? 'none' : classify(before[d]);
    if (b !== 'none') return b;
    // an id's name comes before it ("commit 9fceb02"); a word after names only a credential ("… is my API key")
    if (after[d] !== undefined && classify(after[d]) === 'credential') return 'credential';
  }
  return 'none';
}

/** Hex (in one case) or a UUID: what ids are written in (git SHAs, digests, request ids). */
export const HEX_OR_UUID =
  /^(?:[0-9a-f]+|[0-9A-F]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
