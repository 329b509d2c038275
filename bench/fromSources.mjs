// Loads memoir's modules straight from the sources for the benchmarks, so that variants can be
// compared in one process: bundled with esbuild (data files inlined as the build inlines them),
// written beside the directory that must resolve `data/` from it, imported, and removed.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES, dataModule } from '../scripts/dataModules.mjs';

const dataFiles = {
  name: 'data',
  setup: (b) => b.onLoad({ filter: DATA_FILES }, (a) => ({ contents: dataModule(a.path), loader: 'js' })),
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
