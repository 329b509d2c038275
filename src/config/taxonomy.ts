import { MemoirError } from '../errors/index.js';
import { buildTaxonomy, type Taxonomy } from '../core/taxonomy.js';
import builtin from '../../taxonomy.yaml';

let cached: Taxonomy | undefined;

/**
 * The taxonomy that ships with memoir. taxonomy.yaml is parsed at build time into a plain
 * object inside the bundle, so no command pays for a YAML parser just to know the leaves.
 */
export function builtinTaxonomy(): Taxonomy {
  if (cached) return cached;
  const { taxonomy, problems } = buildTaxonomy(builtin);
  if (problems.length > 0) {
    throw new MemoirError('invalid-builtin-taxonomy', `the built-in taxonomy is invalid: ${problems[0].at}: ${problems[0].message}`);
  }
  cached = taxonomy;
  return taxonomy;
}
