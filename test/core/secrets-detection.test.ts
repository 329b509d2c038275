import { describe, expect, it } from 'vitest';
import { seeded } from '../../bench/secrets/generate.mjs';
import { describeSecrets, findSecrets } from '../../src/core/secrets.js';
import { MAX_DECODE_DEPTH } from '../../src/core/secrets/encoded.js';
import { compoundOfPlainParts, englishness, shannonEntropy } from '../../src/core/secrets/randomness.js';

// Secrets are drawn at run time from a seeded generator: this file holds no literal a scanner would flag.
const rand = seeded(7);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const draw = (alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const lowerAlnum = (n: number): string => draw('abcdefghijklmnopqrstuvwxyz0123456789', n);
const hex = (n: number): string => draw('0123456789abcdef', n);
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const refusedAs = (text: string): string[] => findSecrets(text).map((f) => f.ruleId);

describe('provider formats from the rule lists', () => {
  const GOCSPX = 'GOCSPX-' + draw(ALNUM, 28);
  const ACCOUNT_KEY = draw(ALNUM + '+/', 86) + '==';
  const HF = 'hf_' + draw(ALNUM.slice(0, 52), 34);
  const GROQ = 'gsk_' + draw(ALNUM, 52);
  const SLACK_HOOK =
    'https://hooks.slack.com/services/T' +
    draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10) +
    '/B' +
    draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10) +
    '/' +
    draw(ALNUM, 24);
  const SENDGRID = 'SG.' + draw(ALNUM, 22) + '.' + draw(ALNUM, 43);
  const TWILIO = 'SK' + hex(32);
  const TELEGRAM = String(100000000 + Math.floor(rand() * 899999999)) + ':AA' + draw(ALNUM + '_-', 33);
  const SHOPIFY = 'shpat_' + hex(32);
  const DIGITALOCEAN = 'dop_v1_' + hex(64);
  const LINEAR = 'lin_api_' + draw(ALNUM, 40);
  const GLPAT = 'glpat-' + draw(ALNUM, 20);
  const NPM = 'npm_' + draw(ALNUM, 36);
  const AWS_SECRET = draw(ALNUM + '/+', 40);

  it.each([
    ['google-oauth-client-secret', `the OAuth client secret is ${GOCSPX}`],
    [
      'azure-storage-account-key',
      `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`,
    ],
    ['huggingface-access-token', `pull the model with ${HF}`],
    ['groq-api-key', `groq: ${GROQ}`],
    ['slack-webhook-url', `alerts go to ${SLACK_HOOK}`],
    ['sendgrid-api-token', `mail is sent with ${SENDGRID}`],
    ['twilio-api-key', `the twilio key is ${TWILIO}`],
    ['telegram-bot-token', `the bot runs as ${TELEGRAM}`],
    ['shopify-access-token', `the store app uses ${SHOPIFY}`],
    ['digitalocean-pat', `droplets are made with ${DIGITALOCEAN}.`],
    ['linear-api-key', `${LINEAR} lets the bot file issues`],
    ['gitlab-pat', `publish with ${GLPAT}`],
    ['npm-access-token', `publish with ${NPM}`],
    ['aws-secret-access-key', `aws secret key ${AWS_SECRET}`],
  ])('%s in %j', (ruleId, text) => {
    expect(refusedAs(text)).toEqual([ruleId]);
  });

  it('names the provider in the message, and where the secret starts', () => {
    const text = `publish with ${GLPAT}`;
    expect(describeSecrets(findSecrets(text))).toBe('a GitLab personal access token (at character 14)');
  });

  it("finds a semi-generic rule's secret where the provider is named in prose, not assigned", () => {
    const key = lowerAlnum(32);
    expect(refusedAs(`our Adafruit IO key for the greenhouse is ${key}`)).toEqual(['adafruit-api-key']);
    // a keyword written with a hyphen is found as prose writes it
    expect(refusedAs(`the New Relic user key is NRAK-${draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 27)}`)).toEqual([
      'new-relic-user-api-key',
    ]);
  });

  it.each([
    'AKIAXXXXXXXXXXXXXXXX',
    `ghp_${'x'.repeat(36)}`,
    'sk-...your-key-here',
    'OPENAI_API_KEY=sk-your-key-here',
    `glpat-${'x'.repeat(20)}`,
    `SLACK_BOT_TOKEN=xoxb-your-bot-token`,
    'the docs show AccountKey=<your-account-key>',
  ])('lets a documentation placeholder through: %j', (text) => {
    expect(findSecrets(text)).toEqual([]);
  });
});

