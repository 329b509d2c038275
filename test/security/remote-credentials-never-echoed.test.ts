import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { promptCredentials } from '../../src/io/promptCredentials.js';
import { tempDir } from '../helpers/cli.js';
import { fakeHelper, runCredentialScenario } from '../remote/helpers.js';

/*
 * A credential is sent to the server and to nobody else: not to stdout or stderr (memoir's, git's
 * or a chatty helper's), not into the error a refused login ends with, not onto the terminal
 * while it is typed. Each one here is recognisable, and really sent, so its absence means something.
 */

const HELPER_PASSWORD = 'helperPw-7Kq2ZxR9vB';
const ENV_PASSWORD = 'envPw-Lm4Tq8Wc1Ds';
const TOKEN = 'tokenVal-Hy6Np3Jd0Fe';

/** Every form a password could leak in: itself, in a Basic header, percent-encoded in a URL. */
const leakedForms = (username: string, password: string) => [
  password,
  Buffer.from(`${username}:${password}`).toString('base64'),
  Buffer.from(password).toString('base64'),
  encodeURIComponent(password),
];

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A loopback server that refuses every login, and keeps the Authorization headers it got. */
async function refusingServer(): Promise<{ url: string; authorizations: Array<string | undefined> }> {
  const authorizations: Array<string | undefined> = [];
  server = http.createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    response.writeHead(401, { 'www-authenticate': 'Basic realm="memoir"', 'content-type': 'text/plain' });
    response.end('denied\n');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/team/notes.git`, authorizations };
}

describe('remote credentials are never echoed', () => {
  it('a login refused with every origin shows no password, in any form, on stdout, stderr or in the error', async () => {
    const helper = fakeHelper();
    helper.answer({ username: 'helper-user', password: HELPER_PASSWORD });
    // a helper that also talks on stderr, as some do in a debug mode
    helper.set(
      'credential.helper',
      `!f() { cat >/dev/null; echo "$1" >> '${helper.dir}/log'; echo "helper: password=${HELPER_PASSWORD}" >&2; if [ "$1" = get ]; then cat '${helper.dir}/answer'; fi; }; f`,
    );
    const { url, authorizations } = await refusingServer();

    const run = await runCredentialScenario({
      cwd: tempDir(),
      url,
      discover: true,
      env: {
        ...helper.env,
        MEMOIR_REMOTE_USERNAME: 'ci',
        MEMOIR_REMOTE_PASSWORD: ENV_PASSWORD,
        MEMOIR_REMOTE_TOKEN: TOKEN,
        GIT_TRACE: '1',
        GIT_TRACE_SETUP: '1',
        GIT_CURL_VERBOSE: '1',
      },
    });

    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      code: 'remote-auth-failed',
      origins: ['git credential helper', 'MEMOIR_REMOTE_USERNAME/PASSWORD', 'MEMOIR_REMOTE_TOKEN'],
    });
    // each was really sent, once, to the server
    const basic = (username: string, password: string) =>
      `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    expect(authorizations).toEqual([
      undefined,
      basic('helper-user', HELPER_PASSWORD),
      basic('ci', ENV_PASSWORD),
      basic('x-access-token', TOKEN),
    ]);
    expect(helper.calls()).toEqual(['get', 'erase']);
    const everything = run.stdout + run.stderr;
    expect(run.stderr).toContain('remote-auth-failed');
    for (const form of [
      ...leakedForms('helper-user', HELPER_PASSWORD),
      ...leakedForms('ci', ENV_PASSWORD),
      ...leakedForms('x-access-token', TOKEN),
    ])
      expect(everything).not.toContain(form);
  });

  it('what a helper writes on its stderr stays there, however it fails', async () => {
    const helper = fakeHelper();
    helper.set('credential.helper', `!f() { cat >/dev/null; echo "oops ${HELPER_PASSWORD}" >&2; exit 1; }; f`);
    const run = await runCredentialScenario({
      cwd: tempDir(),
      url: 'https://git.example.com/notes.git',
      env: { ...helper.env, MEMOIR_REMOTE_TOKEN: TOKEN },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ origins: ['MEMOIR_REMOTE_TOKEN'] });
    expect(run.stdout + run.stderr).not.toContain(HELPER_PASSWORD);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('a password typed at the prompt is not shown on the terminal', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    setImmediate(() => input.write(`alice\r${ENV_PASSWORD}\r`));
    const credential = await promptCredentials(input, output)({ url: 'https://git.example.com' });
    expect(credential).toEqual({ username: 'alice', password: ENV_PASSWORD });
    expect(shown).toContain('Password for https://alice@git.example.com: ');
    for (const form of leakedForms('alice', ENV_PASSWORD)) expect(shown).not.toContain(form);
  });
});
