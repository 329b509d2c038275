/*
 * commander's errors quote what was typed: "unknown option '-----BEGIN OPENSSH PRIVATE KEY-----
 * …'", "unknown command 'my password is …'". An argument can be a fact, and a fact can be a
 * secret, so an argument is quoted only when it has the shape of a name (an option without its
 * `=value`, a command word) and is not a credential; otherwise the error says what kind of
 * argument it was.
 */

import { findSecrets } from '../core/secrets.js';

/** `-x`, `--dry-run`, `--token=…` (the value is never shown); and nothing the secret guard would refuse. */
const OPTION_LIKE = /^(--?[A-Za-z][\w-]{0,40})(=.*)?$/s;
const COMMAND_LIKE = /^[A-Za-z][\w-]{0,40}$/;

export const NOT_AN_OPTION =
  "error: an argument starting with '-' is not an option; put -- before a fact that starts with '-'";

/**
 * commander's error message with every argument that could be data taken out; messages
 * that quote no argument are returned as they are.
 * @example safeCommanderMessage("error: unknown option '--token=abc'", 'commander.unknownOption') // "error: unknown option '--token'"
 */
export function safeCommanderMessage(message: string, code: string | undefined): string {
  switch (code) {
    case 'commander.unknownOption': {
      // the suggestion names a declared option, never the argument
      const [, flag, suggestion = ''] =
        /^error: unknown option '([\s\S]*)'(\n\(Did you mean [^'\n]*\?\))?$/.exec(message) ?? [];
      const name = flag === undefined ? undefined : OPTION_LIKE.exec(flag)?.[1];
      return name && findSecrets(name.replace(/^-+/, '')).length === 0
        ? `error: unknown option '${name}'${suggestion}`
        : NOT_AN_OPTION;
    }
    case 'commander.unknownCommand': {
      const [, name, suggestion = ''] =
        /^error: unknown command '([\s\S]*)'(\n\(Did you mean [^'\n]*\?\))?$/.exec(message) ?? [];
      return name !== undefined && COMMAND_LIKE.test(name) && findSecrets(name).length === 0
        ? `error: unknown command '${name}'${suggestion}`
        : 'error: the first argument is not a command; "memoir --help" lists them';
    }
    case 'commander.invalidArgument': {
      // "option '-n, --count <n>' argument '…' is invalid." or "command-argument value '…' is invalid for argument 'x'."
      const option = /^error: option '([^']*)' (?:argument|value) /.exec(message)?.[1];
      const argument = /is invalid for argument '([\w-]+)'\./.exec(message)?.[1];
      return option
        ? `error: invalid value for option '${option}'`
        : argument
          ? `error: invalid value for argument '${argument}'`
          : 'error: invalid argument';
    }
    default:
      return message;
  }
}
