import { type CredentialAttributes, credentialRequest, runGitCredential } from './gitCredential.js';

/*
 * Where the credentials for an HTTP remote come from, in order: git's credential helper (what the
 * user already set up for git), MEMOIR_REMOTE_USERNAME + MEMOIR_REMOTE_PASSWORD, MEMOIR_REMOTE_TOKEN
 * (for CI: sent as the password, with the URL's username or `x-access-token`), and a prompt in a
 * terminal. Each origin is offered once; a refused credential moves on to the next. memoir never
 * writes a credential anywhere nor shows one: only the names of the origins tried leave here.
 */

export interface Credential {
  username: string;
  password: string;
}

export type CredentialOrigin =
  | 'git credential helper'
  | 'MEMOIR_REMOTE_USERNAME/PASSWORD'
  | 'MEMOIR_REMOTE_TOKEN'
  | 'prompt';

export type OfferedCredential = Credential & { origin: CredentialOrigin };

/** What a prompt is asked for: where (`https://host[:port]`, no path) and the URL's username if it has one. */
export interface PromptRequest {
  url: string;
  username?: string;
}

/** Asks a person; undefined when they cancel or give nothing. */
export type Prompt = (request: PromptRequest) => Promise<Credential | undefined>;

export interface CredentialSource {
  /**
   * The next credential to try for the URL, or undefined when every origin is used up. After one
   * was accepted, that one comes first again (a push asks the server twice: fetch, then push).
   */
  next(): Promise<OfferedCredential | undefined>;
  /** The server accepted it: git's helper is told (`git credential approve`) when it came from there. */
  accepted(credential: OfferedCredential | undefined): Promise<void>;
  /** The server refused it: git's helper is told (`git credential reject`) when it came from there. */
  refused(credential: OfferedCredential | undefined): Promise<void>;
  /**
   * The origins whose credential was handed out so far, in order: for the error "…: 401 after
   * trying the git credential helper and MEMOIR_REMOTE_TOKEN" (empty: nothing was sent, so the
   * hint is to set one up). An origin with nothing to give (no helper answered, a variable
   * unset, a prompt cancelled) is not listed. Never values.
   */
  tried(): CredentialOrigin[];
}

export interface CredentialOptions {
  env: NodeJS.ProcessEnv;
  /** Absent in scripts and under MCP: there is nobody to ask. */
  prompt?: Prompt;
  /** How long git's helper may take to answer (default HELPER_TIMEOUT_MS); then it is passed over. */
  helperTimeoutMs?: number;
}

/** The username GitHub (and Gitea) take with a token; GitLab and Bitbucket accept any. */
export const TOKEN_USERNAME = 'x-access-token';

/** The credentials for one URL, asked for lazily, one origin at a time. */
export function credentialsFor(url: string, options: CredentialOptions): CredentialSource {
  const { env } = options;
  const set = (name: string) => (env[name] ? env[name] : undefined);
  const request = credentialRequest(url);
  const urlUsername = request?.find(([key]) => key === 'username')?.[1];
  const tried: CredentialOrigin[] = [];
  // git's whole answer for each credential it gave, handed back on approve/reject
  const helperAnswers = new WeakMap<OfferedCredential, CredentialAttributes>();

  const origins: Array<() => Promise<OfferedCredential | undefined>> = [
    async () => {
      // a URL git's protocol cannot carry (a line break in it) is never handed to git
      if (!request) return undefined;
      const answer = await runGitCredential('fill', request, env, options.helperTimeoutMs);
      if (answer === undefined) return undefined;
      const value = (key: string) => answer.find(([name]) => name === key)?.[1];
      const password = value('password');
      if (password === undefined) return undefined;
      tried.push('git credential helper');
      const offered: OfferedCredential = {
        username: value('username') ?? urlUsername ?? '',
        password,
        origin: 'git credential helper',
      };
      helperAnswers.set(offered, answer);
      return offered;
    },
    async () => {
      const username = set('MEMOIR_REMOTE_USERNAME');
      const password = set('MEMOIR_REMOTE_PASSWORD');
      if (!username || !password) return undefined;
      tried.push('MEMOIR_REMOTE_USERNAME/PASSWORD');
      return { username, password, origin: 'MEMOIR_REMOTE_USERNAME/PASSWORD' };
    },
    async () => {
      const token = set('MEMOIR_REMOTE_TOKEN');
      if (!token) return undefined;
      tried.push('MEMOIR_REMOTE_TOKEN');
      return { username: urlUsername ?? TOKEN_USERNAME, password: token, origin: 'MEMOIR_REMOTE_TOKEN' };
    },
    async () => {
      const where = promptUrl(url);
      if (!options.prompt || !where) return undefined;
      const given = await options.prompt({ url: where, ...(urlUsername ? { username: urlUsername } : {}) });
      if (!given) return undefined;
      tried.push('prompt');
      return { username: given.username, password: given.password, origin: 'prompt' };
    },
  ];

  let nextOrigin = 0;
  // the credential the server accepted last, offered again before any new origin
  let working: OfferedCredential | undefined;
  const tellHelper = async (action: 'approve' | 'reject', credential: OfferedCredential | undefined) => {
    const answer = credential && helperAnswers.get(credential);
    if (answer) await runGitCredential(action, answer, env, options.helperTimeoutMs);
  };
  return {
    async next() {
      if (working) {
        const again = working;
        working = undefined;
        return again;
      }
      while (nextOrigin < origins.length) {
        const offered = await origins[nextOrigin++]();
        if (offered) return offered;
      }
      return undefined;
    },
    async accepted(credential) {
      working = credential;
      await tellHelper('approve', credential);
    },
    async refused(credential) {
      if (working === credential) working = undefined;
      await tellHelper('reject', credential);
    },
    tried: () => [...tried],
  };
}

/** `https://host[:port]` of an HTTP(S) URL, as a prompt shows it; undefined for anything else. */
function promptUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? `${parsed.protocol}//${parsed.host}`
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What was tried, for a 401/403 error: "after trying the git credential helper and
 * MEMOIR_REMOTE_TOKEN", or "with no credentials to send" when no origin had one.
 * @example `${remote}: ${status} ${describeAttempts(source.tried())}`
 */
export function describeAttempts(origins: readonly CredentialOrigin[]): string {
  const names = origins.map((origin) =>
    origin === 'git credential helper' ? 'the git credential helper' : origin === 'prompt' ? 'a prompt' : origin,
  );
  if (names.length === 0) return 'with no credentials to send';
  return `after trying ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}`;
}

/** What to do when no credential was accepted (for the hint of a 401/403 error). */
export const CREDENTIALS_HINT =
  'set MEMOIR_REMOTE_TOKEN (or MEMOIR_REMOTE_USERNAME and MEMOIR_REMOTE_PASSWORD), or store the credential in a git credential helper';
