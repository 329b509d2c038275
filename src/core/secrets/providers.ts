/**
 * Provider formats as data: gitleaks' rule list (data/gitleaks/gitleaks.toml, MIT) and memoir's
 * additions in the same format (data/secrets/memoir-rules.toml), compiled at build time into
 * JavaScript patterns. As in gitleaks, a rule runs only when one of its keywords is in the
 * lower-cased text (all keywords are looked for in one pass), so most rules cost nothing for
 * most facts; its secret must be above the rule's entropy and outside its allowlists. Regexes
 * are compiled the first time they are needed.
 */
import gitleaks from '../../../data/gitleaks/gitleaks.toml';
import memoirRules from '../../../data/secrets/memoir-rules.toml';
import { contextOf, HEX_OR_UUID } from './context.js';
import type { Hits, SecretKind } from './finding.js';
import { isPlaceholder } from './placeholder.js';
import { mixesCharacterClasses, shannonEntropy } from './randomness.js';
import type { AllowData, RuleData } from './ruleData.js';

/** Rules whose findings are one of memoir's named kinds rather than 'provider-token'. */
const KINDS: Array<[RegExp, SecretKind]> = [
  [/^github-/, 'github-token'],
  [/^slack-(?!webhook)/, 'slack-token'],
  [/^aws-access-token$/, 'aws-access-key'],
  [/^stripe-/, 'stripe-key'],
  [/^gcp-api-key$/, 'google-api-key'],
  [/^jwt/, 'jwt'],
  [/^private-key$/, 'private-key'],
  [/^openai-/, 'openai-key'],
  [/^anthropic-/, 'anthropic-key'],
  [/^generic-api-key$/, 'generic-credential'],
];
const GENERIC_ID = 'generic-api-key';
/** Characters that continue a token: a body match must not start or end inside a longer one. */
const TOKEN_CHAR = String.raw`[A-Za-z0-9_+/=.-]`;

interface Allowlist {
  target: AllowData['target'];
  regexes: RegExp[];
  stopwords: string[];
}

const compileAllow = (a: AllowData): Allowlist => ({
  target: a.target,
  regexes: a.regexes.map((r) => new RegExp(r.source, r.flags)),
  stopwords: a.stopwords,
});

class ProviderRule {
  readonly kind: SecretKind;
  private regex?: RegExp;
  private bodyRegex?: RegExp;
  private allowlists?: Allowlist[];
  private prose?: string[];

  constructor(readonly data: RuleData) {
    this.kind = KINDS.find(([re]) => re.test(data.id))?.[1] ?? 'provider-token';
  }

  /** A keyword spelled with "-" or "_" (new-relic) is also looked for as prose writes it (new relic). */
  keywords(): string[] {
    return (this.prose ??= [...new Set(this.data.keywords.flatMap((k) => [k, k.replace(/[-_]/g, ' ')]))]);
  }

  /** gitleaks' prefilter: a rule with keywords runs only on a text that contains one. */
  wanted(found: ReadonlySet<string>): boolean {
    const keywords = this.keywords();
    return keywords.length === 0 || keywords.some((k) => found.has(k));
  }

  pattern(): RegExp {
    return (this.regex ??= new RegExp(this.data.source, `${this.data.flags}gd`));
  }

  body(): RegExp | undefined {
    // the generic rule is too broad to match a bare value wherever "key" or "token" appears
    if (this.data.body === undefined || this.data.id === GENERIC_ID) return undefined;
    return (this.bodyRegex ??= new RegExp(
      `(?<!${TOKEN_CHAR})(?:${this.data.body})(?!${TOKEN_CHAR})`,
      `${this.data.flags}gd`,
    ));
  }

  /**
   * A hex or UUID value that the text names as an id ("commit 9fceb02…", "the app id is …") is
   * that id, unless the rule is about an id (asana-client-id).
   */
  namedAsId(text: string, start: number, end: number): boolean {
    return (
      !this.data.id.endsWith('-id') && HEX_OR_UUID.test(text.slice(start, end)) && contextOf(text, start, end) === 'id'
    );
  }

  allows(secret: string, match: string, line: string): boolean {
    this.allowlists ??= [...rules().globalAllow, ...this.data.allow.map(compileAllow)];
    const lower = secret.toLowerCase();
    return this.allowlists.some((a) => {
      const target = a.target === 'match' ? match : a.target === 'line' ? line : secret;
      return a.regexes.some((r) => r.test(target)) || a.stopwords.some((w) => lower.includes(w));
    });
  }
}

/**
 * Which of the rules' keywords a text contains, in one pass over it (gitleaks uses Aho-Corasick
 * for the same): one pattern of all keywords, tried at every position. Where one keyword starts
 * another (sk, sk_live), the longer one is matched, and the keywords inside it count as found too.
 */
class KeywordIndex {
  private readonly unique: string[];
  private readonly pattern: RegExp;
  /** The keywords inside each keyword found so far: worked out when first found, not for all ~400 up front. */
  private readonly inside = new Map<string, string[]>();

