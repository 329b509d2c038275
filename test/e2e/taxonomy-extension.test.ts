import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, parseJson, ROOT, tempDir, testEnv } from '../helpers/cli.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

const EXTRA = `# leaves of our own
preferences:
  ui:
    density:
      description: How dense the user likes interfaces - compact or roomy.
      cardinality: one
      examples:
        - I like compact lists with small padding
        - Roomy layouts tire me less
        - Always use the dense table view
    theme:
      description: Our own definition of the theme leaf.
      cardinality: many
`;

describe('a taxonomy extension (the "taxonomy" setting)', () => {
  it('adds leaves and replaces same-named ones; paths are relative to the config file', async () => {
    const dir = await initRepoIn();
    fs.mkdirSync(path.join(dir, 'conf'));
    fs.writeFileSync(path.join(dir, 'conf', 'leaves.yaml'), EXTRA);
    fs.writeFileSync(path.join(dir, '.memoirrc.yaml'), 'taxonomy: conf/leaves.yaml\n');
    const leaves = parseJson<Array<{ path: string; cardinality: string; description: string }>>(
      (await memoirIn(['taxonomy', 'preferences.ui', '--json'], { cwd: dir })).stdout,
    );
    expect(leaves.map((l) => l.path)).toEqual(
      expect.arrayContaining(['preferences.ui.density', 'preferences.ui.theme', 'preferences.ui.font']),
    );
    expect(leaves.find((l) => l.path === 'preferences.ui.theme')).toMatchObject({
      cardinality: 'many',
      description: 'Our own definition of the theme leaf.',
    });
    expect(
      (await memoirIn(['add', 'Compact, please', '-p', 'preferences.ui.density', '--commit'], { cwd: dir })).code,
    ).toBe(0);
    // a subdirectory finds the same config and so the same leaves
    fs.mkdirSync(path.join(dir, 'sub'));
    expect(
      (await memoirIn(['get', 'preferences.ui.density', '--json'], { cwd: path.join(dir, 'sub') })).stdout,
    ).toContain('Compact, please');
  });

  it('gives the reads its own cardinalities: a replaced leaf holds many facts in get, ls, log and status', async () => {
    const dir = await initRepoIn();
    fs.writeFileSync(path.join(dir, 'leaves.yaml'), EXTRA);
    const env = { MEMOIR_TAXONOMY: 'leaves.yaml' };
    for (const text of ['Dark mode', 'Solarized'])
      expect((await memoirIn(['add', text, '-p', 'preferences.ui.theme'], { cwd: dir, env })).code).toBe(0);
    // preferences.ui.theme holds one fact in the built-in taxonomy: the second would supersede the first
    const status = parseJson<{ staged: Array<{ supersededBy: string | null }> }>(
      (await memoirIn(['status', '--json'], { cwd: dir, env })).stdout,
    );
    expect(status.staged.map((s) => s.supersededBy)).toEqual([null, null]);
    expect((await memoirIn(['commit', '-m', 'themes'], { cwd: dir, env })).code).toBe(0);
    const ls = parseJson<Array<{ path: string; count: number; cardinality: string }>>(
      (await memoirIn(['ls', '--json'], { cwd: dir, env })).stdout,
    );
    expect(ls).toContainEqual(expect.objectContaining({ path: 'preferences.ui.theme', count: 2, cardinality: 'many' }));
    expect((await memoirIn(['get', 'preferences.ui.theme'], { cwd: dir, env })).stdout.split('\n')).toHaveLength(3);
    expect((await memoirIn(['get', 'preferences.ui.density'], { cwd: dir, env })).code).toBe(0);
    expect((await memoirIn(['log', 'preferences.ui.density'], { cwd: dir, env })).code).toBe(0);
  });

  it('MEMOIR_TAXONOMY names the file too (relative to the working directory)', async () => {
    const dir = await initRepoIn();
    fs.writeFileSync(path.join(dir, 'leaves.yaml'), EXTRA);
    expect((await memoirIn(['get', 'preferences.ui.density'], { cwd: dir })).code).toBe(2);
    expect(
      (await memoirIn(['get', 'preferences.ui.density'], { cwd: dir, env: { MEMOIR_TAXONOMY: 'leaves.yaml' } })).code,
    ).toBe(0);
  });

  it('a broken or missing file is exit 2 naming the file and line, with a hint to check it', async () => {
    const dir = await initRepoIn();
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      'pets:\n  dogs:\n    breed:\n      description: x\n      cardinality: few\n',
    );
    const broken = await memoirIn(['ls', '--json'], { cwd: dir, env: { MEMOIR_TAXONOMY: 'bad.yaml' } });
    expect(broken.code).toBe(2);
    expect(parseJson<{ code: string; message: string; hint: string }>(broken.stderr)).toMatchObject({
      code: 'invalid-taxonomy',
      message: expect.stringContaining('bad.yaml:5:'),
      hint: expect.stringContaining('memoir taxonomy check'),
    });
    const missing = await memoirIn(['ls'], { cwd: dir, env: { MEMOIR_TAXONOMY: 'nope.yaml' } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml');
  });
});

describe('memoir taxonomy check', () => {
  it('reports every problem with its line, exit 1', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      'pets:\n  dogs:\n    Breed:\n      description: x\n      cardinality: one\n    size:\n      cardinality: few\n  too:\n    deep:\n      leaf:\n        deeper:\n          description: y\n',
    );
    const result = await memoirIn(['taxonomy', 'check', 'bad.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.every((l) => /^\/.*bad\.yaml:\d+: /.test(l))).toBe(true);
    expect(result.stdout).toMatch(/bad\.yaml:3: pets\.dogs\.Breed: "Breed" is not a valid name/);
    expect(result.stdout).toMatch(/bad\.yaml:7: pets\.dogs\.size\.cardinality: cardinality must be "one" or "many"/);
    const json = parseJson<{ valid: boolean; problems: string[] }>(
      (await memoirIn(['taxonomy', 'check', 'bad.yaml', '--json'], { cwd: dir })).stdout,
    );
    expect(json.valid).toBe(false);
    expect(json.problems).toEqual(lines);
  });

  it('accepts a valid file and says which built-in leaves it would replace', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ok.yaml'), EXTRA);
    const result = await memoirIn(['taxonomy', 'check', 'ok.yaml', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(parseJson(result.stdout)).toMatchObject({
      valid: true,
      leaves: 2,
      replacing: ['preferences.ui.theme'],
      problems: [],
    });
  });

  it("the bundle's compact leaves (what get, ls, log and status read) are the built-in taxonomy's, in order", () => {
    const compact = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'data', 'taxonomy-leaves.json'), 'utf8'));
    const full = [...builtinTaxonomy().leaves.values()].map((leaf) => [leaf.path, leaf.cardinality]);
    expect(Object.entries(compact)).toEqual(full);
  });

  it('the built-in taxonomy.yaml passes its own check', async () => {
    const dir = tempDir();
    const result = await memoirIn(['taxonomy', 'check', path.resolve('taxonomy.yaml')], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^valid\t\d+\t\d+\n$/);
  });
});

describe('a reader that goes away', () => {
  it('memoir taxonomy | head -1 ends quietly', () => {
    const dir = tempDir();
    const result = spawnSync('sh', ['-c', `'${process.execPath}' '${BIN}' taxonomy | head -1`], {
      cwd: dir,
      env: testEnv(dir),
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toBe('');
  });
});
