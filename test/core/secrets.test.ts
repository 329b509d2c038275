import { describe, expect, it } from 'vitest';
import { describeSecrets, findSecrets, type SecretKind } from '../../src/core/secrets.js';

// Fake but correctly-shaped secrets, assembled at runtime so this file never
// contains a literal that a secret scanner would flag.
const rep = (s: string, n: number): string => s.repeat(n);
const OPENAI = 'sk-' + 'proj-' + rep('A', 10) + 'b1C2d3E4f5G6h7';
const OPENAI_LEGACY = 'sk-' + rep('Zq9', 8) + 'T3BlbkFJ';
const OPENAI_SVC = 'sk-' + 'svcacct-' + rep('x7Y', 9);
const ANTHROPIC = 'sk-' + 'ant-' + 'api03-' + rep('Qw3r', 6) + '_-AA';
const ANTHROPIC_2 = 'sk-' + 'ant-' + 'admin01-' + rep('m9K', 10);
const ANTHROPIC_3 = 'sk-' + 'ant-' + rep('Z1', 15);
const AWS = 'AKIA' + 'IOSFODNN7' + 'EXAMPLE';
const AWS_2 = 'ASIA' + rep('Q2', 8);
const AWS_3 = 'AKIA' + rep('7', 4) + rep('B', 12);
const GH_PAT = 'ghp' + '_' + rep('aB3d', 9);
const GH_OAUTH = 'gho' + '_' + rep('Z9y8', 9);
const GH_FINE = 'github' + '_pat_' + '11ABCDEFG0' + rep('x_Y1', 8);
const GH_SRV = 'ghs' + '_' + rep('0a1B', 9);
const SLACK_BOT = 'xox' + 'b-' + '123456789012-' + '1234567890123-' + rep('AbCd', 6);
const SLACK_USER = 'xox' + 'p-' + '2222222222-' + '3333333333-' + rep('f0e1', 5);
const SLACK_APP = 'xox' + 'a-' + '2-' + rep('9Zz', 6);
const STRIPE_LIVE = 'sk' + '_live_' + rep('4eC39HqLyj', 2) + 'WDarjtT1';
const STRIPE_RK = 'rk' + '_live_' + rep('51Hx', 6);
const STRIPE_TEST = 'sk' + '_test_' + rep('BQokikJOvBiI', 2);
const GOOGLE = 'AIza' + 'SyD' + rep('-a1B_', 6) + 'c2'; // 35 chars after AIza
const GOOGLE_2 = 'AIza' + rep('9', 35);
const GOOGLE_3 = 'AIza' + rep('Sy', 17) + 'Q';
const JWT_HEAD = 'eyJ' + 'hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const JWT = JWT_HEAD + '.' + 'eyJ' + 'zdWIiOiIxMjM0NTY3ODkwIn0' + '.' + 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const JWT_2 = 'eyJ' + 'hbGciOiJSUzI1NiJ9' + '.' + 'eyJ' + 'pc3MiOiJtZW1vaXIifQ' + '.' + rep('Sig-_0', 8);
const JWT_3 = JWT_HEAD + '.' + 'eyJ' + 'leHAiOjE3MzIxOTAwMDB9' + '.' + rep('q', 43);
const pem = (kind: string): string => '-----BEGIN ' + kind + 'PRIVATE' + ' KEY-----';
const PEM_BODY = '\n' + rep('MIIEowIBAAKCAQEA', 4) + '\n';
const url = (scheme: string, pass: string, host = 'db.internal:5432/app'): string =>
  scheme + '://' + 'admin:' + pass + '@' + host;
const GENERIC_1 = 'a1B2c3D4e5F6g7H8';
const GENERIC_2 = rep('9f8e', 4) + 'Zz';
const GENERIC_3 = 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCY' + 'EXAMPLEKEY';
const GLPAT = 'glpat' + '-' + 'Zq3xV9kLm2Np8Rt5Wy7B';
const NPM = 'npm' + '_' + 'Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP';

