/**
 * Secret guard: spot credentials in a fact's text before it is stored.
 * Pure and synchronous. Precision over recall: memory facts are mostly prose,
 * so a detector only fires when the text really looks like a secret value.
 */

export type SecretKind =
  | 'openai-key' | 'anthropic-key' | 'aws-access-key' | 'github-token' | 'slack-token'
  | 'stripe-key' | 'google-api-key' | 'jwt' | 'private-key' | 'url-password'
  | 'card-number' | 'password' | 'generic-credential';

export interface SecretFinding {
  kind: SecretKind;
  /** Human phrase for an error message, e.g. "an OpenAI API key". */
  label: string;
  /** Redacted hint: a short prefix + "…" (cards: "…" + last 4 digits). Never the whole secret. */
  excerpt: string;
  /** Offset of the secret (the value itself, not its keyword) in the text. */
  index: number;
}

interface Detector {
  kind: SecretKind;
  label: string;
  /** Flags must include `g` and `d`. The secret is named group `s` or `qs` (quoted), else the whole match. */
  pattern: RegExp;
  accept?(secret: string, m: RegExpExecArray): boolean;
}

/** Token-shaped secret: not glued to other token characters on either side. */
const tok = (body: string): RegExp => new RegExp(String.raw`(?<![\w-])(?:${body})(?![\w-])`, 'gd');

const hasDigit = (v: string): boolean => /\d/.test(v);
const hasLetterAndDigit = (v: string): boolean => /[A-Za-z]/.test(v) && /\d/.test(v);

