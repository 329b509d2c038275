import type { Command } from 'commander';
import type { IO } from '../io/io.js';
import { plainPalette, type Palette } from '../output/palette.js';
import type { Memory } from '../store/memory.js';
import type { Config } from '../config/load.js';
import type { ConfigValue } from '../config/schema.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { loadTaxonomy } from '../config/taxonomy.js';
import { UsageError } from '../errors/index.js';

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  memoirDir?: string;
  color?: boolean | string;
  debug?: boolean;
  lockTimeout?: string;
  json?: boolean;
}

/**
 * What a command needs from the outside world, built once per process. Heavy pieces (the
 * git store, the configuration loader) are imported on first use, so `--help`, `--version`
 * and `taxonomy` never load isomorphic-git or read a config file.
 */
export interface Context {
  io: IO;
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
  now(): Date;
  /** Styles for a stream: stdout (results) by default, or stderr (status lines, notices). */
  palette(stream?: 'out' | 'err'): Palette;
  /** The taxonomy in force: built in, extended by the `taxonomy` setting's file. */
  taxonomy(command: Command): Promise<Taxonomy>;
  globals(command: Command): GlobalOptions;
  /** The repository found from the current directory (or --memoir-dir / MEMOIR_DIR). */
  memory(command: Command): Promise<Memory>;
  config(command: Command, flags?: Record<string, { value: ConfigValue | undefined; flag: string }>): Promise<Config>;
  /** The exit code the process ends with when the command returns normally (the highest reported). */
  exitCode: number;
  /** Records a non-zero outcome (e.g. some facts in a batch were refused) without aborting. */
  fail(code: number): void;
  /**
   * Runs `fn` holding the repository's writer lock. A one-step write (`add --commit`, an MCP
   * write) queues behind other writers as a matter of course: unless lock.timeout is set, it
   * waits up to ONE_STEP_WAIT_SECONDS rather than the default.
   */
  locked<T>(command: Command, memory: Memory, fn: () => Promise<T>, options?: { oneStep?: boolean }): Promise<T>;
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
  const now = clockFrom(env);
  const globals = (command: Command) => command.optsWithGlobals() as GlobalOptions;

  const context: Context = {
    io,
    env,
    cwd,
    version,
    now,
    palette: (stream = 'out') => palettes[stream],
    taxonomy(command) {
      // the built-in taxonomy needs no config unless MEMOIR_TAXONOMY or a config file may extend it
      taxonomy ??= context.config(command).then((c) => loadTaxonomy(c, cwd));
      return taxonomy;
    },
    globals,
    exitCode: 0,
    fail(code) {
      context.exitCode = Math.max(context.exitCode, code);
    },
    memory(command) {
      memory ??= (async () => {
        const [{ findRepository }, { Memory }] = await Promise.all([
          import('../store/repository.js'),
          import('../store/memory.js'),
        ]);
        const opened = new Memory(findRepository(cwd, globals(command).memoirDir ?? (env.MEMOIR_DIR || undefined)));
        if (!io.json) opened.warn = (message) => io.err(`memoir: warning: ${message}\n`);
        return opened;
      })();
      return memory;
    },
    config(command, flags) {
      config ??= import('../config/load.js').then(async ({ loadConfig, configWarnings }) => {
        const lockTimeout = globals(command).lockTimeout;
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
    async locked(command, memory, fn, options) {
      const config = await context.config(command);
      const chosen = config.entries.get('lock.timeout')?.source !== 'default';
      const timeout = options?.oneStep && !chosen ? ONE_STEP_WAIT_SECONDS : (config.get<number>('lock.timeout') ?? 10);
      const onWait = io.json
        ? undefined
        : () => io.err('memoir: waiting for another memoir process to finish writing...\n');
      const release = await memory.lock(command.name(), timeout * 1000, onWait);
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
  return context;
}
