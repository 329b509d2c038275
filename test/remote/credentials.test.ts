import { describe, expect, it } from 'vitest';
import {
  type Credential,
  type CredentialSource,
  credentialsFor,
  describeAttempts,
  type PromptRequest,
} from '../../src/store/remote/credentials.js';
import { credentialEnv, credentialRequest } from '../../src/store/remote/gitCredential.js';
import { fakeHelper, pathWithoutGit } from './helpers.js';
import { SmartHttpTransport } from '../../src/store/remote/smartHttp.js';

const URL_ = 'https://git.example.com:8443/team/memory.git';
const FROM_HELPER = { username: 'helper-user', password: 'helper-pass-Qx7' };

describe('credentials come from git credential helper first', () => {
  it("takes the helper's answer, asking with protocol, host and port, and the URL's username", async () => {
    const helper = fakeHelper();
    helper.answer(FROM_HELPER);
    const source = credentialsFor('https://bob@git.example.com:8443/team/memory.git', { env: helper.env });
    expect(await source.next()).toEqual({ ...FROM_HELPER, origin: 'git credential helper' });
    expect(helper.calls()).toEqual(['get']);
    // without credential.useHttpPath, git itself keeps the path from the helper
    expect(helper.input('get')).toEqual({ protocol: 'https', host: 'git.example.com:8443', username: 'bob' });
    expect(source.tried()).toEqual(['git credential helper']);
  });

  it('hands the path to git, which passes it on when credential.useHttpPath asks for it', async () => {
    const helper = fakeHelper();
    helper.set('credential.useHttpPath', 'true');
    helper.answer(FROM_HELPER);
    await credentialsFor(URL_, { env: helper.env }).next();
    expect(helper.input('get')).toEqual({ protocol: 'https', host: 'git.example.com:8443', path: 'team/memory.git' });
  });

  it("tells the helper the server's verdict: approve → store, reject → erase, with git's own answer", async () => {
    const helper = fakeHelper();
    helper.answer({ ...FROM_HELPER, password_expiry_utc: '4102444800' });
    const source = credentialsFor(URL_, { env: helper.env });
    const credential = await source.next();
    await source.accepted(credential);
    expect(helper.calls()).toEqual(['get', 'store']);
    expect(helper.input('store')).toMatchObject({ host: 'git.example.com:8443', ...FROM_HELPER });
    await source.refused(credential);
    expect(helper.calls()).toEqual(['get', 'store', 'erase']);
    expect(helper.input('erase')).toMatchObject(FROM_HELPER);
  });

  it('never tells the helper about a credential it did not give', async () => {
    const helper = fakeHelper();
    const source = credentialsFor(URL_, {
      env: { ...helper.env, MEMOIR_REMOTE_USERNAME: 'ci', MEMOIR_REMOTE_PASSWORD: 'env-pass' },
    });
    const credential = await source.next();
    expect(credential?.origin).toBe('MEMOIR_REMOTE_USERNAME/PASSWORD');
    await source.accepted(credential);
    await source.refused(credential);
    expect(helper.calls()).toEqual(['get']);
  });
});

