// Sentences for the secret guard's corpus (bench/secrets/generate.mjs). Every third template
// (index % 3 === 2) is held out: the guard is not tuned on the samples made from it.

/** A provider's secret {s}, its description {what} ("GitLab personal access token"), provider {name}, env var {ENV}. */
export const PROVIDER_TEMPLATES = [
  'my {what} is {s}',
  'publish with {s}',
  'the CI uses {s} for deploys',
  '{s}',
  'export {ENV}={s}',
  '{what}: {s}',
  'use {s} when the {name} client asks for credentials',
  'Remember: {s} is the {what} for staging.',
  'I rotated our {what} yesterday, the new one is {s}',
  'set {ENV} to {s} in the .env file',
  'the deploy script reads "{s}" from the vault',
  '{name} creds for prod = {s}',
  'paste {s} into the settings page',
  'Note to self - {s} ({name})',
  'the old {what} ({s}) still works, revoke it',
  'ask Dana for access; meanwhile use {s}',
  "{ENV}: '{s}'",
  'the integration test fails unless {s} is in the keychain',
];

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const str = (rand, alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const b64 = (s) => Buffer.from(s).toString('base64');
const b64url = (s) => Buffer.from(s).toString('base64url');
const WORDS = ['Kestrel', 'marmalade', 'Tangerine', 'bluebird', 'Quokka', 'harbor', 'Juniper', 'sparrow', 'Orchid', 'pumpkin'];
const SITES = ['bank', 'email', 'VPN', 'router', 'Netflix', 'work laptop', 'staging db', 'wifi', 'NAS', 'jira'];
const USERS = ['bob', 'dana', 'admin', 'deploy', 'mia.k', 'root'];

function password(rand, pick) {
  switch (int(rand, 0, 2)) {
    case 0: return `${pick(WORDS)}${int(rand, 10, 9999)}${pick(['!', '#', '$', '&', '?', ''])}`;
    case 1: return str(rand, ALNUM + '!@#$%&*', int(rand, 10, 16));
    default: return `${pick(WORDS).toLowerCase()}-${pick(WORDS).toLowerCase()}-${int(rand, 10, 99)}`;
  }
}

/** A card number of a real issuer's prefix and length with a valid Luhn digit, grouped as printed. */
function card(rand) {
  const [prefix, length, groups] = [['4', 16, [4, 4, 4, 4]], ['51', 16, [4, 4, 4, 4]], ['55', 16, [4, 4, 4, 4]], ['37', 15, [4, 6, 5]], ['6011', 16, [4, 4, 4, 4]]][int(rand, 0, 4)];
  let digits = prefix + str(rand, '0123456789', length - prefix.length - 1);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0 && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  digits += String((10 - (sum % 10)) % 10);
  const sep = [' ', '-', ''][int(rand, 0, 2)];
  let at = 0;
  return groups.map((g) => digits.slice(at, (at += g))).join(sep);
}

function jwt(rand) {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: String(int(rand, 1000, 99999)), iat: int(rand, 1700000000, 1790000000) }));
  return `${header}.${payload}.${str(rand, ALNUM + '-_', 43)}`;
}