// [kind, text, the secret as it appears in the text]
const positives: Array<[SecretKind, string, string]> = [
  ['openai-key', `set OPENAI_API_KEY=${OPENAI} in the shell`, OPENAI],
  ['openai-key', `old key ${OPENAI_LEGACY}`, OPENAI_LEGACY],
  ['openai-key', `service account: ${OPENAI_SVC}.`, OPENAI_SVC],
  ['anthropic-key', `ANTHROPIC_API_KEY=${ANTHROPIC}`, ANTHROPIC],
  ['anthropic-key', `admin key is ${ANTHROPIC_2}`, ANTHROPIC_2],
  ['anthropic-key', `"${ANTHROPIC_3}"`, ANTHROPIC_3],
  ['aws-access-key', `aws_access_key_id = ${AWS}`, AWS],
  ['aws-access-key', `temp creds ${AWS_2} expire hourly`, AWS_2],
  ['aws-access-key', `(${AWS_3})`, AWS_3],
  ['github-token', `GITHUB_TOKEN=${GH_PAT}`, GH_PAT],
  ['github-token', `oauth ${GH_OAUTH}`, GH_OAUTH],
  ['github-token', `fine-grained: ${GH_FINE}`, GH_FINE],
  ['github-token', `the CI uses ${GH_SRV}`, GH_SRV],
  ['slack-token', `SLACK_BOT_TOKEN=${SLACK_BOT}`, SLACK_BOT],
  ['slack-token', `user token ${SLACK_USER}`, SLACK_USER],
  ['slack-token', `app-level: ${SLACK_APP}`, SLACK_APP],
  ['stripe-key', `STRIPE_SECRET_KEY=${STRIPE_LIVE}`, STRIPE_LIVE],
  ['stripe-key', `restricted key ${STRIPE_RK}`, STRIPE_RK],
  ['stripe-key', `tests use ${STRIPE_TEST}`, STRIPE_TEST],
  ['google-api-key', `maps key ${GOOGLE}`, GOOGLE],
  ['google-api-key', `key=${GOOGLE_2}&q=x`, GOOGLE_2],
  ['google-api-key', `GOOGLE_API_KEY: ${GOOGLE_3}`, GOOGLE_3],
  ['jwt', `Authorization: Bearer ${JWT}`, JWT],
  ['jwt', `session cookie ${JWT_2}`, JWT_2],
  ['jwt', `token=${JWT_3};`, JWT_3],
  ['private-key', `deploy key:\n${pem('RSA ')}${PEM_BODY}-----END RSA PRIVATE KEY-----`, pem('RSA ')],
  ['private-key', `${pem('OPENSSH ')}${PEM_BODY}`, pem('OPENSSH ')],
  ['private-key', `here: ${pem('')}${PEM_BODY}-----END PRIVATE KEY-----`, pem('')],
  ['private-key', `${pem('EC ')}`, pem('EC ')],
  ['private-key', `${pem('ENCRYPTED ')}`, pem('ENCRYPTED ')],
  ['private-key', '-----BEGIN PGP ' + 'PRIVATE KEY BLOCK-----' + PEM_BODY, '-----BEGIN PGP PRIVATE KEY BLOCK-----'],
  ['url-password', `DATABASE_URL=${url('postgres', 'hunter2')}`, 'hunter2'],
  ['url-password', `connect to ${url('mongodb+srv', 'S3cr3t!x', 'cluster0.example.net/db')}`, 'S3cr3t!x'],
  ['url-password', `cache at ${url('redis', 'r3d1sPass')}`, 'r3d1sPass'],
  ['url-password', `mirror ${url('https', 'tok3n-value', 'git.example.com/repo.git')}`, 'tok3n-value'],
  ['url-password', `queue ${'amqp://' + ':' + 'guestpw99' + '@mq.local'}`, 'guestpw99'],
  ['card-number', 'my card is 4111 1111 1111 1111', '4111 1111 1111 1111'],
  ['card-number', 'Mastercard 5555-5555-5555-4444 exp 12/27', '5555-5555-5555-4444'],
  ['card-number', 'amex 378282246310005.', '378282246310005'],
  ['card-number', 'amex grouped 3782 822463 10005', '3782 822463 10005'],
  ['card-number', 'discover 6011111111111117', '6011111111111117'],
  ['card-number', 'jcb 3530111333300000', '3530111333300000'],
  ['card-number', 'diners 30569309025904', '30569309025904'],
  ['card-number', 'new MC range 2223003122003222', '2223003122003222'],
  ['password', 'my password is hunter2', 'hunter2'],
  ['password', 'password: Tr0ub4dor&3', 'Tr0ub4dor&3'],
  ['password', "the wifi password is 'correct horse'", 'correct horse'],
  ['password', 'pwd=abc123!', 'abc123!'],
  ['password', 'PASSWORD=s3cr3t', 's3cr3t'],
  ['password', 'export DB_PASSWORD=swordfish', 'swordfish'],
  ['password', '{"password": "open sesame"}', 'open sesame'],
  ['password', 'the password for the router is admin#42.', 'admin#42'],
  ['password', 'passcode = 7731', '7731'],
  ['password', 'PIN is 4821', '4821'],
  ['password', 'my pin code is 0000', '0000'],
  ['password', 'my bank PIN was 1234.', '1234'],
  // a plain word, when the sentence says whose password it is
  ['password', 'my password is swordfish', 'swordfish'],
  ['password', 'our wifi password is Kestrel', 'Kestrel'],
  ['password', 'his email password was bluebird.', 'bluebird'],
  ['password', 'the router password is open-sesame', 'open-sesame'],
  ['password', "Dana's password is tangerine, she said", 'tangerine'],
  ['password', 'the password for my bank is hunter', 'hunter'],
  ['password', 'I told the team my password is Fred', 'Fred'],
  ['generic-credential', `api_key=${GENERIC_1}`, GENERIC_1],
  ['generic-credential', `API_KEY: ${GENERIC_2}`, GENERIC_2],
  ['generic-credential', `token = "${GENERIC_1}"`, GENERIC_1],
  ['generic-credential', `secret: ${GENERIC_2}`, GENERIC_2],
  ['generic-credential', `client_secret=${GENERIC_1}&grant_type=x`, GENERIC_1],
  ['generic-credential', `the access token is ${GENERIC_2}.`, GENERIC_2],
  // named by a provider's rule (gitleaks' list, or memoir's additions in the same format)
  ['provider-token', `aws_secret_access_key = ${GENERIC_3}`, GENERIC_3],
  ['provider-token', `publish with ${GLPAT}`, GLPAT],
  ['provider-token', `NPM_TOKEN=${NPM}`, NPM],
  ['generic-credential', `Authorization: Bearer ${GENERIC_1}`, GENERIC_1],
];

