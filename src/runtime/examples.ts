import type { Command } from 'commander';

export type Example = readonly [command: string, description: string];

const registry = new WeakMap<Command, readonly Example[]>();

/**
 * Attaches examples to a command: shown at the end of its --help and, from the same
 * data, in the EXAMPLES section of its man page.
 */
export function withExamples(command: Command, examples: readonly Example[]): Command {
  registry.set(command, examples);
  return command.addHelpText(
    'after',
    () => '\nExamples:\n' + examples.map(([cmd, what]) => `  $ ${cmd}\n      ${what}`).join('\n'),
  );
}

export function examplesOf(command: Command): readonly Example[] {
  return registry.get(command) ?? [];
}
