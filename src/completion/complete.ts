import type { Command, Option } from 'commander';
import { CONFIG_KEYS } from '../config/schema.js';
import { KIND_OF_PLACEHOLDER, oneLine, valuesOf, type Candidate, type Sources, type ValueKind } from './values.js';

/*
 * `memoir __complete <words...>`: what may come next on a command line. The words are those
 * after `memoir`, the last one the word being completed (empty after a space). Commands,
 * flags and choices come from the commander definitions, so completion never drifts from
 * --help; leaves, branches and ids come from the taxonomy and the repository (values.ts).
 */

/** Per command, placeholders that mean something narrower than their usual kind. */
const KIND_OVERRIDES: Readonly<Record<string, Readonly<Record<string, ValueKind>>>> = {
  reset: { target: 'staged' },
};

/** The placeholder of an option's value: `-p, --path <leaf>` → `leaf`. */
const placeholderOf = (option: Option) => /[<[]([\w-]+)(?:\.\.\.)?[>\]]/.exec(option.flags)?.[1];

const takesValue = (option: Option) => option.required || option.optional;

/** The options in force for a command: its own, then those of the commands above it (the global ones). */
function optionsOf(command: Command): Option[] {
  const options: Option[] = [];
  for (let c: Command | null = command; c; c = c.parent) options.push(...c.createHelp().visibleOptions(c));
  return options;
}

function findOption(command: Command, flag: string): Option | undefined {
  return optionsOf(command).find((o) => o.long === flag || o.short === flag);
}

export interface Position {
  command: Command;
  /** How many operands the command has been given before the word being completed. */
  operands: number;
  /** The option whose value the word is (`--path <word>`), if any. */
  valueFor?: Option;
  /** After `--`: operands only. */
  operandsOnly: boolean;
  /** `--memoir-dir <dir>` among the words: the repository the values come from. */
  memoirDir?: string;
}

/** Where the word being completed stands: which command, which operand or option value. */
export function positionOf(program: Command, done: readonly string[]): Position {
  const at: Position = { command: program, operands: 0, operandsOnly: false };
  for (const word of done) {
    if (at.valueFor) {
      if (at.valueFor.long === '--memoir-dir') at.memoirDir = word;
      at.valueFor = undefined;
    } else if (at.operandsOnly) at.operands++;
    else if (word === '--') at.operandsOnly = true;
    else if (word.startsWith('-') && word.length > 1) {
      const [flag, value] = word.split(/=(.*)/s);
      const option = findOption(at.command, flag);
      if (option?.long === '--memoir-dir' && value !== undefined) at.memoirDir = value;
      if (option?.required && value === undefined) at.valueFor = option;
    } else {
      const sub = at.operands === 0 ? subcommandNamed(at.command, word) : undefined;
      if (sub) at.command = sub;
      else at.operands++;
    }
  }
  return at;
}

function subcommandNamed(command: Command, word: string): Command | undefined {
  return command.commands.find((c) => c.name() === word || c.aliases().includes(word));
}

async function valuesForOption(option: Option, command: Command, sources: Sources): Promise<Candidate[]> {
  if (option.argChoices) return option.argChoices.map((value) => ({ value }));
  const placeholder = placeholderOf(option);
  const kind = placeholder && KIND_OF_PLACEHOLDER[placeholder];
  if (option.long === '--accept' || option.long === '--reject') return valuesOf('queued', sources);
  return kind ? valuesOf(KIND_OVERRIDES[command.name()]?.[placeholder] ?? kind, sources) : [];
}

async function valuesForOperand(at: Position, sources: Sources): Promise<Candidate[]> {
  const { command } = at;
  const subcommands =
    at.operands === 0
      ? command
          .createHelp()
          .visibleCommands(command)
          .map((c) => ({ value: c.name(), description: c.summary() || c.description() }))
      : [];
  if (command.name() === 'help' && command.parent) return valuesForOperand({ ...at, command: command.parent }, sources);
  if (command.name() === 'config' && at.operands === 0)
    return [...subcommands, ...CONFIG_KEYS.map((k) => ({ value: k.key, description: k.description }))];
  const args = command.registeredArguments;
  const last = args.at(-1);
  const arg = at.operands < args.length ? args[at.operands] : last?.variadic ? last : undefined;
  const kind = arg && (KIND_OVERRIDES[command.name()]?.[arg.name()] ?? KIND_OF_PLACEHOLDER[arg.name()]);
  return [...subcommands, ...(kind ? await valuesOf(kind, sources) : [])];
}

function flagsOf(command: Command): Candidate[] {
  return optionsOf(command).flatMap((o) => (o.long ? [{ value: o.long, description: o.description }] : []));
}

/** The candidates for the last word of `words`, those that start with it, each once. */
export async function complete(program: Command, words: readonly string[], sources: Sources): Promise<Candidate[]> {
  const done = words.slice(0, -1);
  const word = words.at(-1) ?? '';
  const at = positionOf(program, done);
  let candidates: Candidate[];
  if (at.valueFor) candidates = await valuesForOption(at.valueFor, at.command, sources);
  else if (!at.operandsOnly && word.startsWith('--') && word.includes('=')) {
    const flag = word.slice(0, word.indexOf('='));
    const option = findOption(at.command, flag);
    const values = option && takesValue(option) ? await valuesForOption(option, at.command, sources) : [];
    candidates = values.map((c) => ({ ...c, value: `${flag}=${c.value}` }));
  } else if (!at.operandsOnly && word.startsWith('-')) candidates = flagsOf(at.command);
  else candidates = await valuesForOperand(at, sources);
  const seen = new Set<string>();
  return candidates.filter((c) => c.value.startsWith(word) && !seen.has(c.value) && seen.add(c.value));
}

/** The lines `memoir __complete` prints: `value`, or `value<TAB>description`. */
export function completionLines(candidates: readonly Candidate[]): string {
  return candidates
    .filter((c) => !/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(c.value))
    .map((c) => (c.description ? `${c.value}\t${oneLine(c.description)}` : c.value) + '\n')
    .join('');
}