const negatives: string[] = [
  // prose about passwords and PINs
  'passwords should be long',
  'the password is required for login',
  'password is stored in 1Password',
  'password must be rotated every 90 days',
  'the password policy requires 12 characters',
  'reset your password via the portal',
  'I forgot my password again',
  'PIN entry is disabled',
  'the PIN pad is broken',
  'the password is 12 characters long',
  'password is case-sensitive',
  'the password is in the vault, ask Dana',
  'password: ********',
  'the password was changed yesterday',
  'password: required',
  // a plain word after "my password is" that describes the password rather than being it
  'my password is outdated',
  'my password is terrible',
  'my password is secure',
  'my password is compromised',
  'my password is changing',
  'my password is strong',
  'our wifi password is expiring soon',
  'her password is unbreakable',
  'my password is useless',
  'the router password is personal',
  'my password is really long',
  'my password is better now',
  'the wifi password is behind the router',
  "Dana's password was stolen",
  'my password is eight characters long',
  'my password manager is Bitwarden',
  'my password is the same as before',
  'the LED pin is 13',
  // prose about keys and tokens
  'our rate limiter uses a token bucket',
  'the API key rotation policy is 90 days',
  'we store the api key in Vault',
  'the token expires after 15 minutes',
  'use a bearer token for the admin API',
  'max_tokens: 4096',
  'secret: db-credentials-v2',
  'token: 2026-11-21T13:05:00Z',
  'api_key = process.env.OPENAI_API_KEY_2',
  'the private key lives in ~/.ssh/id_ed25519',
  'sk-learn is a library',
  'run the task-runner before sk-tests',
  'xoxb tokens are for bots',
  'AKIA prefixes identify long-term AWS keys',
  // URLs with placeholder or no passwords
  'postgres://' + 'app:${DB_PASS}' + '@db.internal/app',
  'mysql://' + 'root:<password>' + '@localhost/db',
  'redis://' + ':***' + '@cache:6379',
  'amqp://' + 'guest:$AMQP_PASSWORD' + '@mq',
  'https://' + 'user:password' + '@example.com',
  'https://example.com:8443/login?next=/home',
  'git@github.com:org/repo.git',
  // numbers that are not cards
  'deployed at 20261121130500',
  'epoch ms 1732190000000',
  'the meeting is on 2026-11-21 at 13:05',
  'call +1 415 555 0100',
  'London office: 020 7946 0958',
  'order #4412345678 shipped',
  'invoice 123456789012',
  'card 4111 1111 1111 1112 (bad checksum)',
  'number 1234567812345670 has no issuer',
  'upgraded to v1.22.3 and 10.4.1.20240101',
  'server at 192.168.100.200:8080',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8 broke the build',
  'request id 123e4567-e89b-12d3-a456-426614174000',
  'ids 4111111111111111111111 and 55555555555544440',
  'we accept Visa, Mastercard and Amex cards',
];

