// Loads the secret guard from the sources (src/core/secrets.ts), bundled with the rule files
// compiled as the build compiles them, so the bench measures the code as it is now.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataModule } from '../../scripts/dataModules.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** @returns {Promise<typeof import('../../src/core/secrets.js')>} */
export async function loadGuard() {
  const out = await build({
    entryPoints: [join(root, 'src', 'core', 'secrets.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error',
    plugins: [{ name: 'rules', setup: (b) => b.onLoad({ filter: /\.toml$/ }, (a) => ({ contents: dataModule(a.path), loader: 'js' })) }],
  });
  const modulePath = join(root, 'bench', 'secrets', `.guard-${process.pid}.mjs`);
  writeFileSync(modulePath, out.outputFiles[0].text);
  try {
    return await import(modulePath);
  } finally {
    rmSync(modulePath, { force: true });
  }
}
