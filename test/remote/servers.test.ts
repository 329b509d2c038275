import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testEnv } from '../helpers/cli.js';
import { deadUrl, type GitServer, startGitServer } from '../helpers/gitServer.js';
import { sshShim } from '../helpers/sshShim.js';

// The test git servers (HTTP through `git http-backend`, SSH through a GIT_SSH_COMMAND shim), proven
// with native git only, so the remote tests of memoir's own client stand on a known-good server.

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const home = tempDir();
const env = (extra: Record<string, string> = {}) =>
  testEnv(home, {
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Server Test',
    GIT_AUTHOR_EMAIL: 'server@example.com',
    GIT_COMMITTER_NAME: 'Server Test',
    GIT_COMMITTER_EMAIL: 'server@example.com',
    ...extra,
  });

/** Native git, asynchronously (the shape memoir's in-process client has: the test's event loop stays free). */
function git(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd: options.cwd ?? home, env: env(options.env) }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error.code as number | undefined) ?? -1) : 0, stdout, stderr }),
    );
  });
}

async function ok(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
  const run = await git(args, options);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.trim();
}

/** Commits `file` with `content` in the working clone `dir` and pushes it to its origin's main. */
async function commitAndPush(
  dir: string,
  file: string,
  content: string | Buffer,
  pushEnv: Record<string, string> = {},
): Promise<string> {
  fs.writeFileSync(path.join(dir, file), content);
  await ok(['add', file], { cwd: dir });
  await ok(['commit', '-q', '-m', `add ${file}`], { cwd: dir });
  await ok(['push', '-q', 'origin', 'HEAD:refs/heads/main'], { cwd: dir, env: pushEnv });
  return ok(['rev-parse', 'HEAD'], { cwd: dir });
}

