import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leafModelKey, leafTexts, PREBUILT_LEAF_MODEL, type PrebuiltLeafModel } from '../../src/app/recallModel.js';
import { loadEmbeddings } from '../../src/classify/embeddings.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { buildLeafModel } from '../../src/core/recallLeaves.js';
import * as path from 'node:path';
import { initRepo, memoir } from '../helpers/cli.js';

const shipped = () =>
  JSON.parse(
    fs.readFileSync(new URL(`../../dist/${PREBUILT_LEAF_MODEL}`, import.meta.url), 'utf8'),
  ) as PrebuiltLeafModel;

describe("recall's leaf model for the built-in taxonomy", () => {
  it('ships with the build, the same as the sources make it now', async () => {
    const taxonomy = builtinTaxonomy();
    const meanings = loadEmbeddings();
    const built = buildLeafModel(await leafTexts(taxonomy), { meanings });
    const { key, model } = shipped();
    expect(key).toBe(leafModelKey(taxonomy, meanings));
    // as stored: JSON writes -0 as 0
    expect(model).toEqual(JSON.parse(JSON.stringify(built)));
  });

  it('is what the first recall of a memory uses: it builds and caches none', () => {
    const dir = initRepo();
    expect(memoir(['add', 'I prefer dark mode', '--path', 'preferences.ui.theme', '--commit'], { cwd: dir }).code).toBe(
      0,
    );
    const result = memoir(['recall', 'which theme do I like?', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('I prefer dark mode');
    const state = path.join(dir, '.memoir', 'state');
    expect(fs.existsSync(path.join(state, 'recall-index.json'))).toBe(true);
    expect(fs.existsSync(path.join(state, 'recall-leaves.json'))).toBe(false);
  });
});
