// Data files imported by the sources (`import taxonomy from '../../taxonomy.yaml'`): the taxonomy
// (YAML), the training facts (JSONL) and the secret guard's rules (a gitleaks TOML rule file),
// compiled to plain data. A data module's default export is a function that gives the data, so
// that loading a module that names some data costs nothing until the data is used. The bundle
// (scripts/bundle.mjs) reads the data from dist/data/ on the first call; the trainer, the tests
// (vitest.config.ts) and the benchmarks that bundle sources inline it (dataModule).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compileRules } from './gitleaks/rules.mjs';

/** The files compiled as data. */
export const DATA_FILES = /\.(ya?ml|jsonl|toml)$/;

/** The data a data file holds: JSONL is the array of its lines' objects; TOML, gitleaks rules translated to JavaScript patterns. */
export function compileData(file) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.toml')) return compileRules(text);
  if (file.endsWith('.jsonl'))
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  return parse(text);
}

/**
 * What reads need of a taxonomy (a YAML data file): each leaf's path and cardinality,
 * `{ "category.subcategory.type": "one" | "many" }`, in the file's order, without the
 * descriptions and examples (a fifteenth of the size). The module of a YAML file exports it as
 * `leaves` (src/config/taxonomy.ts, builtinLeafIndex). The build has checked the file first
 * (scripts/build.mjs): every depth-3 entry with a cardinality is a valid leaf.
 */
export function taxonomyLeaves(taxonomy) {
  const leaves = {};
  const isMapping = (node) => typeof node === 'object' && node !== null && !Array.isArray(node);
  for (const [category, subs] of Object.entries(isMapping(taxonomy) ? taxonomy : {})) {
    if (!isMapping(subs)) continue;
    for (const [sub, types] of Object.entries(subs)) {
      if (sub === 'description' || !isMapping(types)) continue;
      for (const [type, leaf] of Object.entries(types))
        if (type !== 'description' && isMapping(leaf) && (leaf.cardinality === 'one' || leaf.cardinality === 'many'))
          leaves[`${category}.${sub}.${type}`] = leaf.cardinality;
    }
  }
  return leaves;
}

/** The data files whose modules also export `leaves` (taxonomyLeaves). */
export const TAXONOMY_FILES = /\.ya?ml$/;

/** A data file as a module holding its data, for a bundle that inlines it. */
export function dataModule(file) {
  const data = compileData(file);
  const leaves = TAXONOMY_FILES.test(file)
    ? `\nconst leafData = ${JSON.stringify(taxonomyLeaves(data))};\nexport const leaves = () => leafData;`
    : '';
  return `const data = ${JSON.stringify(data)};\nexport default () => data;${leaves}`;
}
