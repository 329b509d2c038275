import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, commandNameOf } from '../src/program.js';
import { createIO } from '../src/io/io.js';
import { createContext } from '../src/runtime/context.js';
import { isRootHelp, rootHelpEntries } from '../src/runtime/rootHelp.js';
import { VERSION } from '../src/version.js';

describe('commandNameOf: the command to load, from the arguments after "memoir"', () => {
  it.each<[string[], string | undefined]>([
    [['get', 'preferences.ui.theme'], 'get'],
    [['--no-color', 'log', '-n', '3'], 'log'],
    [['--memoir-dir', 'notes/.memoir', 'ls'], 'ls'],
    [['--memoir-dir=notes/.memoir', 'ls'], 'ls'],
    [['--lock-timeout', '5', '--debug', 'commit', '-m', 'x'], 'commit'],
    [['--help'], undefined],
    [[], undefined],
    [['--', 'get'], undefined],
    [['nope'], 'nope'],
  ])('%j → %s', (args, name) => {
    expect(commandNameOf(args)).toBe(name);
  });
});

describe("the root help from the build's command list (runtime/rootHelp.ts)", () => {
  const context = () => createContext(createIO({ env: {}, json: false }), {}, process.cwd(), VERSION);
  /** The root help as commander formats it for an output this wide, with or without colour. */
  const helpOf = (program: Command, width: number, colour: boolean) =>
    program.configureOutput({ getOutHelpWidth: () => width, getOutHasColors: () => colour }).helpInformation();

  it("is byte for byte the help built from every command's definition", async () => {
    const full = await buildProgram(context());
    const light = await buildProgram(context(), undefined, rootHelpEntries(full));
    expect(light.commands.length).toBe(full.commands.length);
    for (const width of [40, 80, 132, 250])
      for (const colour of [false, true])
        expect(helpOf(light, width, colour), `${width} columns, colour ${colour}`).toBe(helpOf(full, width, colour));
  });

  it('is used only for memoir, --help, -h and help alone', () => {
    for (const args of [[], ['--help'], ['-h'], ['help']]) expect(isRootHelp(args), args.join(' ')).toBe(true);
    for (const args of [['help', 'add'], ['add', '--help'], ['--no-color', '--help'], ['--', 'add'], ['nope']])
      expect(isRootHelp(args), args.join(' ')).toBe(false);
  });
});
