import * as fs from 'node:fs';
import { repositoryModes, type Modes } from './modes.js';
import { mkdirInside, writeInside } from './safeWrite.js';

/*
 * The file system isomorphic-git writes through. Three reasons not to hand it node:fs:
 * - every write is atomic (temporary file, then rename), so a killed writer never leaves a
 *   truncated object or ref behind and `git fsck` stays clean;
 * - writes go through safeWrite: the repository's modes, and never through a symbolic link;
 * - the repository's files are small, and synchronous calls wrapped in a promise are
 *   several times faster for them than libuv's thread-pool round trips.
 */
type Args<F> = F extends (...args: infer A) => unknown ? A : never;

/**
 * A file system for isomorphic-git writing into the repository `gitdir`, with its modes
 * (or `modes`, while `memoir init` creates it and there is no config to read them from yet).
 */
export function createFastFs(gitdir: string, modes: () => Modes | undefined = () => repositoryModes(gitdir)) {
  return {
    promises: {
      async readFile(...args: Args<typeof fs.readFileSync>) {
        return fs.readFileSync(...args);
      },
      async writeFile(file: string, data: string | Uint8Array) {
        writeInside(gitdir, file, data, modes());
      },
      async mkdir(dir: string, options?: fs.MakeDirectoryOptions) {
        mkdirInside(gitdir, dir, Boolean(options?.recursive), modes());
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
