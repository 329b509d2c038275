import type { Deps } from './deps.js';
import { type Author, findAuthor } from '../config/author.js';
import type { Person } from '../store/git.js';
import type { Memory } from '../store/memory.js';
import { rememberScreened, screenedBefore } from '../store/screenVerdicts.js';

/**
 * Who is writing and when, for a commit or a reflog entry: --author, then config, then git's.
 * `memory`: the repository written to, where it is not the one found from the working directory (a clone's).
 */
export async function signature(context: Deps, author?: string, memory?: Memory): Promise<Person> {
  const who = findAuthor(author, await context.config(), context.env);
  await screenAuthor(who, context, memory ?? (await context.memory()));
  const now = context.now();
  return {
    name: who.name,
    email: who.email,
    timestamp: Math.floor(now.getTime() / 1000),
    timezoneOffset: now.getTimezoneOffset(),
  };
}

/**
 * The author is written into every commit and reflog entry: screened like a fact (exit 4 for a
 * credential, 2 for a control character), once per identity and memoir version, since the guard
 * alone would cost a push or a pull a tenth of its time.
 */
async function screenAuthor(who: Author, context: Deps, { gitdir }: Memory): Promise<void> {
  const line = `${who.name} <${who.email}>`;
  if (screenedBefore(gitdir, context.version, line)) return;
  const { screenWrittenText } = await import('../core/guardText.js');
  screenWrittenText(line, `the author (${who.source})`, 'nothing was written');
  rememberScreened(gitdir, context.version, line);
}