  constructor(keywords: Iterable<string>) {
    this.unique = [...new Set(keywords)].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(
      `(?=(${this.unique.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')}))`,
      'g',
    );
  }

  /** The keywords in a lower-cased text. */
  found(lower: string): Set<string> {
    const found = new Set<string>();
    for (const m of lower.matchAll(this.pattern)) for (const k of this.within(m[1])) found.add(k);
    return found;
  }

  private within(keyword: string): string[] {
    let within = this.inside.get(keyword);
    if (!within) this.inside.set(keyword, (within = this.unique.filter((other) => keyword.includes(other))));
    return within;
  }
}

/** The rules, compiled when first needed: a command that loads the guard without using it (`--help`) pays nothing. */
let ruleSet:
  | {
      globalAllow: Allowlist[];
      all: ProviderRule[];
      /** A provider's own rules, memoir's additions first. */
      specific: ProviderRule[];
      /** gitleaks' generic rule ("…key = <random>"): checked last, after memoir's prose detectors have named passwords as such. */
      generic: ProviderRule[];
    }
  | undefined;

function rules() {
  if (ruleSet) return ruleSet;
  const [leaks, memoir] = [gitleaks(), memoirRules()];
  const all = [...memoir.rules, ...leaks.rules].map((r) => new ProviderRule(r));
  ruleSet = {
    globalAllow: [...leaks.allow, ...memoir.allow].map(compileAllow),
    all,
    specific: all.filter((r) => r.data.id !== GENERIC_ID),
    generic: all.filter((r) => r.data.id === GENERIC_ID),
  };
  return ruleSet;
}

let keywordIndex: KeywordIndex | undefined;
/** The last text's keywords: the specific and the generic rules look at the same text one after the other. */
let last: { text: string; present: Set<string> } | undefined;

function keywordsIn(text: string): Set<string> {
  if (last?.text !== text) {
    keywordIndex ??= new KeywordIndex(rules().all.flatMap((r) => r.keywords()));
    last = { text, present: keywordIndex.found(text.toLowerCase()) };
  }
  return last.present;
}

/** The literal beginnings of the rules' secrets (glpat-, hf_, SG., …), where split keys are looked for. */
export function rulePrefixes(): string[] {
  return [
    ...new Set(
      rules()
        .specific.map((r) => r.data.prefix)
        .filter((p): p is string => p !== undefined),
    ),
  ];
}

function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return text.slice(from, to < 0 ? text.length : to);
}

/** The secret's span in a match: the rule's secret group, else its first group that matched, else the whole match. */
function secretSpan(m: RegExpExecArray, secretGroup: number): [number, number] {
  const indices = m.indices!;
  if (secretGroup > 0 && indices[secretGroup]) return indices[secretGroup]!;
  for (let g = 1; g < indices.length; g++) if (indices[g] && m[g]) return indices[g]!;
  return indices[0];
}

/**
 * Finds provider secrets in the text, with the providers' own rules or with gitleaks' generic
 * one. `bodies`: also match a semi-generic rule's secret alone where its keyword appears (off
 * when re-testing a joined split key, which is a bare token).
 */
export function findProviderSecrets(
  text: string,
  hits: Hits,
  { rules: which = 'specific', bodies = true }: { rules?: 'specific' | 'generic'; bodies?: boolean } = {},
): void {
  const present = keywordsIn(text);
  for (const rule of which === 'specific' ? rules().specific : rules().generic) {
    if (!rule.wanted(present)) continue;
    let found = false;
    for (const m of text.matchAll(rule.pattern())) {
      const [start, end] = secretSpan(m, rule.data.secretGroup);
      const secret = text.slice(start, end);
      if (rule.data.entropy > 0 && shannonEntropy(secret) <= rule.data.entropy) continue;
      if (
        isPlaceholder(secret) ||
        rule.namedAsId(text, start, end) ||
        rule.allows(secret, m[0], lineAround(text, m.index, m.index + m[0].length))
      )
        continue;
      found = hits.add({ kind: rule.kind, label: rule.data.label, ruleId: rule.data.id, index: start, end }) || found;
    }
    const body = bodies && !found ? rule.body() : undefined;
    if (!body) continue;
    for (const m of text.matchAll(body)) {
      const [start, end] = m.indices![0];
      const secret = m[0];
      // a bare value needs to look random: several character classes, more entropy than words have
      if (!mixesCharacterClasses(secret) || shannonEntropy(secret) <= Math.max(rule.data.entropy, 3)) continue;
      if (
        isPlaceholder(secret) ||
        rule.namedAsId(text, start, end) ||
        rule.allows(secret, secret, lineAround(text, start, end))
      )
        continue;
      hits.add({ kind: rule.kind, label: rule.data.label, ruleId: rule.data.id, index: start, end });
    }
  }
}
