import type { CheckResult } from '../app/taxonomy.js';
import type { Leaf } from '../core/taxonomy.js';
import type { Renderer } from '../runtime/emit.js';
import { alignColumns, plainRecord, plural } from './format.js';

/** `memoir taxonomy`: the leaves, aligned in a terminal, one record a line in pipes. */
export const taxonomyRenderer: Renderer<Leaf[]> = {
  human: (leaves, p) =>
    alignColumns(leaves.map((l) => [p.path(l.path), p.dim(l.cardinality), l.description]))
      .map((l) => l + '\n')
      .join(''),
  plain: (leaves) => leaves.map((l) => plainRecord([l.path, l.cardinality, l.description])).join(''),
  json: (leaves) =>
    leaves.map((l) => ({ path: l.path, description: l.description, cardinality: l.cardinality, examples: l.examples })),
};

/** `memoir taxonomy check FILE`: each problem with its line, or what the file holds. */
export const checkRenderer: Renderer<CheckResult> = {
  human: (r, p) =>
    r.problems.length
      ? r.problems.map((line) => p.error(line) + '\n').join('') +
        `${plural(r.problems.length, 'problem')} in ${r.file}\n`
      : `${p.added('valid')}: ${plural(r.leaves, 'leaf', 'leaves')}${r.replacing.length ? `, ${r.replacing.length} replacing built-in ones (${r.replacing.join(', ')})` : ''}\n`,
  plain: (r) =>
    r.problems.length ? r.problems.map((line) => line + '\n').join('') : `valid\t${r.leaves}\t${r.replacing.length}\n`,
  json: (r) => ({
    file: r.file,
    valid: r.problems.length === 0,
    leaves: r.leaves,
    replacing: r.replacing,
    problems: r.problems,
  }),
};
