import type { Command } from 'commander';
import { UsageError } from '../errors/index.js';
import { exitCodesListing, exitCodesText } from '../output/exitCodes.js';
import { json } from '../output/format.js';
import { CONFIG_KEYS } from '../config/schema.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';

/**
 * Every environment variable memoir reads: one per configuration key (from the key table, so
 * they cannot drift), and those that are not configuration. For `help environment` and memoir(1).
 */
export const ENVIRONMENT: ReadonlyArray<readonly [name: string, meaning: string]> = [
  ['MEMOIR_DIR', 'the repository to use (a .memoir directory, or the folder that holds one), like --memoir-dir'],
  [
    'MEMOIR_BRANCH',
    'commits go to this branch without switching to it (created from the current one if missing), like --branch',
  ],
  ...CONFIG_KEYS.map(
    (k) =>
      [k.env, `${k.description} (config ${k.key}${k.default !== undefined ? `, default ${k.default}` : ''})`] as const,
  ),
  [
    'OPENAI_API_KEY',
    "the model's API key when classifier.apiKey is not set (used only once classifier.provider is openai)",
  ],
  [
    'OPENAI_BASE_URL',
    "the model's endpoint when classifier.baseURL is not set (used only once classifier.provider is openai)",
  ],
  [
    'MEMOIR_REMOTE_TOKEN',
    'a token for HTTPS remotes, sent as the password (user name from the URL, else x-access-token)',
  ],
  [
    'MEMOIR_REMOTE_USERNAME',
    "with MEMOIR_REMOTE_PASSWORD: credentials for HTTPS remotes, tried after git's credential helper",
  ],
  ['MEMOIR_REMOTE_PASSWORD', 'see MEMOIR_REMOTE_USERNAME'],
  ['GIT_SSH_COMMAND', 'SSH remotes go through the system git: its ssh command (and GIT_SSH, ~/.ssh/config) apply'],
  ['MEMOIR_NOW', 'pin the clock (ISO 8601 or epoch seconds), for reproducible commits in tests'],
  ['NO_COLOR', 'any non-empty value turns colour off (--color=always still turns it on)'],
  ['FORCE_COLOR', 'colour even in a pipe (CLICOLOR_FORCE too); 0 or false does not force; NO_COLOR wins'],
  ['MEMOIR_PAGER', 'the pager for long output in a terminal (before PAGER; default "less -FRX"); empty or cat: none'],
  [
    'MEMOIR_PROGRESS_DELAY',
    'seconds of long work before its progress line shows on a terminal (default 0.5), as GIT_PROGRESS_DELAY',
  ],
  [
    'XDG_CACHE_HOME',
    "where memoir keeps V8's compiled code for its next start (default ~/.cache), in memoir/ closed to other users",
  ],
  ['MEMOIR_NO_COMPILE_CACHE', "any value: compile memoir's code afresh at each start instead of from that cache"],
  ['CI', 'when set (and not "false"), never prompt and show no progress line'],
];

/** The topics' texts, made when asked for: this module is loaded by every command. */
const HELP_TOPICS: Record<string, () => string> = {
  'exit-codes': () => exitCodesText(),
  environment: () =>
    'Environment variables:\n' +
    ENVIRONMENT.map(([name, meaning]) => `  ${name.padEnd(28)} ${meaning}`).join('\n') +
    '\n',
};

export function register(program: Command, context: Context): void {
  const command = program
    .command('help')
    .description('Show help for a command, or a topic: exit-codes, environment')
    .argument('[topic]', 'a command name or a topic')
    .option('--json', 'exit-codes: print the exit codes and every error code as JSON')
    .action((topic: string | undefined, options: { json?: boolean }) => {
      if (!topic) return void program.outputHelp();
      if (topic === 'exit-codes' && options.json) return void context.io.out(json(exitCodesListing()));
      if (Object.hasOwn(HELP_TOPICS, topic)) return void context.io.out(HELP_TOPICS[topic]());
      const sub = program.commands.find((c) => c.name() === topic || c.aliases().includes(topic));
      if (!sub)
        throw new UsageError('unknown-help-topic', `no help for "${topic}"`, {
          hint: `try a command name, or one of: ${Object.keys(HELP_TOPICS).join(', ')}`,
        });
      sub.outputHelp();
    });
  withExamples(command, [
    ['memoir help exit-codes', 'what each exit code means, and every error code'],
    ['memoir help exit-codes --json', 'the same for scripts: {exitCodes, errorCodes: [{code, exit, description}]}'],
    ['memoir help add', 'the same as memoir add --help'],
  ]);
}
