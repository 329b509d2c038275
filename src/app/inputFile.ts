import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors/index.js';

/** The bytes of a file the user named (`add --file`, `capture FILE`), or a usage error that says why not. */
export function readInputFile(cwd: string, file: string, hint: string): Uint8Array {
  try {
    return fs.readFileSync(path.resolve(cwd, file));
  } catch (error) {
    throw new UsageError(
      'unreadable-file',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { hint },
    );
  }
}
