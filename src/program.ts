/*
 * The command tree: commander, every command, global flags. Loaded by cli.ts on demand, so
 * that `memoir --version` never pays for building it.
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from './version.js';
import { createIO, type IO } from './io/io.js';
import { COLOR_WHEN } from './io/colorFlag.js';
import { withPager } from './io/pager.js';
import { createContext, type Context, type GlobalOptions } from './runtime/context.js';
import { EXIT, EXIT_CODE_TABLE } from './errors/index.js';
import { withExamples } from './runtime/examples.js';
import { loadPalettes } from './output/palette.js';
import { escapeJsonText } from './output/escape.js';
import { loadDisplayWidth } from './output/format.js';
import { isRootHelp, registerStandIns, rootHelpEntries, type RootHelpEntry } from './runtime/rootHelp.js';
import { rootHelpData } from './runtime/rootHelpData.js';
/** What a command file exports: the function that declares it on the program. */
interface CommandModule {
  register(program: Command, context: Context): void;
}

/**
 * Every command, in the order `memoir --help` lists them. Each is imported only when it is
 * needed: a run of `memoir get` loads get's code, not the code of the 26 other commands.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<CommandModule>]> = [
  ['init', () => import('./commands/init.js')],
  ['add', () => import('./commands/add.js')],
  ['capture', () => import('./commands/capture.js')],
  ['classify', () => import('./commands/classify.js')],
  ['review', () => import('./commands/review.js')],
  ['status', () => import('./commands/status.js')],
  ['commit', () => import('./commands/commit.js')],
  ['rm', () => import('./commands/rm.js')],
  ['reset', () => import('./commands/reset.js')],
  ['restore', () => import('./commands/restore.js')],
  ['revert', () => import('./commands/revert.js')],
  ['forget', () => import('./commands/forget.js')],
  ['scan', () => import('./commands/scan.js')],
  ['policy', () => import('./commands/policy.js')],
  ['consolidate', () => import('./commands/consolidate.js')],
  ['gc', () => import('./commands/gc.js')],
  ['verify-commit', () => import('./commands/verify-commit.js')],
  ['verify', () => import('./commands/verify.js')],
  ['reflog', () => import('./commands/reflog.js')],
  ['fsck', () => import('./commands/fsck.js')],
  ['log', () => import('./commands/log.js')],
  ['show', () => import('./commands/show.js')],
  ['diff', () => import('./commands/diff.js')],
  ['blame', () => import('./commands/blame.js')],
  ['get', () => import('./commands/get.js')],
  ['ls', () => import('./commands/ls.js')],
  ['branch', () => import('./commands/branch.js')],
  ['checkout', () => import('./commands/checkout.js')],
  ['merge', () => import('./commands/merge.js')],
  ['resolve', () => import('./commands/resolve.js')],
  ['clone', () => import('./commands/clone.js')],
  ['fetch', () => import('./commands/fetch.js')],
  ['pull', () => import('./commands/pull.js')],
  ['push', () => import('./commands/push.js')],
  ['remote', () => import('./commands/remote.js')],
  ['recall', () => import('./commands/recall.js')],
  ['context', () => import('./commands/context.js')],
  ['mcp', () => import('./commands/mcp.js')],
  ['taxonomy', () => import('./commands/taxonomy.js')],
  ['config', () => import('./commands/config.js')],
  ['completion', () => import('./commands/completion.js')],
  ['help', () => import('./commands/help.js')],
];

/** Global options that take a value: the word after them is not the command. */
const GLOBAL_WITH_VALUE = new Set(['--memoir-dir', '--lock-timeout', '--color']);

/** The command an argument list names (the first word that is not a global option), if any. */
export function commandNameOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return undefined;
    if (!arg.startsWith('-')) return arg;
    if (GLOBAL_WITH_VALUE.has(arg)) i++;
  }
  return undefined;
}

/**
 * Builds the command tree: every command (for --help, `memoir help` and the man pages), or
 * only the one about to run, or, given the root help's command list (runtime/rootHelp.ts),
 * stand-ins that list the commands for the root help alone.
 */
