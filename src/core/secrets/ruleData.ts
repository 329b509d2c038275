/**
 * The shape of a compiled rule file: what scripts/gitleaks/rules.mjs makes of a gitleaks TOML
 * configuration at build time, and what `import rules from '….toml'` gives the guard.
 */

export interface PatternData {
  source: string;
  /** '' or 'i' */
  flags: string;
}

/** An allowlist that can apply to a fact's text: a finding is allowed when a regex or a stopword matches. */
export interface AllowData {
  /** what the regexes are tested on: the secret, the whole match, or the line it is on */
  target: 'secret' | 'match' | 'line';
  regexes: PatternData[];
  /** lower-case words; a secret containing one is allowed */
  stopwords: string[];
}

export interface RuleData extends PatternData {
  id: string;
  /** "a GitLab personal access token" */
  label: string;
  /** lower-case; the rule runs only on a text containing one of them (none: always) */
  keywords: string[];
  /** the capture group holding the secret; 0: the first group that matched, or the whole match */
  secretGroup: number;
  /** a secret's Shannon entropy must be above this (0: no threshold) */
  entropy: number;
  allow: AllowData[];
  /** for a rule that wants "<name> = <secret>": the secret's pattern alone, matched where a keyword is in the text */
  body?: string;
  /** the secret's literal beginning (glpat-, hf_, …), after which split keys are looked for */
  prefix?: string;
}

export interface CompiledRules {
  rules: RuleData[];
  /** rules of the file that the guard cannot run, and why */
  skipped: Array<{ id: string; reason: string }>;
  /** the file's global allowlist */
  allow: AllowData[];
}
