import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { announceEndpoint } from '../../src/classify/announce.js';
import { writeFileAtomicSync } from '../../src/store/atomicFile.js';
import { type memoir, parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitdirOf,
  ok,
  readStageFile,
  repoTemplate,
  revParse,
  type ErrorJson,
} from '../helpers/e2e.js';
import { memoirIn } from '../helpers/inProcess.js';

// A store copied or unpacked from elsewhere may carry symbolic links where git never makes
// them (logs/HEAD -> ~/.bashrc, refs/heads -> ~/.ssh). memoir never writes, appends or removes
// through one: it refuses, naming the link, before anything changes (or, for a file it
// replaces whole, replaces the link itself).

const committed = repoTemplate(async (dir) =>
  ok(await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir })),
);

/** A file outside the store that a link inside it points at, with content that must survive. */
function outsideFile(dir: string, name = 'victim.txt'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, 'do not touch\n');
  return file;
}

/** Replaces `relative` inside the store with a symbolic link to `target`. */
function plantLink(dir: string, relative: string, target: string): string {
  const place = path.join(gitdirOf(dir), relative);
  fs.rmSync(place, { recursive: true, force: true });
  fs.symlinkSync(target, place);
  return place;
}

function expectRefused(result: ReturnType<typeof memoir>, link: string): void {
  expect(result.code, result.stderr).toBe(4);
  const error = parseJson<ErrorJson>(result.stderr);
  expect(error.code).toBe('symlink-in-repository');
  expect(error.data).toEqual({ path: link });
}

