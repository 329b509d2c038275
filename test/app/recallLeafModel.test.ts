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
    const { key, meanings: withMeanings, model } = shipped();
    expect(key).toBe(leafModelKey(taxonomy, meanings));
    expect(withMeanings).toBe(true);
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
    expect(fs.existsSync(path.join(state, 'recall-index.bin'))).toBe(true);
    expect(fs.existsSync(path.join(state, 'recall-leaves.json'))).toBe(false);
  });

  it('is not used for an extended taxonomy, whose model is built and cached in the repository', () => {
    const dir = initRepo();
    fs.writeFileSync(
      path.join(dir, 'leaves.yaml'),
      'preferences:\n  ui:\n    density:\n      description: How dense the user likes interfaces.\n      cardinality: one\n      examples:\n        - I like compact lists\n',
    );
    fs.writeFileSync(path.join(dir, '.memoirrc.yaml'), 'taxonomy: leaves.yaml\n');
    expect(
      memoir(['add', 'I like compact lists', '--path', 'preferences.ui.density', '--commit'], { cwd: dir }).code,
    ).toBe(0);
    const result = memoir(['recall', 'how dense should lists be?', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('I like compact lists');
    const cached = JSON.parse(fs.readFileSync(path.join(dir, '.memoir', 'state', 'recall-leaves.json'), 'utf8'));
    expect(cached.model.paths).toContain('preferences.ui.density');
  });
});
