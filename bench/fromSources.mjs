// Loads memoir's modules straight from the sources for the benchmarks, so that variants can be
// compared in one process: bundled with esbuild (data files inlined as the build inlines them),
// written beside the directory that must resolve `data/` from it, imported, and removed.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileRules } from '../scripts/gitleaks/rules.mjs';

const dataFiles = {
  name: 'data',
  setup: (b) => {
    b.onLoad({ filter: /\.ya?ml$/ }, (a) => ({
      contents: JSON.stringify(parse(readFileSync(a.path, 'utf8'))),
      loader: 'json',
    }));
    // the secret guard's rule files, compiled as the build does (admitting a fact screens it)
    b.onLoad({ filter: /\.toml$/ }, (a) => ({
      contents: JSON.stringify(compileRules(readFileSync(a.path, 'utf8'))),
      loader: 'json',
    }));
    b.onLoad({ filter: /\.jsonl$/ }, (a) => ({
      contents: JSON.stringify(
        readFileSync(a.path, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l)),
      ),
      loader: 'json',
    }));
  },
};

/**
 * The exports of `entry` (TypeScript re-exports, resolved from `resolveDir`), bundled and
 * imported from a temporary module in `besideDir`: the modules find `data/` (and the
 * evaluations their files) relative to where
 * they are loaded, so it must be this checkout's (node_modules may be a link to another's).
 */
export async function importFromSources(entry, { resolveDir, besideDir }) {
  const out = await build({
    stdin: { contents: entry, resolveDir, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
    packages: 'external',
    plugins: [dataFiles],
  });
  // in besideDir itself: the evaluations read their files from the module's own folder
  const file = join(besideDir, `.from-sources-${process.pid}-${Date.now()}.mjs`);
  try {
    writeFileSync(file, out.outputFiles[0].text);
    return await import(file);
  } finally {
    rmSync(file, { force: true });
  }
}