describe('reflogs', () => {
  it.each(['logs/HEAD', 'logs/refs/heads/main'])(
    'a commit never appends to %s when it is a link, and changes nothing',
    async (log) => {
      const dir = committed();
      const victim = outsideFile(dir);
      const link = plantLink(dir, log, victim);
      const before = revParse(dir);
      expectRefused(
        await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--json'], { cwd: dir }),
        link,
      );
      expect(fs.readFileSync(victim, 'utf8')).toBe('do not touch\n');
      expect(revParse(dir)).toBe(before);
      expect(readStageFile(dir).ops).toEqual([]);
    },
  );

  it('a branch created elsewhere (--branch) refuses a linked reflog before its ref is written', async () => {
    const dir = committed();
    const victim = outsideFile(dir);
    fs.mkdirSync(path.join(gitdirOf(dir), 'logs', 'refs', 'heads'), { recursive: true });
    const link = plantLink(dir, 'logs/refs/heads/other', victim);
    expectRefused(
      await memoirIn(
        ['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--branch', 'other', '--json'],
        {
          cwd: dir,
        },
      ),
      link,
    );
    expect(fs.readFileSync(victim, 'utf8')).toBe('do not touch\n');
    expect(fs.existsSync(path.join(gitdirOf(dir), 'refs', 'heads', 'other'))).toBe(false);
  });

  it('checkout never appends to a linked HEAD reflog', async () => {
    const dir = committed();
    ok(await memoirIn(['branch', 'other'], { cwd: dir }));
    const victim = outsideFile(dir);
    const link = plantLink(dir, 'logs/HEAD', victim);
    expectRefused(await memoirIn(['checkout', 'other', '--json'], { cwd: dir }), link);
    expect(fs.readFileSync(victim, 'utf8')).toBe('do not touch\n');
    expect(fs.readFileSync(path.join(gitdirOf(dir), 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });
});

describe('directories inside the store', () => {
  it.each([
    ['refs/heads', 'a ref written into a linked directory'],
    ['logs', 'a reflog created under a linked directory'],
    ['objects', 'objects written into a linked directory'],
    ['state', 'state files and the lock in a linked directory'],
  ])('%s as a link: %s is refused', async (relative) => {
    const dir = committed();
    const outside = path.join(dir, 'outside');
    fs.cpSync(path.join(gitdirOf(dir), relative), outside, { recursive: true });
    const link = plantLink(dir, relative, outside);
    const before = fs.readdirSync(outside, { recursive: true }).sort();
    expectRefused(
      await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit', '--json'], { cwd: dir }),
      link,
    );
    expect(fs.readdirSync(outside, { recursive: true }).sort()).toEqual(before);
  });

  it('deleting a branch never removes a file through a linked refs/heads', async () => {
    const dir = committed();
    ok(await memoirIn(['branch', 'victim'], { cwd: dir }));
    const outside = path.join(dir, 'outside');
    fs.cpSync(path.join(gitdirOf(dir), 'refs', 'heads'), outside, { recursive: true });
    const link = plantLink(dir, 'refs/heads', outside);
    expectRefused(await memoirIn(['branch', '-D', 'victim', '--json'], { cwd: dir }), link);
    expect(fs.existsSync(path.join(outside, 'victim'))).toBe(true);
  });
});

describe('files replaced whole', () => {
  it('a stage file that is a link is replaced, never written through', async () => {
    const dir = committed();
    const stage = path.join(gitdirOf(dir), 'state', 'stage.json');
    // a target memoir can read as a stage (an empty one), so the write is what is tested
    const victim = path.join(dir, 'victim.json');
    fs.copyFileSync(stage, victim);
    const content = fs.readFileSync(victim, 'utf8');
    plantLink(dir, 'state/stage.json', victim);
    ok(await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks'], { cwd: dir }));
    expect(fs.readFileSync(victim, 'utf8')).toBe(content);
    expect(fs.lstatSync(stage).isSymbolicLink()).toBe(false);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Likes green tea']);
  });

  it('a link planted under a temporary file name is never opened', () => {
    const dir = committed();
    const victim = outsideFile(dir);
    const tmpDir = path.join(gitdirOf(dir), 'state', 'tmp');
    const file = path.join(gitdirOf(dir), 'state', 'stage.json');
    // the names this process's writer uses: <file>.tmp-<pid>-<n>, predictable
    for (let n = 1; n <= 50; n++) fs.symlinkSync(victim, path.join(tmpDir, `stage.json.tmp-${process.pid}-${n}`));
    writeFileAtomicSync(file, '{"version":1,"ops":[]}\n', { tmpDir });
    expect(fs.readFileSync(victim, 'utf8')).toBe('do not touch\n');
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"version":1,"ops":[]}\n');
  });

  it('the classifier endpoint notice (state/cache) never writes through a planted temporary link', () => {
    const dir = committed();
    const victim = outsideFile(dir);
    const cacheDir = path.join(gitdirOf(dir), 'state', 'cache');
    fs.mkdirSync(cacheDir, { recursive: true });
    for (let n = 1; n <= 50; n++)
      fs.symlinkSync(victim, path.join(cacheDir, `announced-endpoints.json.tmp-${process.pid}-${n}`));
    fs.symlinkSync(victim, path.join(cacheDir, `announced-endpoints.json.${process.pid}.tmp`)); // the name it used before
    const endpoint = {
      provider: 'openai' as const,
      providerSource: 'test',
      baseURL: 'http://127.0.0.1:9/v1',
      baseURLSource: 'test',
      apiKey: '',
      apiKeySource: 'none',
      model: 'm',
    };
    const said: string[] = [];
    announceEndpoint(cacheDir, endpoint, (line) => said.push(line));
    expect(said).toHaveLength(1);
    expect(fs.readFileSync(victim, 'utf8')).toBe('do not touch\n');
    expect(JSON.parse(fs.readFileSync(path.join(cacheDir, 'announced-endpoints.json'), 'utf8'))).toHaveLength(1);
  });
});

it('a store with no links keeps working and stays clean for git', async () => {
  const dir = committed();
  ok(await memoirIn(['add', 'Likes green tea', '-p', 'preferences.food.drinks', '--commit'], { cwd: dir }));
  ok(await memoirIn(['branch', '-m', 'main', 'renamed'], { cwd: dir }));
  expectFsckClean(dir);
});
