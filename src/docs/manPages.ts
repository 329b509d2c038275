import type { Argument, Command, Option } from 'commander';
import { EXIT_CODE_TABLE } from '../errors/index.js';
import { examplesOf } from '../runtime/examples.js';
import { ENVIRONMENT } from '../commands/help.js';
import { MAN_SECTIONS, type ManSection } from './screens.js';

/*
 * Man pages generated from the commander definitions, so they cannot drift from --help:
 * `npm run man` writes them, and a test fails when the files in man/ differ from these.
 */

/** Escapes text for roff: backslashes, hyphens in words, and a leading dot or quote. */
function esc(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/^([.'])/gm, '\\&$1');
}

function optionTerm(option: Option): string {
  const names = [option.short, option.long]
    .filter(Boolean)
    .map((n) => `\\fB${esc(n!)}\\fR`)
    .join(', ');
  const value = /<([^>]+)>|\[([^\]]+)\]/.exec(option.flags);
  return value ? `${names} \\fI${esc(value[1] ?? value[2])}\\fR` : names;
}

function argumentTerm(arg: Argument): string {
  const name = esc(arg.name()) + (arg.variadic ? '...' : '');
  return arg.required ? `\\fI${name}\\fR` : `[\\fI${name}\\fR]`;
}

function section(title: string, body: string[]): string[] {
  return body.length ? [`.SH ${title}`, ...body] : [];
}

function definitionList(items: Array<[string, string]>): string[] {
  return items.flatMap(([term, text]) => ['.TP', term, esc(text)]);
}

function visibleOptions(command: Command): Option[] {
  return command.options.filter((o) => !o.hidden && o.long !== '--version');
}

function examples(command: Command): string[] {
  return examplesOf(command).flatMap(([cmd, what]) => [
    '.PP',
    '.nf',
    `.RS 4`,
    `$ ${esc(cmd)}`,
    '.RE',
    '.fi',
    '.RS 8',
    esc(what),
    '.RE',
  ]);
}

/** A subcommand (`memoir taxonomy check`): synopsis, description, arguments and options, indented. */
function subcommand(parent: Command, sub: Command): string[] {
  const args = sub.registeredArguments.map(argumentTerm).join(' ');
  return [
    '.TP',
    `\\fBmemoir ${esc(parent.name())} ${esc(sub.name())}\\fR [\\fIoptions\\fR]${args ? ' ' + args : ''}`,
    esc(sub.description()) + '.',
    '.RS',
    ...definitionList([
      ...sub.registeredArguments.map((a): [string, string] => [argumentTerm(a), a.description || a.name()]),
      ...visibleOptions(sub).map((o): [string, string] => [optionTerm(o), o.description]),
    ]),
    ...examples(sub),
    '.RE',
  ];
}

/** A section of docs/screens.ts: its paragraphs, then its terms. */
function manSection(s: ManSection): string[] {
  return section(s.title, [
    ...s.paragraphs.flatMap((p, i) => (i === 0 ? [esc(p)] : ['.PP', esc(p)])),
    ...definitionList(s.items.map(([term, text]) => [`\\fB${esc(term)}\\fR`, text])),
  ]);
}

/** The global options by name, read from the program: `--memoir-dir`, `--color`, ... */
function globalOptionNames(program: Command): string {
  return visibleOptions(program)
    .map((o) => `\\fB${esc(o.long!)}\\fR`)
    .join(', ');
}

function exitStatus(): string[] {
  return definitionList(EXIT_CODE_TABLE.map(([code, meaning]) => [`\\fB${code}\\fR`, meaning]));
}

function header(name: string, version: string): string {
  return `.TH ${name.toUpperCase()} 1 "" "memoir ${version}" "memoir manual"`;
}

function commandPage(program: Command, command: Command, version: string): string {
  const name = `memoir-${command.name()}`;
  const args = command.registeredArguments.map(argumentTerm).join(' ');
  const lines = [
    header(name, version),
    '.SH NAME',
    `${name} \\- ${esc(command.description())}`,
    '.SH SYNOPSIS',
    `\\fBmemoir ${esc(command.name())}\\fR [\\fIoptions\\fR]${args ? ' ' + args : ''}`,
    '.SH DESCRIPTION',
    esc(command.description()) + '.',
    ...section(
      'ARGUMENTS',
      definitionList(command.registeredArguments.map((a) => [argumentTerm(a), a.description || a.name()])),
    ),
    ...section('OPTIONS', definitionList(visibleOptions(command).map((o) => [optionTerm(o), o.description]))),
    ...section(
      'SUBCOMMANDS',
      command.commands.flatMap((sub) => subcommand(command, sub)),
    ),
    ...(MAN_SECTIONS[command.name()] ?? []).flatMap(manSection),
    ...section('GLOBAL OPTIONS', [
      'See',
      '.BR memoir (1)',
      `for options every command accepts (${globalOptionNames(program)}).`,
    ]),
    ...section('EXAMPLES', examples(command)),
    ...section('EXIT STATUS', exitStatus()),
    '.SH SEE ALSO',
    ['memoir', ...program.commands.filter((c) => c !== command).map((c) => `memoir-${c.name()}`)]
      .map((n) => `.BR ${n} (1)`)
      .join(',\n'),
  ];
  return lines.join('\n') + '\n';
}

const FORMAT = [
  'The repository is a bare git repository in \\fI.memoir/\\fR, written through isomorphic\\-git; plain git works on it',
  '(\\fBgit \\-\\-git\\-dir=.memoir log\\fR, \\fBgit fsck\\fR, \\fBgit show\\fR, \\fBgit blame\\fR).',
  'Each taxonomy leaf \\fIcategory.subcategory.type\\fR is the file \\fIcategory/subcategory/type.md\\fR, holding its current facts,',
  'one per line, as a Markdown list item with the metadata in an HTML comment at the end of the line:',
  '.PP',
  '.nf',
  '.RS 4',
  '\\- I prefer dark mode <!\\-\\- id=3fa2c91b0d at=2026\\-11\\-21T13:00:00Z src=cli by=manual \\-\\->',
  '.RE',
  '.fi',
  '.PP',
  'Keys: \\fBid\\fR (the fact id), \\fBat\\fR (when it was recorded), \\fBsrc\\fR (where it came from), \\fBby\\fR (what chose its leaf),',
  "\\fBconf\\fR (the classifier's confidence), \\fBsup\\fR (the id of the fact it superseded). Commits carry provenance in",
  'git trailers (\\fBMemoir\\-Added\\fR, \\fBMemoir\\-Removed\\fR, \\fBMemoir\\-Source\\fR, \\fBMemoir\\-Classifier\\fR, \\fBMemoir\\-Version\\fR).',
];

function mainPage(program: Command, version: string): string {
  const environment = ENVIRONMENT.map(([name, text]): [string, string] => [`\\fB${esc(name)}\\fR`, text]);
  const lines = [
    header('memoir', version),
    '.SH NAME',
    `memoir \\- ${esc(program.description())}`,
    '.SH SYNOPSIS',
    '\\fBmemoir\\fR [\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]',
    '.SH DESCRIPTION',
    'memoir keeps the facts an AI agent remembers about its users and projects as named, versioned things: each fact sits at one leaf of a fixed,',
    'human\\-readable taxonomy, enters through a secret guard, and is committed with its provenance, so that memory can be read, diffed, blamed and rolled back.',
    '.SH COMMANDS',
    ...definitionList(program.commands.map((c) => [`\\fBmemoir\\-${esc(c.name())}\\fR(1)`, c.description()])),
    '.SH GLOBAL OPTIONS',
    ...definitionList(program.options.filter((o) => !o.hidden).map((o) => [optionTerm(o), o.description])),
    '.SH STORAGE FORMAT',
    ...FORMAT,
    '.SH ENVIRONMENT',
    ...definitionList(environment),
    '.SH FILES',
    ...definitionList([
      ['\\fI.memoir/\\fR', 'the repository (found by searching upwards from the current directory)'],
      ['\\fI.memoir/state/stage.json\\fR', 'the staged facts'],
      ['\\fI.memoir/state/lock\\fR', 'the writer lock'],
      [
        '\\fI.memoirrc\\fR, \\fI.memoirrc.json\\fR, \\fI.memoirrc.yaml\\fR, \\fImemoir.config.js\\fR',
        'project configuration (also package.json "memoir")',
      ],
      ['\\fI$XDG_CONFIG_HOME/memoir/config.yaml\\fR', 'user configuration'],
    ]),
    ...section('EXAMPLES', examples(program)),
    '.SH EXIT STATUS',
    ...exitStatus(),
    '.SH SEE ALSO',
    program.commands.map((c) => `.BR memoir\\-${c.name()} (1)`).join(',\n') + ',\n.BR git (1)',
  ];
  return lines.join('\n') + '\n';
}

/** Every man page: file name → roff source. */
export function renderManPages(program: Command, version: string): Map<string, string> {
  const pages = new Map<string, string>([['memoir.1', mainPage(program, version)]]);
  for (const command of program.commands)
    pages.set(`memoir-${command.name()}.1`, commandPage(program, command, version));
  return pages;
}