describe('then the environment, then the prompt', () => {
  it('no helper: MEMOIR_REMOTE_USERNAME/PASSWORD, then MEMOIR_REMOTE_TOKEN, then nothing', async () => {
    const { env } = fakeHelper({ helper: false });
    const source = credentialsFor(URL_, {
      env: { ...env, MEMOIR_REMOTE_USERNAME: 'ci', MEMOIR_REMOTE_PASSWORD: 'env-pass', MEMOIR_REMOTE_TOKEN: 'tok' },
    });
    expect(await source.next()).toEqual({
      username: 'ci',
      password: 'env-pass',
      origin: 'MEMOIR_REMOTE_USERNAME/PASSWORD',
    });
    expect(await source.next()).toEqual({ username: 'x-access-token', password: 'tok', origin: 'MEMOIR_REMOTE_TOKEN' });
    expect(await source.next()).toBeUndefined();
    expect(await source.next()).toBeUndefined();
    expect(source.tried()).toEqual(['MEMOIR_REMOTE_USERNAME/PASSWORD', 'MEMOIR_REMOTE_TOKEN']);
  });

  it.each([
    ['https://git.example.com/memory.git', 'x-access-token'],
    ['https://oauth2@gitlab.example.com/memory.git', 'oauth2'],
  ])('a token for %s goes with the username %s', async (url, username) => {
    const { env } = fakeHelper({ helper: false });
    const source = credentialsFor(url, { env: { ...env, MEMOIR_REMOTE_TOKEN: 'tok' } });
    expect(await source.next()).toEqual({ username, password: 'tok', origin: 'MEMOIR_REMOTE_TOKEN' });
  });

  it('half of a pair, or an empty variable, is not a credential', async () => {
    const { env } = fakeHelper({ helper: false });
    for (const extra of [
      { MEMOIR_REMOTE_USERNAME: 'ci' },
      { MEMOIR_REMOTE_PASSWORD: 'p' },
      { MEMOIR_REMOTE_TOKEN: '' },
      { MEMOIR_REMOTE_USERNAME: '', MEMOIR_REMOTE_PASSWORD: 'p' },
    ]) {
      const source = credentialsFor(URL_, { env: { ...env, ...extra } });
      expect(await source.next()).toBeUndefined();
      expect(source.tried()).toEqual([]);
    }
  });

  it('nothing anywhere: undefined, and nothing tried', async () => {
    const { env } = fakeHelper({ helper: false });
    const source = credentialsFor(URL_, { env });
    expect(await source.next()).toBeUndefined();
    expect(source.tried()).toEqual([]);
  });

  it('git not on the PATH: straight to the environment', async () => {
    const helper = fakeHelper();
    helper.answer(FROM_HELPER);
    const source = credentialsFor(URL_, {
      env: { ...helper.env, PATH: pathWithoutGit(), MEMOIR_REMOTE_TOKEN: 'tok' },
    });
    expect((await source.next())?.origin).toBe('MEMOIR_REMOTE_TOKEN');
    expect(helper.calls()).toEqual([]);
  });

  it('a helper that hangs is passed over after the timeout', async () => {
    const helper = fakeHelper();
    helper.set('credential.helper', '!f() { cat >/dev/null; sleep 5; }; f');
    const source = credentialsFor(URL_, {
      env: { ...helper.env, MEMOIR_REMOTE_TOKEN: 'tok' },
      helperTimeoutMs: 300,
    });
    const started = Date.now();
    expect((await source.next())?.origin).toBe('MEMOIR_REMOTE_TOKEN');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a helper answer without a password is no credential', async () => {
    const helper = fakeHelper();
    helper.set('credential.helper', '!f() { cat >/dev/null; echo username=only; }; f');
    const source = credentialsFor(URL_, { env: helper.env });
    expect(await source.next()).toBeUndefined();
    expect(source.tried()).toEqual([]);
  });

  it('a URL whose path decodes to a line break is never handed to git (it would add attributes)', async () => {
    const helper = fakeHelper();
    helper.answer(FROM_HELPER);
    const source = credentialsFor('https://git.example.com/a%0ahost=evil.example.com/x.git', {
      env: { ...helper.env, MEMOIR_REMOTE_TOKEN: 'tok' },
    });
    expect((await source.next())?.origin).toBe('MEMOIR_REMOTE_TOKEN');
    expect(helper.calls()).toEqual([]);
  });

  it('the prompt comes last, asked for the host (no path) and the username the URL gives', async () => {
    const { env } = fakeHelper({ helper: false });
    const asked: PromptRequest[] = [];
    const prompt = async (request: PromptRequest): Promise<Credential> => {
      asked.push(request);
      return { username: request.username ?? 'typed', password: 'typed-pass' };
    };
    const plain = credentialsFor(URL_, { env: { ...env, MEMOIR_REMOTE_TOKEN: 'tok' }, prompt });
    expect((await plain.next())?.origin).toBe('MEMOIR_REMOTE_TOKEN');
    expect(asked).toEqual([]);
    expect(await plain.next()).toEqual({ username: 'typed', password: 'typed-pass', origin: 'prompt' });
    expect(asked).toEqual([{ url: 'https://git.example.com:8443' }]);
    expect(plain.tried()).toEqual(['MEMOIR_REMOTE_TOKEN', 'prompt']);

    await credentialsFor('http://bob@localhost:3000/m.git', { env, prompt }).next();
    expect(asked[1]).toEqual({ url: 'http://localhost:3000', username: 'bob' });
  });

  it('a cancelled prompt gives nothing and is not counted as tried', async () => {
    const { env } = fakeHelper({ helper: false });
    const source = credentialsFor(URL_, { env, prompt: async () => undefined });
    expect(await source.next()).toBeUndefined();
    expect(source.tried()).toEqual([]);
  });
});

