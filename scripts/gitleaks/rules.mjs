// Compiles a gitleaks rule file (data/gitleaks/gitleaks.toml, or memoir's own additions in the
// same format) into the data the secret guard runs: JavaScript patterns, keywords, entropy
// thresholds, allowlists and a human label per rule. The build bundles the result
// (scripts/build.mjs); tests compile it the same way (vitest.config.ts).
//   node scripts/gitleaks/rules.mjs [file.toml]   lists what was compiled and what was skipped, and why
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { translateGoRegex, UntranslatableRegex } from './translate.mjs';

/**
 * gitleaks ends a secret with whitespace, a quote or ";", as code does. In prose a secret is as
 * often followed by a full stop, a comma or a closing bracket, so those end it too.
 */
const CODE_SUFFIX = String.raw`(?:[\x60'"\s;]|\\[nr]|$)`;
const PROSE_SUFFIX = String.raw`(?:[\x60'"\s;.,!?:)\]]|\\[nr]|$)`;
/** What gitleaks' semi-generic rules put between a provider's name and the secret: an assignment. */
const ASSIGNMENT = String.raw`(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}(`;

/** Words that stay lower-case in a label ("a GitLab personal access token"). */
const COMMON_WORDS = new Set((
  'access accesstoken accesskey token tokens key keys secret personal client bot app application user service account organization ' +
  'refresh deploy job feed runner registration authentication pipeline trigger session cookie webhook encryption public ' +
  'publishable private shared custom global origin delivery admin reference legacy workspace configuration insert insight ' +
  'ingest browser upload password license identity batch bearer web level agent incoming mail feature flag client-level ' +
  'short-lived long-lived api-key signing validation routable fine-grained page app-level'
).split(' '));

/** Labels the descriptions do not yield cleanly. */
const LABELS = {
  '1password-secret-key': 'a 1Password secret key',
  'age-secret-key': 'an age encryption secret key',
  'alibaba-access-key-id': 'an Alibaba Cloud AccessKey ID',
  'aws-access-token': 'an AWS access key ID',
  'aws-amazon-bedrock-api-key-long-lived': 'an Amazon Bedrock API key',
  'aws-amazon-bedrock-api-key-short-lived': 'an Amazon Bedrock API key',
  'azure-ad-client-secret': 'an Azure AD client secret',
  'cisco-meraki-api-key': 'a Cisco Meraki API key',
  'clickhouse-cloud-api-secret-key': 'a ClickHouse Cloud API secret key',
  'curl-auth-header': 'an authorization header in a curl command',
  'curl-auth-user': 'a user and password in a curl command',
  'flutterwave-public-key': 'a Flutterwave public key',
  'droneci-access-token': 'a Drone CI access token',
  'generic-api-key': 'a credential assigned to a key or token name',
  'gitlab-session-cookie': 'a GitLab session cookie',
  'hashicorp-tf-api-token': 'a HashiCorp Terraform API token',
  'jwt': 'a JSON Web Token',
  'jwt-base64': 'a base64-encoded JSON Web Token',
  'kucoin-access-token': 'a KuCoin access token',
  'kucoin-secret-key': 'a KuCoin secret key',
  'launchdarkly-access-token': 'a LaunchDarkly access token',
  'mailgun-signing-key': 'a Mailgun webhook signing key',
  'notion-api-token': 'a Notion API token',
  'nytimes-access-token': 'a New York Times access token',
  'octopus-deploy-api-key': 'an Octopus Deploy API key',
  'private-key': 'a private key block',
  'rubygems-api-token': 'a RubyGems API token',
  'slack-webhook-url': 'a Slack webhook URL',
  'sourcegraph-access-token': 'a Sourcegraph access token',
  'microsoft-teams-webhook': 'a Microsoft Teams webhook URL',
  'sidekiq-sensitive-url': 'a Sidekiq URL with credentials',
};

const LABEL_IN_DESCRIPTION =
  /\b(?:an?|the)\s+(?:(?:possible|potential)\s+)?(?:pattern\s+(?:that\s+)?(?:resembles|resembling|(?:may\s+)?indicates?)\s+(?:an?\s+)?)?((?:[A-Z0-9][\w.&/-]*\s+)*?(?:[\w.&/-]+\s+){0,4}?(?:key|token|secret|id|password|credentials?|cookie|url|webhook|accesstoken|accesskey))\b/i;

