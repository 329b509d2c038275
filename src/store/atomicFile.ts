import * as fs from 'node:fs';
import * as path from 'node:path';

let counter = 0;

/**
 * Whether writes are flushed to disk. Only a test suite turns this off (MEMOIR_TEST_FSYNC=0, as
 * git's own suite sets GIT_TEST_FSYNC=0): a flush costs ~5 ms on a disk, thousands of
 * throwaway commits add minutes, and a power cut is not what those tests are about.
 */
const flushing = (): boolean => process.env.MEMOIR_TEST_FSYNC !== '0';

export interface AtomicWriteOptions {
  /**
   * Where the temporary file is written before the rename: it must be on the same file
   * system. For git's own directories this is `state/tmp/`, so a writer killed half-way
   * never leaves a stray file in `refs/` or `objects/` for `git fsck` to trip over.
   */
  tmpDir?: string;
  /** The new file's mode (default 0666, less the umask). */
  mode?: number;
  /** The mode of directories created on the way (default 0777, less the umask). */
  dirMode?: number;
}

function ensureDir<T>(dir: string, dirMode: number | undefined, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(dir, { recursive: true, mode: dirMode });
    return action();
  }
}

/**
 * Creates the temporary file, never opening one already there: O_EXCL also refuses a symbolic
 * link planted under the (predictable) name, where a plain open would write through it. The
 * data reaches the disk before the file is renamed into place: without the fsync, a power cut
 * can leave a renamed but empty ref, which reads as a branch with no commits.
 */
function createTemporary(tmp: string, data: string | Uint8Array, mode: number | undefined): void {
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    fs.rmSync(tmp, { force: true }); // a leftover of a killed writer that had our pid, or a planted link
    fd = fs.openSync(tmp, 'wx', mode);
  }
  try {
    fs.writeFileSync(fd, data);
    if (flushing()) fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename in `dir` durable: the directory entry itself is flushed. */
function syncDirectory(dir: string): void {
  if (!flushing()) return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // some file systems cannot fsync a directory (EINVAL, EISDIR on a few); the data is written either way
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes a file so that readers see either the old content or the new, never a torn one:
 * write a temporary file and flush it, rename it over the target (atomic on POSIX file
 * systems), then flush the directory so the rename survives a power cut.
 * A symbolic link at `file` is replaced, never written through.
 */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const tmpDir = options.tmpDir ?? path.dirname(file);
  const tmp = path.join(tmpDir, `${path.basename(file)}.tmp-${process.pid}-${++counter}`);
  ensureDir(tmpDir, options.dirMode, () => createTemporary(tmp, data, options.mode));
  try {
    ensureDir(path.dirname(file), options.dirMode, () => fs.renameSync(tmp, file));
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(file));
}

/** Removes temporary files (and scratch folders) left by writers that are no longer running (their pid is in the name). */
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
      fs.rmSync(path.join(tmpDir, name), { force: true, recursive: true });
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

/** Up to `length` bytes of the open file from `offset` (fewer at its end): packs and the recall index are read in parts. */
export function readBytesAt(fd: number, offset: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(Math.max(0, length));
  let done = 0;
  while (done < bytes.length) {
    const n = fs.readSync(fd, bytes, done, bytes.length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return bytes.subarray(0, done);
}
