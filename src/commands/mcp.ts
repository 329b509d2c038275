import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { TOOLS } from '../mcp/tools.js';

/** Runs the MCP server on stdio until the client disconnects. */
export async function runMcp(context: Context): Promise<void> {
  // the repository is found now, so a misconfigured server fails at start with the CLI's error
  const memory = await context.memory();
  const { serve } = await import('../mcp/server.js');
  await serve({ context }, context.version, memory.gitdir);
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('mcp')
    .description(
      'Serve memory to AI agents over the Model Context Protocol (stdio): remember, capture, recall, get, ls, log, diff, blame, branches, checkout, remove, consolidate, forget, pull, push',
    )
    .action(async () => {
      await runMcp(context);
    });
  // the tool table itself, so the help can never list a tool the server does not have
  command.addHelpText(
    'after',
    () =>
      '\nTools:\n' +
      TOOLS.map(
        (t) =>
          `  ${t.name.padEnd(16)} ${t.annotations.title}${t.annotations.readOnlyHint ? ' (read-only)' : t.annotations.destructiveHint ? ' (destructive)' : ''}`,
      ).join('\n'),
  );
  withExamples(command, [
    ['memoir mcp', 'serve the repository found from the current directory'],
    ['memoir --memoir-dir ~/notes/.memoir mcp', 'serve a given repository'],
    ['MEMOIR_DIR=~/notes/.memoir memoir mcp', 'the same, as an MCP client would configure it'],
  ]);
}
