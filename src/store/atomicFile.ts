import * as fs from 'node:fs';
import * as path from 'node:path';

let counter = 0;

/**
 * Writes a file so that readers see either the old content or the new, never a torn one:
 * write a temporary sibling, then rename over the target (atomic on POSIX file systems).
 * A writer killed half-way leaves only a stray `.tmp-*` file, which nothing reads.
 */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, mode?: number): void {
  const tmp = `${file}.tmp-${process.pid}-${++counter}`;
  try {
    fs.writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
  }
  try {
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export function readFileIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
