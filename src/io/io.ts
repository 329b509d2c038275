import { escapeStream } from '../output/escape.js';
import type { ColorWhen } from './colorFlag.js';

/*
 * The process's streams and what may be done with them, decided once in cli.ts and
 * passed down: commands never look at process.stdout or the environment themselves.
 */
export interface IO {
  /** Data: the command's result. */
  out(text: string): void;
  /** Everything else: progress, notices, warnings, errors. */
  err(text: string): void;
  /** Standard input's bytes: decoding them is the reader's decision (see core/textInput.ts). */
  readStdin(): Promise<Uint8Array>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** Colour on stdout (see decideColor: --color, NO_COLOR, FORCE_COLOR, TERM=dumb, a pipe, --json). */
  color: boolean;
  /** Colour on stderr, decided the same way for that stream: `2>log` never gets escape codes. */
  errColor: boolean;
  /** Interactive prompts are allowed: both ends are TTYs and nothing said otherwise. */
  canPrompt: boolean;
  /** Terminal width for human output. */
  columns: number;
  /** --json was asked for: stderr carries nothing but a JSON error, so scripts can parse it. */
  json: boolean;
  /**
   * Redraws one progress line in place on stderr (undefined clears it); absent when stderr is
   * not a terminal, under --json or in CI, where progress is never shown. Anything else written
   * to the terminal (a result, a warning, an error) clears the line first. The text is memoir's
   * own words and counts (runtime/progress.ts draws it): nothing a remote wrote uncleaned.
   */
  progress?(line: string | undefined): void;
}

/** What createIO writes to: the process's streams, or a test's. */
export interface OutputStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface IOOptions {
  env: NodeJS.ProcessEnv;
  /** `--color=auto|always|never` (`--no-color` is never). */
  colorFlag?: ColorWhen;
  json?: boolean;
  noInput?: boolean;
  /** The streams written to (default: the process's), for tests. */
  streams?: { stdout?: OutputStream; stderr?: OutputStream };
}

/**
 * Running under CI: `CI` set to anything but "" or "false". Nobody watches a terminal there, so
 * nothing prompts and no progress line is drawn, whatever the streams say.
 */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
}

/** An environment variable that is set to something (an empty value counts as unset, per no-color.org). */
const isSet = (value: string | undefined) => value !== undefined && value !== '';
/** FORCE_COLOR=0 or false turns forcing off, as Node and chalk read it; CLICOLOR_FORCE=0 likewise. */
const forces = (value: string | undefined) => isSet(value) && value !== '0' && value !== 'false';

/**
 * Colour on a stream, first rule that speaks: --json never (JSON carries no escape codes);
 * the flag (--color=always|never, --no-color); NO_COLOR; FORCE_COLOR or CLICOLOR_FORCE;
 * TERM=dumb or CLICOLOR=0; otherwise colour exactly when the stream is a terminal.
 */
export function decideColor(stream: { isTTY?: boolean }, options: IOOptions): boolean {
  const { env } = options;
  if (options.json) return false;
  if (options.colorFlag === 'never') return false;
  if (options.colorFlag === 'always') return true;
  if (isSet(env.NO_COLOR)) return false;
  if (forces(env.FORCE_COLOR) || forces(env.CLICOLOR_FORCE)) return true;
  if (env.TERM === 'dumb' || env.CLICOLOR === '0') return false;
  return Boolean(stream.isTTY);
}

export function createIO(options: IOOptions): IO {
  const ci = isCI(options.env);
  const stdout = options.streams?.stdout ?? process.stdout;
  const stderr = options.streams?.stderr ?? process.stderr;
  const stdoutIsTTY = Boolean(stdout.isTTY);
  // process.stdin is a lazy getter that builds a stream: only pay for it when asked
  const stdinIsTTY = () => Boolean(process.stdin.isTTY);
  const color = decideColor(stdout, options);
  const errColor = decideColor(stderr, options);
  const json = Boolean(options.json);
  // the progress line on the terminal, cleared before anything else is written there
  let lineShown = false;
  const clearLine = () => {
    if (!lineShown) return;
    lineShown = false;
    stderr.write('\r\x1b[K');
  };
  return {
    // the last guard: a control character no renderer escaped is shown, never obeyed (see escapeStream)
    out: (text) => {
      if (stdoutIsTTY) clearLine();
      stdout.write(escapeStream(text, { colour: color, json }));
    },
    err: (text) => {
      clearLine();
      stderr.write(escapeStream(text, { colour: errColor, json }));
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks);
    },
    get stdinIsTTY() {
      return stdinIsTTY();
    },
    stdoutIsTTY,
    color,
    errColor,
    get canPrompt() {
      return stdoutIsTTY && !options.noInput && !ci && stdinIsTTY();
    },
    columns: stdout.columns || 100,
    json,
    ...(stderr.isTTY && !json && !ci
      ? {
          progress: (line: string | undefined) => {
            if (line === undefined) return clearLine();
            // one row: a line wider than the terminal would wrap, and \r could not take it back
            const width = Math.max(20, (stderr.columns || 80) - 1);
            stderr.write(`\r${line.replace(/[\p{Cc}]/gu, '').slice(0, width)}\x1b[K`);
            lineShown = true;
          },
        }
      : {}),
  };
}
