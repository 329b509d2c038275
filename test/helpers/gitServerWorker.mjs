// The loopback smart-HTTP git server of test/helpers/gitServer.ts: a Node `http` server that runs
// `git http-backend` as CGI for every request. It runs in a worker thread so that a test may spawn
// native git or bin/memoir synchronously (spawnSync blocks the test's own event loop, not this one).
// Plain JavaScript: a worker thread loads its file with Node itself, outside vitest's transform.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';

/** @type {{ root: string, backend: string, env: Record<string, string>, auth?: { username: string, password: string }, control: import('node:worker_threads').MessagePort, log: import('node:worker_threads').MessagePort }} */
const { root, backend, env, auth, control, log } = workerData;

/** Armed cuts, by service: the next response of that service longer than the count is cut after it. */
const cuts = new Map();
const children = new Set();

/** Takes the test's `cutNext` calls, synchronously: one made before a spawn is seen by the request it causes. */
function drainControl() {
  for (let m = receiveMessageOnPort(control); m; m = receiveMessageOnPort(control)) {
    cuts.set(m.message.service, m.message.afterBytes);
  }
}

/** The user name when the request carries the configured Basic credentials. */
function authorizedUser(req) {
  if (!auth) return undefined;
  const match = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const ok = decoded.slice(0, colon) === auth.username && decoded.slice(colon + 1) === auth.password;
  return ok ? auth.username : undefined;
}

/** The CGI environment of one request (see `git help http-backend`). */
function cgiEnv(req, url, user) {
  const cgi = {
    ...env,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    REQUEST_METHOD: req.method,
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
  };
  const optional = {
    CONTENT_TYPE: req.headers['content-type'],
    // without it (a chunked body) http-backend reads the body to its end
    CONTENT_LENGTH: req.headers['content-length'],
    // native git gzips large upload-pack requests; http-backend inflates them itself
    HTTP_CONTENT_ENCODING: req.headers['content-encoding'],
    GIT_PROTOCOL: req.headers['git-protocol'],
    REMOTE_USER: user,
    AUTH_TYPE: user ? 'Basic' : undefined,
  };
  for (const [key, value] of Object.entries(optional)) if (typeof value === 'string') cgi[key] = value;
  return cgi;
}

/** Splits a CGI response head into its status and headers. */
function parseHead(head) {
  let status = 200;
  const headers = [];
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers.push(name, value);
  }
  return { status, headers };
}

function serve(req, res) {
  drainControl();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const user = authorizedUser(req);
  const record = (status) =>
    log.postMessage({ method: req.method, path: url.pathname + url.search, status, authorized: user !== undefined });

  if (auth && !user) {
    record(401);
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="memoir-test"', 'Content-Type': 'text/plain' });
    res.end('authentication required\n');
    req.resume();
    return;
  }
  let cgi;
  try {
    cgi = cgiEnv(req, url, user);
  } catch {
    record(400); // a path that is not valid percent-encoding
    res.writeHead(400).end();
    req.resume();
    return;
  }

  const service = /\/(git-upload-pack|git-receive-pack)$/.exec(url.pathname)?.[1];
  const cutAt = req.method === 'POST' && service ? cuts.get(service) : undefined;
  const child = spawn(backend, [], { env: cgi, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  child.on('close', () => children.delete(child));
  // the backend may answer (403, 404) without reading the body: a closed pipe is not an error here
  child.stdin.on('error', () => {});
  req.pipe(child.stdin);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));

  let head = Buffer.alloc(0);
  let headDone = false;
  let sent = 0;
  let cut = false;
  child.stdout.on('data', (data) => {
    let chunk = data;
    if (!headDone) {
      head = Buffer.concat([head, chunk]);
      const end = /\r?\n\r?\n/.exec(head.toString('latin1'));
      if (!end) return;
      headDone = true;
      const { status, headers } = parseHead(head.subarray(0, end.index).toString('utf8'));
      chunk = head.subarray(end.index + end[0].length);
      record(status);
      res.writeHead(status, headers);
    }
    if (cut) return;
    if (cutAt !== undefined && sent + chunk.length > cutAt) {
      // as if the server died mid-transfer: the first `cutAt` bytes reach the client, then the connection ends
      cut = true;
      cuts.delete(service);
      child.kill('SIGKILL');
      res.flushHeaders();
      res.write(chunk.subarray(0, cutAt - sent));
      res.socket?.end();
      return;
    }
    sent += chunk.length;
    if (!res.write(chunk)) {
      child.stdout.pause();
      res.once('drain', () => child.stdout.resume());
    }
  });
  child.on('close', (code) => {
    if (cut) return;
    if (!headDone) {
      record(502);
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`git http-backend exited ${code} without a response\n${stderr}`);
      return;
    }
    res.end();
  });
  res.on('close', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
}

const server = http.createServer(serve);
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
parentPort.on('message', (message) => {
  if (message.type !== 'stop') return;
  for (const child of children) child.kill('SIGKILL');
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
