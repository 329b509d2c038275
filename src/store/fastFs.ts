import * as fs from 'node:fs';
import { writeFileAtomicSync } from './atomicFile.js';

/*
 * The file system isomorphic-git writes through. Two reasons not to hand it node:fs:
 * - every write is atomic (temporary file, then rename), so a killed writer never leaves a
 *   truncated object or ref behind and `git fsck` stays clean;
 * - the repository's files are small, and synchronous calls wrapped in a promise are
 *   several times faster for them than libuv's thread-pool round trips.
 */
type Args<F> = F extends (...args: infer A) => unknown ? A : never;

/** A file system for isomorphic-git whose writes stage their temporary files in `tmpDir`. */
export function createFastFs(tmpDir: string) {
  return {
  promises: {
    async readFile(...args: Args<typeof fs.readFileSync>) {
      return fs.readFileSync(...args);
    },
    async writeFile(file: string, data: string | Uint8Array, options?: { mode?: number } | string) {
      writeFileAtomicSync(file, data, { tmpDir, mode: typeof options === 'object' ? options.mode : undefined });
    },
    async mkdir(dir: string, options?: fs.MakeDirectoryOptions) {
      fs.mkdirSync(dir, options);
    },
    async rmdir(dir: string) {
      fs.rmdirSync(dir);
    },
    async rm(file: string, options?: fs.RmOptions) {
      fs.rmSync(file, options);
    },
    async unlink(file: string) {
      fs.unlinkSync(file);
    },
    async stat(file: string) {
      return fs.statSync(file);
    },
    async lstat(file: string) {
      return fs.lstatSync(file);
    },
    async readdir(dir: string) {
      return fs.readdirSync(dir);
    },
    async readlink(file: string) {
      return fs.readlinkSync(file);
    },
    async symlink(target: string, file: string) {
      fs.symlinkSync(target, file);
    },
    async chmod(file: string, mode: number) {
      fs.chmodSync(file, mode);
    },
  },
  };
}
