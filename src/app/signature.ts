import type { Deps } from './deps.js';
import { resolveAuthor } from '../config/author.js';
import type { Person } from '../store/git.js';

/** Who is writing and when, for a commit or a reflog entry: --author, then config, then git's. */
export async function signature(context: Deps, author?: string): Promise<Person> {
  const who = resolveAuthor(author, await context.config(), context.env);
  const now = context.now();
  return {
    name: who.name,
    email: who.email,
    timestamp: Math.floor(now.getTime() / 1000),
    timezoneOffset: now.getTimezoneOffset(),
  };
}
