// The layers' import rules (docs/architecture.md), checked on the sources by the build: a
// change that breaks one fails `npm run build`, and so `npm test` and CI.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

/**
 * Each rule: the files it governs (a folder under src/), and what they may not import: npm
 * packages by name, or folders of src/. Type-only imports are erased by the compiler and load
 * nothing, but they still tie a layer to another: they count too, except where `types` allows.
 */
export const RULES = [
  {
    layer: 'app',
    reason: 'use cases take typed input and return results: no command line, styling or screens',
    packages: ['commander', 'chalk', 'ink', 'react'],
    folders: ['commands', 'output', 'ui', 'mcp'],
    // the review screen's outcome is the type a use case gets back from a FactReviewer
    types: ['ui/types.ts'],
    // `memoir context` fits its block to a budget of printed characters, so it measures the printing
    allow: ['output/context.ts'],
  },
  {
    layer: 'core',
    reason: 'the domain is pure: no I/O, no classifier, no store, no use case',
    packages: ['commander', 'chalk', 'ink', 'react', 'isomorphic-git', 'openai'],
    folders: ['classify', 'store', 'app', 'runtime', 'commands', 'output', 'ui', 'mcp', 'config'],
  },
  {
    layer: 'store',
    reason: 'the store knows git, not the command line',
    packages: ['commander', 'chalk', 'ink'],
    folders: ['commands', 'output', 'ui', 'mcp', 'app', 'classify'],
  },
  {
    layer: 'mcp',
    reason: 'MCP tools call the use cases, never the command layer',
    packages: ['commander'],
    folders: ['commands'],
  },
  {
    layer: 'library',
    reason: 'the library calls the use cases as the CLI does, without its command line, styles or screens',
    packages: ['commander', 'chalk', 'ink', 'react', 'openai'],
    folders: ['commands', 'ui', 'mcp'],
  },
  {
    layer: 'output',
    reason: 'renderers read results from app/, never the command layer',
    packages: ['commander'],
    folders: ['commands', 'mcp'],
  },
];

/** Code that may appear only inside one layer. */
export const CONFINED = [
  {
    // `memory.git.readCommit(…)`, `f(memory.git)`: the code, not a URL in a string (`acme/memory.git`)
    pattern: /(?<![/\w])memory\.git(?=[.),;\]])/,
    layer: 'store',
    reason: 'the store is the only place that knows git: give Memory a method for what you need',
  },
];

/** Every module a source file imports: static, re-exported and dynamic, with whether it is type-only. */
export function importsOf(source) {
  const found = [];
  const statement = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(statement)) found.push({ spec: m[3], typeOnly: Boolean(m[2]) });
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1], typeOnly: false });
  return found;
}

/** The rule violations among the given files ({path relative to src/, source}); empty when the layers hold. */
export function structureViolations(files) {
  const problems = [];
  for (const { path, source } of files) {
    for (const confined of CONFINED)
      if (!path.startsWith(`${confined.layer}/`) && confined.pattern.test(source))
        problems.push(`src/${path} uses ${confined.pattern.source.replace(/\\b|\\/g, '')}: ${confined.reason}`);
    const rule = RULES.find((r) => path.startsWith(`${r.layer}/`));
    if (!rule) continue;
    for (const { spec, typeOnly } of importsOf(source)) {
      if (!spec.startsWith('.')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (rule.packages.includes(name)) problems.push(`src/${path} imports ${spec}: ${rule.reason}`);
        continue;
      }
      const target = relative('.', join(dirname(path), spec)).replace(/\.js$/, '.ts');
      const folder = target.split('/')[0];
      if (!rule.folders.includes(folder)) continue;
      if (rule.allow?.includes(target)) continue;
      if (typeOnly && rule.types?.includes(target)) continue;
      problems.push(`src/${path} imports ${spec}: ${rule.reason}`);
    }
  }
  return problems;
}

/** The sources under src/, as structureViolations takes them. */
export function sourceFiles(srcDir) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name))
        files.push({ path: relative(srcDir, full), source: readFileSync(full, 'utf8') });
    }
  };
  walk(resolve(srcDir));
  return files;
}
