import type { Deps } from '../app/deps.js';
import type { IO } from '../io/io.js';
import { plainPalette, type Palette } from '../output/palette.js';
import type { Memory } from '../store/memory.js';
import type { Config } from '../config/load.js';
import type { LeafIndex, Taxonomy } from '../core/taxonomy.js';
import { builtinLeafIndex, loadTaxonomy } from '../config/taxonomy.js';
import { EXIT, UsageError, type ExitCode } from '../errors/index.js';
import { progressDelay, progressLine, INTERVAL_MS } from './progress.js';
import { processStream } from '../io/processStreams.js';

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  memoirDir?: string;
  color?: boolean | string;
  debug?: boolean;
  lockTimeout?: string;
  json?: boolean;
}

/**
 * What a command needs from the outside world, built once per process: the use cases' Deps
 * (app/deps.ts) and what only the command layer uses (styles, the exit code, the command's
 * name). Heavy pieces (the git store, the configuration loader) are imported on first use, so
 * `--help`, `--version` and `taxonomy` never load isomorphic-git or read a config file.
 */
export interface Context extends Deps {
  io: IO;
  /** Styles for a stream: stdout (results) by default, or stderr (status lines, notices). */
  palette(stream?: 'out' | 'err'): Palette;
  /**
   * The global options of the command line, and the name of the command that runs: bound once,
   * by the program before the command's action (see program.ts), so nothing below the command
   * layer needs commander to read them.
   */
  globals: GlobalOptions;
  commandName: string;
  /** The exit code the process ends with when the command returns normally (the highest reported). */
  exitCode: number;
  /** Records a non-zero outcome (e.g. some facts in a batch were refused) without aborting. */
  fail(code: ExitCode): void;
  /**
   * Clears the progress line (runtime/progress.ts), if one is shown: when the command is done,
   * and before a screen or a prompt takes the terminal.
   */
  endProgress(): void;
}

/** How long a one-step write waits for the lock when lock.timeout is not set: other writers' commits take milliseconds each, a queue of them seconds. */
export const ONE_STEP_WAIT_SECONDS = 120;

/** The clock: `MEMOIR_NOW` (ISO 8601, or seconds since the epoch) pins it, for reproducible commits. */
export function clockFrom(env: NodeJS.ProcessEnv): () => Date {
  const pinned = env.MEMOIR_NOW;
  if (!pinned) return () => new Date();
  const date = /^\d+$/.test(pinned) ? new Date(Number(pinned) * 1000) : new Date(pinned);
  if (Number.isNaN(date.getTime()))
    throw new UsageError('invalid-env', `MEMOIR_NOW="${pinned}" is not a date`, {
      hint: 'use ISO 8601 (2026-11-21T13:00:00Z) or seconds since the epoch',
    });
  return () => date;
}

export function createContext(
  io: IO,
  env: NodeJS.ProcessEnv,
  cwd: string,
  version: string,
  palettes: { out: Palette; err: Palette } = { out: plainPalette, err: plainPalette },
): Context {
  let memory: Promise<Memory> | undefined;
  let config: Promise<Config> | undefined;
  let taxonomy: Promise<Taxonomy> | undefined;
  let leafIndex: Promise<LeafIndex> | undefined;
  const now = clockFrom(env);
  const progress = progressLine(io.progress, undefined, { delay: progressDelay(env), interval: INTERVAL_MS });

  const context: Context = {
    io,
    env,
    cwd,
    version,
    now,
    progress: progress.report,
    endProgress: progress.end,
    // a terminal at both ends, asked at the moment credentials are needed (never under MCP: stdin is its pipe)
    async promptCredentials(request) {
      if (!io.canPrompt) return undefined;
      progress.end();
      const { promptCredentials } = await import('../io/promptCredentials.js');
      return promptCredentials(process.stdin, processStream('stderr'))(request);
    },
    palette: (stream = 'out') => palettes[stream],
    taxonomy() {
      // the built-in taxonomy needs no config unless MEMOIR_TAXONOMY or a config file may extend it
      taxonomy ??= context.config().then((c) => loadTaxonomy(c, cwd));
      return taxonomy;
    },
    leafIndex() {
      // the whole taxonomy when it is loaded already, or when a file extends it (read once, by taxonomy())
      leafIndex ??=
        taxonomy ??
        context.config().then((c) => (c.entries.get('taxonomy')?.value ? context.taxonomy() : builtinLeafIndex()));
      return leafIndex;
    },
    globals: {},
    commandName: 'memoir',
    exitCode: EXIT.ok,
    fail(code) {
      context.exitCode = Math.max(context.exitCode, code);
    },
    memory() {
      memory ??= (async () => {
        const [{ findRepository }, { Memory }] = await Promise.all([
          import('../store/repository.js'),
          import('../store/memory.js'),
        ]);
        const opened = new Memory(findRepository(cwd, context.globals.memoirDir ?? (env.MEMOIR_DIR || undefined)));
        if (!io.json) opened.warn = (message) => io.err(`memoir: warning: ${message}\n`);
        return opened;
      })();
      return memory;
    },
    config(flags) {
      config ??= import('../config/load.js').then(async ({ loadConfig, configWarnings }) => {
        const lockTimeout = context.globals.lockTimeout;
        const loaded = await loadConfig({
          cwd,
          env,
          flags: { 'lock.timeout': { value: lockTimeout, flag: '--lock-timeout' }, ...flags },
        });
        // what a folder tried and was not allowed is said once, before the command's own output
        if (!io.json) for (const warning of configWarnings(loaded)) io.err(`memoir: warning: ${warning}\n`);
        return loaded;
      });
      return config;
    },
    async locked(memory, fn, options) {
      const config = await context.config();
      const chosen = config.entries.get('lock.timeout')?.source !== 'default';
      const timeout = options?.oneStep && !chosen ? ONE_STEP_WAIT_SECONDS : config.get('lock.timeout');
      const onWait = io.json
        ? undefined
        : () => io.err('memoir: waiting for another memoir process to finish writing...\n');
      const release = await memory.lock(context.commandName, timeout * 1000, onWait);
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
  return context;
}
