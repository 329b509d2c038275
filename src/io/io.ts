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
   * Redraws one progress line in place on stderr (undefined ends it); absent when stderr is not
   * a terminal or under --json, where progress is never shown. The text is memoir's own words
   * and counts: callers pass nothing a remote wrote without cleaning it.
   */
  progress?(line: string | undefined): void;
}

export interface IOOptions {
  env: NodeJS.ProcessEnv;
  /** `--color=auto|always|never` (`--no-color` is never). */
  colorFlag?: ColorWhen;
  json?: boolean;
  noInput?: boolean;
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
  const ci = options.env.CI !== undefined && options.env.CI !== '' && options.env.CI !== 'false';
  const stdoutIsTTY = Boolean(process.stdout.isTTY);
  // process.stdin is a lazy getter that builds a stream: only pay for it when asked
  const stdinIsTTY = () => Boolean(process.stdin.isTTY);
  const color = decideColor(process.stdout, options);
  const errColor = decideColor(process.stderr, options);
  const json = Boolean(options.json);
  return {
    // the last guard: a control character no renderer escaped is shown, never obeyed (see escapeStream)
    out: (text) => void process.stdout.write(escapeStream(text, { colour: color, json })),
    err: (text) => void process.stderr.write(escapeStream(text, { colour: errColor, json })),
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
    columns: process.stdout.columns || 100,
    json,
    ...(process.stderr.isTTY && !json
      ? {
          progress: (line: string | undefined) =>
            void process.stderr.write(line === undefined ? '\r\x1b[K' : `\r${line.replace(/[\p{Cc}]/gu, '')}\x1b[K`),
        }
      : {}),
  };
}
