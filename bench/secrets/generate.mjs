// The secret guard's evaluation corpus, generated (seeded, deterministic) the way gitleaks' rule
// tests make their samples: random strings matching each rule's secret pattern (randexp), checked
// against the rule itself, then placed in varied natural sentences. Also memoir's own kinds
// (passwords and PINs in prose, cards, passwords in URLs, base64-wrapped keys, split keys, an AWS
// secret key without "=", JWTs, private keys) and look-alikes that must pass (git SHAs, UUIDs,
// epochs, digests, versions, documentation placeholders, prose about passwords).
// Nothing is written into the repository: generated secrets would trip secret scanners.
//   node bench/secrets/generate.mjs [--seed N] [--out file.jsonl]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import RandExp from 'randexp';
import { parse } from 'smol-toml';
import { compileRules } from '../../scripts/gitleaks/rules.mjs';
import { translateGoRegex } from '../../scripts/gitleaks/translate.mjs';
import { LOOKALIKE_TEMPLATES, MEMOIR_KINDS, PROVIDER_TEMPLATES } from './templates.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const RULE_FILES = ['data/gitleaks/gitleaks.toml', 'data/secrets/memoir-rules.toml'];
/** Rules whose samples need more than a secret (a curl command line, a file); not generated. */
const NOT_GENERATED = new Set(['curl-auth-header', 'curl-auth-user', 'generic-api-key']);
/** Samples per family: each from a different template, one of them from the held-out third. */
const PER_FAMILY = 3;

/** mulberry32: a small seeded generator, so the corpus is the same on every machine. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const entropy = (s) => {
  const counts = new Map();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.values()].reduce((h, n) => h - (n / s.length) * Math.log2(n / s.length), 0);
};
/** What a generated string must not look like: a placeholder the guard rightly lets through. */
const placeholderLike = (s) => /([xX*#0.])\1{5}|abcdefgh|bcdefghi|12345678|23456789|98765432|\.\.\.|xxx/i.test(s);

const CODE_SUFFIX = String.raw`(?:[\x60'"\s;]|\\[nr]|$)`;
/** The pattern to draw a rule's secret from: its bare secret, or the rule without its boundaries. */
function generationPattern(goRegex, compiled) {
  // as gitleaks' tests draw them: the pattern as written, without case folding ([a-f0-9] gives lower-case hex),
  // and an unescaped "." in a domain (hooks.slack.com) as a dot
  const realistic = (source) => new RegExp(source.replace(/\(\?<[!=](?:\[[^\]]*\]|[^()])*\)/g, '').replace(/\\b/g, '').replace(/\[\^\\n\]/g, '\\.'));
  if (compiled.body) return realistic(compiled.body);
  const go = goRegex.split(CODE_SUFFIX).join('');
  // a trailing boundary group (…|\z) or leading (?:^|…) draws stray characters: leave it out when that still parses
  const bare = go.replace(/\(\?:(?:[^()]|\([^()]*\))*(?:\\z|\$)(?:[^()]|\([^()]*\))*\)$/, '').replace(/^\(\?:\^\|[^)]*\)/, '');
  let translated;
  try {
    translated = translateGoRegex(bare);
  } catch {
    translated = translateGoRegex(go);
  }
  return realistic(translated.source);
}

/** A random string matching `pattern`, drawn with `rand`. */
function draw(pattern, rand) {
  const r = new RandExp(pattern);
  r.max = 6;
  r.randInt = (a, b) => a + Math.floor(rand() * (b - a + 1));
  return r.gen();
}

const what = (label) => label.replace(/^an? /, '');
const nameOf = (label) => {
  const words = what(label).split(' ');
  const name = [words[0], ...words.slice(1).filter((w, i) => i === 0 ? /^[A-Z0-9]/.test(w) && !/^(?:API|ID|OAuth|CI\/CD)$/.test(w) : false)];
  return name.join(' ');
};
const envOf = (id) => id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/**
 * Makes a rule's sample secret: drawn until the rule itself finds it in gitleaks' sample line
 * ("<keyword>_api_token = \"<secret>\"") above its entropy threshold. Undefined if none is found.
 */
function sampleSecret(goRegex, compiled, rand) {
  const pattern = generationPattern(goRegex, compiled);
  const check = new RegExp(compiled.source, compiled.flags);
  for (let attempt = 0; attempt < 40; attempt++) {
    const secret = draw(pattern, rand);
    if (placeholderLike(secret) || (compiled.entropy && entropy(secret) <= compiled.entropy)) continue;
    // gitleaks' sample line, named by a keyword or by the provider (lob's keywords are its secrets' prefixes)
    const names = [compiled.keywords[0] ?? 'my', compiled.id.split('-')[0], nameOf(compiled.label).toLowerCase().replace(/\s+/g, '')];
    if (check.test(secret) || names.some((name) => check.test(`${name}_api_token = "${secret}"`) || check.test(`${name}_token = "${secret}"`))) return secret;
  }
  return undefined;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);

/**
 * @param {{ seed?: number }} [options]
 * @returns {{ samples: Sample[], ungenerated: string[] }} samples in a fixed order: the rules' families, memoir's kinds, the look-alikes
 * @typedef {{ family: string, text: string, secret: boolean, value?: string, heldOut: boolean, template: number }} Sample
 *   `value`: the secret as it stands in the text (absent for a look-alike); `heldOut`: made from a held-out template
 */
export function generateCorpus({ seed = 20260722 } = {}) {
  const rand = seeded(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const samples = [];
  const ungenerated = [];
  const secretsByRule = [];
  let family = 0;
  for (const file of RULE_FILES) {
    const text = readFileSync(`${root}/${file}`, 'utf8');
    const goRules = new Map(parse(text).rules.map((r) => [r.id, r.regex]));
    for (const rule of compileRules(text).rules) {
      if (NOT_GENERATED.has(rule.id)) continue;
      const values = { what: what(rule.label), name: nameOf(rule.label), ENV: envOf(rule.id) };
      const made = [];
      for (let k = 0; k < PER_FAMILY; k++) {
        const secret = sampleSecret(goRules.get(rule.id), rule, rand);
        if (!secret) break;
        const template = (family * PER_FAMILY + k) % PROVIDER_TEMPLATES.length;
        made.push({ family: rule.id, text: fill(PROVIDER_TEMPLATES[template], { ...values, s: secret }), secret: true, value: secret, heldOut: template % 3 === 2, template });
        if (rule.prefix) secretsByRule.push({ id: rule.id, secret, prefix: rule.prefix });
      }
      if (made.length < PER_FAMILY) ungenerated.push(rule.id);
      else { samples.push(...made); family++; }
    }
  }
  for (const kind of MEMOIR_KINDS) {
    for (let k = 0; k < kind.templates.length; k++) {
      const values = kind.values(rand, pick, secretsByRule);
      samples.push({ family: kind.family, text: fill(kind.templates[k], values), secret: true, value: kind.secret(values), heldOut: k % 3 === 2, template: k });
    }
  }
  LOOKALIKE_TEMPLATES.forEach((make, k) => samples.push({ family: 'look-alike', text: make(rand, pick), secret: false, heldOut: k % 3 === 2, template: k }));
  return { samples, ungenerated };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const { samples, ungenerated } = generateCorpus({ seed: arg('--seed') ? Number(arg('--seed')) : undefined });
  const out = samples.map((s) => JSON.stringify(s)).join('\n') + '\n';
  if (arg('--out')) writeFileSync(arg('--out'), out);
  else process.stdout.write(out);
  if (ungenerated.length) console.error(`not generated (no sample the rule accepts): ${ungenerated.join(', ')}`);
}
