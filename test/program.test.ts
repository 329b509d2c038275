import { describe, expect, it } from 'vitest';
import { commandNameOf } from '../src/program.js';

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
