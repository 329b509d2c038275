import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseTaxonomyYaml } from '../../src/config/taxonomyFile.js';
import { MAX_TAXONOMY_BYTES } from '../../src/config/taxonomy.js';
import { parseJson } from '../helpers/cli.js';
import type { ErrorJson } from '../helpers/e2e.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

// A taxonomy file (the "taxonomy" setting, MEMOIR_TAXONOMY) is data from outside: a "billion
// laughs" document of nested aliases, a huge file or a device must end in a usage error
// (exit 2) naming the file, never in an internal error, a hang or an exhausted memory.

/** Ten levels of ten aliases each: 10^10 strings if expanded. */
const BOMB =
  ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    .concat(
      'bcdefghij'.split('').map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`),
    )
    .join('\n') + '\n';

describe('a taxonomy file with an alias bomb', () => {
  it('parseTaxonomyYaml reports it as a problem at line 1', () => {
    const { problems } = parseTaxonomyYaml(BOMB);
    expect(problems).toEqual([
      expect.objectContaining({ at: '(yaml)', line: 1, message: expect.stringContaining('aliases') }),
    ]);
  });

  it('any command: exit 2, invalid-taxonomy naming the file', async () => {
    const dir = await initRepoIn();
    fs.writeFileSync(path.join(dir, 'bomb.yaml'), BOMB);
    const result = await memoirIn(['get', 'preferences.ui.theme', '--json'], {
      cwd: dir,
      env: { MEMOIR_TAXONOMY: 'bomb.yaml' },
    });
    expect(result.code, result.stderr).toBe(2);
    const error = parseJson<ErrorJson>(result.stderr);
    expect(error.code).toBe('invalid-taxonomy');
    expect(error.data).toMatchObject({ file: path.join(dir, 'bomb.yaml') });
  });

  it('memoir taxonomy check lists the problem with its line', async () => {
    const dir = await initRepoIn();
    fs.writeFileSync(path.join(dir, 'bomb.yaml'), BOMB);
    const result = await memoirIn(['taxonomy', 'check', 'bomb.yaml'], { cwd: dir });
    expect(result.code).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/bomb\.yaml:1: \(yaml\): too many aliases/);
    expect(result.stderr).not.toContain('internal error');
  });

  it('a few aliases, as people use them, are still fine', () => {
    const text =
      'preferences:\n  ui:\n    tint:\n      description: &d The colour tint the user prefers in interfaces.\n      cardinality: one\n    hue:\n      description: *d\n      cardinality: one\n';
    expect(parseTaxonomyYaml(text).problems).toEqual([]);
  });
});

describe('a taxonomy file that is too large or not a file', () => {
  it(`larger than ${MAX_TAXONOMY_BYTES} bytes: exit 2, taxonomy-too-large, read no further`, async () => {
    const dir = await initRepoIn();
    fs.writeFileSync(path.join(dir, 'big.yaml'), '# padding\n'.repeat(MAX_TAXONOMY_BYTES / 10 + 1));
    const result = await memoirIn(['ls', '--json'], { cwd: dir, env: { MEMOIR_TAXONOMY: 'big.yaml' } });
    expect(result.code, result.stderr).toBe(2);
    expect(parseJson<ErrorJson>(result.stderr).code).toBe('taxonomy-too-large');
  });

  it.each([['/dev/zero'], ['a FIFO']])('%s: exit 2, unreadable-taxonomy, no hang', async (what) => {
    const dir = await initRepoIn();
    let file = what;
    if (what === 'a FIFO') {
      file = path.join(dir, 'fifo.yaml');
      expect(spawnSync('mkfifo', [file]).status).toBe(0);
    }
    const result = await memoirIn(['ls', '--json'], { cwd: dir, env: { MEMOIR_TAXONOMY: file } });
    expect(result.code, result.stderr).toBe(2);
    expect(parseJson<ErrorJson>(result.stderr).code).toBe('unreadable-taxonomy');
  });
});
