import * as fs from 'node:fs';
import * as path from 'node:path';
import { notARepository } from '../errors/index.js';

/** The directory that holds memoir's own files inside the git directory. */
export const STATE_DIR = 'state';
export const STORE_DIR = '.memoir';

/** A git directory memoir can use: it has HEAD and an objects store. */
export function isRepository(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'));
}

/**
 * The repository for a command: `--memoir-dir` or `MEMOIR_DIR` when given (the store
 * directory itself), else the nearest `.memoir/` from `cwd` upwards, as git finds `.git`.
 */
export function findRepository(cwd: string, override?: string): string {
  if (override) {
    const dir = path.resolve(cwd, override);
    if (!isRepository(dir)) throw notARepository(dir);
    return dir;
  }
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, STORE_DIR);
    if (isRepository(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw notARepository(path.resolve(cwd));
    dir = parent;
  }
}
