import { UsageError } from '../errors/index.js';

/*
 * Checks of a tool call's arguments. The schemas tell a client what to send; these make sure
 * what arrives is that, with the CLI's usage error (exit 2) when it is not.
 */

export type Args = Record<string, unknown>;

function bad(tool: string, message: string): UsageError {
  return new UsageError('invalid-argument', `${tool}: ${message}`, {
    hint: "see the tool's input schema (tools/list)",
  });
}

export function text(args: Args, tool: string, name: string, required: true): string;
export function text(args: Args, tool: string, name: string, required?: false): string | undefined;
export function text(args: Args, tool: string, name: string, required = false): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) {
    if (required) throw bad(tool, `"${name}" is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw bad(tool, `"${name}" must be a string`);
  return value;
}

export function count(args: Args, tool: string, name: string, min: number, max: number): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw bad(tool, `"${name}" must be a whole number from ${min} to ${max}`);
  return value;
}

/** A number from min to max, fractions allowed. */
export function fraction(args: Args, tool: string, name: string, min: number, max: number): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw bad(tool, `"${name}" must be a number from ${min} to ${max}`);
  return value;
}

export function texts(args: Args, tool: string, name: string): string[] {
  const value = args[name];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string'))
    throw bad(tool, `"${name}" must be a non-empty array of strings`);
  return value as string[];
}

export function flag(args: Args, tool: string, name: string): boolean | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw bad(tool, `"${name}" must be true or false`);
  return value;
}

/** Names no argument the tool does not know: a typo must not be silently ignored. */
export function known(args: Args, tool: string, names: readonly string[]): void {
  const unknown = Object.keys(args).filter((k) => !names.includes(k));
  if (unknown.length > 0)
    throw bad(
      tool,
      `unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (it takes ${names.map((n) => `"${n}"`).join(', ') || 'none'})`,
    );
}
