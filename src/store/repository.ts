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
 * directory itself, or the folder that holds `.memoir/`), else the nearest `.memoir/` from
 * `cwd` upwards, as git finds `.git`.
 */
export function findRepository(cwd: string, override?: string): string {
  if (override) {
    const dir = path.resolve(cwd, override);
    const found = givenRepository(dir);
    if (found) return found;
    const nearest = nearestRepository(cwd);
    throw notARepository(dir, {
      hint: nearest
        ? `--memoir-dir (or MEMOIR_DIR) names a .memoir directory or the folder that holds one; the nearest repository from here is ${nearest}`
        : `--memoir-dir (or MEMOIR_DIR) names a .memoir directory or the folder that holds one; "memoir --memoir-dir ${override} init" creates one there`,
    });
  }
  const found = nearestRepository(cwd);
  if (!found) throw notARepository(path.resolve(cwd), { upwards: true });
  return found;
}

/** The repository a path names: the store itself, or the project folder that holds `.memoir/`. */
export function givenRepository(dir: string): string | undefined {
  if (isRepository(dir)) return dir;
  const inside = path.join(dir, STORE_DIR);
  return isRepository(inside) ? inside : undefined;
}

/** The nearest `.memoir/` from `cwd` upwards. */
function nearestRepository(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, STORE_DIR);
    if (isRepository(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
