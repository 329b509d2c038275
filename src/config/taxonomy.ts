import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoirError, UsageError, type CodeOf } from '../errors/index.js';
import { buildTaxonomy, type LeafIndex, type LeafRef, type Taxonomy } from '../core/taxonomy.js';
import type { Config } from './load.js';
import builtin, { leaves as builtinLeaves } from '../../taxonomy.yaml';

let cached: Taxonomy | undefined;
let cachedIndex: LeafIndex | undefined;

/**
 * The taxonomy that ships with memoir. taxonomy.yaml is parsed at build time into a plain
 * object inside the bundle, so no command pays for a YAML parser just to know the leaves.
 */
export function builtinTaxonomy(): Taxonomy {
  if (cached) return cached;
  const { taxonomy, problems } = buildTaxonomy(builtin());
  if (problems.length > 0) {
    throw new MemoirError(
      'invalid-builtin-taxonomy',
      `the built-in taxonomy is invalid: ${problems[0].at}: ${problems[0].message}`,
    );
  }
  cached = taxonomy;
  return taxonomy;
}

/**
 * The built-in taxonomy's leaves, paths and cardinalities alone: made from taxonomy.yaml at build
 * time (scripts/dataModules.mjs), a 7 KB file where the whole taxonomy is 94 KB, which the
 * reads (get, ls, log, status) parse instead of building the whole taxonomy.
 */
export function builtinLeafIndex(): LeafIndex {
  if (cached) return cached;
  cachedIndex ??= {
    leaves: new Map(
      Object.entries(builtinLeaves()).map(([path, cardinality]): [string, LeafRef] => [path, { path, cardinality }]),
    ),
  };
  return cachedIndex;
}

/** Leaves of `extension` are added to `base`; a leaf of the same name replaces the built-in one. */
export function mergeTaxonomies(base: Taxonomy, extension: Taxonomy): Taxonomy {
  return {
    leaves: new Map([...base.leaves, ...extension.leaves]),
    groups: new Map([...base.groups, ...extension.groups]),
  };
}

/** A taxonomy file larger than this is refused unread: ten times the built-in taxonomy. */
export const MAX_TAXONOMY_BYTES = 1024 * 1024;

function unreadable(
  file: string,
  reason: string,
  code: CodeOf<'usage'> = 'unreadable-taxonomy',
  hint = 'check the "taxonomy" setting ("memoir config taxonomy" shows where it comes from)',
): UsageError {
  return new UsageError(code, `cannot read the taxonomy file ${file}: ${reason}`, { hint, data: { file } });
}

/** The file's text: a regular file, read no further than the limit (a device or a FIFO would never end). */
function readTaxonomyText(file: string): string {
  let fd: number;
  try {
    // non-blocking: opening a FIFO must not wait for a writer
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw unreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw unreadable(file, 'it is not a regular file');
    const buffer = Buffer.alloc(MAX_TAXONOMY_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.toString('utf8', 0, length);
      length += read;
      if (length > MAX_TAXONOMY_BYTES) {
        throw unreadable(
          file,
          `it is larger than ${MAX_TAXONOMY_BYTES} bytes (1 MiB)`,
          'taxonomy-too-large',
          'a taxonomy file lists leaves, far less than that (the built-in one is about 100 KB); check the "taxonomy" setting',
        );
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads and validates a taxonomy YAML file; every problem is reported with its line.
 * @returns the problems formatted `file:LINE: at: message`, or the taxonomy
 */
export async function readTaxonomyFile(file: string): Promise<{ taxonomy: Taxonomy; problems: string[] }> {
  const text = readTaxonomyText(file);
  const { parseTaxonomyYaml, formatProblems } = await import('./taxonomyFile.js');
  const { taxonomy, problems } = parseTaxonomyYaml(text);
  return { taxonomy, problems: problems.length ? formatProblems(file, problems).split('\n') : [] };
}

/** The taxonomy in force: the built-in one, extended by the file the `taxonomy` setting names. */
export async function loadTaxonomy(config: Config, cwd: string): Promise<Taxonomy> {
  const setting = config.entries.get('taxonomy');
  if (!setting?.value) return builtinTaxonomy();
  const file = path.resolve(setting.base ?? cwd, String(setting.value));
  const { taxonomy, problems } = await readTaxonomyFile(file);
  if (problems.length > 0) {
    throw new UsageError(
      'invalid-taxonomy',
      `the taxonomy file is invalid: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      {
        hint: `"memoir taxonomy check ${file}" lists every problem`,
        data: { file, problems },
      },
    );
  }
  return mergeTaxonomies(builtinTaxonomy(), taxonomy);
}
