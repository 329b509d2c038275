import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // The build compiles taxonomy.yaml into the bundle; tests of the sources need the same.
      name: 'yaml',
      transform(_code: string, id: string) {
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
  },
});
