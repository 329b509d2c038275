import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepository } from '../../src/store/repository.js';
import { GitStore } from '../../src/store/git.js';
import { tempDir } from '../helpers/cli.js';
import type { UsageError } from '../../src/errors/index.js';

async function project(): Promise<{ root: string; store: string }> {
  const root = tempDir();
  const store = path.join(root, '.memoir');
  await GitStore.init(store, 'main');
  fs.mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
  return { root, store };
}

const failure = (action: () => unknown): UsageError => {
  try {
    action();
  } catch (error) {
    return error as UsageError;
  }
  throw new Error('expected an error');
};

describe('findRepository', () => {
  it('accepts --memoir-dir naming the store itself or the project folder that holds it', async () => {
    const { root, store } = await project();
    expect(findRepository('/', store)).toBe(store);
    expect(findRepository('/', root)).toBe(store);
    expect(findRepository(path.join(root, 'src'), '..')).toBe(store);
  });

  it('finds the nearest .memoir upwards without --memoir-dir', async () => {
    const { root, store } = await project();
    expect(findRepository(path.join(root, 'src', 'deep'))).toBe(store);
  });

  it('never suggests creating a second repository beside the one a wrong --memoir-dir missed', async () => {
    const { root, store } = await project();
    const error = failure(() => findRepository(path.join(root, 'src'), 'nowhere'));
    expect(error).toMatchObject({ code: 'not-a-repository', exitCode: 2 });
    expect(error.message).toContain(path.join(root, 'src', 'nowhere'));
    expect(error.hint).toContain(store);
    expect(error.hint).not.toContain('memoir init');
  });

  it('says how to create one at the named place when there is none anywhere', () => {
    const error = failure(() => findRepository(tempDir(), 'memory'));
    expect(error.code).toBe('not-a-repository');
    expect(error.hint).toContain('memoir --memoir-dir memory init');
  });
});
