import type { Deps } from './deps.js';
import * as path from 'node:path';
import { leavesUnder, requirePrefix, type Leaf } from '../core/taxonomy.js';
import { builtinTaxonomy, readTaxonomyFile } from '../config/taxonomy.js';

export async function runTaxonomy(prefix: string | undefined, context: Deps): Promise<Leaf[]> {
  const taxonomy = await context.taxonomy();
  return leavesUnder(taxonomy, prefix ? requirePrefix(taxonomy, prefix) : undefined);
}

export interface CheckResult {
  file: string;
  problems: string[];
  leaves: number;
  /** Leaves that would replace built-in ones of the same name. */
  replacing: string[];
}

/** Validates a taxonomy file (the built-in format; for the `taxonomy` setting) and reports every problem with its line. */
export async function runTaxonomyCheck(file: string, context: Deps): Promise<CheckResult> {
  const resolved = path.resolve(context.cwd, file);
  const { taxonomy, problems } = await readTaxonomyFile(resolved);
  const builtin = builtinTaxonomy();
  return {
    file: resolved,
    problems,
    leaves: taxonomy.leaves.size,
    replacing: [...taxonomy.leaves.keys()].filter((p) => builtin.leaves.has(p)),
  };
}
