import { escapeStream } from '../output/escape.js';

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
  /** Colour on stdout (off for pipes, NO_COLOR, TERM=dumb, --no-color, --json). */
  color: boolean;
  /** Colour on stderr, decided the same way for that stream: `2>log` never gets escape codes. */
  errColor: boolean;
  /** Interactive prompts are allowed: both ends are TTYs and nothing said otherwise. */
  canPrompt: boolean;
  /** Terminal width for human output. */
  columns: number;
  /** --json was asked for: stderr carries nothing but a JSON error, so scripts can parse it. */
  json: boolean;
}

export interface IOOptions {
  env: NodeJS.ProcessEnv;
  colorFlag?: boolean;
  json?: boolean;
  noInput?: boolean;
}

export function decideColor(stream: { isTTY?: boolean }, options: IOOptions): boolean {
  const { env } = options;
  if (options.colorFlag === false || options.json) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
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
  };
}
