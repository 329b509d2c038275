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

/** A data file as a module holding its data, for a bundle that inlines it. */
export function dataModule(file) {
  return `const data = ${JSON.stringify(compileData(file))};\nexport default () => data;`;
}
