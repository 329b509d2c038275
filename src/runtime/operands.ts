import type { Command } from 'commander';

/**
 * How many of a command's operands came after `--` (they are paths, as in git). Commander
 * folds them into the operands; the root command keeps the raw arguments to count them.
 */
export function operandsAfterDoubleDash(command: Command): number {
  let root = command;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs: string[] }).rawArgs ?? [];
  const start = raw.indexOf(command.name());
  const dash = raw.indexOf('--', start + 1);
  return start === -1 || dash === -1 ? 0 : raw.length - dash - 1;
}