describe('the smart-HTTP transport asks for credentials in order', () => {
  const pkt = (line: string) => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
  // an empty repository's advertisement, as git http-backend sends it
  const ADVERTISEMENT = [
    pkt('# service=git-upload-pack\n'),
    '0000',
    pkt(`${'0'.repeat(40)} capabilities^{}\0agent=x\n`),
    '0000',
  ].join('');

  /** A server in-process that wants one credential: what discover sends, and what it answers. */
  function fakeServer(wanted: Credential) {
    const sent: Array<string | undefined> = [];
    const expected = `Basic ${Buffer.from(`${wanted.username}:${wanted.password}`).toString('base64')}`;
    const http = {
      async request({ headers }: { headers: Record<string, string> }) {
        sent.push(headers.authorization);
        const ok = headers.authorization === expected;
        return {
          url: '',
          method: 'GET',
          statusCode: ok ? 200 : 401,
          statusMessage: ok ? 'OK' : 'Unauthorized',
          headers: { 'content-type': ok ? 'application/x-git-upload-pack-advertisement' : 'text/plain' },
          body: [Buffer.from(ok ? ADVERTISEMENT : 'no')],
        };
      },
    };
    return { http, sent };
  }

  // a transport over a stand-in for isomorphic-git's HTTP client
  const transportOver = (http: unknown, source: CredentialSource) =>
    new SmartHttpTransport(
      URL_,
      'origin',
      'memoir/test',
      source,
      http as ConstructorParameters<typeof SmartHttpTransport>[4],
    );

  it('a refused helper credential is erased, the token is tried next and not stored', async () => {
    const helper = fakeHelper();
    helper.answer(FROM_HELPER);
    const server = fakeServer({ username: 'x-access-token', password: 'tok' });
    const source = credentialsFor(URL_, { env: { ...helper.env, MEMOIR_REMOTE_TOKEN: 'tok' } });
    const refs = await transportOver(server.http, source).listRefs();
    expect(refs.branches.size).toBe(0);
    expect(server.sent).toHaveLength(3);
    expect(server.sent[0]).toBeUndefined();
    expect(helper.calls()).toEqual(['get', 'erase']);
    expect(source.tried()).toEqual(['git credential helper', 'MEMOIR_REMOTE_TOKEN']);
  });

  it("an accepted helper credential is stored back through git's helper", async () => {
    const helper = fakeHelper();
    helper.answer(FROM_HELPER);
    const server = fakeServer(FROM_HELPER);
    await transportOver(server.http, credentialsFor(URL_, { env: helper.env })).listRefs();
    expect(helper.calls()).toEqual(['get', 'store']);
  });

  it('a second request (push after fetch) starts with the credential that worked, asking no one again', async () => {
    const helper = fakeHelper();
    helper.answer(FROM_HELPER);
    const server = fakeServer({ username: 'x-access-token', password: 'tok' });
    let prompted = 0;
    const prompt = async () => {
      prompted++;
      return { username: 'typed', password: 'typed' };
    };
    const source = credentialsFor(URL_, { env: { ...helper.env, MEMOIR_REMOTE_TOKEN: 'tok' }, prompt });
    const transport = transportOver(server.http, source);
    await transport.listRefs();
    await transport.listRefs();
    await transportOver(server.http, source).listRefs();
    const token = `Basic ${Buffer.from('x-access-token:tok').toString('base64')}`;
    // the same transport sends it at once; a new one is refused first, then offered it before anyone else
    expect(server.sent.slice(3)).toEqual([token, undefined, token]);
    expect(helper.calls()).toEqual(['get', 'erase']);
    expect(prompted).toBe(0);
    expect(source.tried()).toEqual(['git credential helper', 'MEMOIR_REMOTE_TOKEN']);
  });

  it('a credential that worked and is refused later is not offered again', async () => {
    const { env } = fakeHelper({ helper: false });
    const source = credentialsFor(URL_, { env: { ...env, MEMOIR_REMOTE_TOKEN: 'tok' } });
    const token = await source.next();
    await source.accepted(token);
    expect(await source.next()).toBe(token);
    await source.refused(token);
    expect(await source.next()).toBeUndefined();
    // refused without being asked for again: not offered either
    const other = credentialsFor(URL_, { env: { ...env, MEMOIR_REMOTE_TOKEN: 'tok' } });
    const again = await other.next();
    await other.accepted(again);
    await other.refused(again);
    expect(await other.next()).toBeUndefined();
  });

  it('when every origin is used up, the error names what was tried', async () => {
    const helper = fakeHelper();
    helper.answer(FROM_HELPER);
    const server = fakeServer({ username: 'someone', password: 'else' });
    const source = credentialsFor(URL_, { env: { ...helper.env, MEMOIR_REMOTE_TOKEN: 'tok' } });
    const error = await transportOver(server.http, source)
      .listRefs()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'remote-auth-failed' });
    expect((error as Error).message).toMatch(/after trying the git credential helper and MEMOIR_REMOTE_TOKEN/);
    expect(server.sent).toHaveLength(3);
    expect(helper.calls()).toEqual(['get', 'erase']);
    expect(source.tried()).toEqual(['git credential helper', 'MEMOIR_REMOTE_TOKEN']);
  });

  it('with no credential at all, it asks once and says none was there to send', async () => {
    const { env } = fakeHelper({ helper: false });
    const server = fakeServer({ username: 'a', password: 'b' });
    const error = await transportOver(server.http, credentialsFor(URL_, { env }))
      .listRefs()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'remote-auth-failed' });
    expect((error as Error).message).toMatch(/with no credentials to send/);
    expect(server.sent).toEqual([undefined]);
  });
});

