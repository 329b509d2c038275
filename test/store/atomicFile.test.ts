import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/cli.js';

/** Every flush, in order, with the path of what was flushed. */
const flushed: string[] = [];

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const record = (fd: number) => flushed.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
  const spied = {
    ...fs,
    fdatasyncSync: (fd: number) => {
      record(fd);
      fs.fdatasyncSync(fd);
    },
    fsyncSync: (fd: number) => {
      record(fd);
      fs.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      fs.renameSync(from, to);
      flushed.push(`rename ${path.basename(from)} -> ${to}`);
    },
  };
  return { ...spied, default: spied };
});

const { writeFileAtomicSync } = await import('../../src/store/atomicFile.js');
const fs = await import('node:fs');

describe('an atomic write', () => {
  const saved = process.env.MEMOIR_TEST_FSYNC;
  beforeEach(() => void (flushed.length = 0));
  afterEach(
    () => void (saved === undefined ? delete process.env.MEMOIR_TEST_FSYNC : (process.env.MEMOIR_TEST_FSYNC = saved)),
  );

  it('flushes the data before the rename and the directory after it, so a power cut cannot leave an empty ref', () => {
    delete process.env.MEMOIR_TEST_FSYNC;
    const dir = tempDir();
    const file = path.join(dir, 'refs', 'heads', 'main');
    writeFileAtomicSync(file, 'a'.repeat(40) + '\n', { tmpDir: path.join(dir, 'tmp') });
    expect(fs.readFileSync(file, 'utf8')).toBe('a'.repeat(40) + '\n');
    expect(flushed).toHaveLength(3);
    expect(flushed[0]).toMatch(/\/tmp\/main\.tmp-\d+-\d+$/);
    expect(flushed[1]).toMatch(/^rename main\.tmp-\d+-\d+ -> .*\/refs\/heads\/main$/);
    expect(flushed[2]).toBe(path.join(dir, 'refs', 'heads'));
  });

  it('skips the flushes only when a test suite asks (MEMOIR_TEST_FSYNC=0), and writes the same', () => {
    process.env.MEMOIR_TEST_FSYNC = '0';
    const file = path.join(tempDir(), 'stage.json');
    writeFileAtomicSync(file, '{}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{}\n');
    expect(flushed.filter((f) => !f.startsWith('rename'))).toEqual([]);
  });
});
