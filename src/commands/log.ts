import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { operandsAfterDoubleDash } from '../runtime/operands.js';
import { logRenderer } from '../output/log.js';
import { type LogOptions, runLog } from '../app/log.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('log')
    .description(
      'Show the commit history, newest first: of the current branch, a revision or a range; with a path, only commits that changed facts under it',
    )
    .argument(
      '[rev-or-path...]',
      'a revision (main, origin/main, HEAD~5) or a range (A..B: on B, not on A; A...B: on one side only), then taxonomy prefixes (after -- where a name could be both)',
    )
    .option('-n, --max-count <n>', 'show at most n commits')
    .option('--oneline', 'one line per commit: short id and subject')
    .option(
      '-p, --patch',
      "show each commit's facts added, removed, modified and superseded (against its first parent)",
    )
    .option('--stat', 'after each commit, its counts per leaf, as diff --stat prints them')
    .option('--as-of <date>', 'start from the last commit at or before a moment (ISO 8601, "2 weeks ago", "yesterday")')
    .option(
      '--show-signature',
      "check each commit's SSH signature against gpg.ssh.allowedSignersFile (G good, B bad, U unknown key, N none)",
    )
    .option('--consolidation', 'only the repairs "memoir consolidate" committed (a Memoir-Consolidate trailer)')
    .option('--no-consolidation', 'leave those repairs out: only what was learnt')
    .option('--json', 'print the commits as JSON')
    .action(async (operands: string[], options: LogOptions, cmd: Command) => {
      const result = await runLog(operands, operandsAfterDoubleDash(cmd), options, context);
      // under --json stderr is kept for errors alone; [] says it
      if (!result.head && !result.revision && !options.json)
        context.io.err(`memoir: no commits yet on ${result.branch ?? 'HEAD'}\n`);
      else if (options.asOf && result.commits.length === 0 && !options.json)
        context.io.err(`memoir: no commits at or before ${options.asOf}\n`);
      emit(
        context,
        options,
        result,
        logRenderer(Boolean(options.oneline), { stat: Boolean(options.stat), patch: Boolean(options.patch) }),
      );
    });
  withExamples(command, [
    ['memoir log -n 5 --oneline', 'the last five commits, one line each'],
    ['memoir log preferences.ui.theme', 'every change to one leaf'],
    ['memoir log -p preferences.ui.theme', 'every value the leaf has had, fact by fact, with who and when'],
    ['memoir log --as-of "last monday" -n 3', 'the history as it stood last monday'],
    ['memoir log main..origin/main', 'what the last fetch brought that main lacks'],
    ['memoir log @{u}.. --oneline', 'the commits a push would publish'],
    ['memoir log workflow --json', 'commits that touched workflow rules, as JSON'],
    ['memoir log --stat -n 3', 'the last three commits, each with its counts per leaf'],
  ]);
}