describe('what the error says was tried', () => {
  it.each([
    [[], 'with no credentials to send'],
    [['MEMOIR_REMOTE_TOKEN'], 'after trying MEMOIR_REMOTE_TOKEN'],
    [
      ['git credential helper', 'MEMOIR_REMOTE_TOKEN'],
      'after trying the git credential helper and MEMOIR_REMOTE_TOKEN',
    ],
    [
      ['git credential helper', 'MEMOIR_REMOTE_USERNAME/PASSWORD', 'prompt'],
      'after trying the git credential helper, MEMOIR_REMOTE_USERNAME/PASSWORD and a prompt',
    ],
  ] as const)('%j', (origins, expected) => {
    expect(describeAttempts(origins)).toBe(expected);
  });
});

describe('what git is given', () => {
  it.each([
    ['https://h.example/r.git', { protocol: 'https', host: 'h.example', path: 'r.git' }],
    ['http://u%40corp@h.example:81/a/b', { protocol: 'http', host: 'h.example:81', path: 'a/b', username: 'u@corp' }],
    ['https://h.example', { protocol: 'https', host: 'h.example' }],
  ])('%s', (url, expected) => {
    expect(Object.fromEntries(credentialRequest(url) ?? [])).toEqual(expected);
  });

  it.each([
    'https://h.example/a%0Ab',
    'https://h.example/a%0Db',
    'https://h.example/a%00b',
    'https://u%0Ahost=x@h.example/r',
    'https://h.example/%E0%A4%A',
    'ssh://h.example/r',
    'not a url',
  ])('refuses %s', (url) => {
    expect(credentialRequest(url)).toBeUndefined();
  });

  it("runs git with the user's config only: no repository, no -c config, no prompt, no askpass", () => {
    const env = credentialEnv({
      PATH: '/bin',
      HOME: '/home/u',
      GIT_DIR: '/project/.git',
      GIT_WORK_TREE: '/project',
      GIT_COMMON_DIR: '/project/.git',
      GIT_CONFIG_PARAMETERS: "'credential.helper'='!x'",
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'credential.helper',
      GIT_CONFIG_VALUE_0: '!x',
      GIT_CONFIG: '/project/config',
      GIT_ASKPASS: '/bin/askpass',
      SSH_ASKPASS: '/bin/askpass',
      GIT_CONFIG_GLOBAL: '/home/u/.gitconfig',
      GIT_CONFIG_NOSYSTEM: '1',
    });
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/u',
      GIT_CONFIG_GLOBAL: '/home/u/.gitconfig',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_DIR: expect.stringContaining('memoir-no-repository'),
      GIT_TERMINAL_PROMPT: '0',
    });
  });
});
