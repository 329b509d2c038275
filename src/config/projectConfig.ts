import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * Finding a project's configuration: data only. A folder may be a cloned project written by
 * someone else, so nothing in it is ever executed: only JSON and YAML files are read, and a
 * JavaScript or TypeScript config is reported and ignored. (cosmiconfig is not used here: its
 * "meta config" runs `.config/config.js` from the working directory before any option of
 * ours applies; see docs/decisions.md.)
 */

/** The data files memoir reads, in the order they are looked for in each directory. */
export const PROJECT_CONFIG_NAMES = [
  'package.json', // its "memoir" key
  '.memoirrc',
  '.memoirrc.json',
  '.memoirrc.yaml',
  '.memoirrc.yml',
  '.config/memoirrc',
  '.config/memoirrc.json',
  '.config/memoirrc.yaml',
  '.config/memoirrc.yml',
] as const;

/** Config files that would be code: never loaded, reported so nobody wonders why they do nothing. */
const EXECUTABLE = /^(?:\.memoirrc|memoir\.config|\.config\/memoirrc)\.(?:[cm]?js|[cm]?ts)$/;

/** A directory holding one of these is a project's root: the search goes no higher, as git's stops at .git. */
const ROOT_MARKERS = ['package.json', '.git', '.memoir'];

/** A config file is a few keys; anything bigger is not one (and is not read into memory). */
export const MAX_CONFIG_BYTES = 256 * 1024;

export interface ProjectConfigSearch {
  /** The data file that applies, if any (for package.json, only when it has a "memoir" key). */
  file?: string;
  /** Executable config files seen on the way, ignored. */
  ignored: string[];
}

function list(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Whether package.json has a top-level "memoir" key (a bin named memoir is not a config). */
function hasMemoirKey(file: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return typeof pkg === 'object' && pkg !== null && 'memoir' in pkg;
  } catch {
    return false; // a broken package.json belongs to another tool; it is not memoir's to report
  }
}

/**
 * Looks for the project's config from `cwd` up to the project root (the first directory with a
 * package.json, .git or .memoir) or `/`. One directory listing per level: most commands run
 * where there is no config at all, and this costs well under a millisecond then.
 */
export function findProjectConfig(cwd: string): ProjectConfigSearch {
  const ignored: string[] = [];
  let dir = path.resolve(cwd);
  for (;;) {
    const names = list(dir);
    const here = new Set(names);
    if (here.has('.config')) for (const n of list(path.join(dir, '.config'))) here.add(`.config/${n}`);
    for (const name of [...here].filter((n) => EXECUTABLE.test(n)).sort()) ignored.push(path.join(dir, name));
    for (const name of PROJECT_CONFIG_NAMES) {
      if (!here.has(name)) continue;
      const file = path.join(dir, name);
      if (name === 'package.json' && !hasMemoirKey(file)) continue;
      return { file, ignored };
    }
    if (ROOT_MARKERS.some((m) => here.has(m))) return { ignored };
    const parent = path.dirname(dir);
    if (parent === dir) return { ignored };
    dir = parent;
  }
}

/**
 * The raw settings in a project config file. JSON files (and package.json's "memoir" key) are
 * parsed as JSON, the rest as YAML, whose parser refuses alias bombs. Throws with a one-line reason.
 */
export async function readConfigFile(file: string): Promise<unknown> {
  const stat = fs.statSync(file);
  // a link to /dev/zero or a FIFO would never end: only a regular file is read
  if (!stat.isFile()) throw new Error('it is not a regular file');
  const size = stat.size;
  if (size > MAX_CONFIG_BYTES) throw new Error(`it is ${size} bytes; a config file is at most ${MAX_CONFIG_BYTES}`);
  const text = fs.readFileSync(file, 'utf8');
  if (path.basename(file) === 'package.json') return (JSON.parse(text) as Record<string, unknown>).memoir;
  if (file.endsWith('.json')) return JSON.parse(text);
  const { parse } = await import('yaml');
  return parse(text, { maxAliasCount: 50 });
}
