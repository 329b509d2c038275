import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { afterAll } from 'vitest';
import { tempDir } from './cli.js';

/**
 * A smart-HTTP git server on loopback for the remote tests: `git http-backend` behind a Node `http`
 * server (test/helpers/gitServerWorker.mjs), started and stopped by the tests, nothing external.
 * The server runs in a worker thread, so a test may run native git or bin/memoir with spawnSync
 * against it (an in-process server would deadlock: spawnSync blocks the event loop that serves).
 */

export interface ServedRequest {
  method: string;
  /** Path and query, e.g. `/memory.git/info/refs?service=git-upload-pack`. */
  path: string;
  status: number;
  /** Whether it carried the configured credentials (never the credentials themselves). */
  authorized: boolean;
}

export interface GitServer {
  /** Base URL, e.g. http://127.0.0.1:41234 ; a repository is at `${url}/${name}.git` */
  url: string;
  /** The directory served (GIT_PROJECT_ROOT). */
  root: string;
  /** Creates an empty bare repository `<root>/<name>.git` with receive-pack enabled; returns its URL. `head` sets its HEAD (default `master`, what `git init --bare` makes without configuration: a HEAD that names a missing branch once `main` is pushed). */
  createBare(name: string, options?: { head?: string }): string;
  /** Every request served so far, in order. */
  readonly requests: ServedRequest[];
  /** The next response to a POST to this service longer than `afterBytes` bytes of body is cut off after them (the connection ended), as if the server died mid-transfer. A shorter response (native git's protocol-v2 `ls-refs`) leaves the cut armed. */
  cutNext(service: 'git-upload-pack' | 'git-receive-pack', afterBytes: number): void;
  stop(): Promise<void>;
}

export interface GitServerOptions {
  /** Basic credentials every request must carry; without them (or with others) the answer is 401. */
  auth?: { username: string; password: string };
}

/** Native git for the server and its set-up, isolated from the user's and the system's configuration. */
export function isolatedGitEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

let execPath: string | undefined;
function gitExecPath(): string {
  execPath ??= execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();
  return execPath;
}

// a safety net: a server a test file forgot to stop is stopped when the file ends
const running = new Set<GitServer>();
afterAll(() => Promise.all([...running].map((server) => server.stop())));

export async function startGitServer(options: GitServerOptions = {}): Promise<GitServer> {
  const root = tempDir('memoir-git-server-');
  const env = isolatedGitEnv(root);
  const control = new MessageChannel();
  const log = new MessageChannel();
  const worker = new Worker(new URL('./gitServerWorker.mjs', import.meta.url), {
    workerData: {
      root,
      backend: path.join(gitExecPath(), 'git-http-backend'),
      env,
      auth: options.auth,
      control: control.port2,
      log: log.port2,
    },
    transferList: [control.port2, log.port2],
  });
  worker.unref();
  // rejects if the worker fails before it listens (events.once rejects on 'error')
  const [ready] = (await once(worker, 'message')) as [{ port: number }];
  let failure: unknown;
  worker.on('error', (error) => (failure = error));
  const url = `http://127.0.0.1:${ready.port}`;
  const requests: ServedRequest[] = [];
  const drainRequests = () => {
    for (let m = receiveMessageOnPort(log.port1); m; m = receiveMessageOnPort(log.port1)) requests.push(m.message);
    return requests;
  };

  const server: GitServer = {
    url,
    root,
    createBare(name, { head = 'master' } = {}) {
      const dir = path.join(root, `${name}.git`);
      if (!dir.startsWith(root + path.sep)) throw new Error(`repository name outside the served root: ${name}`);
      execFileSync('git', ['init', '--bare', '--quiet', `--initial-branch=${head}`, dir], { env });
      fs.appendFileSync(path.join(dir, 'config'), '[http]\n\treceivepack = true\n');
      return `${url}/${name}.git`;
    },
    get requests() {
      return drainRequests();
    },
    cutNext(service, afterBytes) {
      control.port1.postMessage({ service, afterBytes });
    },
    async stop() {
      running.delete(server);
      if (worker.threadId >= 0) {
        worker.postMessage({ type: 'stop' });
        await once(worker, 'exit');
      }
      drainRequests(); // what the worker logged before it stopped stays readable
      control.port1.close();
      log.port1.close();
      if (failure) throw failure;
    },
  };
  running.add(server);
  return server;
}

/** A loopback base URL where nothing listens (a port just bound and closed), for "server is down" tests. */
export async function deadUrl(): Promise<string> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}`;
}
