import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  expectFsckClean,
  gitIn,
  gitStatus,
  jsonError,
  leafFile,
  ok,
  readStageFile,
  repoTemplate,
  revParse,
  snapshotRepository,
  trailersOf,
  type FactJson,
} from '../helpers/e2e.js';
import { getFactsIn, runnerIn } from '../helpers/inProcess.js';

/** A fresh, initialised repository of the test's own (a copy of one made by memoir init). */
const freshRepo = repoTemplate();

const NOW = '2026-01-02T03:04:05Z';

interface AddJson {
  staged: Array<FactJson & { replacesStaged: FactJson | null }>;
  duplicates: Array<{ text: string; path: string; existing: FactJson; where: 'committed' | 'staged' }>;
  rejected: Array<{ line: number | null; kind: string; message: string; hint: string | null; text: string | null }>;
  commit: {
    commit: string | null;
    branch: string | null;
    subject: string;
    dryRun: boolean;
    added: Array<FactJson & { supersedes: FactJson[] }>;
    removed: FactJson[];
  } | null;
  dryRun: boolean;
}

describe('memoir add <fact> --path <leaf>', () => {
  it('stages the fact: the result line on stdout, the hint on stderr, no commit yet', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const result = ok(await run(['add', 'I prefer dark mode', '--path', 'preferences.ui.theme']));
    const { ops } = readStageFile(dir);
    expect(ops).toEqual([
      {
        op: 'add',
        fact: expect.objectContaining({ path: 'preferences.ui.theme', text: 'I prefer dark mode', source: 'cli' }),
      },
    ]);
    const { fact } = ops[0];
    expect(fact.id).toMatch(/^[0-9a-f]{10}$/);
    expect(result.stdout).toBe(`staged preferences.ui.theme: I prefer dark mode (${fact.id})\n`);
    expect(result.stderr).toContain('memoir commit');
    expect(result.stderr).not.toContain('staged preferences');
    expect(gitStatus(dir, ['rev-parse', '--verify', '--quiet', 'refs/heads/main'])).not.toBe(0);
  });

  it('joins unquoted words into one fact, and -p is --path', async () => {
    const dir = freshRepo();
    ok(await runnerIn(dir)(['add', 'Likes', 'jazz', 'and', 'blues', '-p', 'preferences.entertainment.music']));
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Likes jazz and blues']);
  });

  it('--json describes the staged fact with stable field names', async () => {
    const dir = freshRepo();
    const result = ok(await runnerIn(dir)(['add', 'I prefer dark mode', '--path', 'preferences.ui.theme', '--json']));
    const out = parseJson<AddJson>(result.stdout);
    expect(Object.keys(out).sort()).toEqual([
      'commit',
      'dryRun',
      'duplicates',
      'held',
      'invented',
      'rejected',
      'skipped',
      'staged',
      'supersededInBatch',
    ]);
    expect(out).toMatchObject({ duplicates: [], rejected: [], held: [], skipped: [], commit: null, dryRun: false });
    expect(out.staged).toHaveLength(1);
    const [fact] = out.staged;
    expect(fact).toEqual({
      id: fact.id,
      path: 'preferences.ui.theme',
      text: 'I prefer dark mode',
      recordedAt: NOW,
      source: 'cli',
      classifier: 'manual',
      confidence: null,
      confirmed: null,
      supersedesId: null,
      validFrom: null,
      validUntil: null,
      when: null,
      replacesStaged: null,
    });
    expect(readStageFile(dir).ops[0].fact.id).toBe(fact.id);
    const status = parseJson<{ staged: FactJson[] }>(ok(await runnerIn(dir)(['status', '--json'])).stdout);
    expect(status.staged.map((s) => s.id)).toEqual([fact.id]);
  });

  it('trims the fact and turns inner newlines and tabs into spaces', async () => {
    const dir = freshRepo();
    ok(await runnerIn(dir)(['add', '  Likes\tjazz\nand blues  ', '-p', 'preferences.entertainment.music']));
    expect(readStageFile(dir).ops[0].fact.text).toBe('Likes jazz and blues');
  });
});