/** Values that stand in for a secret rather than being one: ${VAR}, $VAR, <password>, ***, xxx, … */
const PLACEHOLDER =
  /^(?:\$\{.*|\$\(.*|\$[A-Za-z_]\w*|<.*|\{\{.*|%[A-Za-z_]\w*%|\[.*\]|[*x•.…]+|(?:your|my)[_-]?(?:password|pass|secret|token|key)|password|passwd|pass|pwd|secret|changeme|example|placeholder|redacted|dummy|none|null|n\/a|tbd)$/i;

/** References to where a secret lives (env vars, config lookups, calls) are not secrets. */
const CODE_REF = /^(?:process\.env|os\.(?:environ|getenv)|(?:System\.)?getenv|env\.|ENV\[|secrets\.|config\.|settings\.)|^[\w.]+\(.*\)$/i;

/** Ordinary words that follow "password is …" / "password: …" in prose. */
const STOP = new Set(
  ('is was are be been the a an in on at to of for from with via by not never always also still now here there ' +
    'required optional needed mandatory stored rotated managed long short strong weak changed expired reset saved set ' +
    'secret hidden encrypted hashed protected masked redacted same see empty blank unknown unset missing provided given ' +
    'sent shared known correct incorrect wrong invalid too very my your our their his her its this that case-sensitive')
    .split(' '),
);

const looksLikeValue = (v: string): boolean =>
  v.length > 0 && !PLACEHOLDER.test(v) && !CODE_REF.test(v) && !STOP.has(v.toLowerCase());

/** "password is X" / "password: X" / "password=X" / JSON `"password": "X"`. Group `c` is the connector. */
const CONNECT = String.raw`["']?(?<c>[ \t]*[:=][ \t]*|[ \t]+(?:is|was)(?:[ \t]*[:=])?[ \t]+)`;
/** A quoted value (may contain spaces) or a bare one; trailing sentence punctuation is not part of it. */
const VALUE = String.raw`(?:["'\x60“‘](?<qs>[^"'\x60“”‘’\n]{1,200})["'\x60”’]|(?<s>[^\s"'\x60]+?)(?=[.,;:)]*(?:\s|$)))`;
/** "password is 12 characters" describes a policy, not a password. */
const NOT_A_UNIT = String.raw`(?![.,;:)]*\s+(?:characters?|chars?|digits?|letters?|symbols?|minutes?|hours?|days?|weeks?|months?|years?|times?|attempts?|tries)\b)`;
const PW_WORD = String.raw`(?<![A-Za-z0-9])(?:pass(?:word|wd|phrase|code)|pass code|pwd)(?![A-Za-z])(?:\s+(?:for|to|of|on)\s+(?:the\s+|my\s+|our\s+|your\s+)?[\w.-]+)?`;
const CRED_WORD = String.raw`(?:api[_ -]?(?:key|secret|token)|apikey|access[_ -]?(?:token|key)|auth[_ -]?token|refresh[_ -]?token|client[_ -]?secret|secret[_ -]?(?:access[_ -]?)?key|session[_ -]?(?:token|secret)|private[_ -]?token|token|secret)`;

/*
 * "my password is swordfish": a plain word is a password when the sentence says whose
 * password it is (my/our/his/her/their/your/its, someone's, or "the wifi password", "the
 * password for my bank") and the word does not read as a description of the password.
 */
const WORD = String.raw`[\p{L}][\p{L}\p{N}_-]*`;
/** Text ending right before the password word with an owner: "my ", "the wifi ", "Dana's ". */
const OWNED_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}\p{N}_'’])(?:(?:my|our|his|her|their|your|its)(?:\s+${WORD}){0,3}|the(?:\s+${WORD}){1,3}|${WORD}['’]s(?:\s+${WORD}){0,3})\s+$`,
  'iu',
);
/** "password for my bank is …" */
const OWNED_QUALIFIER = /^(?:pass code|\S+)\s+(?:for|to|of|on)\s+(?:my|our|your)\s/i;
/** Words that describe a password ("my password is outdated"), say where it is, or stand for one ("… is mine"). */
const DESCRIPTIVE = new Set(
  [
    // adjectives without a telling suffix
    'new old good bad fine ok okay easy hard simple complex obvious random unique temporary different current default',
    'private public basic generic static dynamic numeric alphanumeric lowercase uppercase gibberish case right true',
    'false valid safe unsafe solid tiny huge weird funny silly crazy dumb stupid smart clever cool nice great ancient',
    'recent fresh stale fake real ready similar familiar necessary arbitrary ordinary primary due',
    // comparatives and superlatives (a bare -er or -est would catch hunter, tiger, forest)
    'better worse shorter longer stronger weaker safer easier harder simpler newer older bigger smaller',
    'best worst strongest weakest longest shortest safest simplest oldest newest',
    // participles without -ed
    'taken forgotten written stolen broken shown chosen frozen gone lost kept left held made done told found stuck put',
    // where it is, how much, what it is like
    'out off up down about behind under above below inside outside near beside upstairs downstairs somewhere',
    'elsewhere everywhere nowhere over like as if but and or then because just only so pretty quite rather yet',
    'both either neither all any some each enough more less most least much many few',
    // pronouns standing for a password
    'what something nothing anything everything whatever it mine yours hers ours theirs one',
  ].join(' ').split(' '),
);
/** Adjective and participle endings: outdated, changing, terrible, expensive, useful, obvious, … */
const DESCRIPTIVE_SUFFIX = /(?:ed|ing|ble|ive|ful|ous|al|ly|ure|less)$/;

function describesPassword(word: string): boolean {
  const lower = word.toLowerCase();
  const last = lower.split('-').pop()!;
  if (DESCRIPTIVE.has(lower) || DESCRIPTIVE.has(last) || STOP.has(last)) return true;
  if (/['’]s$/.test(last)) return true; // "my password is Okta's": whose, not what
  const suffix = DESCRIPTIVE_SUFFIX.exec(last);
  return suffix !== null && last.length >= suffix[0].length + 3; // "fred", "opal" are names, not adjectives
}

function isOwnedPassword(m: RegExpExecArray): boolean {
  return OWNED_QUALIFIER.test(m[0]) || OWNED_BEFORE.test(m.input.slice(0, m.index));
}

/** Luhn checksum over a string of digits. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1 && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Known issuer prefix with a length that issuer actually uses. */
function cardBrandOk(d: string): boolean {
  const n = d.length, p2 = +d.slice(0, 2), p3 = +d.slice(0, 3), p4 = +d.slice(0, 4);
  return (d[0] === '4' && (n === 13 || n === 16 || n === 19)) // Visa
    || (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) // Mastercard
    || ((p2 === 34 || p2 === 37) && n === 15) // Amex
    || ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) && n >= 16 && n <= 19) // Discover
    || (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) // JCB
    || ((p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) && n === 14); // Diners
}

/** Grouped numbers must look like a card (one separator kind, first group of 4), not a phone number. */
function cardGroupsOk(s: string): boolean {
  const groups = s.split(/[ -]/);
  if (groups.length === 1) return true;
  return new Set(s.match(/[ -]/g)).size === 1 && groups[0].length === 4 && groups.every((g) => g.length <= 6);
}

/** Slug-like names ("db-credentials-v2", "v1.2.3-beta") are identifiers, not random tokens. */
const isSlug = (v: string): boolean => v.split(/[-_.:/]/).every((seg) => /^(?:[A-Za-z]*|\d+|v\d+)$/.test(seg));

/** Order matters: earlier detectors win when two findings overlap (Anthropic before OpenAI, keys before generic). */
const DETECTORS: Detector[] = [
  { kind: 'private-key', label: 'a private key block',
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----(?:[\s\S]*?-----END \1PRIVATE KEY\2-----)?/gd },
  { kind: 'jwt', label: 'a JSON Web Token', pattern: tok(String.raw`eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+`) },
  { kind: 'anthropic-key', label: 'an Anthropic API key', pattern: tok(String.raw`sk-ant-[\w-]{20,}`) },
  { kind: 'openai-key', label: 'an OpenAI API key', pattern: tok(String.raw`sk-(?!ant-)[\w-]{20,}`),
    accept: hasLetterAndDigit }, // a long hyphenated word after "sk-" is not a key
  { kind: 'aws-access-key', label: 'an AWS access key ID', pattern: tok('(?:AKIA|ASIA)[0-9A-Z]{16}') },
  { kind: 'github-token', label: 'a GitHub token', pattern: tok('gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}') },
  { kind: 'slack-token', label: 'a Slack token', pattern: tok('xox[abprs]-[A-Za-z0-9-]{10,}'), accept: hasDigit },
  { kind: 'stripe-key', label: 'a Stripe secret key', pattern: tok('[sr]k_(?:live|test)_[A-Za-z0-9]{16,}') },
  { kind: 'google-api-key', label: 'a Google API key', pattern: tok(String.raw`AIza[\w-]{35}`) },
  { kind: 'url-password', label: 'a password embedded in a URL',
    pattern: /(?<![\w+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:(?<s>[^\s/?#@]+)@(?=[\w[])/gdi,
    accept: (v) => !PLACEHOLDER.test(v) },
  { kind: 'card-number', label: 'a payment card number',
    // 13–19 digits, optionally grouped; not part of a longer number, word, version, IP or phone (+).
    pattern: /(?<![\w.:/+-]|\d[ -])(?<s>\d(?:[ -]?\d){12,18})(?!\w|[.:/-]\d)/gd,
    accept: (v) => { const d = v.replace(/\D/g, ''); return cardGroupsOk(v) && cardBrandOk(d) && luhnValid(d); } },
  { kind: 'password', label: 'a password stated in prose',
    pattern: new RegExp(PW_WORD + CONNECT + VALUE + NOT_A_UNIT, 'gdi'),
    accept: (v, m) => {
      if (!looksLikeValue(v)) return false;
      if (m.groups?.qs !== undefined || /[:=]/.test(m.groups?.c ?? '')) return true; // quoted or assigned
      if (v.length < 4) return false;
      if (/[^A-Za-z'-]/.test(v)) return true; // in prose, a digit or symbol makes it a value
      return isOwnedPassword(m) && !describesPassword(v); // a plain word only when it is someone's password
    } },
  { kind: 'password', label: 'a PIN stated in prose',
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])pin(?:[ -]?(?:code|number))?(?![A-Za-z])${CONNECT}["']?(?<s>\d{4,12})(?!\w|[.,:/-]\d)`, 'gdi') },
  { kind: 'generic-credential', label: 'a credential assigned to a key or token name',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])(?:${CRED_WORD}(?![A-Za-z0-9])${CONNECT}|bearer[ \t]+)["'\x60]?(?<s>[^\s"'\x60,;]+?)(?=[.,;:)]*(?:[\s"'\x60]|$))`,
      'gdi'),
    accept: (v) => v.length >= 12 && hasLetterAndDigit(v) && looksLikeValue(v) && !isSlug(v) && !/^\d{4}-\d\d-\d\d/.test(v) },
];

function redact(kind: SecretKind, secret: string): string {
  if (kind === 'card-number') return '…' + secret.replace(/\D/g, '').slice(-4);
  // Short secrets (PINs) reveal less: never more than a third, never more than 4 characters.
  return secret.slice(0, Math.min(4, Math.floor(secret.length / 3))) + '…';
}

/** Every secret found in `text`, in order of position; [] when clean. */
export function findSecrets(text: string): SecretFinding[] {
  const taken: Array<[number, number]> = [];
  const found: SecretFinding[] = [];
  for (const d of DETECTORS) {
    for (const m of text.matchAll(d.pattern)) {
      const g = m.indices?.groups;
      const [start, end] = g?.s ?? g?.qs ?? m.indices?.[0] ?? [m.index, m.index + m[0].length];
      const secret = text.slice(start, end);
      if (d.accept && !d.accept(secret, m)) continue;
      if (taken.some(([s, e]) => start < e && s < end)) continue; // one finding per secret
      taken.push([start, end]);
      found.push({ kind: d.kind, label: d.label, excerpt: redact(d.kind, secret), index: start });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** How a refusal names what it found: "an OpenAI API key (sk-p…) and a JWT (eyJh…)", never the secret. */
export function describeSecrets(findings: readonly SecretFinding[]): string {
  return findings.map((f) => `${f.label} (${f.excerpt})`).join(' and ');
}