describe('findSecrets: positives', () => {
  it.each(positives)('%s in %j', (kind, text, secret) => {
    const findings = findSecrets(text);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.kind).toBe(kind);
    expect(f.label.length).toBeGreaterThan(0);
    expect(text.slice(f.index, f.index + secret.length)).toBe(secret);
    expect(f.ruleId.length).toBeGreaterThan(0);
    // a finding says what and where, nothing of the secret
    expect(Object.keys(f).sort()).toEqual(['index', 'kind', 'label', 'ruleId']);
  });

  it('has at least 3 examples per kind', () => {
    const counts = new Map<SecretKind, number>();
    for (const [k] of positives) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect(counts.size).toBe(14);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(3);
  });
});

describe('findSecrets: negatives', () => {
  it.each(negatives)('does not flag %j', (text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  it('has at least 30 negatives', () => expect(negatives.length).toBeGreaterThanOrEqual(30));
});

describe('findSecrets: combinations', () => {
  it('reports two different secrets in order of position', () => {
    const text = `deploy with ${OPENAI}, then pay with 4111 1111 1111 1111`;
    expect(findSecrets(text).map((f) => f.kind)).toEqual(['openai-key', 'card-number']);
    const swapped = `pay with 4111 1111 1111 1111, then deploy with ${OPENAI}`;
    const found = findSecrets(swapped);
    expect(found.map((f) => f.kind)).toEqual(['card-number', 'openai-key']);
    expect(found[0].index).toBeLessThan(found[1].index);
  });

  it.each([
    ['anthropic-key', ANTHROPIC],
    ['github-token', `token: ${GH_PAT}`],
    ['openai-key', `api_key=${OPENAI}`],
    ['jwt', `access_token=${JWT}`],
    ['url-password', `password in ${url('postgres', 'hunter2')}`],
  ] as Array<[SecretKind, string]>)('reports %s exactly once, without overlapping duplicates', (kind, text) => {
    expect(findSecrets(text).map((f) => f.kind)).toEqual([kind]);
  });

  it('never puts any part of a secret into a finding or its description', () => {
    const text = positives.map(([, t]) => t).join('\n');
    const found = findSecrets(text);
    expect(found.length).toBeGreaterThanOrEqual(positives.length);
    // labels and rule ids are fixed phrases ("a GitHub token"): what is left must hold nothing of a secret
    let said = JSON.stringify(found) + describeSecrets(found);
    for (const f of found) said = said.split(f.label).join('').split(f.ruleId).join('');
    for (const [, , secret] of positives) {
      for (let i = 0; i + 6 <= secret.length; i++) expect(said).not.toContain(secret.slice(i, i + 6));
    }
  });

  it('returns [] for empty text', () => expect(findSecrets('')).toEqual([]));
});

describe('findSecrets: a password stated as a plain word', () => {
  const owners = [
    'my',
    'our',
    'his',
    'her',
    'their',
    'your',
    'its',
    'the wifi',
    'the home wifi',
    'the router',
    "Dana's",
    'my old',
  ];

  it.each(owners)('refuses "%s password is swordfish"', (owner) => {
    const text = `${owner} password is swordfish`;
    expect(findSecrets(text)).toEqual([
      { kind: 'password', label: 'a password stated in prose', ruleId: 'password', index: text.indexOf('swordfish') },
    ]);
  });

  it.each(['was', 'is:', 'is ='])('refuses "my password %s swordfish"', (connector) => {
    expect(findSecrets(`my password ${connector} swordfish`).map((f) => f.kind)).toEqual(['password']);
  });

  // [word, why it is not a password]
  it.each([
    ['outdated', '-ed'],
    ['compromised', '-ed'],
    ['leaked', '-ed'],
    ['changing', '-ing'],
    ['expiring', '-ing'],
    ['terrible', '-ble'],
    ['guessable', '-ble'],
    ['expensive', '-ive'],
    ['useful', '-ful'],
    ['dangerous', '-ous'],
    ['personal', '-al'],
    ['usually', '-ly'],
    ['secure', '-ure'],
    ['insecure', '-ure'],
    ['pointless', '-less'],
    ['strong', 'stop word'],
    ['weak', 'stop word'],
    ['required', 'stop word'],
    ['not', 'stop word'],
    ['temporary', 'listed'],
    ['shorter', 'listed'],
    ['stolen', 'listed'],
    ['somewhere', 'listed'],
    ['mine', 'listed'],
    ['case-sensitive', 'stop word'],
    ['well-known', 'listed after a hyphen'],
    ['kept', 'listed'],
    ['yet', 'listed'],
    ["Okta's", 'says whose, not what'],
  ])('does not flag "my password is %s" (%s)', (word) => {
    expect(findSecrets(`my password is ${word}`)).toEqual([]);
    expect(findSecrets(`the wifi password is ${word}`)).toEqual([]);
  });

  it.each([
    ['fred', 'an -ed ending needs a stem of 3 letters'],
    ['opal', 'an -al ending needs a stem of 3 letters'],
    ['hunter', 'no -er rule'],
    ['forest', 'no -est rule'],
    ['swordfish', 'no -ish rule'],
  ])('still refuses "my password is %s" (%s)', (word) => {
    expect(findSecrets(`my password is ${word}`).map((f) => f.kind)).toEqual(['password']);
  });

  it.each([
    'MY PASSWORD IS SWORDFISH',
    'my Wi-Fi password is swordfish',
    "my sister's password is swordfish",
    'my password is swordfish!',
    'notes\nmy password is swordfish',
  ])('refuses %j', (text) => {
    expect(findSecrets(text).map((f) => [f.kind, text.slice(f.index, f.index + 9).toLowerCase()])).toEqual([
      ['password', 'swordfish'],
    ]);
  });

  it.each([
    'a password is swordfish-like', // no owner
    'my password is abc', // shorter than 4
    'the password policy is lenient', // not "password is"
    'I keep my password in 1Password and it is swordfish-proof',
  ])('does not flag %j', (text) => {
    expect(findSecrets(text)).toEqual([]);
  });
});
