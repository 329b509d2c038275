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

/** git's own settings, asked once per process (each answer costs a spawn of git). */
const gitConfigAnswers = new Map<string, string | undefined>();

function gitConfig(key: string): string | undefined {
  if (gitConfigAnswers.has(key)) return gitConfigAnswers.get(key);
  let answer: string | undefined;
  try {
    const result = nodeChildProcess().spawnSync('git', ['config', '--get', key], { encoding: 'utf8', timeout: 2000 });
    answer = result.status === 0 ? result.stdout.trim() || undefined : undefined;
  } catch {
    answer = undefined;
  }
  gitConfigAnswers.set(key, answer);
  return answer;
}

/**
 * Who a commit is by, in order: --author, MEMOIR_AUTHOR_NAME/EMAIL, memoir's config,
 * GIT_AUTHOR_NAME/EMAIL, git's user.name/user.email, and finally the login name at this
 * host (git's own last resort), so an agent's first commit never fails for want of a name.
 * Not yet screened: see app/signature.ts.
 */
export function findAuthor(flag: string | undefined, config: Config, env: NodeJS.ProcessEnv): Author {
  if (flag) return { ...parseAuthor(flag), source: 'flag --author' };
  const name = config.entries.get('author.name');
  const email = config.entries.get('author.email');
  if (name?.value && email?.value) return { name: String(name.value), email: String(email.value), source: name.source };
  const pick = (configured: unknown, gitEnv: string | undefined, gitKey: string) =>
    configured ? String(configured) : gitEnv || gitConfig(gitKey);
  const resolvedName = pick(name?.value, env.GIT_AUTHOR_NAME, 'user.name');
  const resolvedEmail = pick(email?.value, env.GIT_AUTHOR_EMAIL, 'user.email');
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