describe('long random tokens', () => {
  it('measures entropy as gitleaks does', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('0123456789abcdef')).toBe(4);
  });

  it('tells words from random strings by their letter pairs', () => {
    for (const name of [
      'getUserAccountSettingsById',
      'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'CrashLoopBackOff',
      'dangerouslySetInnerHTML',
    ])
      expect(englishness(name), name).toBeGreaterThanOrEqual(0.5);
    for (let i = 0; i < 50; i++) expect(englishness(draw(ALNUM, 32))).toBeLessThan(0.5);
  });

  it('knows ids made of plain parts', () => {
    for (const id of [
      'api-7d9f8b6c5d-x2x9z',
      'sg-0123abcd4567ef890',
      'gpt-4o-mini-2024-07-18',
      'ubuntu-22.04-amd64-server-20240101',
    ])
      expect(compoundOfPlainParts(id), id).toBe(true);
    expect(compoundOfPlainParts(draw(ALNUM, 20) + '-' + draw(ALNUM, 20))).toBe(false);
  });

  it.each([
    () => `the CI uses ${draw(ALNUM, 32)} for deploys`,
    () => `export FOO=${draw(ALNUM, 24)}`,
    () => draw(ALNUM + '-_', 43),
    () => `the token for the crawler: ${draw(ALNUM, 16)}`, // near a credential word, 16 characters are enough
    () => `paste ${hex(32)} into the settings page`, // 32 hex digits alone: an API key's length, not a SHA's
    () => `https://api.example.com/v1/items?session=${draw(ALNUM, 24)}&page=2`, // a credential's value in a URL's query
  ])('refuses %#', (make) => {
    expect(refusedAs(make())).toEqual(['random-token']);
  });

  it.each([
    () => `commit ${hex(40)} broke the build`,
    () => `fixed in ${hex(40)}`,
    () => `the sha256 of the tarball is ${hex(64)}`,
    () => `request id ${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)} timed out`,
    () => `the ULID of the batch is 01${draw('ABCDEFGHJKMNPQRSTVWXYZ0123456789', 24)}`,
    () => `deployed at ${1700000000 + Math.floor(rand() * 1e8)}`,
    () => 'upgraded to 4.17.21 and v1.22.3-beta.1',
    () => `see https://github.com/acme/api/blob/${hex(40)}/src/index.ts`,
    () => 'the guard lives in src/core/secrets/randomTokens.ts',
    () => `pulled nginx@sha256:${hex(64)}`,
    () => 'call getUserAccountSettingsById before rendering',
    () => 'Base64 of hello world is aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=', // decodes to plain text
  ])('lets through %#', (make) => {
    const text = make();
    expect(findSecrets(text), text).toEqual([]);
  });
});

describe('encoded secrets', () => {
  const GH = 'ghp_' + draw(ALNUM, 36);

  it('decodes base64 and finds the key inside', () => {
    const found = findSecrets(`the key, base64-encoded: ${b64(GH)}`);
    expect(found.map((f) => [f.kind, f.label])).toEqual([['github-token', 'a GitHub token, base64-encoded']]);
    expect(found[0].index).toBe('the key, base64-encoded: '.length);
  });

  it('decodes hex and percent-encoding too', () => {
    expect(findSecrets(`hex: ${Buffer.from(GH).toString('hex')}`).map((f) => f.label)).toEqual([
      'a GitHub token, hex-encoded',
    ]);
    const password = 'Tr0ub4dor&3';
    expect(findSecrets(`form body ${encodeURIComponent(`password=${password}`)}`).map((f) => f.label)).toEqual([
      'a password stated in prose, percent-encoded',
    ]);
  });

  it(`undoes at most ${MAX_DECODE_DEPTH} layers of encoding`, () => {
    expect(findSecrets(b64(b64(GH))).map((f) => f.label)).toEqual(['a GitHub token, base64-encoded, base64-encoded']);
    // a third layer is not decoded: what is left is a random-looking token, refused as such
    expect(findSecrets(b64(b64(b64(GH)))).map((f) => f.ruleId)).toEqual(['random-token']);
  });
});

describe('keys given in pieces', () => {
  const GH = 'ghp_' + draw(ALNUM, 36);
  const SK = 'sk-proj-' + draw(ALNUM, 40);

  it.each([
    ['two halves', (k: string) => `the token is ${k.slice(0, 10)} ${k.slice(10)}`],
    ['three pieces', (k: string) => `${k.slice(0, 8)} ${k.slice(8, 20)} ${k.slice(20)}`],
    ['halves across a sentence', (k: string) => `first half ${k.slice(0, 12)}, second half ${k.slice(12)}`],
  ])('joins %s and names the key', (_what, split) => {
    const text = split(GH);
    const found = findSecrets(text);
    expect(found.map((f) => f.kind)).toEqual(['github-token']);
    expect(found[0].index).toBe(text.indexOf('ghp_'));
  });

  it('joins an OpenAI key given in two pieces', () => {
    expect(findSecrets(`key: ${SK.slice(0, 14)} ${SK.slice(14)}`).map((f) => f.kind)).toEqual(['openai-key']);
  });

  it('never joins ordinary words into a key', () => {
    expect(findSecrets('ghp_ tokens are personal access tokens; sk- keys are OpenAI keys')).toEqual([]);
    expect(findSecrets('the AKIA prefix marks long-term AWS keys and ASIA temporary ones')).toEqual([]);
  });
});
