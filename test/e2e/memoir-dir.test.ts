import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRepo } from '../helpers/cli.js';
import { gitIn, ok, runner } from '../helpers/e2e.js';

describe('--memoir-dir naming the project folder', () => {
  it('uses the .memoir inside it for writes, and init says it exists instead of creating a second store in the folder', () => {
    const root = initRepo();
    const elsewhere = runner(path.dirname(root));
    const name = path.basename(root);
    ok(elsewhere(['--memoir-dir', name, 'add', 'Likes tea', '-p', 'preferences.food.drinks', '--commit']));
    expect(gitIn(root, ['show', 'main:preferences/food/drinks.md'])).toContain('Likes tea');
    const init = ok(elsewhere(['--memoir-dir', name, 'init', '--json']));
    expect(JSON.parse(init.stdout)).toEqual({ path: path.join(root, '.memoir'), created: false });
    expect(fs.existsSync(path.join(root, 'HEAD'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'objects'))).toBe(false);
  });
});
