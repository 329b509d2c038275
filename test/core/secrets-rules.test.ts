import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import loadGitleaks from '../../data/gitleaks/gitleaks.toml';
import loadMemoirRules from '../../data/secrets/memoir-rules.toml';
import { article, compileRules } from '../../scripts/gitleaks/rules.mjs';
import { translateGoRegex, UntranslatableRegex } from '../../scripts/gitleaks/translate.mjs';

const gitleaks = loadGitleaks();
const memoirRules = loadMemoirRules();

// gitleaks writes its rules in Go's RE2 syntax; the guard runs them as JavaScript regexes
// (scripts/gitleaks/translate.mjs), compiled at build time (scripts/gitleaks/rules.mjs).

const js = (go: string): RegExp => {
  const { source, flags } = translateGoRegex(go);
  return new RegExp(source, flags);
};

describe('translating Go regexes', () => {
  it.each([
    // [Go pattern, matches, does not match]
    ['(?i)token', ['TOKEN', 'ToKeN'], ['tokn']],
    [String.raw`\b(p8e-(?i)[a-z0-9]{4})\b`, ['p8e-aB9z'], ['P8E-ab9z']], // (?i) in the middle: from there to the group's end
    [String.raw`hf_(?i:[a-z]{4})x`, ['hf_AbCdx'], ['HF_abcdx', 'hf_abcdX']], // an inline (?i:…) group
    [String.raw`(?i)(?:key|(?-i:[Aa]pi|API))=1`, ['KEY=1', 'Api=1', 'API=1'], ['aPI=1']], // case-sensitive inside a case-insensitive pattern
    [String.raw`pat[[:alnum:]]{3}\.`, ['patA1z.'], ['pat_1z.']], // POSIX classes
    [String.raw`(?i)[^a-z]x`, ['1x', '1X'], ['ax', 'AX']], // a negated class folds both cases
    [String.raw`sha256~[\w-]{3}(?:[^\w-]|\z)`, ['sha256~abc', 'sha256~abc!'], ['sha256~abcd']], // \z: the end of the text
    [String.raw`\Aab`, ['abc'], ['cab']],
    [String.raw`(?P<name>x)y`, ['xy'], ['x']],
    [String.raw`a(?s:.)b`, ['a\nb'], ['ab']],
    [String.raw`a.b`, ['a-b'], ['a\nb']],
    [String.raw`\Qa.b\E`, ['a.b'], ['axb']],
    [String.raw`\x60[\x41-\x43]`, ['`B'], ['`D']],
  ])('%s', (go, yes, no) => {
    const re = js(go);
    for (const s of yes) expect(re.test(s), s).toBe(true);
    for (const s of no) expect(re.test(s), s).toBe(false);
  });

  it('uses the i flag only when nothing turns case-insensitivity off', () => {
    expect(translateGoRegex('(?i)abc').flags).toBe('i');
    expect(translateGoRegex('(?i)a(?-i:b)c').flags).toBe('');
    expect(translateGoRegex('ab(?i)c').flags).toBe('');
  });

  it("records where each capture group lies, so a rule's secret group can be found", () => {
    const { source, groups } = translateGoRegex(String.raw`id=(?i)([a-z]{2})(x)`);
    expect(groups.map((g) => source.slice(g.outStart, g.outEnd + 1))).toEqual(['([A-Za-z]{2})', '([xX])']);
  });

  it.each([String.raw`\pL+`, String.raw`(a)\1`, '(?m)^a', '(?U)a+', 'a)', '(a'])('refuses %s with a reason', (go) => {
    expect(() => translateGoRegex(go)).toThrow(UntranslatableRegex);
  });
});

describe("gitleaks' rule list, compiled", () => {
  const toml = readFileSync(new URL('../../data/gitleaks/gitleaks.toml', import.meta.url), 'utf8');
  const total = (toml.match(/^\[\[rules\]\]/gm) ?? []).length;

  it('runs nearly every rule: the skipped ones are only those that apply to files by their path', () => {
    expect(total).toBeGreaterThan(200);
    expect(gitleaks.rules.length + gitleaks.skipped.length).toBe(total);
    expect(gitleaks.skipped.length).toBeLessThanOrEqual(8);
    for (const s of gitleaks.skipped) expect(s.reason, s.id).toBe('applies to files by their path');
    expect(memoirRules.skipped).toEqual([]);
  });

  it('gives the build and the tests the same rules', () => {
    expect(compileRules(toml)).toEqual(gitleaks);
  });

  it("keeps each rule's id, lower-case keywords, entropy and allowlists, and every pattern compiles", () => {
    for (const r of [...gitleaks.rules, ...memoirRules.rules]) {
      expect(() => new RegExp(r.source, r.flags + 'gd'), r.id).not.toThrow();
      if (r.body !== undefined) expect(() => new RegExp(r.body!, r.flags), r.id).not.toThrow();
      for (const k of r.keywords) expect(k, r.id).toBe(k.toLowerCase());
      for (const a of r.allow)
        for (const re of a.regexes) expect(() => new RegExp(re.source, re.flags), r.id).not.toThrow();
    }
    const generic = gitleaks.rules.find((r) => r.id === 'generic-api-key')!;
    expect(generic.entropy).toBe(3.5);
    expect(generic.allow.flatMap((a) => a.stopwords).length).toBeGreaterThan(1000);
    expect(gitleaks.rules.find((r) => r.id === 'gitlab-pat')).toMatchObject({
      keywords: ['glpat-'],
      entropy: 3,
      prefix: 'glpat-',
    });
  });

  it('ends a secret at a full stop or a comma too, as prose does', () => {
    const rule = gitleaks.rules.find((r) => r.id === 'npm-access-token')!;
    const key = 'npm_' + 'q8Zr2LmX0pVb7NcW4yTk1HsJ9dFg3aQe6uRo';
    expect(new RegExp(rule.source, rule.flags).test(`publish with ${key}.`)).toBe(true);
    expect(new RegExp(rule.source, rule.flags).test(`publish with ${key}, then tag`)).toBe(true);
  });

  it("matches a semi-generic rule's secret alone, for prose that names the provider elsewhere", () => {
    const rule = gitleaks.rules.find((r) => r.id === 'adafruit-api-key')!;
    expect(rule.body).toBeDefined();
    expect(new RegExp(`^(?:${rule.body})$`, rule.flags).test('q8zr2lmx0pvb7ncw4ytk1hsj9dfg3aqe')).toBe(true);
    expect(gitleaks.rules.filter((r) => r.body !== undefined).length).toBeGreaterThan(90);
  });

  it('gives every rule a label for messages: "a …" or "an …", a short noun phrase', () => {
    for (const r of [...gitleaks.rules, ...memoirRules.rules]) {
      expect(r.label, r.id).toMatch(/^an? \S/);
      expect(r.label.length, r.id).toBeLessThanOrEqual(60);
      expect(r.label, r.id).not.toMatch(/pattern|potential|possible|undefined/i);
    }
    expect(gitleaks.rules.find((r) => r.id === 'gitlab-pat')!.label).toBe('a GitLab personal access token');
    expect(gitleaks.rules.find((r) => r.id === 'npm-access-token')!.label).toBe('an npm access token');
  });

  it.each([
    ['AWS key', 'an'],
    ['npm token', 'an'],
    ['OpenAI key', 'an'],
    ['user token', 'a'],
    ['SendGrid key', 'a'],
    ['HubSpot key', 'a'],
    ['SSH key', 'an'],
  ])('says "%s" with "%s"', (phrase, expected) => {
    expect(article(phrase)).toBe(expected);
  });
});
