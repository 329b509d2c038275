import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  leafFile,
  nativeCommit,
  ok,
  repoTemplate,
  revParse,
  type FactJson,
} from '../helpers/e2e.js';
import { getFactsIn, runnerIn } from '../helpers/inProcess.js';

/** A fresh, initialised repository of the test's own (a copy of one made by memoir init). */
const freshRepo = repoTemplate();

/** memoir keeps no copy of the branch: whatever native git does to the repository, memoir reads. */
describe('changes made with native git are respected', () => {
  it('moving the branch back with git update-ref: log, get, ls and status follow, and the next commit builds on it', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(
      await run(['add', 'Uses Postgres 16', '-p', 'project.stack.databases', '--commit'], {
        env: { MEMOIR_NOW: '2026-01-01T10:00:00Z' },
      }),
    );
    ok(await run(['rm', 'project.stack.databases'], { env: { MEMOIR_NOW: '2026-01-02T10:00:00Z' } }));
    ok(
      await run(['add', 'Uses SQLite', '-p', 'project.stack.databases'], {
        env: { MEMOIR_NOW: '2026-01-02T10:00:00Z' },
      }),
    );
    ok(await run(['commit'], { env: { MEMOIR_NOW: '2026-01-02T10:00:00Z' } }));
    const [first, second] = [revParse(dir, 'main~1'), revParse(dir)];
    expect((await getFactsIn(dir, 'project.stack.databases')).map((f) => f.text)).toEqual(['Uses SQLite']);

    gitIn(dir, ['update-ref', 'refs/heads/main', 'HEAD~1']);
    expect(
      ok(await run(['log']))
        .stdout.trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual([first]);
    expect((await getFactsIn(dir, 'project.stack.databases')).map((f) => f.text)).toEqual(['Uses Postgres 16']);
    expect(ok(await run(['show'])).stdout.split('\n')[0]).toBe(`commit\t${first}`);
    expect(parseJson<{ head: string }>(ok(await run(['status', '--json'])).stdout).head).toBe(first);

    ok(
      await run(['add', 'Uses Redis as a cache', '-p', 'project.stack.databases', '--commit'], {
        env: { MEMOIR_NOW: '2026-01-03T10:00:00Z' },
      }),
    );
    expect(gitIn(dir, ['rev-list', '--parents', '-n', '1', 'main']).trim().split(' ').slice(1)).toEqual([first]);
    expect((await getFactsIn(dir, 'project.stack.databases')).map((f) => f.text)).toEqual([
      'Uses Postgres 16',
      'Uses Redis as a cache',
    ]);
    expect(revParse(dir)).not.toBe(second);
    expectFsckClean(dir);
  });

  it('a commit made with native git: memoir logs it, reads its hand-written lines, and keeps them on the next commit', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(
      await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit'], {
        env: { MEMOIR_NOW: '2026-01-01T10:00:00Z' },
      }),
    );
    const file = leafFile('preferences.entertainment.music');
    const before = gitIn(dir, ['show', `main:${file}`]);
    const native = nativeCommit(
      dir,
      {
        [file]:
          before +
          'A note written by hand, not a fact line\n- Likes Bach <!-- id=abcdef0123 at=2026-01-15T00:00:00Z src=editor by=manual -->\n',
      },
      'Add Bach by hand',
    );

    const log = parseJson<Array<{ id: string; author: { name: string }; message: string }>>(
      ok(await run(['log', '--json'])).stdout,
    );
    expect(log[0]).toMatchObject({ id: native, author: { name: 'Native Git' }, message: 'Add Bach by hand' });
    const facts = await getFactsIn(dir, 'preferences.entertainment.music');
    // the note without metadata is a fact too, from git, with an id derived from its text
    expect(facts.map((f) => [f.id, f.text, f.source])).toEqual([
      [facts[0].id, 'Likes jazz', 'cli'],
      [facts[1].id, 'A note written by hand, not a fact line', 'git'],
      ['abcdef0123', 'Likes Bach', 'editor'],
    ]);
    expect(parseJson<{ added: FactJson[] }>(ok(await run(['show', '--json'])).stdout).added.map((f) => f.id)).toEqual([
      facts[1].id,
      'abcdef0123',
    ]);

    ok(await run(['rm', 'abcdef0123']));
    expect(
      parseJson<{ staged: FactJson[] }>(ok(await run(['status', '--json'])).stdout).staged.map((f) => f.id),
    ).toEqual(['abcdef0123']);
    ok(await run(['reset']));
    ok(
      await run(['add', 'Likes Mozart', '-p', 'preferences.entertainment.music', '--commit'], {
        env: { MEMOIR_NOW: '2026-02-02T10:00:00Z' },
      }),
    );
    expect(gitIn(dir, ['rev-list', '--parents', '-n', '1', 'main']).trim().split(' ')[1]).toBe(native);
    expect((await getFactsIn(dir, 'preferences.entertainment.music')).map((f) => f.text)).toEqual([
      'Likes jazz',
      'A note written by hand, not a fact line',
      'Likes Bach',
      'Likes Mozart',
    ]);
    expect(gitIn(dir, ['show', `main:${file}`]).startsWith(gitIn(dir, ['show', `${native}:${file}`]))).toBe(true);
    expectFsckClean(dir);
  });
});
