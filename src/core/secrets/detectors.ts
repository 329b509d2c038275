/**
 * memoir's own detectors: the provider keys memoir has always known (with more lenient shapes
 * than gitleaks' for OpenAI and Anthropic keys), private key blocks, passwords in URLs and
 * payment cards, checked before the gitleaks rules; and the prose detectors (prose.ts), checked
 * after them, so that a provider's rule names a key better than "a credential".
 */
import { isCardNumber } from './cards.js';
import { tok, type Detector } from './detector.js';
import { isPlaceholder } from './placeholder.js';
import { PLACEHOLDER, PROSE_DETECTORS } from './prose.js';

const hasDigit = (v: string): boolean => /\d/.test(v);
const hasLetterAndDigit = (v: string): boolean => /[A-Za-z]/.test(v) && /\d/.test(v);
const notPlaceholder = (v: string): boolean => !isPlaceholder(v);

/** Keys and tokens recognised by their shape alone; also what a split key is re-tested with. Order matters: Anthropic before OpenAI. */
export const TOKEN_DETECTORS: Detector[] = [
  {
    kind: 'jwt',
    id: 'jwt',
    needs: /eyJ/,
    label: 'a JSON Web Token',
    pattern: tok(String.raw`eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+`),
    accept: notPlaceholder,
  },
  {
    kind: 'anthropic-key',
    id: 'anthropic-key',
    needs: /sk-ant-/,
    label: 'an Anthropic API key',
    pattern: tok(String.raw`sk-ant-[\w-]{20,}`),
    accept: notPlaceholder,
  },
  {
    kind: 'openai-key',
    id: 'openai-key',
    needs: /sk-/,
    label: 'an OpenAI API key',
    pattern: tok(String.raw`sk-(?!ant-)[\w-]{20,}`),
    accept: (v) => hasLetterAndDigit(v) && notPlaceholder(v),
  }, // a long hyphenated word after "sk-" is not a key
  {
    kind: 'aws-access-key',
    id: 'aws-access-key',
    needs: /A(?:KIA|SIA)/,
    label: 'an AWS access key ID',
    pattern: tok('(?:AKIA|ASIA)[0-9A-Z]{16}'),
    accept: notPlaceholder,
  },
  {
    kind: 'github-token',
    id: 'github-token',
    needs: /gh[pousr]_|github_pat_/,
    label: 'a GitHub token',
    pattern: tok('gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}'),
    accept: notPlaceholder,
  },
  {
    kind: 'slack-token',
    id: 'slack-token',
    needs: /xox[abprs]-/,
    label: 'a Slack token',
    pattern: tok('xox[abprs]-[A-Za-z0-9-]{10,}'),
    accept: (v) => hasDigit(v) && notPlaceholder(v),
  },
  {
    kind: 'stripe-key',
    id: 'stripe-key',
    needs: /[sr]k_(?:live|test)_/,
    label: 'a Stripe secret key',
    pattern: tok('[sr]k_(?:live|test)_[A-Za-z0-9]{16,}'),
    accept: notPlaceholder,
  },
  {
    kind: 'google-api-key',
    id: 'google-api-key',
    needs: /AIza/,
    label: 'a Google API key',
    pattern: tok(String.raw`AIza[\w-]{35}`),
    accept: notPlaceholder,
  },
];

/** The literal beginnings of memoir's own token shapes, where a split key is looked for. */
export const TOKEN_PREFIXES = [
  'eyJ',
  'sk-ant-',
  'sk-',
  'AKIA',
  'ASIA',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'xoxa-',
  'xoxb-',
  'xoxp-',
  'xoxr-',
  'xoxs-',
  'sk_live_',
  'sk_test_',
  'rk_live_',
  'rk_test_',
  'AIza',
];

export const MEMOIR_DETECTORS: Detector[] = [
  {
    kind: 'private-key',
    id: 'private-key',
    needs: /-----BEGIN /,
    label: 'a private key block',
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----(?:[\s\S]*?-----END \1PRIVATE KEY\2-----)?/dg,
  },
  ...TOKEN_DETECTORS,
  {
    kind: 'url-password',
    id: 'url-password',
    needs: /:\/\//,
    label: 'a password embedded in a URL',
    pattern: /(?<![\w+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:(?<s>[^\s/?#@]+)@(?=[\w[])/dgi,
    accept: (v) => !PLACEHOLDER.test(v),
  },
  {
    kind: 'card-number',
    id: 'card-number',
    needs: /\d(?:[ -]?\d){12}/,
    label: 'a payment card number',
    // 13–19 digits, optionally grouped; not part of a longer number, word, version, IP or phone (+).
    pattern: /(?<![\w.:/+-]|\d[ -])(?<s>\d(?:[ -]?\d){12,18})(?!\w|[.:/-]\d)/dg,
    accept: isCardNumber,
  },
];

export { PROSE_DETECTORS };