/** memoir's own kinds of secret: each with its sentences, the values to fill them with, and which value is the secret. */
export const MEMOIR_KINDS = [
  { family: 'prose-password', secret: (v) => v.p, values: (rand, pick) => ({ p: password(rand, pick), site: pick(SITES), user: pick(USERS) }), templates: [
    'my {site} password is {p}', 'I use {p} as my password', 'the wifi password? it\'s {p}',
    'login: {user} / pw: {p}', '{site} password: {p}', 'changed the {site} password to {p} today',
    '{p} is my {site} password', 'password for the {site} is {p}', 'the {site} password is {p}, don\'t share it',
    'Our {site} password = {p}', 'I picked {p} for my {site} password', 'note: {user} password "{p}"'] },
  { family: 'pin', secret: (v) => v.pin, values: (rand, pick) => ({ pin: String(int(rand, 0, 9999)).padStart(4, '0'), user: pick(USERS) }), templates: [
    'my bank PIN is {pin}', 'PIN: {pin}', 'the pin code for the debit card is {pin}',
    '{user}\'s phone PIN was {pin}', 'garage door PIN = {pin}', 'SIM pin number: {pin}'] },
  { family: 'card-number', secret: (v) => v.card, values: (rand) => ({ card: card(rand), exp: `${String(int(rand, 1, 12)).padStart(2, '0')}/${int(rand, 26, 31)}` }), templates: [
    'my card is {card}', 'Visa {card} exp {exp}', 'pay the invoice with {card}',
    'card number: {card}', 'company card {card}, CVV on file', 'the old card {card} was cancelled'] },
  { family: 'url-password', secret: (v) => v.p, values: (rand, pick) => ({ p: password(rand, pick).replace(/[@/#?:]/g, ''), user: pick(USERS) }), templates: [
    'DATABASE_URL=postgres://{user}:{p}@db.internal:5432/app', 'connect to mongodb+srv://{user}:{p}@cluster0.example.net/db', 'the cache is redis://:{p}@cache:6379',
    'mirror at https://{user}:{p}@git.example.com/repo.git', 'amqp://{user}:{p}@mq.local is the broker', 'ftp://{user}:{p}@files.example.org/uploads'] },
  { family: 'base64-key', secret: (v) => v.b, values: (rand, pick, secrets) => ({ b: b64(pick(secrets).secret) }), templates: [
    'the key, base64-encoded: {b}', 'k8s secret data.token is {b}', '{b}',
    'echo {b} | base64 -d gives the token', 'stored as base64 {b} in the config', 'GH_TOKEN_B64={b}'] },
  { family: 'split-key', secret: (v) => `${v.a} ${v.b}`, values: (rand, pick, secrets) => {
    const { secret, prefix } = pick(secrets.filter((s) => s.secret.length >= prefix_min(s)));
    const cut = int(rand, prefix.length + 2, Math.max(prefix.length + 2, secret.length - 6));
    return { a: secret.slice(0, cut), b: secret.slice(cut) };
  }, templates: [
    'the token is {a} {b}', '{a} {b}', 'token in two halves: {a} {b}',
    'first half {a}, second half {b}', 'publish with {a} {b}', 'key: {a} {b} (split to dodge the scanner)'] },
  { family: 'aws-secret-key', secret: (v) => v.s, values: (rand) => ({ s: str(rand, ALNUM + '/+', 40) }), templates: [
    'aws secret key {s}', 'AWS secret: {s}', 'my aws secret access key {s}',
    'the secret access key for the aws account is {s}', 'aws_secret_access_key {s}', 'prod AWS creds - secret {s}'] },
  { family: 'jwt', secret: (v) => v.t, values: (rand) => ({ t: jwt(rand) }), templates: [
    'session cookie {t}', 'Authorization: Bearer {t}', 'the id token was {t}'] },
  { family: 'private-key', secret: (v) => v.k, values: (rand) => ({ k: str(rand, ALNUM + '+/', 64) }), templates: [
    'deploy key:\n-----BEGIN OPENSSH PRIVATE KEY-----\n{k}\n-----END OPENSSH PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----\n{k}', 'the signing key -----BEGIN EC PRIVATE KEY----- {k} -----END EC PRIVATE KEY-----'] },
];

function prefix_min(s) {
  return s.prefix.length + 8;
}

const sha = (rand, n) => str(rand, HEX, n);
const uuid = (rand) => `${sha(rand, 8)}-${sha(rand, 4)}-4${sha(rand, 3)}-${'89ab'[int(rand, 0, 3)]}${sha(rand, 3)}-${sha(rand, 12)}`;
const semver = (rand) => `${int(rand, 0, 20)}.${int(rand, 0, 40)}.${int(rand, 0, 30)}`;

/** Look-alikes: things in work memory that resemble secrets and must pass. */
export const LOOKALIKE_TEMPLATES = [
  (r) => `commit ${sha(r, 40)} broke the build`,
  (r) => `fixed in ${sha(r, 7)}, released the same day`,
  (r) => `reverted ${sha(r, 40)} after the outage`,
  (r) => `cherry-pick ${sha(r, 40)} onto release/2.x`,
  (r) => `HEAD is at ${sha(r, 12)} on main`,
  (r) => `the merge base is ${sha(r, 40)}`,
  (r) => `image digest sha256:${sha(r, 64)}`,
  (r) => `the tarball's sha256 is ${sha(r, 64)}`,
  (r) => `checksum ${sha(r, 64)} matches the release page`,
  (r) => `md5 of the dump: ${sha(r, 32)}`,
  (r) => `pulled nginx@sha256:${sha(r, 64)} for the proxy`,
  (r) => `${sha(r, 40)}`,
  (r) => `request id ${uuid(r)} timed out`,
  (r) => `trace ${uuid(r)} shows the retry storm`,
  (r) => `tenant ${uuid(r)} is the staging one`,
  (r) => `${uuid(r)}`,
  (r) => `the project UUID is ${uuid(r)}`,
  (r) => `deployed at ${int(r, 1600000000, 1800000000)}`,
  (r) => `epoch ms ${int(r, 1600000000, 1800000000)}${int(r, 100, 999)}`,
  (r) => `the cron last ran at ${int(r, 1600000000, 1800000000)} (UTC)`,
  (r) => `upgraded lodash to ${semver(r)}`,
  (r) => `node v${semver(r)} is required`,
  (r) => `pinned react@${semver(r)}-rc.${int(r, 1, 9)}`,
  (r) => `release ${semver(r)}+build.${int(r, 100, 9999)} went out`,
  () => 'AKIAXXXXXXXXXXXXXXXX',
  () => 'export AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX',
  () => `the README says ghp_${'x'.repeat(36)}`,
  () => 'sk-...your-key-here',
  () => 'OPENAI_API_KEY=sk-your-key-here',
  () => 'token: <your-token>',
  () => 'api_key=${API_KEY}',
  () => `set GITHUB_TOKEN=ghp_${'x'.repeat(36)} in CI`,
  () => 'password: ********',
  () => 'SLACK_BOT_TOKEN=xoxb-your-bot-token',
  () => `sk_live_${'x'.repeat(24)}`,
  () => 'glpat-xxxxxxxxxxxxxxxxxxxx is what the docs show',
  () => 'I reset my password yesterday',
  () => 'passwords must be at least 12 characters',
  () => 'my password manager is 1Password',
  () => 'the wifi password is on the fridge',
  () => 'never paste your password into chat',
  () => 'we rotate API keys every 90 days',
  () => 'the API key is in the vault, ask Dana',
  () => 'use a token bucket for the rate limiter',
  () => 'max_tokens: 4096',
  () => 'PIN entry is disabled on the kiosks',
  (r) => `see https://github.com/acme/api/pull/${int(r, 100, 9999)}`,
  () => 'the guard lives in src/core/secrets/randomTokens.ts',
  () => 'pin eslint-plugin-react-hooks@4.6.0',
  (r) => `the pod api-${sha(r, 10)}-${str(r, 'bcdfghjklmnpqrstvwxz2456789', 5)} keeps restarting`,
  (r) => `role arn:aws:iam::${int(r, 100000000000, 999999999999)}:role/DeployRole`,
  () => 'server 2001:db8:85a3::8a2e:370:7334 is IPv6 only',
  () => 'the meeting moved to 2026-11-21T13:05:00Z',
  () => 'mail dana.kowalski@example.com about the invoice',
  () => 'call getUserAccountSettingsById before rendering',
  () => 'the error was ERR_PACKAGE_PATH_NOT_EXPORTED',
  (r) => `backups go to s3://acme-backups/${int(r, 2020, 2026)}/db/`,
  () => 'build with rust 1.79 for x86_64-unknown-linux-gnu',
  (r) => `order #${int(r, 1000000, 9999999)} shipped`,
  () => 'the private key lives in ~/.ssh/id_ed25519',
];
