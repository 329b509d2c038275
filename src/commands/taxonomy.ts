import * as path from 'node:path';
import type { Command } from 'commander';
import { leavesUnder, requirePrefix, type Leaf } from '../core/taxonomy.js';
import { builtinTaxonomy, readTaxonomyFile } from '../config/taxonomy.js';
import { EXIT } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit, type Renderer } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { alignColumns, plainRecord, plural } from '../output/format.js';

export async function runTaxonomy(prefix: string | undefined, context: Context): Promise<Leaf[]> {
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
export async function runTaxonomyCheck(file: string, context: Context): Promise<CheckResult> {
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

const taxonomyRenderer: Renderer<Leaf[]> = {
  human: (leaves, p) =>
    alignColumns(leaves.map((l) => [p.path(l.path), p.dim(l.cardinality), l.description]))
      .map((l) => l + '\n')
      .join(''),
  plain: (leaves) => leaves.map((l) => plainRecord([l.path, l.cardinality, l.description])).join(''),
  json: (leaves) =>
    leaves.map((l) => ({ path: l.path, description: l.description, cardinality: l.cardinality, examples: l.examples })),
};

const checkRenderer: Renderer<CheckResult> = {
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

export function register(program: Command, context: Context): void {
  const command = program
    .command('taxonomy')
    .description(
      'List the taxonomy leaves facts can be stored at, with cardinality and description; check a taxonomy file',
    )
    .argument('[prefix]', 'only leaves under this category or subcategory')
    .option('--json', 'print the leaves as JSON (with their examples)')
    .action(async (prefix: string | undefined, options: { json?: boolean }) => {
      emit(context, options, await runTaxonomy(prefix, context), taxonomyRenderer);
    });
  const check = command
    .command('check')
    .description('Validate a taxonomy file and report every problem with its line (exit 1 when there are problems)')
    .argument('<file>', 'a YAML file in the format of taxonomy.yaml, e.g. the one the "taxonomy" setting names')
    .option('--json', 'print the result as JSON')
    .action(async (file: string) => {
      const result = await runTaxonomyCheck(file, context);
      // the parent's --json takes the flag wherever it stands on the line
      emit(context, context.globals, result, checkRenderer);
      if (result.problems.length > 0) context.fail(EXIT.failure);
    });
  withExamples(check, [['memoir taxonomy check my-leaves.yaml', 'validate a taxonomy extension before using it']]);
  withExamples(command, [
    ['memoir taxonomy', 'every leaf'],
    ['memoir taxonomy preferences.ui', 'the leaves under preferences.ui'],
    ['memoir taxonomy --json | jq -r ".[].path"', 'just the paths'],
    [
      'memoir taxonomy check my-leaves.yaml',
      'validate a file of extra leaves (set "taxonomy: my-leaves.yaml" in .memoirrc.yaml to use it)',
    ],
  ]);
}
