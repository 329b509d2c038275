import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { DATA_FILES, dataModule } from './scripts/dataModules.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // the build defines the version the same way (scripts/build.mjs)
  define: { MEMOIR_VERSION: JSON.stringify(pkg.version) },
  plugins: [
    {
      // The build compiles the data files (taxonomy.yaml, the training facts, the guard's rules)
      // into modules that give their data when called (scripts/bundle.mjs); tests of the sources need the same.
      name: 'yaml',
      transform(_code: string, id: string) {
        return DATA_FILES.test(id) ? { code: dataModule(id), map: null } : undefined;
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
