import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, testEnv } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitdirOf,
  gitIn,
  leafFile,
  nativeCommit,
  repoTemplate,
  revParse,
  type FactJson,
} from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * Lines memoir did not write (a list item without metadata, free text, a malformed comment, a
 * heading) are read as facts or kept, and never dropped by a commit that did not mean to drop them.
 */

const FOOD = 'preferences.food.cuisine';
const FILE = leafFile(FOOD);
const freshRepo = repoTemplate();

async function ok(dir: string, args: string[], now = '2026-03-01T00:00:00Z') {
  const result = await runIn(dir, args, { MEMOIR_NOW: now });
  expect(result.code, result.stderr).toBe(0);
  return result;
}
const factsAt = async (dir: string, leaf = FOOD) =>
  parseJson<FactJson[]>((await ok(dir, ['get', leaf, '--json'])).stdout);
const fileAt = (dir: string, rev = 'main') => gitIn(dir, ['show', `${rev}:${FILE}`]);

async function repoWithForeignLines() {
  const dir = freshRepo();
  await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit'], '2026-01-01T00:00:00Z');
  const written = fileAt(dir) + '\n# Notes\n- I like ramen\nFree text about pho\n* x <!-- id=zz at=banana -->\n';
  const native = nativeCommit(dir, { [FILE]: written }, 'Notes by hand');
  return { dir, written, native };
}

describe('foreign lines are facts', () => {
  it('get, ls, show and blame see them, with source git', async () => {
    const { dir, native } = await repoWithForeignLines();
    const facts = await factsAt(dir);
    expect(facts.map((f) => [f.text, f.source])).toEqual([
      ['Likes sushi', 'cli'],
      ['I like ramen', 'git'],
      ['Free text about pho', 'git'],
      ['x <!-- id=zz at=banana -->', 'git'],
    ]);
    expect(parseJson<Array<{ path: string; count: number }>>((await ok(dir, ['ls', '--json'])).stdout)).toContainEqual(
      expect.objectContaining({ path: FOOD, count: 4 }),
    );
    expect(
      parseJson<{ added: FactJson[] }>((await ok(dir, ['show', '--json'])).stdout).added.map((f) => f.text),
    ).toEqual(['I like ramen', 'Free text about pho', 'x <!-- id=zz at=banana -->']);
    const blame = parseJson<Array<{ text: string; commit: string }>>((await ok(dir, ['blame', FOOD, '--json'])).stdout);
    const human = await runIn(dir, ['get', FOOD], { MEMOIR_NOW: '2026-03-01T00:00:00Z' }, true);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/I like ramen\n\s+[0-9a-f]{10} · no date · /);
    expect(blame.filter((a) => a.commit === native).map((a) => a.text)).toEqual([
      'I like ramen',
      'Free text about pho',
      'x <!-- id=zz at=banana -->',
    ]);
  });

  it('the next memoir commit to the leaf keeps every line byte for byte, and says what it keeps', async () => {
    const { dir, written } = await repoWithForeignLines();
    const added = await ok(dir, ['add', 'Likes curry', '-p', FOOD, '--commit']);
    expect(added.stderr).toMatch(/warning: .*cuisine\.md keeps 1 line/);
    const after = fileAt(dir);
    expect(after.startsWith(written)).toBe(true);
    expect(after.slice(written.length)).toMatch(/^- Likes curry <!-- id=[0-9a-f]{10} .*-->\n$/);
    expectFsckClean(dir);
  });

  it('rm removes a foreign fact by its id and only its line', async () => {
    const { dir, written } = await repoWithForeignLines();
    const ramen = (await factsAt(dir)).find((f) => f.text === 'I like ramen')!;
    await ok(dir, ['rm', ramen.id]);
    await ok(dir, ['commit', '-m', 'forget ramen']);
    expect(fileAt(dir)).toBe(written.replace('- I like ramen\n', ''));
    expect((await factsAt(dir)).map((f) => f.text)).not.toContain('I like ramen');
  });

  it('a merge that changes the leaf on both sides keeps our foreign lines as written and brings theirs', async () => {
    const { dir, written } = await repoWithForeignLines();
    await ok(dir, ['branch', 'feature', 'main~1']);
    await ok(dir, ['add', 'Likes curry', '-p', FOOD, '--commit', '--branch', 'feature'], '2026-02-01T00:00:00Z');
    await ok(dir, ['merge', 'feature'], '2026-03-01T00:00:00Z');
    const merged = fileAt(dir);
    expect(merged.startsWith(written)).toBe(true);
    expect((await factsAt(dir)).map((f) => f.text)).toEqual([
      'Likes sushi',
      'I like ramen',
      'Free text about pho',
      'x <!-- id=zz at=banana -->',
      'Likes curry',
    ]);
    expectFsckClean(dir);
  });

  it('a leaf whose bytes are not UTF-8 is refused, not rewritten lossily', async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit'], '2026-01-01T00:00:00Z');
    const bytes = Buffer.concat([Buffer.from(fileAt(dir)), Buffer.from([0x2d, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a])]);
    const env = {
      ...testEnv(dir),
      GIT_INDEX_FILE: path.join(dir, 'index'),
      GIT_COMMITTER_NAME: 'N',
      GIT_COMMITTER_EMAIL: 'n@x',
      GIT_AUTHOR_NAME: 'N',
      GIT_AUTHOR_EMAIL: 'n@x',
    };
    const git = (args: string[], input?: Buffer) =>
      execFileSync('git', ['--git-dir', gitdirOf(dir), ...args], { env, input })
        .toString()
        .trim();
    git(['read-tree', 'main']);
    git(['update-index', '--add', '--cacheinfo', `100644,${git(['hash-object', '-w', '--stdin'], bytes)},${FILE}`]);
    git(['update-ref', 'refs/heads/main', git(['commit-tree', git(['write-tree']), '-p', 'main', '-m', 'latin-1'])]);
    fs.rmSync(path.join(dir, 'index'));
    const before = revParse(dir);
    const result = await runIn(dir, ['add', 'Likes curry', '-p', FOOD, '--commit'], {
      MEMOIR_NOW: '2026-03-01T00:00:00Z',
    });
    expect([result.code, result.errorCode]).toEqual([4, 'leaf-not-utf8']);
    expect(revParse(dir)).toBe(before);
    expect(
      Buffer.compare(execFileSync('git', ['--git-dir', gitdirOf(dir), 'show', `main:${FILE}`], { env }), bytes),
    ).toBe(0);
    const fsck = await runIn(dir, ['fsck', '--json']);
    expect(fsck.code).toBe(1);
    expect(parseJson<{ findings: Array<{ kind: string; where: string }> }>(fsck.stdout).findings).toContainEqual(
      expect.objectContaining({ kind: 'not-utf8', where: FILE }),
    );
  });
});