describe('the smart-HTTP server', () => {
  let server: GitServer;
  beforeAll(async () => {
    server = await startGitServer();
  });
  afterAll(() => server.stop());

  it('serves an empty repository to clone, takes a push, and a second clone sees the file', async () => {
    const url = server.createBare('memory');
    const first = path.join(tempDir(), 'first');
    await ok(['clone', '-q', url, first]);
    const pushed = await commitAndPush(first, 'fact.txt', 'the sky is blue\n');

    expect(await ok(['--git-dir', path.join(server.root, 'memory.git'), 'rev-parse', 'main'])).toBe(pushed);
    const second = path.join(tempDir(), 'second');
    await ok(['clone', '-q', '--branch', 'main', url, second]);
    expect(fs.readFileSync(path.join(second, 'fact.txt'), 'utf8')).toBe('the sky is blue\n');

    const pushes = server.requests.filter((r) => r.path === '/memory.git/git-receive-pack');
    expect(pushes).toEqual([{ method: 'POST', path: '/memory.git/git-receive-pack', status: 200, authorized: false }]);
    expect(server.requests).toContainEqual({
      method: 'GET',
      path: '/memory.git/info/refs?service=git-upload-pack',
      status: 200,
      authorized: false,
    });
  });

  it('makes bare repositories whose HEAD names master by default, or the branch asked for', async () => {
    server.createBare('plain');
    server.createBare('nested/named', { head: 'trunk' });
    const head = (name: string) => ok(['--git-dir', path.join(server.root, `${name}.git`), 'symbolic-ref', 'HEAD']);
    expect(await head('plain')).toBe('refs/heads/master');
    expect(await head('nested/named')).toBe('refs/heads/trunk');
    expect(await ok(['ls-remote', '--symref', `${server.url}/nested/named.git`, 'HEAD'])).toBe('');
    expect(() => server.createBare('../escape')).toThrow();
  });

  it('answers native git spawned synchronously (it runs in a worker thread)', async () => {
    const url = server.createBare('sync');
    const result = spawnSync('git', ['ls-remote', url], { env: env(), encoding: 'utf8', timeout: 10_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(server.requests.at(-1)?.path).toMatch(/^\/sync\.git\//);
  });

  it('answers 404 for a repository that does not exist', async () => {
    const run = await git(['ls-remote', `${server.url}/missing.git`]);
    expect(run.code).not.toBe(0);
    expect(server.requests.at(-1)).toMatchObject({
      path: '/missing.git/info/refs?service=git-upload-pack',
      status: 404,
    });
  });

  describe('cutNext', () => {
    // one repository for the cuts: a writer that pushes, a reader that fetches
    let url: string;
    let writer: string;
    let reader: string;
    beforeAll(async () => {
      url = server.createBare('cut');
      writer = path.join(tempDir(), 'writer');
      await ok(['clone', '-q', url, writer]);
      await commitAndPush(writer, 'first.txt', 'one\n');
      reader = path.join(tempDir(), 'reader');
      await ok(['clone', '-q', '--branch', 'main', url, reader]);
    });

    for (const version of [0, 2]) {
      it(`a fetch cut mid-pack fails and leaves the clone's refs unchanged (protocol v${version})`, async () => {
        const before = await ok(['rev-parse', 'origin/main'], { cwd: reader });
        // an incompressible file, so the pack is far longer than the cut
        // pushed as a chunked request (no Content-Length): a post buffer smaller than the pack
        const chunked = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.postBuffer', GIT_CONFIG_VALUE_0: '4096' };
        const after = await commitAndPush(writer, `noise-v${version}.bin`, randomBytes(64 * 1024), chunked);

        server.cutNext('git-upload-pack', 1000);
        const fetch = ['-c', `protocol.version=${version}`, 'fetch', 'origin'];
        const failed = await git(fetch, { cwd: reader });
        expect(failed.code).not.toBe(0);
        expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/cut.git/git-upload-pack' });
        expect(await ok(['rev-parse', 'origin/main'], { cwd: reader })).toBe(before);
        await ok(['fsck', '--strict'], { cwd: reader });

        // the cut was for one response only
        await ok(fetch, { cwd: reader });
        expect(await ok(['rev-parse', 'origin/main'], { cwd: reader })).toBe(after);
      });
    }

    it('a push whose answer is cut fails', async () => {
      fs.writeFileSync(path.join(writer, 'second.txt'), 'two\n');
      await ok(['add', 'second.txt'], { cwd: writer });
      await ok(['commit', '-q', '-m', 'second'], { cwd: writer });

      server.cutNext('git-receive-pack', 0);
      expect((await git(['push', 'origin', 'HEAD:refs/heads/main'], { cwd: writer })).code).not.toBe(0);
      expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/cut.git/git-receive-pack' });
    });

    it('takes a gzipped request body, as native git sends a long negotiation', async () => {
      const response = await fetch(`${url}/git-upload-pack`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-git-upload-pack-request',
          'Content-Encoding': 'gzip',
          'Git-Protocol': 'version=2',
        },
        body: gzipSync('0014command=ls-refs\n0000'),
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/^[0-9a-f]{4}[0-9a-f]{40} refs\/heads\/main\n/);
    });

    it('the response ends after exactly afterBytes bytes of body', async () => {
      server.cutNext('git-upload-pack', 20);
      const response = await fetch(`${url}/git-upload-pack`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-git-upload-pack-request', 'Git-Protocol': 'version=2' },
        body: '0014command=ls-refs\n0000',
      });
      expect(response.status).toBe(200);
      const body = response.body!.getReader();
      let received = 0;
      await expect(
        (async () => {
          for (;;) {
            const { done, value } = await body.read();
            if (done) return;
            received += value.length;
          }
        })(),
      ).rejects.toThrow();
      expect(received).toBe(20);
    });
  });
});

describe('the smart-HTTP server with Basic auth', () => {
  const auth = { username: 'agent', password: 'pa55-word-never-logged' };
  let server: GitServer;
  beforeAll(async () => {
    server = await startGitServer({ auth });
  });
  afterAll(() => server.stop());

  it('answers 401 with a Basic challenge without credentials, and native git fails without prompting', async () => {
    const url = server.createBare('private');
    const response = await fetch(`${url}/info/refs?service=git-upload-pack`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="memoir-test"');

    const run = await git(['ls-remote', url]);
    expect(run.code).not.toBe(0);
    expect(server.requests.at(-1)).toMatchObject({ status: 401, authorized: false });
  });

  it('refuses wrong credentials, and clones and pushes with the right ones', async () => {
    const url = server.createBare('shared');
    const withCredentials = (user: string, password: string) => url.replace('http://', `http://${user}:${password}@`);
    expect((await git(['ls-remote', withCredentials('agent', 'wrong')])).code).not.toBe(0);
    expect(server.requests.at(-1)).toMatchObject({ status: 401, authorized: false });

    const dir = path.join(tempDir(), 'clone');
    await ok(['clone', '-q', withCredentials(auth.username, auth.password), dir]);
    const pushed = await commitAndPush(dir, 'fact.txt', 'shared fact\n');
    expect(await ok(['--git-dir', path.join(server.root, 'shared.git'), 'rev-parse', 'main'])).toBe(pushed);
    expect(server.requests).toContainEqual({
      method: 'POST',
      path: '/shared.git/git-receive-pack',
      status: 200,
      authorized: true,
    });
    expect(JSON.stringify(server.requests)).not.toContain(auth.password);
  });
});

it('deadUrl: native git fails fast where nothing listens', async () => {
  const started = Date.now();
  const run = await git(['ls-remote', `${await deadUrl()}/memory.git`]);
  expect(run.code).not.toBe(0);
  expect(Date.now() - started).toBeLessThan(2000);
});

describe('the SSH shim', () => {
  it('clones and pushes through GIT_SSH_COMMAND against a local bare repository, and logs each call', async () => {
    const dir = tempDir();
    const bare = path.join(dir, 'remote.git');
    await ok(['init', '-q', '--bare', bare]);
    const shim = sshShim(dir);

    const first = path.join(dir, 'first');
    await ok(['clone', '-q', `git@example.com:${bare}`, first], { env: shim.env });
    // ssh:// with a port: the options git passes before the host are ignored
    await ok(['remote', 'set-url', 'origin', `ssh://git@example.com:2222${bare}`], { cwd: first });
    const pushed = await commitAndPush(first, 'fact.txt', 'over ssh\n', shim.env);
    const second = path.join(dir, 'second');
    await ok(['clone', '-q', '--branch', 'main', `git@example.com:${bare}`, second], { env: shim.env });
    expect(await ok(['rev-parse', 'HEAD'], { cwd: second })).toBe(pushed);

    expect(fs.readFileSync(shim.log, 'utf8').trim().split('\n')).toEqual([
      `git@example.com git-upload-pack '${bare}'`,
      `git@example.com git-receive-pack '${bare}'`,
      `git@example.com git-upload-pack '${bare}'`,
    ]);
  });

  it('passes GIT_PROTOCOL through (protocol v2 is spoken), and answers the variant probe when GIT_SSH_VARIANT is unset', async () => {
    const dir = tempDir();
    const bare = path.join(dir, 'remote.git');
    await ok(['init', '-q', '--bare', bare]);
    const shim = sshShim(dir);

    const traced = await git(['-c', 'protocol.version=2', 'ls-remote', `git@example.com:${bare}`], {
      env: { ...shim.env, GIT_TRACE_PACKET: '1' },
    });
    expect(traced.code, traced.stderr).toBe(0);
    expect(traced.stderr).toMatch(/ls-remote< version 2/);

    await ok(['ls-remote', `git@example.com:${bare}`], { env: { GIT_SSH_COMMAND: shim.command } });
    expect(fs.readFileSync(shim.log, 'utf8').trim().split('\n')).toEqual([
      `git@example.com git-upload-pack '${bare}'`,
      `git@example.com git-upload-pack '${bare}'`,
    ]);
  });
});
