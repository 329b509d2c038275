import type { IO } from './io.js';
import { escapeStream } from '../output/escape.js';

/*
 * Long human output in a terminal goes through a pager, as git's does: MEMOIR_PAGER, else
 * PAGER, else `less -FRX` (quit if it fits, keep colours, leave the screen as it was). Never in
 * a pipe, under --json or --no-pager, or when the output fits the terminal. The pager is a
 * program run with its arguments (no shell); one that is missing means printing as usual, and
 * one quit early (q before the end) is the reader's choice, not an error.
 */

/** The commands whose output may be long: readers, never writers or screens. */
export const PAGED_COMMANDS: ReadonlySet<string> = new Set([
  'log',
  'show',
  'diff',
  'blame',
  'ls',
  'get',
  'recall',
  'reflog',
]);

/** The pager's program and arguments, or undefined when the setting says none (empty, or `cat`). */
export function pagerCommand(env: NodeJS.ProcessEnv): string[] | undefined {
  const chosen = env.MEMOIR_PAGER ?? env.PAGER ?? 'less -FRX';
  const words = chosen.trim().split(/\s+/).filter(Boolean);
  return words.length === 0 || words[0] === 'cat' ? undefined : words;
}

/** Whether text fits a terminal of this size without scrolling (a line wider than the terminal takes several). */
export function fits(text: string, terminal: { rows: number; columns: number }): boolean {
  let rows = 0;
  for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) {
    rows += Math.max(1, Math.ceil([...line.replace(/\x1b\[[0-9;]*m/g, '')].length / terminal.columns));
    if (rows >= terminal.rows) return false;
  }
  return true;
}

export interface PagerOptions {
  env: NodeJS.ProcessEnv;
  /** --no-pager or --json. */
  off: boolean;
  /** The real terminal's size; undefined when stdout is not a terminal. */
  terminal?: { rows: number; columns: number };
}

/**
 * The IO a reader writes to: its stdout collected, then `finish()` shows it through the pager
 * (or prints it, when it fits or no pager applies). Without a pager, the IO unchanged.
 */
export function withPager(
  io: IO,
  command: string | undefined,
  options: PagerOptions,
): { io: IO; finish(): Promise<void> } {
  const pager = pagerCommand(options.env);
  const terminal = options.terminal;
  if (!pager || options.off || !terminal || !io.stdoutIsTTY || !command || !PAGED_COMMANDS.has(command))
    return { io, finish: async () => undefined };
  const chunks: string[] = [];
  return {
    // escaped as io.out would for the terminal (the pager shows it there)
    io: { ...io, out: (text) => void chunks.push(escapeStream(text, { colour: io.color, json: false })) },
    async finish() {
      const text = chunks.join('');
      if (fits(text, terminal) || !(await runPager(pager, text, options.env))) io.out(text);
    },
  };
}

/**
 * Runs the pager with the text on its stdin and waits for it; false when it could not start
 * (the text is then printed instead). Ctrl-C belongs to the pager meanwhile (less uses it to
 * stop a search), as under git: memoir's own handler (exit 130) is set aside until it ends.
 */
async function runPager(pager: string[], text: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  // loaded only when a pager runs: every other command starts without child_process
  const { spawn } = await import('node:child_process');
  const handlers = process.listeners('SIGINT');
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', () => undefined);
  const restore = () => {
    process.removeAllListeners('SIGINT');
    for (const handler of handlers) process.on('SIGINT', handler);
  };
  return new Promise<boolean>((resolve) => {
    const child = spawn(pager[0], pager.slice(1), {
      stdio: ['pipe', 'inherit', 'inherit'],
      // as git: less keeps colours and quits when the text fits, unless the user said otherwise
      env: { LESS: 'FRX', LV: '-c', ...env },
    });
    let started = true;
    child.on('error', () => {
      started = false;
      resolve(false);
    });
    // a pager quit before reading everything closes the pipe: EPIPE here is the reader's "enough"
    child.stdin.on('error', () => undefined);
    child.on('close', () => started && resolve(true));
    child.stdin.end(text);
  }).finally(restore);
}
