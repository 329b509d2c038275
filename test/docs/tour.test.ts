import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir, testEnv } from '../helpers/cli.js';

/*
 * `npm run tour` (scripts/tour.mjs, on the built CLI) is one of the README's two set-up
 * commands: it must show every step as a person sees it in a terminal, also when its output
 * goes to a file or a CI log, and colour only where memoir would colour its stdout.
 */

const TOUR = path.join(ROOT, 'scripts', 'tour.mjs');
const ESC = '\x1b[';

interface TourRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The tour, piped or (through util-linux `script`) on a pseudo-terminal; its memory goes to a temporary TMPDIR. */
function tour(terminal: boolean, env: Record<string, string> = {}): Promise<TourRun> {
  const home = tempDir('memoir-tour-test-');
  const [command, args] = terminal
    ? ['script', ['-qec', `'${process.execPath}' '${TOUR}'`, '/dev/null']]
    : [process.execPath, [TOUR]];
  const child = spawn(command, args, {
    cwd: home,
    env: testEnv(home, { TMPDIR: home, TERM: 'xterm-256color', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stdout: stdout.replace(/\r\n/g, '\n'), stderr })),
  );
}

/** What one step printed: the lines after its `$ memoir ...` line, up to the next heading. */
function stepOutput(stdout: string, commandLine: string): string {
  const start = stdout.indexOf(`\n$ ${commandLine}\n`);
  expect(start, commandLine).toBeGreaterThanOrEqual(0);
  const from = start + commandLine.length + 4;
  const end = stdout.indexOf('\n\n', from);
  return stdout.slice(from, end === -1 ? undefined : end);
}

describe('npm run tour', () => {
  let piped: TourRun;
  let terminal: TourRun;
  let terminalNoColor: TourRun;
  beforeAll(async () => {
    [piped, terminal, terminalNoColor] = await Promise.all([tour(false), tour(true), tour(true, { NO_COLOR: '1' })]);
  }, 60_000);

  it('piped, it completes every step with no escape code and no tab-separated pipe format', () => {
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toContain('Tour complete.');
    expect(piped.stdout + piped.stderr).not.toContain('\x1b');
    expect(piped.stdout).not.toContain('\t');
    // the step refused with exit 4 still says why, on stderr
    expect(piped.stderr).toMatch(/^memoir: refused: /m);
  });

  it('piped, status and log show the human layout a terminal shows', () => {
    expect(stepOutput(piped.stdout, 'memoir status').split('\n').slice(0, 4)).toEqual([
      'On branch main',
      'No commits yet',
      'Staged (4):',
      expect.stringMatching(/^ {2}\+ health\.diet\.allergies +I'm allergic to peanuts and shellfish [0-9a-f]{10}$/),
    ]);
    const log = stepOutput(piped.stdout, 'memoir log --oneline').split('\n');
    expect(log).toHaveLength(3);
    expect(log[0]).toMatch(/^[0-9a-f]{7} \(HEAD -> main\) Remember preferences\.ui\.theme: /);
    expect(stepOutput(piped.stdout, 'memoir get preferences.ui.theme').split('\n')[0]).toBe(
      'preferences.ui.theme (one)',
    );
  });

  it('in a terminal, the headings and the output are coloured', () => {
    expect(terminal.code, terminal.stdout).toBe(0);
    expect(terminal.stdout).toContain(`${ESC}1m# Create a memory repository`);
    expect(stepOutput(terminal.stdout, 'memoir log --oneline')).toContain(ESC);
  });

  it('in a terminal with NO_COLOR set, nothing is coloured', () => {
    expect(terminalNoColor.code, terminalNoColor.stdout).toBe(0);
    expect(terminalNoColor.stdout).toContain('Tour complete.');
    expect(terminalNoColor.stdout).not.toContain('\x1b');
  });
});