describe('two facts with one id are two facts', () => {
  async function repoWithCopy() {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit'], '2026-01-01T00:00:00Z');
    const line = fileAt(dir).trimEnd();
    const copy = nativeCommit(
      dir,
      { [FILE]: `${line}\n${line.replace('Likes sushi', 'Likes pho')}\n` },
      'copy a line by hand',
    );
    return { dir, copy, id: (await factsAt(dir))[0].id };
  }

  it('both are shown, the copy with an id of its own; show calls the copy an addition and blame names its commit', async () => {
    const { dir, copy, id } = await repoWithCopy();
    const facts = await factsAt(dir);
    expect(facts.map((f) => f.text)).toEqual(['Likes sushi', 'Likes pho']);
    expect(facts[0].id).toBe(id);
    expect(facts[1].id).not.toBe(id);
    const shown = parseJson<{ added: FactJson[]; removed: FactJson[]; modified?: unknown[] }>(
      (await ok(dir, ['show', '--json'])).stdout,
    );
    expect(shown.added.map((f) => f.text)).toEqual(['Likes pho']);
    expect(shown.modified ?? []).toEqual([]);
    const blame = parseJson<Array<{ text: string; commit: string }>>((await ok(dir, ['blame', FOOD, '--json'])).stdout);
    expect(blame.find((a) => a.text === 'Likes pho')?.commit).toBe(copy);
    expect(blame.find((a) => a.text === 'Likes sushi')?.commit).not.toBe(copy);
  });

  it.each([0, 1])('rm removes either one (fact %i), and only it', async (which) => {
    const { dir } = await repoWithCopy();
    const facts = await factsAt(dir);
    await ok(dir, ['rm', facts[which].id]);
    await ok(dir, ['commit', '-m', 'forget one']);
    expect((await factsAt(dir)).map((f) => f.text)).toEqual([facts[1 - which].text]);
    expectFsckClean(dir);
  });
});
