import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defineConfig } from 'vitest/config';
import { compileRules } from './scripts/gitleaks/rules.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // the build defines the version the same way (scripts/build.mjs)
  define: { MEMOIR_VERSION: JSON.stringify(pkg.version) },
  plugins: [
    {
      // The build compiles taxonomy.yaml into the bundle; tests of the sources need the same.
      name: 'yaml',
      transform(_code: string, id: string) {
        if (id.endsWith('.jsonl')) {
          const rows = readFileSync(id, 'utf8')
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l) as unknown);
          return { code: `export default ${JSON.stringify(rows)};`, map: null };
        }
        // the secret guard's rule files, compiled as the build does (scripts/build.mjs)
        if (id.endsWith('.toml'))
          return { code: `export default ${JSON.stringify(compileRules(readFileSync(id, 'utf8')))};`, map: null };
        if (!id.endsWith('.yaml')) return undefined;
        return { code: `export default ${JSON.stringify(parse(readFileSync(id, 'utf8')))};`, map: null };
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e tests spawn the CLI; two workers match this machine's two cores.
    maxWorkers: 2,
    // in-process writes to throwaway repositories are not flushed to disk (see src/store/atomicFile.ts)
    env: { MEMOIR_TEST_FSYNC: '0' },
  },
});
