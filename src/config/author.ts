import { nodeChildProcess } from '../core/lazyBuiltins.js';
import * as os from 'node:os';
import { UsageError } from '../errors/index.js';
import type { Config } from './load.js';

export interface Author {
  name: string;
  email: string;
  /** Where the identity came from, for `memoir config` and debugging. */
  source: string;
}

/** Parses `Name <email>` as git's --author takes it. */
export function parseAuthor(value: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^<>]*)>\s*$/.exec(value);
  if (!match?.[1]) throw new UsageError('invalid-author', `--author must look like "Name <email>"`);
  return { name: match[1], email: match[2] };
}

export interface GitIdentity {
  name?: string;
  email?: string;
}

let gitIdentityAnswer: Promise<GitIdentity> | undefined;

/**
 * git's user.name and user.email as git itself resolves them (its system, global and include
 * files, and the repository around the working directory), asked once per process with one run
 * of `git config` that works in the background: a writer starts it early (prefetchAuthor) and
 * the spawn overlaps its work. Never fails: no git, or no identity, is {}.
 */
export function gitIdentity(): Promise<GitIdentity> {
  gitIdentityAnswer ??= new Promise((resolve) => {
    try {
      nodeChildProcess().execFile(
        'git',
        ['config', '-z', '--get-regexp', '^user\\.(name|email)$'],
        { encoding: 'utf8', timeout: 2000 },
        (error, stdout) => resolve(error ? {} : parseIdentity(stdout)),
      );
    } catch {
      resolve({});
    }
  });
  return gitIdentityAnswer;
}

/** `git config -z --get-regexp` output: "key\nvalue\0" entries; a key set twice takes its last value, as `--get` does. */
export function parseIdentity(output: string): GitIdentity {
  const identity: GitIdentity = {};
  for (const entry of output.split('\0')) {
    const at = entry.indexOf('\n');
    const key = at < 0 ? entry : entry.slice(0, at);
    const value = at < 0 ? '' : entry.slice(at + 1).trim();
    if (key === 'user.name') identity.name = value || undefined;
    if (key === 'user.email') identity.email = value || undefined;
  }
  return identity;
}

/** Whether findAuthor would ask git (nothing named the author before it). */
export function needsGitIdentity(flag: string | undefined, config: Config, env: NodeJS.ProcessEnv): boolean {
  if (flag) return false;
  const name = config.entries.get('author.name')?.value || env.GIT_AUTHOR_NAME;
  const email = config.entries.get('author.email')?.value || env.GIT_AUTHOR_EMAIL;
  return !name || !email;
}

/**
 * Who a commit is by, in order: --author, MEMOIR_AUTHOR_NAME/EMAIL, memoir's config,
 * GIT_AUTHOR_NAME/EMAIL, git's user.name/user.email, and finally the login name at this
 * host (git's own last resort), so an agent's first commit never fails for want of a name.
 * Not yet screened: see app/signature.ts.
 */
export async function findAuthor(flag: string | undefined, config: Config, env: NodeJS.ProcessEnv): Promise<Author> {
  if (flag) return { ...parseAuthor(flag), source: 'flag --author' };
  const name = config.entries.get('author.name');
  const email = config.entries.get('author.email');
  if (name?.value && email?.value) return { name: String(name.value), email: String(email.value), source: name.source };
  const git = needsGitIdentity(flag, config, env) ? await gitIdentity() : {};
  const resolvedName = name?.value ? String(name.value) : env.GIT_AUTHOR_NAME || git.name;
  const resolvedEmail = email?.value ? String(email.value) : env.GIT_AUTHOR_EMAIL || git.email;
  const login = os.userInfo().username || 'memoir';
  return {
    name: resolvedName ?? login,
    email: resolvedEmail ?? `${login}@${os.hostname()}`,
    source:
      resolvedName && resolvedEmail
        ? 'config, GIT_AUTHOR_* or git config'
        : 'login name (set author.name and author.email to choose)',
  };
}
