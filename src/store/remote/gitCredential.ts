import * as os from 'node:os';
import * as path from 'node:path';

/*
 * git's credential helpers, asked through `git credential fill|approve|reject`: whatever the
 * user set up for git (a keychain, `store`, Git Credential Manager) answers memoir too. Only the
 * user's own git config may choose the helper: a repository's config (a cloned project's
 * `.git/config`, memoir's `.memoir/config`) is data, and `credential.helper = !cmd` in it would
 * run a command. So git runs outside any repository, with none of the variables that point it at
 * one or add config from the command line, never prompting (memoir prompts itself, in its order).
 */

/** One `key=value` line of git's credential protocol, in the order git wrote it. */
export type CredentialAttributes = Array<[key: string, value: string]>;

export type CredentialAction = 'fill' | 'approve' | 'reject';

/** A helper that hangs (a GUI waiting for a click, a network keychain) must not hang memoir. */
export const HELPER_TIMEOUT_MS = 15_000;
/** More than any credential needs: a helper that floods stdout is not an answer. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The attributes git's protocol takes for a URL: protocol, host (with its port), path and the
 * username the URL names. Undefined when the URL is not HTTP(S) or a value would carry a line
 * break or NUL, which would let the URL write extra attributes (git refuses those URLs too).
 * @example credentialRequest('https://bob@git.example.com:8443/team/memory.git')
 * // [['protocol','https'], ['host','git.example.com:8443'], ['path','team/memory.git'], ['username','bob']]
 */
export function credentialRequest(url: string): CredentialAttributes | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const protocol = parsed.protocol.slice(0, -1);
  if (protocol !== 'http' && protocol !== 'https') return undefined;
  let pathname: string;
  let username: string;
  try {
    pathname = decodeURIComponent(parsed.pathname.replace(/^\/+/, ''));
    username = decodeURIComponent(parsed.username);
  } catch {
    return undefined;
  }
  const attributes: CredentialAttributes = [
    ['protocol', protocol],
    ['host', parsed.host],
  ];
  if (pathname) attributes.push(['path', pathname]);
  if (username) attributes.push(['username', username]);
  return attributes.every(([, value]) => isProtocolValue(value)) ? attributes : undefined;
}

/** A value that stays one attribute on one line of the protocol. */
const isProtocolValue = (value: string) => !/[\n\r\0]/.test(value);

/**
 * git's environment for a credential call: the user's own (HOME, XDG_CONFIG_HOME,
 * GIT_CONFIG_GLOBAL/SYSTEM/NOSYSTEM choose the user's files) without any GIT_* variable that
 * names a repository, adds config or redirects git; GIT_DIR set to a path under the null device,
 * which no one can create, so git looks for no repository (a neutral working directory alone is
 * not enough: the temporary folder or `/` may lie inside one, and a folder in the shared
 * temporary directory could be made a repository by another user); no askpass program, no
 * terminal prompt.
 */
export function credentialEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name === 'SSH_ASKPASS') continue;
    if (/^GIT_/i.test(name) && !USER_GIT_VARIABLES.has(name)) continue;
    kept[name] = value;
  }
  return {
    ...kept,
    GIT_DIR: path.join(os.devNull, 'memoir-no-repository'),
    GIT_TERMINAL_PROMPT: '0',
  };
}

/** GIT_* variables that only choose the user's own config files. */
const USER_GIT_VARIABLES = new Set(['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM']);

/**
 * Runs `git credential <action>` with these attributes on stdin. For `fill`, the attributes git
 * answered with (to be handed back unchanged to approve/reject, as git's docs ask); undefined
 * when git is missing, no helper answered, it failed or timed out. git's stderr is dropped
 * (a helper may write anything there) and nothing here ever throws or prints.
 */
export async function runGitCredential(
  action: CredentialAction,
  attributes: CredentialAttributes,
  env: NodeJS.ProcessEnv,
  timeoutMs = HELPER_TIMEOUT_MS,
): Promise<CredentialAttributes | undefined> {
  if (!attributes.every(([key, value]) => isProtocolValue(key) && !key.includes('=') && isProtocolValue(value)))
    return undefined;
  // loaded only when a remote asks: every other command starts without child_process
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn('git', ['credential', action], {
        cwd: path.parse(os.tmpdir()).root,
        env: credentialEnv(env),
        stdio: ['pipe', 'pipe', 'ignore'],
        timeout: timeoutMs,
        windowsHide: true,
      });
    } catch {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
    });
    // git not on the PATH (ENOENT), or a pipe closed early by a helper that failed
    child.on('error', () => resolve(undefined));
    child.stdin?.on('error', () => undefined);
    child.on('close', (status) => {
      if (status !== 0 || size > MAX_ANSWER_BYTES) return resolve(undefined);
      resolve(parseAttributes(Buffer.concat(chunks).toString('utf8')));
    });
    child.stdin?.end(`${attributes.map(([key, value]) => `${key}=${value}\n`).join('')}\n`);
  });
}

/** git's answer, `key=value` lines up to an empty one; lines without `=` are not protocol. */
function parseAttributes(text: string): CredentialAttributes {
  const attributes: CredentialAttributes = [];
  for (const line of text.split('\n')) {
    if (line === '') break;
    const equals = line.indexOf('=');
    if (equals > 0) attributes.push([line.slice(0, equals), line.slice(equals + 1)]);
  }
  return attributes;
}
