/**
 * Passwords, PINs and credentials stated in prose: "my password is hunter2", "PIN is 4821",
 * "I use hunter2!x as my password", "login: bob / pw: X", "api_key=…". Precision over recall:
 * memory facts are mostly prose about passwords, so a plain word counts as a password only when
 * the sentence says whose password it is and the word does not describe it.
 */
import type { Detector } from './detector.js';
import { isPlaceholder } from './placeholder.js';

const hasLetterAndDigit = (v: string): boolean => /[A-Za-z]/.test(v) && /\d/.test(v);

/** Values that stand in for a secret rather than being one: ${VAR}, $VAR, <password>, ***, xxx, … */
export const PLACEHOLDER =
  /^(?:\$\{.*|\$\(.*|\$[A-Za-z_]\w*|<.*|\{\{.*|%[A-Za-z_]\w*%|\[.*\]|[*x•.…]+|(?:your|my)[_-]?(?:password|pass|secret|token|key)|password|passwd|pass|pwd|secret|changeme|example|placeholder|redacted|dummy|none|null|n\/a|tbd)$/i;

/** References to where a secret lives (env vars, config lookups, calls) are not secrets. */
const CODE_REF =
  /^(?:process\.env|os\.(?:environ|getenv)|(?:System\.)?getenv|env\.|ENV\[|secrets\.|config\.|settings\.)|^[\w.]+\(.*\)$/i;

/** Ordinary words that follow "password is …" / "password: …" in prose. */
const STOP = new Set(
  (
    'is was are be been the a an in on at to of for from with via by not never always also still now here there ' +
    'required optional needed mandatory stored rotated managed long short strong weak changed expired reset saved set ' +
    'secret hidden encrypted hashed protected masked redacted same see empty blank unknown unset missing provided given ' +
    'sent shared known correct incorrect wrong invalid too very my your our their his her its this that case-sensitive'
  ).split(' '),
);

export const looksLikeValue = (v: string): boolean =>
  v.length > 0 && !PLACEHOLDER.test(v) && !CODE_REF.test(v) && !STOP.has(v.toLowerCase());

/**
 * "password is X" / "password: X" / "password=X" / JSON `"password": "X"` / "password? it's X".
 * Group `c` is the connector.
 */
const CONNECT = String.raw`["']?(?<c>[ \t]*[:=][ \t]*|[ \t]+(?:is|was)(?:[ \t]*[:=])?[ \t]+|[ \t]*\?[ \t]*(?:it['’]?s|it is|it was)[ \t]+)`;
/** A quoted value (may contain spaces) or a bare one; trailing sentence punctuation is not part of it. */
const VALUE = String.raw`(?:["'\x60“‘](?<qs>[^"'\x60“”‘’\n]{1,200})["'\x60”’]|(?<s>[^\s"'\x60]+?)(?=[.,;:)!?]*(?:\s|$)))`;
/** "password is 12 characters" describes a policy, not a password. */
const NOT_A_UNIT = String.raw`(?![.,;:)]*\s+(?:characters?|chars?|digits?|letters?|symbols?|minutes?|hours?|days?|weeks?|months?|years?|times?|attempts?|tries)\b)`;
const PW_WORD = String.raw`(?<![A-Za-z0-9])(?:pass(?:word|wd|phrase|code)|pass code|pwd|pw)(?![A-Za-z])(?:\s+(?:for|to|of|on)\s+(?:the\s+|my\s+|our\s+|your\s+)?[\w.-]+)?`;
const CRED_WORD = String.raw`(?:api[_ -]?(?:key|secret|token)|apikey|access[_ -]?(?:token|key)|auth[_ -]?token|refresh[_ -]?token|client[_ -]?secret|secret[_ -]?(?:access[_ -]?)?key|session[_ -]?(?:token|secret)|private[_ -]?token|token|secret)`;
/** What a password word names when it is not a password: "my password manager", "the password policy". */
const NOT_A_PASSWORD = String.raw`(?![ \t]*(?:managers?|vaults?|generators?|policy|policies|hints?|resets?|rules?|stores?|safe|fields?|prompts?|strength|hash|hashes|hashing|rotation|changes?|requirements?|length|complexity|expiry)\b)`;

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
  ]
    .join(' ')
    .split(' '),
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

/** Slug-like names ("db-credentials-v2", "v1.2.3-beta", "SHA-256") are identifiers, not random tokens. */
export const isSlug = (v: string): boolean => v.split(/[-_.:/]/).every((seg) => /^(?:[A-Za-z]*|\d+|v\d+)$/.test(seg));

/** A value that reads as a password in prose: a digit or a symbol, or a word that is someone's password. */
function proseValue(v: string, m: RegExpExecArray): boolean {
  if (!looksLikeValue(v)) return false;
  if (v.length < 4) return false;
  if (/[^A-Za-z'-]/.test(v)) return true; // in prose, a digit or symbol makes it a value
  return isOwnedPassword(m) && !describesPassword(v);
}

/** Where a password word ends its phrase ("… as my password.", "… my password for the bank"), not "my password manager". */
const PHRASE_END = String.raw`(?=[ \t]*(?:$|[.,;:!?)"'\]]|(?:for|on|at|in|to|too|now|here|there|and|but|so|when|since|because|until|then|which|that|again|today|yesterday)\b))`;
/** Someone's password word after the value: "… as my password", "… is my wifi password". */
const OWNED_PW_AFTER = String.raw`(?:my|our|his|her|their|your|the)(?:[ \t]+[\w-]+){0,2}?[ \t]+(?:pass(?:word|phrase|code)|pin)${PHRASE_END}`;
/** A bare value in prose, before its password word. */
const BARE = String.raw`["'\x60“‘]?(?<s>[^\s"'\x60“”‘’]{4,})["'\x60”’]?`;

export const PROSE_DETECTORS: Detector[] = [
  {
    kind: 'password',
    id: 'password',
    label: 'a password stated in prose',
    needs: /pass|pw/i,
    pattern: new RegExp(PW_WORD + NOT_A_PASSWORD + CONNECT + VALUE + NOT_A_UNIT, 'gdi'),
    accept: (v, m) => {
      if (!looksLikeValue(v)) return false;
      if (m.groups?.qs !== undefined || /[:=]/.test(m.groups?.c ?? '')) return true; // quoted or assigned
      return proseValue(v, m);
    },
  },
  // "I use hunter2!x as my password", "we picked Kestrel as our wifi password"
  {
    kind: 'password',
    id: 'password',
    label: 'a password stated in prose',
    needs: /pass|pin/i,
    pattern: new RegExp(
      String.raw`\b(?:use|used|uses|using|chose|chosen|picked|set|made|pick|choose)[ \t]+${BARE}[ \t]+(?:as|for)[ \t]+${OWNED_PW_AFTER}`,
      'gdi',
    ),
    accept: (v) => looksLikeValue(v) && !describesPassword(v),
  },
  // "hunter2!x is my password" (a plain word only with a digit or symbol: "Bitwarden is my password manager" is not one)
  {
    kind: 'password',
    id: 'password',
    label: 'a password stated in prose',
    needs: /pass|pin/i,
    pattern: new RegExp(String.raw`(?<![\w-])${BARE}[ \t]+(?:is|was)[ \t]+${OWNED_PW_AFTER}`, 'gdi'),
    accept: (v) => looksLikeValue(v) && /[^A-Za-z'-]/.test(v),
  },
  // "changed the router password to Tr0ub4dor&3", "pass: X"
  {
    kind: 'password',
    id: 'password',
    label: 'a password stated in prose',
    needs: /pass|pin/i,
    pattern: new RegExp(
      String.raw`\b(?:set|changed?|reset|updated?)[ \t]+(?:(?:my|our|the|his|her|their|your)[ \t]+)?(?:[\w-]+[ \t]+)?(?:pass(?:word|phrase|code)|pin)[ \t]+to[ \t]+${VALUE}`,
      'gdi',
    ),
    accept: (v, m) => looksLikeValue(v) && (m.groups?.qs !== undefined || (v.length >= 4 && /[^A-Za-z'-]/.test(v))),
  },
  {
    kind: 'password',
    id: 'password',
    label: 'a password stated in prose',
    needs: /pass/i,
    // "pass: X" is also a bus pass: a value needs a digit or a symbol
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])pass[ \t]*[:=][ \t]*${VALUE}`, 'gdi'),
    accept: (v) => looksLikeValue(v) && v.length >= 4 && /[^A-Za-z'-]/.test(v),
  },
  {
    kind: 'password',
    id: 'pin',
    label: 'a PIN stated in prose',
    needs: /pin/i,
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])pin(?:[ -]?(?:code|number))?(?![A-Za-z])${CONNECT}["']?(?<s>\d{4,12})(?!\w|[.,:/-]\d)`,
      'gdi',
    ),
  },
  {
    kind: 'generic-credential',
    id: 'generic-credential',
    label: 'a credential assigned to a key or token name',
    needs: /token|secret|key|bearer/i,
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])(?:${CRED_WORD}(?![A-Za-z0-9])${CONNECT}|bearer[ \t]+)["'\x60]?(?<s>[^\s"'\x60,;]+?)(?=[.,;:)]*(?:[\s"'\x60]|$))`,
      'gdi',
    ),
    accept: (v) =>
      v.length >= 12 &&
      hasLetterAndDigit(v) &&
      looksLikeValue(v) &&
      !isSlug(v) &&
      !/^\d{4}-\d\d-\d\d/.test(v) &&
      !isPlaceholder(v),
  },
];
