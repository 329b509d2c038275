import { describe, expect, it } from 'vitest';
import { NOT_AN_OPTION, safeCommanderMessage } from '../../src/runtime/argumentErrors.js';

describe('safeCommanderMessage: commander errors quote only what has the shape of a name', () => {
  it.each<[string, string, string]>([
    [
      "error: unknown option '--pth'\n(Did you mean --path?)",
      'commander.unknownOption',
      "error: unknown option '--pth'\n(Did you mean --path?)",
    ],
    ["error: unknown option '-x'", 'commander.unknownOption', "error: unknown option '-x'"],
    [
      "error: unknown option '--token=ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP'",
      'commander.unknownOption',
      "error: unknown option '--token'",
    ],
    ["error: unknown option '--token=a\nb'", 'commander.unknownOption', "error: unknown option '--token'"],
    [
      "error: unknown option '-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA'",
      'commander.unknownOption',
      NOT_AN_OPTION,
    ],
    ["error: unknown option '-my token is abc123'", 'commander.unknownOption', NOT_AN_OPTION],
    ["error: unknown option '-9 degrees'", 'commander.unknownOption', NOT_AN_OPTION],
    ["error: unknown option '--it's'", 'commander.unknownOption', NOT_AN_OPTION],
    ["error: unknown option '--ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP'", 'commander.unknownOption', NOT_AN_OPTION],
    [
      "error: unknown command 'ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP'",
      'commander.unknownCommand',
      'error: the first argument is not a command; "memoir --help" lists them',
    ],
    ['something commander may say one day', 'commander.unknownOption', NOT_AN_OPTION],
    [
      "error: unknown command 'stat'\n(Did you mean status?)",
      'commander.unknownCommand',
      "error: unknown command 'stat'\n(Did you mean status?)",
    ],
    [
      "error: unknown command 'my password is hunter2xyz'",
      'commander.unknownCommand',
      'error: the first argument is not a command; "memoir --help" lists them',
    ],
    [
      "error: option '-n, --count <n>' argument 'sk-abc' is invalid. Not a number.",
      'commander.invalidArgument',
      "error: invalid value for option '-n, --count <n>'",
    ],
    [
      "error: command-argument value 'sk-abc' is invalid for argument 'rev'. Bad.",
      'commander.invalidArgument',
      "error: invalid value for argument 'rev'",
    ],
    [
      "error: too many arguments for 'status'. Expected 0 arguments but got 1.",
      'commander.excessArguments',
      "error: too many arguments for 'status'. Expected 0 arguments but got 1.",
    ],
    [
      "error: missing required argument 'conflict'",
      'commander.missingArgument',
      "error: missing required argument 'conflict'",
    ],
  ])('%j', (message, code, safe) => {
    expect(safeCommanderMessage(message, code)).toBe(safe);
  });
});
