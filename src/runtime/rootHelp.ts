import type { Command } from 'commander';

/*
 * `memoir --help` lists every command, and building every command's definition loads the code of
 * all of them (~40 chunks). The build (scripts/build.mjs) writes what that list shows, taken from
 * the real definitions, to dist/data/root-help.json; the root help alone is then printed from
 * light stand-ins that commander formats as it formats the real commands.
 */

/** One line of the root help's command list, as commander shows the real command. */
export interface RootHelpEntry {
  name: string;
  alias?: string;
  /** `add [options] [fact...]` */
  term: string;
  description: string;
  /** The heading it is listed under, when not "Commands:". */
  group?: string;
}

/** The command lines that print the root help and nothing else: `memoir`, `--help`, `-h`, `help`. */
export function isRootHelp(args: readonly string[]): boolean {
  return args.length === 0 || (args.length === 1 && ['--help', '-h', 'help'].includes(args[0]));
}

/** The root help's command list, from a program built with every command's real definition. */
export function rootHelpEntries(program: Command): RootHelpEntry[] {
  const help = program.createHelp();
  return help.visibleCommands(program).map((command) => ({
    name: command.name(),
    ...(command.aliases()[0] ? { alias: command.aliases()[0] } : {}),
    term: help.subcommandTerm(command),
    description: help.subcommandDescription(command),
    ...(command.helpGroup() ? { group: command.helpGroup() } : {}),
  }));
}

/**
 * Declares a stand-in for each entry on the root program: a name to list, with the term and
 * description the real command shows. `help` (with no topic: see isRootHelp) prints the root
 * help, as src/commands/help.ts does.
 */
export function registerStandIns(program: Command, entries: readonly RootHelpEntry[]): void {
  const terms = new Map<Command, string>();
  for (const entry of entries) {
    const command = program.command(entry.name).description(entry.description);
    if (entry.alias) command.alias(entry.alias);
    if (entry.group) command.helpGroup(entry.group);
    if (entry.name === 'help') command.action(() => program.outputHelp());
    terms.set(command, entry.term);
  }
  program.configureHelp({
    ...program.configureHelp(),
    subcommandTerm: (command) => terms.get(command) ?? command.name(),
  });
}
