import * as fs from 'node:fs';
import * as path from 'node:path';

let counter = 0;

export interface AtomicWriteOptions {
  /**
   * Where the temporary file is written before the rename: it must be on the same file
   * system. For git's own directories this is `state/tmp/`, so a writer killed half-way
   * never leaves a stray file in `refs/` or `objects/` for `git fsck` to trip over.
   */
  tmpDir?: string;
  mode?: number;
}

function ensureDir<T>(dir: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(dir, { recursive: true });
    return action();
  }
}

/**
 * Writes a file so that readers see either the old content or the new, never a torn one:
 * write a temporary file, then rename it over the target (atomic on POSIX file systems).
 */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const tmpDir = options.tmpDir ?? path.dirname(file);
  const tmp = path.join(tmpDir, `${path.basename(file)}.tmp-${process.pid}-${++counter}`);
  ensureDir(tmpDir, () => fs.writeFileSync(tmp, data, options.mode === undefined ? undefined : { mode: options.mode }));
  try {
    ensureDir(path.dirname(file), () => fs.renameSync(tmp, file));
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Removes temporary files left by writers that are no longer running (their pid is in the name). */
export function sweepTemporaryFiles(tmpDir: string, isAlive: (pid: number) => boolean): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmpDir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(/\.tmp-(\d+)-\d+$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) {
      fs.rmSync(path.join(tmpDir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

export function readFileIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
