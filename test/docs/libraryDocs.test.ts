import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/*
 * docs/library.md is generated from the library's public types (scripts/gen-library-docs.mjs,
 * run by `npm run man`): these fail when the two drift, or when a declaration has no section.
 */

// imported by path: the script has no declaration file (scripts/*.d.mts) for a static import to find
const { API_FILE, DOCS_FILE, libraryDocs } = (await import(path.join(ROOT, 'scripts', 'gen-library-docs.mjs'))) as {
  API_FILE: string;
  DOCS_FILE: string;
  libraryDocs: (sourceText: string) => string;
};

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('docs/library.md', () => {
  it('matches src/library/api.ts (run "npm run man" after changing it)', () => {
    expect(read(DOCS_FILE), `${DOCS_FILE} is out of date: run "npm run man"`).toBe(libraryDocs(read(API_FILE)));
  });

  it('has a section for every exported declaration of src/library/api.ts', () => {
    const source = read(API_FILE);
    const declared = [
      ...source.matchAll(
        /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:interface|type|function|const|let|var|class|enum|namespace)\s+([\w$]+)/gm,
      ),
    ].map((m) => m[1]);
    expect(declared).toEqual(expect.arrayContaining(['openMemory', 'withMemory', 'Memory']));
    const headings = [...libraryDocs(source).matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    for (const name of new Set(declared))
      expect(headings, `docs/library.md has no section for ${name}`).toContain(name);
  });
});