/** "a" or "an", by how the word is said: "an AWS key", "an npm token", "a user token", "a SendGrid key". */
export function article(phrase) {
  const word = phrase.split(/\s/)[0];
  if (/^(?:npm|[AEFHILMNORSX][A-Z0-9]*(?:\b|[A-Z]))/.test(word) && /^(?:npm|[A-Z0-9]{2,}\b|[A-Z]{2,})/.test(word)) return 'an';
  if (/^(?:uni|use|user|one|eu)/i.test(word)) return 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** The human phrase for a rule, for messages: "a GitLab personal access token". */
export function ruleLabel(id, description) {
  if (LABELS[id]) return LABELS[id];
  const m = LABEL_IN_DESCRIPTION.exec(description ?? '');
  let phrase = m ? m[1] : id.replace(/-/g, ' ');
  phrase = phrase.split(/\s+/).map((w, n) => (n > 0 && COMMON_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : w)).join(' ')
    .replace(/\baccesstoken\b/, 'access token').replace(/\bapi\b/, 'API').replace(/\bsecret$/, id.endsWith('secret-key') ? 'secret key' : 'secret');
  return `${article(phrase)} ${phrase}`;
}

/** The secret's literal beginning (ghp_, glpat-, AKIA…), if it has one of 3 characters or more: split keys are looked for after it. */
function literalPrefix(go) {
  const s = go.replace(/^(?:\(\?i\)|\\b|\()+/, '');
  const m = /^(?:[A-Za-z0-9_~]|-|\\[.-])+/.exec(s);
  if (!m) return undefined;
  // a quantifier or an alternation right after makes the last character optional or one of several
  let prefix = m[0].replace(/\\/g, '');
  const after = s[m[0].length];
  if (after === '?' || after === '*' || after === '{') prefix = prefix.slice(0, -1);
  if (after === '|') return undefined;
  return prefix.length >= 3 ? prefix : undefined;
}

function compilePattern(go, id, what) {
  try {
    const { source, flags } = translateGoRegex(go);
    return { source, flags };
  } catch (error) {
    if (error instanceof UntranslatableRegex) throw new UntranslatableRegex(`${what}: ${error.message}`);
    throw error;
  }
}

/** The allowlists that can apply to a fact: those on its text (secret, match or line), not on file paths or commits. */
function compileAllowlists(allowlists, id) {
  const out = [];
  for (const a of allowlists ?? []) {
    const regexes = (a.regexes ?? []).map((r) => compilePattern(r, id, 'allowlist'));
    const stopwords = (a.stopwords ?? []).map((w) => w.toLowerCase());
    const onFiles = (a.paths?.length ?? 0) + (a.commits?.length ?? 0) > 0;
    // an AND over a path can never hold for a fact; an OR over paths alone allows nothing here
    if (onFiles && a.condition === 'AND') continue;
    if (regexes.length === 0 && stopwords.length === 0) continue;
    out.push({ target: a.regexTarget ?? 'secret', regexes, stopwords });
  }
  return out;
}

/**
 * @param {string} tomlText a gitleaks configuration
 * @returns {{ rules: object[], skipped: Array<{ id: string, reason: string }>, allow: object[] }}
 */
export function compileRules(tomlText) {
  const config = parse(tomlText);
  const rules = [];
  const skipped = [];
  for (const r of config.rules ?? []) {
    if (r.path) { skipped.push({ id: r.id, reason: 'applies to files by their path' }); continue; }
    if (!r.regex) { skipped.push({ id: r.id, reason: 'has no pattern' }); continue; }
    try {
      const go = r.regex.split(CODE_SUFFIX).join(PROSE_SUFFIX);
      const { source, flags, groups } = translateGoRegex(go);
      const rule = {
        id: r.id,
        label: r.label ?? ruleLabel(r.id, r.description),
        keywords: (r.keywords ?? []).map((k) => k.toLowerCase()),
        source,
        flags,
        secretGroup: r.secretGroup ?? 0,
        entropy: r.entropy ?? 0,
        allow: compileAllowlists(r.allowlists, r.id),
      };
      // A semi-generic rule wants "<provider name> … = <secret>". In prose the name may be anywhere
      // in the fact ("our Adafruit key is …"), so the secret alone is matched too, when a keyword is there.
      const at = go.indexOf(ASSIGNMENT);
      const body = at >= 0 ? groups.find((g) => g.goStart === at + ASSIGNMENT.length - 1) : undefined;
      if (body) rule.body = source.slice(body.outStart + 1, body.outEnd);
      const secretGo = (() => {
        if (at >= 0) return undefined;
        const open = go.indexOf('(');
        return open >= 0 && go[open + 1] !== '?' ? go.slice(open + 1) : go;
      })();
      const prefix = secretGo && literalPrefix(secretGo);
      if (prefix) rule.prefix = prefix;
      rules.push(rule);
    } catch (error) {
      if (!(error instanceof UntranslatableRegex)) throw error;
      skipped.push({ id: r.id, reason: error.message });
    }
  }
  const global = config.allowlist ? compileAllowlists([config.allowlist], 'global') : [];
  return { rules, skipped, allow: global };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? fileURLToPath(new URL('../../data/gitleaks/gitleaks.toml', import.meta.url));
  const { rules, skipped } = compileRules(readFileSync(file, 'utf8'));
  console.log(`${rules.length} rules compiled (${rules.filter((r) => r.body).length} also match the secret alone near a keyword), ${skipped.length} skipped:`);
  for (const s of skipped) console.log(`  ${s.id}: ${s.reason}`);
}
