import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { DATA_FILES, dataModule } from './scripts/dataModules.mjs';

/**
 * Test files that need a fresh module graph: they count module loads, spy on a module's calls, or
 * read settings a module caches per process. Every other file shares its worker's modules with the
 * files run before it (isolate: false): importing the sources again for each of ~190 files was a
 * third of the suite's time. A test that fails only after another file has run belongs here.
 */
const ISOLATED = ['test/e2e/commit.test.ts', 'test/store/atomicFile.test.ts', 'test/core/factDates.test.ts'];

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
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ISOLATED,
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
    // a CI machine's CI variables are cleared: the tests set them where they test them
    setupFiles: ['test/helpers/plainEnvironment.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e tests spawn the CLI; two workers match this machine's two cores.
    maxWorkers: 2,
    // in-process writes to throwaway repositories are not flushed to disk (see src/store/atomicFile.ts)
    env: { MEMOIR_TEST_FSYNC: '0' },
  },
});