export async function buildProgram(
  context: Context,
  only?: string,
  standIns?: readonly RootHelpEntry[],
): Promise<Command> {
  const program = new Command('memoir')
    .description(
      'Version-controlled memory for AI agents: every fact named, classified, committed, blamed and mergeable.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .option(
      '--memoir-dir <dir>',
      'use this repository (a .memoir directory, or the folder that holds one) instead of searching upwards; env MEMOIR_DIR',
    )
    .addOption(
      new Option(
        '--color <when>',
        'colour: auto (in a terminal), always or never; env NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE',
      ).choices(COLOR_WHEN),
    )
    .option('--no-color', 'turn colour off, as --color=never (also NO_COLOR=1 or TERM=dumb)')
    .addOption(new Option('--lock-timeout <seconds>', 'how long a writer waits for the repository lock (default 10)'))
    .option('--no-pager', 'never page long output in a terminal (also MEMOIR_PAGER= or PAGER=cat)')
    .option('--no-input', 'never prompt: decide by flags and thresholds, as without a terminal (also CI=1)')
    .option('--debug', 'show stack traces for errors')
    .helpCommand(false)
    // commander's errors are held back and reported by runProgram once made safe (see quoteNoData)
    .configureOutput({
      writeOut: (s) => context.io.out(s),
      writeErr: (s) => void (context.io.json ? undefined : context.io.err(s)),
      outputError: () => undefined,
    })
    .exitOverride()
    // the command line's options are read here, once: below the command layer nothing needs commander
    .hook('preAction', (_program, action) => {
      context.globals = action.optsWithGlobals() as GlobalOptions;
      context.commandName = action.name();
      // -q asks for silence: no progress line either (--json and CI are settled by io.ts)
      if (action.opts().quiet === true) context.progress = undefined;
    });
  if (standIns) registerStandIns(program, standIns);
  else {
    // `help` lists the other commands, so it needs them all
    const one = only !== 'help' ? COMMANDS.find(([name]) => name === only) : undefined;
    const modules = await Promise.all((one ? [one] : COMMANDS).map(([, load]) => load()));
    for (const command of modules) command.register(program, context);
  }
  quoteNoData(program, '(run with --help for usage)');
  // every command, `policy set` and `remote add` too: an error of any of them is reported
  const below = (command: Command, names: string[]): void => {
    for (const sub of command.commands) {
      const path = [...names, sub.name()];
      sub.exitOverride();
      quoteNoData(sub, `(run "memoir ${path.join(' ')} --help" for usage)`);
      below(sub, path);
    }
  };
  below(program, []);
  withExamples(program, [
    ['memoir init', 'create a memory repository in .memoir/'],
    ['memoir add "I prefer dark mode" --path preferences.ui.theme --commit', 'remember a fact'],
    ['memoir get preferences.ui.theme', 'read it back'],
    ['memoir log --oneline', 'the history'],
  ]);
  program.addHelpText(
    'after',
    `\nExit codes: ${EXIT_CODE_TABLE.map(([c]) => c).join(', ')}; see "memoir help exit-codes". Manual: man memoir (man -l man/memoir.1).`,
  );
  return program;
}

/** A commander error, held until runProgram reports it with any argument that could be data left out. */
interface HeldError {
  message: string;
  code?: string;
  /** Where to read the usage: `(run "memoir add --help" for usage)`. */
  usage: string;
}

const heldErrors = new WeakMap<Command, HeldError>();

/**
 * commander's errors quote what was typed, and an argument can be a secret: the message is
 * held (commander prints nothing) and runProgram reports it after argumentErrors.ts has taken
 * every argument that could be data out. Loading the secret guard only then keeps it off the
 * start-up of every command that parses cleanly.
 */
function quoteNoData(command: Command, usage: string): void {
  const report = command.error.bind(command);
  command.error = (message, options) => {
    let root = command;
    while (root.parent) root = root.parent;
    heldErrors.set(root, { message, code: options?.code, usage });
    return report(message, options);
  };
}

/** Reports a held commander error, made safe; its message for --json. */
async function reportHeld(io: IO, held: HeldError): Promise<string> {
  const { safeCommanderMessage } = await import('./runtime/argumentErrors.js');
  const message = safeCommanderMessage(held.message, held.code);
  if (!io.json) io.err(`${message}\n${held.usage}\n`);
  return message;
}

/** The man pages, generated from the same command tree as --help (see scripts/gen-man.mjs). */
export async function manPages(): Promise<Map<string, string>> {
  const { renderManPages } = await import('./docs/manPages.js');
  const silent = createIO({ env: {}, json: false });
  return renderManPages(await buildProgram(createContext(silent, {}, process.cwd(), VERSION)), VERSION);
}

/** The root help's command list, from every command's definition: the build writes it to dist/data/root-help.json. */
export async function rootHelp(): Promise<RootHelpEntry[]> {
  const silent = createIO({ env: {}, json: false });
  return rootHelpEntries(await buildProgram(createContext(silent, {}, process.cwd(), VERSION)));
}

/** Parses the arguments and runs the command; returns the exit code. MemoirErrors propagate to cli.ts. */
export async function runProgram(io: IO, argv: string[]): Promise<number> {
  // what human output needs (colours, display widths), loaded only for a terminal
  const [palettes] = await Promise.all([
    loadPalettes({ out: io.color, err: io.errColor }),
    io.stdoutIsTTY && !io.json ? loadDisplayWidth() : undefined,
  ]);
  const name = commandNameOf(argv.slice(2));
  // process.stdout only for a terminal: building it for a pipe costs a read a few ms (io/processStreams.ts)
  const terminal = io.stdoutIsTTY && process.stdout.isTTY && process.stdout.rows ? process.stdout : undefined;
  const paging = withPager(io, name, { env: process.env, off: io.json || argv.includes('--no-pager'), terminal });
  const context = createContext(paging.io, process.env, process.cwd(), VERSION, palettes);
  // the root help lists the commands from the build's table, without loading their code
  const program = await buildProgram(context, name, isRootHelp(argv.slice(2)) ? rootHelpData() : undefined);
  try {
    await program.parseAsync(argv);
    context.endProgress();
    await paging.finish();
    return context.exitCode;
  } catch (error) {
    context.endProgress();
    await paging.finish(); // what was written before the error, then the error
    if (!(error instanceof CommanderError)) throw error;
    // help and --version "fail" with exit code 0; everything else commander reports is a usage error
    const code =
      error.exitCode === EXIT.ok || error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? EXIT.ok
        : EXIT.usage;
    const held = heldErrors.get(program);
    const message = held ? await reportHeld(io, held) : error.message;
    if (code !== EXIT.ok && io.json)
      io.err(escapeJsonText(JSON.stringify({ code: 'usage', message: message.replace(/^error: /, '') })) + '\n');
    return code;
  }
}
