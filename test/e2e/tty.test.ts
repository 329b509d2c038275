import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, memoir, testEnv } from '../helpers/cli.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

const ESC = '\x1b[';

/** Runs memoir on a pseudo-terminal (util-linux `script`), as a person in a terminal would. */
function inTerminal(
  dir: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  typed?: string,
): { code: number; screen: string } {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: dir,
    env: testEnv(dir, { TERM: 'xterm-256color', ...env }),
    encoding: 'utf8',
    input: typed,
  });
  return { code: result.status ?? -1, screen: result.stdout.replace(/\r\n/g, '\n') };
}

// spawns on purpose: a real process on a pseudo-terminal; setup and read-backs run in-process
describe('in a terminal', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await initRepoIn();
    await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir });
  });

  it('output is human: aligned, coloured, with relative dates', () => {
    const { code, screen } = inTerminal(dir, ['get', 'preferences.ui.theme']);
    expect(code).toBe(0);
    expect(screen).toContain(ESC);
    expect(screen.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(
      /^preferences\.ui\.theme \(one\)\n {2}I prefer dark mode\n {4}[0-9a-f]{10} · .+ · cli · manual\n$/,
    );
  });

  it.each([
    ['NO_COLOR=1', ['ls'], { NO_COLOR: '1' }],
    ['--no-color', ['--no-color', 'ls'], {}],
    ['TERM=dumb', ['ls'], { TERM: 'dumb' }],
    ['--json', ['ls', '--json'], {}],
  ])('%s turns colour off', (_what, args, env) => {
    const { code, screen } = inTerminal(dir, args as string[], env as Record<string, string>);
    expect(code).toBe(0);
    expect(screen).not.toContain(ESC);
    expect(screen).toContain('preferences.ui.theme');
  });

  it('status lines of a write are coloured on a terminal too, and never on a pipe', async () => {
    const tty = inTerminal(dir, ['add', 'We have a cat', '-p', 'relationships.pets.animals']);
    expect(tty.code).toBe(0);
    expect(tty.screen).toContain(ESC);
    // a real pipe to a real process
    const piped = memoir(['add', 'We have a dog', '-p', 'relationships.pets.animals'], { cwd: dir });
    expect(piped.stderr).not.toContain(ESC);
  });

  it('colour is decided per stream: stderr redirected to a file gets none, stdout piped keeps stderr coloured', () => {
    const shell = (line: string) =>
      spawnSync('script', ['-qec', line, '/dev/null'], {
        cwd: dir,
        env: testEnv(dir, { TERM: 'xterm-256color' }),
        encoding: 'utf8',
      }).stdout;
    const memoirCmd = `'${process.execPath}' '${BIN}'`;
    // a fact already remembered: said on stderr, in colour on a terminal
    const again = `${memoirCmd} add 'I prefer dark mode' -p preferences.ui.theme --dry-run`;
    const stderrToFile = shell(`${again} 2>err.txt; cat err.txt`);
    expect(stderrToFile).toContain('already remembered');
    expect(stderrToFile).not.toContain(ESC);
    const stdoutPiped = shell(`${again} | cat`);
    expect(stdoutPiped).toContain('already remembered');
    expect(stdoutPiped).toContain(ESC);
    // the result line: coloured on the terminal, plain into a file
    const staged = `${memoirCmd} add 'A hamster' -p relationships.pets.animals --dry-run`;
    expect(shell(staged)).toContain(ESC);
    const stdoutToFile = shell(`${staged} >out.txt; cat out.txt`);
    expect(stdoutToFile).toContain('would stage');
    expect(stdoutToFile).not.toContain(ESC);
  });

  it('columns line up by display width: a CJK author and an emoji fact in blame', async () => {
    const dir = await initRepoIn();
    await memoirIn(
      ['add', 'Likes 寿司 🍣', '-p', 'preferences.food.cuisine', '--commit', '--author', '山田太郎 <taro@example.com>'],
      { cwd: dir },
    );
    await memoirIn(
      ['add', 'Likes tea', '-p', 'preferences.food.cuisine', '--commit', '--author', 'Ada <ada@example.com>'],
      {
        cwd: dir,
        env: { MEMOIR_NOW: '2026-01-02T04:00:00Z' },
      },
    );
    const { code, screen } = inTerminal(dir, ['blame', 'preferences.food.cuisine']);
    expect(code).toBe(0);
    const rows = screen
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((l) => /^ {2}[0-9a-f]{7} /.test(l));
    // 山田太郎 is four characters but eight columns wide: "Ada" is padded to eight
    expect(rows.map((l) => l.slice(11))).toEqual([
      '山田太郎  2026-01-02  Likes 寿司 🍣',
      'Ada       2026-01-02  Likes tea',
    ]);
  });

  it('"add -" at a terminal says it is reading facts, one per line, until Ctrl-D', async () => {
    const { code, screen } = inTerminal(
      dir,
      ['add', '-', '-p', 'preferences.entertainment.music'],
      {},
      'Likes Bach\nLikes Coltrane\n\x04',
    );
    expect(code).toBe(0);
    expect(screen).toContain('reading facts from the terminal, one per line; finish with Ctrl-D');
    const facts = JSON.parse((await memoirIn(['status', '--json'], { cwd: dir })).stdout) as {
      staged: Array<{ text: string }>;
    };
    expect(facts.staged.map((f) => f.text)).toEqual(expect.arrayContaining(['Likes Bach', 'Likes Coltrane']));
  });

  it('s in the review screen is "decide later": the fact waits in the review queue (exit 3, as for a held fact), and the summary says so', async () => {
    const dir = await initRepoIn();
    const { code, screen } = inTerminal(dir, ['add', 'I like to listen to jazz while coding'], {}, 's');
    expect(code).toBe(3);
    const plain = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toMatch(/skipped, held for review: I like to listen to jazz while coding \([0-9a-f]{10}\)/);
    expect(plain).toContain('waits in the review queue');
    const status = JSON.parse((await memoirIn(['status', '--json'], { cwd: dir })).stdout) as {
      staged: unknown[];
      review: Array<{ text: string }>;
    };
    expect(status.staged).toEqual([]);
    expect(status.review.map((r) => r.text)).toEqual(['I like to listen to jazz while coding']);
  });
});
