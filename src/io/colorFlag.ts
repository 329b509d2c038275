/*
 * The colour flag, read from the arguments before commander runs: the streams (and so their
 * colour) are set up before the command tree is loaded. commander declares the same flags
 * (program.ts), so a wrong value is still its usage error.
 */

export const COLOR_WHEN = ['auto', 'always', 'never'] as const;
export type ColorWhen = (typeof COLOR_WHEN)[number];

const isWhen = (value: string | undefined): value is ColorWhen => COLOR_WHEN.includes(value as ColorWhen);

/**
 * `--color=WHEN`, `--color WHEN` or `--no-color` (= never); the last one given wins, as for any
 * flag. Words after `--` are operands (a fact may be the text "--no-color"), not flags.
 */
export function colorFlagOf(args: readonly string[]): ColorWhen | undefined {
  let when: ColorWhen | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg === '--no-color') when = 'never';
    else if (arg.startsWith('--color=')) when = isWhen(arg.slice(8)) ? (arg.slice(8) as ColorWhen) : when;
    else if (arg === '--color' && isWhen(args[i + 1])) when = args[++i] as ColorWhen;
  }
  return when;
}