describe('memoir add - (one fact per line from stdin)', () => {
  it('stages every non-blank line, in order, with source stdin', async () => {
    const dir = freshRepo();
    const result = ok(
      await runnerIn(dir)(['add', '-', '-p', 'preferences.entertainment.music'], {
        input: 'Likes jazz\n\n  Likes Bach  \r\nLikes Miles Davis\n',
      }),
    );
    const ops = readStageFile(dir).ops;
    expect(ops.map((o) => [o.fact.text, o.fact.path, o.fact.source])).toEqual([
      ['Likes jazz', 'preferences.entertainment.music', 'stdin'],
      ['Likes Bach', 'preferences.entertainment.music', 'stdin'],
      ['Likes Miles Davis', 'preferences.entertainment.music', 'stdin'],
    ]);
    for (const op of ops) expect(result.stdout).toContain(`(${op.fact.id})`);
    expect(new Set(ops.map((o) => o.fact.id)).size).toBe(3);
  });

  it('empty input stages nothing and succeeds, saying so', async () => {
    const dir = freshRepo();
    const plain = ok(await runnerIn(dir)(['add', '-', '-p', 'preferences.entertainment.music'], { input: '\n  \n' }));
    expect(plain.stderr).toBe('memoir: no facts in the input; nothing staged\n');
    const json = ok(
      await runnerIn(dir)(['add', '-', '-p', 'preferences.entertainment.music', '--json'], { input: '' }),
    );
    expect(parseJson<AddJson>(json.stdout).staged).toEqual([]);
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('a batch whose every fact is held for review says so, never "no facts in the input"', async () => {
    const dir = freshRepo();
    const result = await runnerIn(dir)(['add', '-'], { input: '我每天早上跑步\n' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('held for review: 我每天早上跑步');
    expect(result.stderr).not.toContain('no facts in the input');
  });
});

describe('memoir add --file', () => {
  it('plain lines: one fact per line, source file:<name>', async () => {
    const dir = freshRepo();
    fs.writeFileSync(path.join(dir, 'music.txt'), 'Likes jazz\nLikes Bach\n');
    ok(await runnerIn(dir)(['add', '--file', 'music.txt', '-p', 'preferences.entertainment.music']));
    expect(readStageFile(dir).ops.map((o) => [o.fact.text, o.fact.source])).toEqual([
      ['Likes jazz', 'file:music.txt'],
      ['Likes Bach', 'file:music.txt'],
    ]);
  });

  it('JSONL: each line may name its own leaf; lines without one use --path', async () => {
    const dir = freshRepo();
    const lines = [
      { text: 'Uses Postgres 16', path: 'project.stack.databases' },
      { text: 'Likes green tea', path: 'preferences.food.drinks' },
      { text: 'Likes jazz' },
    ];
    fs.writeFileSync(path.join(dir, 'facts.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const out = parseJson<AddJson>(
      ok(await runnerIn(dir)(['add', '--file', 'facts.jsonl', '-p', 'preferences.entertainment.music', '--json']))
        .stdout,
    );
    expect(out.staged.map((f) => [f.text, f.path, f.source])).toEqual([
      ['Uses Postgres 16', 'project.stack.databases', 'file:facts.jsonl'],
      ['Likes green tea', 'preferences.food.drinks', 'file:facts.jsonl'],
      ['Likes jazz', 'preferences.entertainment.music', 'file:facts.jsonl'],
    ]);
    expect(readStageFile(dir).ops.map((o) => o.fact.id)).toEqual(out.staged.map((f) => f.id));
  });

  it('JSONL: a malformed line is rejected (exit 2); a line without a leaf is classified; the others are staged', async () => {
    const dir = freshRepo();
    fs.writeFileSync(
      path.join(dir, 'facts.jsonl'),
      '{"text":"Uses Redis","path":"project.stack.databases"}\n{not json\n{"text":"I drink green tea every afternoon"}\n',
    );
    const result = await runnerIn(dir)(['add', '--file', 'facts.jsonl', '--json'], {
      env: { MEMOIR_REVIEW_AUTO_ACCEPT: '0' },
    });
    expect(result.code).toBe(2);
    const out = parseJson<AddJson & { staged: Array<{ classifier: string; confirmed: string | null }> }>(result.stdout);
    expect(out.staged.map((f) => [f.text, f.classifier, f.confirmed])).toEqual([
      ['Uses Redis', 'manual', null],
      ['I drink green tea every afternoon', 'offline', 'auto'],
    ]);
    expect(out.rejected.map((r) => [r.line, r.kind])).toEqual([[2, 'invalid-line']]);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Uses Redis', 'I drink green tea every afternoon']);
  });

  it('facts given as arguments and with --file at once: exit 2, nothing staged (neither is silently dropped)', async () => {
    const dir = freshRepo();
    fs.writeFileSync(path.join(dir, 'music.txt'), 'Likes jazz\n');
    for (const first of ['Likes Bach', '-']) {
      const result = await runnerIn(dir)(
        ['add', first, '--file', 'music.txt', '-p', 'preferences.entertainment.music', '--json'],
        { input: 'Likes Mozart\n' },
      );
      expect(result.code).toBe(2);
      expect(jsonError(result).code).toBe('conflicting-input');
    }
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('a file that cannot be read is exit 2 and stages nothing', async () => {
    const dir = freshRepo();
    const result = await runnerIn(dir)([
      'add',
      '--file',
      'missing.txt',
      '-p',
      'preferences.entertainment.music',
      '--json',
    ]);
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('unreadable-file');
    expect(readStageFile(dir).ops).toEqual([]);
  });
});

describe('memoir add --commit', () => {
  it('stages and commits in one step: the id add reports is the id get reads and the id in the file in git', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const out = parseJson<AddJson>(
      ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit', '--json'])).stdout,
    );
    const id = out.staged[0].id;
    expect(out.commit).toMatchObject({
      commit: revParse(dir),
      branch: 'main',
      subject: 'Remember preferences.ui.theme: I prefer dark mode',
      dryRun: false,
      removed: [],
    });
    expect(out.commit!.added.map((f) => f.id)).toEqual([id]);
    expect((await getFactsIn(dir, 'preferences.ui.theme')).map((f) => f.id)).toEqual([id]);
    const file = gitIn(dir, ['show', `main:${leafFile('preferences.ui.theme')}`]);
    expect(file.split('\n')).toContain(`- I prefer dark mode <!-- id=${id} at=${NOW} src=cli by=manual -->`);
    expect(readStageFile(dir).ops).toEqual([]);
    expectFsckClean(dir);
  });

  it('reports the commit on stdout, git style', async () => {
    const dir = freshRepo();
    const result = ok(await runnerIn(dir)(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    expect(result.stdout).toContain(
      `[main ${revParse(dir).slice(0, 7)}] Remember preferences.entertainment.music: Likes jazz`,
    );
    expect(result.stdout).toContain('1 fact added');
  });

  it('-m sets the commit message; the trailers are still written', async () => {
    const dir = freshRepo();
    ok(
      await runnerIn(dir)(
        ['add', '-', '-p', 'preferences.entertainment.music', '--commit', '-m', 'Music from onboarding'],
        {
          input: 'Likes jazz\nLikes Bach\n',
        },
      ),
    );
    expect(gitIn(dir, ['log', '-1', '--format=%s', 'main']).trim()).toBe('Music from onboarding');
    expect(trailersOf(dir, 'main')).toMatchObject({
      'Memoir-Added': '2',
      'Memoir-Removed': '0',
      'Memoir-Source': 'stdin',
    });
  });

  it('--author sets the commit author; a malformed one is exit 2 before anything is staged', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const bad = await run([
      'add',
      'Likes jazz',
      '-p',
      'preferences.entertainment.music',
      '--commit',
      '--author',
      'nobody',
      '--json',
    ]);
    expect(bad.code).toBe(2);
    expect(jsonError(bad).code).toBe('invalid-author');
    expect(readStageFile(dir).ops).toEqual([]);
    ok(
      await run([
        'add',
        'Likes jazz',
        '-p',
        'preferences.entertainment.music',
        '--commit',
        '--author',
        'Ada <ada@example.com>',
      ]),
    );
    expect(gitIn(dir, ['log', '-1', '--format=%an <%ae>', 'main']).trim()).toBe('Ada <ada@example.com>');
  });

  it('-m or --author without --commit is exit 2 and stages nothing', async () => {
    const dir = freshRepo();
    for (const flags of [
      ['-m', 'Music'],
      ['--author', 'Ada <ada@example.com>'],
    ]) {
      const result = await runnerIn(dir)([
        'add',
        'Likes jazz',
        '-p',
        'preferences.entertainment.music',
        ...flags,
        '--json',
      ]);
      expect(result.code).toBe(2);
      expect(jsonError(result).code).toBe('needs-commit');
    }
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('commits nothing when every fact was already remembered', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    const head = revParse(dir);
    const again = ok(await run(['add', 'likes JAZZ', '-p', 'preferences.entertainment.music', '--commit', '--json']));
    expect(parseJson<AddJson>(again.stdout)).toMatchObject({ staged: [], commit: null });
    expect(revParse(dir)).toBe(head);
  });
});

describe('memoir add --source', () => {
  it('records the given source in the fact, the file and the commit trailer', async () => {
    const dir = freshRepo();
    ok(
      await runnerIn(dir)([
        'add',
        'I prefer dark mode',
        '-p',
        'preferences.ui.theme',
        '--source',
        'onboarding-chat',
        '--commit',
      ]),
    );
    const [fact] = await getFactsIn(dir, 'preferences.ui.theme');
    expect(fact.source).toBe('onboarding-chat');
    expect(gitIn(dir, ['show', `main:${leafFile('preferences.ui.theme')}`])).toContain(
      `id=${fact.id} at=${NOW} src=onboarding-chat by=manual`,
    );
    expect(trailersOf(dir, 'main')['Memoir-Source']).toBe('onboarding-chat');
  });

  it('overrides the source of stdin facts', async () => {
    const dir = freshRepo();
    ok(
      await runnerIn(dir)(['add', '-', '-p', 'preferences.entertainment.music', '--source', 'agent'], {
        input: 'Likes jazz\n',
      }),
    );
    expect(readStageFile(dir).ops[0].fact.source).toBe('agent');
  });
});

describe('memoir add --dry-run', () => {
  it('shows what would be staged and leaves the repository unchanged', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
    ok(await run(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme']));
    const before = snapshotRepository(dir);
    const result = ok(await run(['add', 'Likes Bach', '-p', 'preferences.entertainment.music', '--dry-run']));
    expect(result.stdout).toMatch(/would stage preferences\.entertainment\.music: Likes Bach \([0-9a-f]{10}\)/);
    const json = parseJson<AddJson>(
      ok(await run(['add', 'Likes Bach', '-p', 'preferences.entertainment.music', '-n', '--json'])).stdout,
    );
    expect(json).toMatchObject({ dryRun: true, staged: [{ text: 'Likes Bach' }], commit: null });
    ok(await run(['add', 'Likes Bach', '-p', 'preferences.entertainment.music', '--dry-run', '--commit']));
    expect(snapshotRepository(dir)).toEqual(before);
  });
});
