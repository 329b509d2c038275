import { Command, CommanderError, Option } from 'commander';
import { createIO } from './io/io.js';
import { createContext, type Context } from './runtime/context.js';
import { EXIT, EXIT_CODE_TABLE, MemoirError } from './errors/index.js';
import { withExamples } from './runtime/examples.js';
import { releaseAllLocks } from './store/lock.js';
import { loadPalette } from './output/palette.js';
import * as add from './commands/add.js';
import * as commit from './commands/commit.js';
import * as config from './commands/config.js';
import * as get from './commands/get.js';
import * as help from './commands/help.js';
import * as init from './commands/init.js';
import * as log from './commands/log.js';
import * as ls from './commands/ls.js';
import * as reset from './commands/reset.js';
import * as rm from './commands/rm.js';
import * as show from './commands/show.js';
import * as status from './commands/status.js';
import * as taxonomy from './commands/taxonomy.js';

declare const MEMOIR_VERSION: string;
export const VERSION = typeof MEMOIR_VERSION === 'string' ? MEMOIR_VERSION : '0.0.0-dev';

/** Every command, in the order `memoir --help` lists them. */
const COMMANDS = [init, add, status, commit, rm, reset, log, show, get, ls, taxonomy, config, help];

/** Builds the whole command tree; also used to generate and check the man pages. */
export function buildProgram(context: Context): Command {
  const program = new Command('memoir')
    .description('Version-controlled memory for AI agents: every fact named, classified, committed, blamed and mergeable.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--memoir-dir <dir>', 'use this repository (the .memoir directory itself) instead of searching upwards; env MEMOIR_DIR')
    .option('--no-color', 'turn colour off (also NO_COLOR=1 or TERM=dumb)')
    .addOption(new Option('--lock-timeout <seconds>', 'how long a writer waits for the repository lock (default 10)'))
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

function report(context: Context, error: unknown, wantsJson: boolean, debug: boolean): number {
  if (error instanceof MemoirError) {
    if (wantsJson) context.io.err(JSON.stringify(error.toJSON()) + '\n');
    else context.io.err(`memoir: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
    if (debug && error.stack) context.io.err(error.stack + '\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (wantsJson) context.io.err(JSON.stringify({ code: 'internal-error', message }) + '\n');
  else context.io.err(`memoir: internal error: ${message}\nThis is a bug in memoir; please report it with the output of the same command run with --debug.\n`);
  if (debug && error instanceof Error && error.stack) context.io.err(error.stack + '\n');
  return EXIT.failure;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const args = argv.slice(2);
  const wantsJson = args.includes('--json');
  const debug = args.includes('--debug');
  const io = createIO({ env: process.env, colorFlag: args.includes('--no-color') ? false : undefined, json: wantsJson });
  let code: number;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      releaseAllLocks();
      process.exit(signal === 'SIGINT' ? EXIT.cancelled : 128 + (signal === 'SIGTERM' ? 15 : 1));
    });
  }
  let context: Context;
  try {
    context = createContext(io, process.env, process.cwd(), VERSION, await loadPalette(io.color));
  } catch (error) {
    process.exitCode = report(createContext(io, { ...process.env, MEMOIR_NOW: '' }, process.cwd(), VERSION), error, wantsJson, debug);
    return;
  }
  try {
    await buildProgram(context).parseAsync(argv);
    code = context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and --version "fail" with exit code 0; everything else commander reports is a usage error
      code = error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
      if (code !== EXIT.ok && wantsJson) io.err(JSON.stringify({ code: 'usage', message: error.message.replace(/^error: /, '') }) + '\n');
    } else {
      code = report(context, error, wantsJson, debug);
    }
  }
  process.exitCode = code;
}
