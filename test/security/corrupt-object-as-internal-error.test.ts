import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type memoir, parseJson } from '../helpers/cli.js';
import { gitdirOf, gitIn, ok, readStageFile, repoTemplate, revParse, type ErrorJson } from '../helpers/e2e.js';
import { memoirIn } from '../helpers/inProcess.js';

// A damaged object (a disk error, a truncated copy, a hand edit) is not a bug in memoir: it is
// reported as such, exit 1 and code corrupt-object, naming the object and suggesting git fsck,
// for reads and for writes, and a write changes nothing.

const repo = repoTemplate(async (dir) =>
  ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir })),
);

/** The loose file of an object, made writable so the test can damage it. */
function looseFile(dir: string, oid: string): string {
  const file = path.join(gitdirOf(dir), 'objects', oid.slice(0, 2), oid.slice(2));
  fs.chmodSync(file, 0o600);
  return file;
}

const DAMAGE: Array<[string, (file: string) => void]> = [
  ['truncated', (file) => fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 10))],
  ['empty', (file) => fs.writeFileSync(file, '')],
  ['overwritten with garbage', (file) => fs.writeFileSync(file, 'not a git object\n')],
  [
    'a header that does not match its content',
    (file) => fs.writeFileSync(file, deflateSync(Buffer.from('tree 999\0short'))),
  ],
  ['an unknown type', (file) => fs.writeFileSync(file, deflateSync(Buffer.from('nonsense 3\0abc')))],
];

function expectCorrupt(result: ReturnType<typeof memoir>, oid: string): void {
  expect(result.code, result.stderr).toBe(1);
  const error = parseJson<ErrorJson>(result.stderr);
  expect(error.code).toBe('corrupt-object');
  expect(error.message).toContain(oid);
  expect(error.data).toMatchObject({ oid });
  expect(error.hint).toContain('fsck');
}

describe('a damaged loose tree', () => {
  it.each(DAMAGE)('%s: get, show, ls, log -p and a commit all say corrupt-object', async (_how, damage) => {
    const dir = repo();
    const tree = revParse(dir, 'main^{tree}');
    damage(looseFile(dir, tree));
    for (const args of [
      ['get', 'preferences.ui.theme'],
      ['show', 'HEAD'],
      ['ls'],
      ['log', '-p'],
      ['recall', 'dark mode'],
    ]) {
      expectCorrupt(await memoirIn([...args, '--json'], { cwd: dir }), tree);
    }
    const before = revParse(dir);
    expectCorrupt(
      await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--json'], { cwd: dir }),
      tree,
    );
    expect(revParse(dir)).toBe(before);
  });
});

describe('other objects', () => {
  it('a damaged commit: log says corrupt-object, without an internal error', async () => {
    const dir = repo();
    const commit = revParse(dir);
    fs.writeFileSync(looseFile(dir, commit), 'x');
    const result = await memoirIn(['log', '--json'], { cwd: dir });
    expectCorrupt(result, commit);
    expect(result.stderr).not.toContain('internal-error');
  });

  it('a damaged blob: get says corrupt-object, and the stage is untouched by a failed add', async () => {
    const dir = repo();
    const blob = revParse(dir, 'main:preferences/ui/theme.md');
    fs.writeFileSync(looseFile(dir, blob), 'x');
    expectCorrupt(await memoirIn(['get', 'preferences.ui.theme', '--json'], { cwd: dir }), blob);
    expectCorrupt(
      await memoirIn(['add', 'I prefer light mode', '-p', 'preferences.ui.theme', '--json'], { cwd: dir }),
      blob,
    );
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('a damaged packfile: corrupt-object naming the object, not an internal error', async () => {
    const dir = repo();
    gitIn(dir, ['gc', '--quiet']);
    const packDir = path.join(gitdirOf(dir), 'objects', 'pack');
    const pack = path.join(packDir, fs.readdirSync(packDir).find((n) => n.endsWith('.pack'))!);
    fs.chmodSync(pack, 0o600);
    const bytes = fs.readFileSync(pack);
    for (let i = 12; i < bytes.length - 20; i++) bytes[i] ^= 0x55;
    fs.writeFileSync(pack, bytes);
    expectCorrupt(await memoirIn(['log', '--json'], { cwd: dir }), revParse(dir));
  });
});
