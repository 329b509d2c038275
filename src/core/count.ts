import { UsageError } from '../errors/index.js';

/** A count flag's value (`-n 20`): a whole number, or undefined when the flag was not given. */
export function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError('invalid-count', `${flag} must be a whole number, not "${value}"`);
  return Number(value);
}
