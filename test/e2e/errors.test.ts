import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoir, parseJson, tempDir } from '../helpers/cli.js';
import { gitdirOf, jsonError, ok, readStageFile, repoTemplate } from '../helpers/e2e.js';
import { memoirIn, runnerIn } from '../helpers/inProcess.js';

/** A fresh, initialised repository of the test's own (a copy of one made by memoir init). */
const freshRepo = repoTemplate();

/**
 * The error contract: exit codes by kind, `memoir: <message>` and `hint: ...` on stderr in
 * plain mode, one JSON object {code, message, hint?} on stderr under --json, never a stack
 * trace unless --debug, and nothing on stdout.
 */
describe('errors, by exit code', () => {
  let dir: string;
  beforeAll(async () => {
    dir = freshRepo();
    ok(await runnerIn(dir)(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
  });

  const cases: Array<[args: string[], exit: number, code: string]> = [
    [['commit'], 1, 'nothing-to-commit'],
    [['add', 'Likes jazz', '-p', 'preferences.entertainment.musik'], 2, 'unknown-path'],
    [['add', '  ', '-p', 'preferences.entertainment.music'], 2, 'empty'],
    [['get', 'nope.nope.nope'], 2, 'unknown-path'],
    [['log', '-n', 'many'], 2, 'invalid-count'],
    [['show', 'HEAD~9'], 2, 'unknown-revision'],
    [['rm', 'ffff0000'], 2, 'unknown-fact'],
    [['reset', 'ffff0000'], 2, 'not-staged'],
    [['config', 'no.such.key'], 2, 'unknown-config-key'],
    [['status', '--no-such-flag'], 2, 'usage'],
    [['get'], 2, 'usage'],
    [['get', 'preferences.ui.theme', 'extra'], 2, 'usage'],
    [['remote', 'add'], 2, 'usage'],
    [['policy', 'check', 'policy.yaml', '--no-such-flag'], 2, 'usage'],
    [['add', 'my key is AKIAZ7QX3MPL4RTN2VWY', '-p', 'knowledge.technical.gotchas'], 4, 'secret-detected'],
  ];
  for (const [args, exit, code] of cases) {
    it(`memoir ${args.join(' ')}: exit ${exit}, ${code}`, async () => {
      const json = await memoirIn([...args, '--json'], { cwd: dir });
      expect(json.code).toBe(exit);
      expect(jsonError(json).code).toBe(code);
      const plain = await memoirIn(args, { cwd: dir });
      expect(plain.code).toBe(exit);
      expect(plain.stdout).toBe('');
      expect(plain.stderr).not.toMatch(/^\s+at /m);
      // a subcommand's too (remote add, policy check): the usage line names it whole
      if (code === 'usage')
        expect(plain.stderr).toMatch(
          new RegExp(
            `^error: .*\\n\\(run "memoir ${(['remote', 'policy'].includes(args[0]) ? args.slice(0, 2) : args.slice(0, 1)).join(' ')} --help" for usage\\)\\n$`,
          ),
        );
      else expect(plain.stderr).toMatch(/^memoir: .+\n(hint: .+\n)?$/);
    });
  }

  // spawns on purpose: the exit code and streams of the real process, one case per exit code
  it('the real process exits and reports as in-process: exit 1, 2 (usage and not), 4', async () => {
    for (const args of [['commit'], ['get'], ['show', 'HEAD~9'], cases[cases.length - 1][0]]) {
      for (const json of [[], ['--json']]) {
        const spawned = memoir([...args, ...json], { cwd: dir });
        const inProcess = await memoirIn([...args, ...json], { cwd: dir });
        expect({ ...spawned, args }).toEqual({
          code: inProcess.code,
          stdout: inProcess.stdout,
          stderr: inProcess.stderr,
          args,
        });
      }
    }
  });

  // spawns on purpose: the real entry parses an unknown command and --debug
  it('an unknown command is exit 2', async () => {
    const result = memoir(['remember', 'x'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'remember'");
    expect(jsonError(memoir(['remember', '--json'], { cwd: dir })).code).toBe('usage');
  });

  it('--debug adds the stack trace', async () => {
    const result = memoir(['--debug', 'show', 'HEAD~9'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\s+at /m);
  });

  it('nothing was staged by any of the failures', () => {
    expect(readStageFile(dir).ops).toEqual([]);
  });
});

describe('the --json contract for successful commands', () => {
  it('stdout is one JSON document and stderr stays empty', async () => {
    const dir = freshRepo();
    const sequence = [
      ['init'],
      ['log'],
      ['get', 'preferences.ui.theme'],
      ['ls'],
      ['status'],
      ['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'],
      ['add', 'I prefer light mode', '-p', 'preferences.ui.theme'],
      ['add', 'i prefer LIGHT mode', '-p', 'preferences.ui.theme'],
      ['commit', '--dry-run'],
      ['commit'],
      ['rm', 'preferences.ui.theme'],
      ['reset'],
      ['log', 'preferences'],
      ['show', 'HEAD~1'],
      ['get', 'preferences.ui.theme'],
      ['ls'],
      ['taxonomy', 'preferences.ui'],
      ['config'],
    ];
    for (const args of sequence) {
      const result = await memoirIn([...args, '--json'], { cwd: dir });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(() => parseJson(result.stdout), args.join(' ')).not.toThrow();
    }
  });
});

describe('errors outside a usable repository', () => {
  it('every command that needs a repository says so: exit 2, not-a-repository', async () => {
    const dir = tempDir();
    const commands = [
      ['status'],
      ['add', 'Likes jazz', '-p', 'preferences.entertainment.music'],
      ['commit'],
      ['rm', 'abcd'],
      ['reset'],
      ['log'],
      ['show'],
      ['get', 'preferences.ui.theme'],
      ['ls'],
    ];
    for (const args of commands) {
      const result = await memoirIn([...args, '--json'], { cwd: dir });
      expect(result.code, args[0]).toBe(2);
      expect(jsonError(result).code).toBe('not-a-repository');
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a corrupt stage file: exit 1 with a hint saying how to recover', async () => {
    const dir = freshRepo();
    fs.writeFileSync(path.join(gitdirOf(dir), 'state', 'stage.json'), '{"ops": "garbage"');
    const result = await memoirIn(['status', '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(jsonError(result)).toMatchObject({ code: 'corrupt-stage', hint: expect.stringContaining('remove it') });
  });

  it('an invalid MEMOIR_NOW is exit 2', async () => {
    const dir = freshRepo();
    const result = await memoirIn(['status', '--json'], { cwd: dir, env: { MEMOIR_NOW: 'yesterday' } });
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('invalid-env');
  });

  it('MEMOIR_NOW also accepts seconds since the epoch', async () => {
    const dir = freshRepo();
    const out = parseJson<{ staged: Array<{ recordedAt: string }> }>(
      ok(
        await memoirIn(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--json'], {
          cwd: dir,
          env: { MEMOIR_NOW: '1767323045' },
        }),
      ).stdout,
    );
    expect(out.staged[0].recordedAt).toBe('2026-01-02T03:04:05Z');
  });
});
