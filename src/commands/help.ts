import type { Command } from 'commander';
import { EXIT_CODE_TABLE, UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';

export const HELP_TOPICS: Record<string, string> = {
  'exit-codes': 'Exit codes (stable; scripts may rely on them):\n' + EXIT_CODE_TABLE.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`).join('\n') + '\n',
  environment: [
    'Environment variables:',
    '  MEMOIR_DIR           the repository to use (the .memoir directory itself), like --memoir-dir',
    '  MEMOIR_AUTHOR_NAME   commit author name;  MEMOIR_AUTHOR_EMAIL  commit author email',
    '  MEMOIR_LOCK_TIMEOUT  seconds a writer waits for the repository lock (default 10)',
    '  MEMOIR_NOW           pin the clock (ISO 8601 or epoch seconds), for reproducible commits in tests',
    '  NO_COLOR             any non-empty value turns colour off',
    '  CI                   when set, never prompt',
    '',
  ].join('\n'),
};

export function register(program: Command, context: Context): void {
  const command = program
    .command('help')
    .description('Show help for a command, or a topic: exit-codes, environment')
    .argument('[topic]', 'a command name or a topic')
    .action((topic: string | undefined) => {
      if (!topic) return void program.outputHelp();
      if (HELP_TOPICS[topic]) return void context.io.out(HELP_TOPICS[topic]);
      const sub = program.commands.find((c) => c.name() === topic || c.aliases().includes(topic));
      if (!sub) throw new UsageError('unknown-help-topic', `no help for "${topic}"`, { hint: `try a command name, or one of: ${Object.keys(HELP_TOPICS).join(', ')}` });
      sub.outputHelp();
    });
  withExamples(command, [
    ['memoir help exit-codes', 'what each exit code means'],
    ['memoir help add', 'the same as memoir add --help'],
  ]);
}
