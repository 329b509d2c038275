import * as path from 'node:path';
import { MemoirError, type CodeOf } from '../errors/index.js';
import { readFileIfExists } from './atomicFile.js';
import { STATE_DIR } from './repository.js';
import { writeInside } from './safeWrite.js';

/** One of memoir's JSON state files in `.memoir/state/` (the stage, the review queue). */
export interface StateFile<T> {
  /** File name inside the state directory. */
  name: string;
  /** What an absent or empty file means. */
  empty: () => T;
  /** Checks a parsed file (it may be hand-edited, or from a newer memoir). */
  isValid: (value: unknown) => value is T;
  /** The error when it is not valid: its code, what it is, and how to recover. */
  corrupt: { code: CodeOf<'failure'>; what: string; hint: string };
}

export function stateFilePath(gitdir: string, name: string): string {
  return path.join(gitdir, STATE_DIR, name);
}

/** Reads a state file; absent or empty is the empty value, anything unparseable is refused, never guessed. */
export function readStateFile<T>(gitdir: string, spec: StateFile<T>): T {
  const file = stateFilePath(gitdir, spec.name);
  let text: string | undefined;
  try {
    text = readFileIfExists(file);
  } catch (error) {
    // a directory in its place, no permission: the state is unreadable, which is for a person to fix
    throw new MemoirError(
      spec.corrupt.code,
      `the ${spec.corrupt.what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { hint: spec.corrupt.hint },
    );
  }
  if (text === undefined || text.trim() === '') return spec.empty();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!spec.isValid(parsed))
    throw new MemoirError(spec.corrupt.code, `the ${spec.corrupt.what} ${file} is not valid`, {
      hint: spec.corrupt.hint,
    });
  return parsed;
}

/** Replaces a state file atomically: a killed writer leaves the old content or the new, never half. */
export function writeStateFile<T>(gitdir: string, spec: StateFile<T>, value: T): void {
  writeInside(gitdir, stateFilePath(gitdir, spec.name), JSON.stringify(value) + '\n');
}
