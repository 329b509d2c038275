import type { Deps } from './deps.js';
import { type Author, findAuthor, gitIdentity, needsGitIdentity } from '../config/author.js';
import type { Person } from '../store/git.js';
import type { Memory } from '../store/memory.js';
import { rememberScreened, screenedBefore } from '../store/screenVerdicts.js';

/**
 * Who is writing and when, for a commit or a reflog entry: --author, then config, then git's.
 * `memory`: the repository written to, where it is not the one found from the working directory (a clone's).
 */
export async function signature(context: Deps, author?: string, memory?: Memory): Promise<Person> {
  const who = await findAuthor(author, await context.config(), context.env);
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
 * Starts asking git who the author is, when signature() will need to (nothing else names the
 * author): a writer calls it when it begins, so the spawn of git runs while it works.
 */
export async function prefetchAuthor(context: Deps, author?: string): Promise<void> {
  if (needsGitIdentity(author, await context.config(), context.env)) void gitIdentity();
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
