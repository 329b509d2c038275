import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, testEnv } from '../helpers/cli.js';
import { repoTemplate } from '../helpers/e2e.js';

/*
 * The progress line of a bulk add, as a process shows it: redrawn on a terminal's stderr and
 * cleared before the result; nothing at all in a pipe or in CI. Spawned on purpose: only a real
 * process on a pseudo-terminal (util-linux `script`) or a pipe shows what the streams are.
 * MEMOIR_PROGRESS_DELAY=0 shows progress at once (a batch this size is done within the usual
 * half second), so what keeps it off a pipe is the pipe, not the delay.
 */

const template = repoTemplate();
const FACTS = Array.from({ length: 400 }, (_, i) =>
  JSON.stringify({ text: `I like dish number ${i}`, path: 'preferences.food.cuisine' }),
).join('\n');

/** A fresh repository with the file of 400 facts beside it. */
function repo(): string {
  const dir = template();
  fs.writeFileSync(path.join(dir, 'facts.jsonl'), FACTS + '\n');
  return dir;
}

const ADD = ['add', '--file', 'facts.jsonl'];

function inTerminal(dir: string, args: string[], env: Record<string, string> = {}): { code: number; screen: string } {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: dir,
    env: testEnv(dir, { TERM: 'xterm-256color', MEMOIR_PROGRESS_DELAY: '0', ...env }),
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, screen: result.stdout };
}

describe('progress of a bulk add', () => {
  it('is drawn in place on a terminal and cleared before the result', () => {
    const { code, screen } = inTerminal(repo(), ADD);
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/^\rscreening: \d+% \(\d+\/400\)\x1b\[K/);
    // the last line drawn is wiped before the result is written, and nothing is drawn after it
    const result = screen.indexOf('staged 400 facts');
    const draws = [...screen.matchAll(/\r[a-z ]+: \d+% \(\d+\/400\)/g)].map((m) => m.index);
    expect(result).toBeGreaterThan(0);
    expect(screen.lastIndexOf('\r\x1b[K', result)).toBeGreaterThan(Math.max(...draws));
    expect(Math.max(...draws)).toBeLessThan(result);
  });

  it('never reaches a pipe', () => {
    const dir = repo();
    const result = spawnSync(process.execPath, [BIN, ...ADD], {
      cwd: dir,
      env: testEnv(dir, { MEMOIR_PROGRESS_DELAY: '0' }),
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('staged 400 facts');
    expect(result.stderr).not.toMatch(/screening|staging:|\r/);
  });

  it('is not drawn in CI, even on a terminal', () => {
    const { code, screen } = inTerminal(repo(), ADD, { CI: 'true' });
    expect(code, screen).toBe(0);
    expect(screen).toContain('staged 400 facts');
    expect(screen).not.toMatch(/screening|staging:/);
  });
});
