/*
 * The command tree: commander, every command, global flags. Loaded by cli.ts on demand, so
 * that `memoir --version` never pays for building it.
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from './version.js';
import { createIO, type IO } from './io/io.js';
import { createContext, type Context } from './runtime/context.js';
import { EXIT, EXIT_CODE_TABLE } from './errors/index.js';
import { withExamples } from './runtime/examples.js';
import { loadPalettes } from './output/palette.js';
import * as add from './commands/add.js';
import * as branch from './commands/branch.js';
import * as checkout from './commands/checkout.js';
import * as merge from './commands/merge.js';
import * as resolve from './commands/resolve.js';
import * as blame from './commands/blame.js';
import * as classify from './commands/classify.js';
import * as commit from './commands/commit.js';
import * as config from './commands/config.js';
import * as contextCommand from './commands/context.js';
import * as diff from './commands/diff.js';
import * as get from './commands/get.js';
import * as help from './commands/help.js';
import * as init from './commands/init.js';
import * as log from './commands/log.js';
import * as ls from './commands/ls.js';
import * as mcp from './commands/mcp.js';
import * as recall from './commands/recall.js';
import * as reflog from './commands/reflog.js';
import * as reset from './commands/reset.js';
import * as revert from './commands/revert.js';
import * as restore from './commands/restore.js';
import * as review from './commands/review.js';
import * as rm from './commands/rm.js';
import * as show from './commands/show.js';
import * as status from './commands/status.js';
import * as taxonomy from './commands/taxonomy.js';


/** Every command, in the order `memoir --help` lists them. */
const COMMANDS = [init, add, classify, review, status, commit, rm, reset, restore, revert, reflog, log, show, diff, blame, get, ls, branch, checkout, merge, resolve, recall, contextCommand, mcp, taxonomy, config, help];

/** Builds the whole command tree; also used to generate and check the man pages. */
export function buildProgram(context: Context): Command {
  const program = new Command('memoir')
    .description('Version-controlled memory for AI agents: every fact named, classified, committed, blamed and mergeable.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--memoir-dir <dir>', 'use this repository (the .memoir directory itself) instead of searching upwards; env MEMOIR_DIR')
    .option('--no-color', 'turn colour off (also NO_COLOR=1 or TERM=dumb)')
    .addOption(new Option('--lock-timeout <seconds>', 'how long a writer waits for the repository lock (default 10)'))
    .option('--no-input', 'never prompt: decide by flags and thresholds, as without a terminal (also CI=1)')
    .option('--debug', 'show stack traces for errors')
    .helpCommand(false)
    .showHelpAfterError('(run with --help for usage)')
    // under --json, commander's own error text is held back: main() reports the error as one JSON object
    .configureOutput({ writeOut: (s) => context.io.out(s), writeErr: (s) => void (context.io.json ? undefined : context.io.err(s)) })
    .exitOverride();
  for (const command of COMMANDS) command.register(program, context);
  for (const sub of program.commands) sub.exitOverride().showHelpAfterError(`(run "memoir ${sub.name()} --help" for usage)`);
  withExamples(program, [
    ['memoir init', 'create a memory repository in .memoir/'],
    ['memoir add "I prefer dark mode" --path preferences.ui.theme --commit', 'remember a fact'],
    ['memoir get preferences.ui.theme', 'read it back'],
    ['memoir log --oneline', 'the history'],
  ]);
  program.addHelpText('after', `\nExit codes: ${EXIT_CODE_TABLE.map(([c]) => c).join(', ')}; see "memoir help exit-codes". Manual: man memoir (man -l man/memoir.1).`);
  return program;
}

/** The man pages, generated from the same command tree as --help (see scripts/gen-man.mjs). */
export async function manPages(): Promise<Map<string, string>> {
  const { renderManPages } = await import('./docs/manPages.js');
  const silent = createIO({ env: {}, json: false });
  return renderManPages(buildProgram(createContext(silent, {}, process.cwd(), VERSION)), VERSION);
}

/** Parses the arguments and runs the command; returns the exit code. MemoirErrors propagate to cli.ts. */
export async function runProgram(io: IO, argv: string[]): Promise<number> {
  const context = createContext(io, process.env, process.cwd(), VERSION, await loadPalettes({ out: io.color, err: io.errColor }));
  try {
    await buildProgram(context).parseAsync(argv);
    return context.exitCode;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // help and --version "fail" with exit code 0; everything else commander reports is a usage error
    const code = error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    if (code !== EXIT.ok && io.json) io.err(JSON.stringify({ code: 'usage', message: error.message.replace(/^error: /, '') }) + '\n');
    return code;
  }
}
