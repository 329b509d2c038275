import type { Config } from '../config/load.js';
import type { ConfigValue } from '../config/schema.js';
import type { LeafIndex, Taxonomy } from '../core/taxonomy.js';
import type { IO } from '../io/io.js';
import type { Memory } from '../store/memory.js';
import type { Candidate } from '../core/classification.js';
import type { ReviewOutcome } from '../ui/types.js';
import type { Prompt } from '../store/remote/credentials.js';
import type { ProgressSink } from '../core/progress.js';

/**
 * What a use case needs from the world, already resolved by its front end: the CLI builds it
 * from the command line (runtime/context.ts), the MCP server from the same context, a test
 * from a temporary repository. Nothing here is commander's, chalk's or Ink's.
 */
export interface Deps {
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
  /** The global options a use case reads: which repository (init creates it there). */
  globals: { memoirDir?: string };
  now(): Date;
  /** The repository found from the current directory (or --memoir-dir / MEMOIR_DIR). */
  memory(): Promise<Memory>;
  /** The taxonomy in force: built in, extended by the `taxonomy` setting's file. */
  taxonomy(): Promise<Taxonomy>;
  /**
   * The same taxonomy's leaves, paths and cardinalities alone: all that reads need (which leaves
   * exist, which hold one fact). For the built-in taxonomy, far cheaper than taxonomy().
   */
  leafIndex(): Promise<LeafIndex>;
  config(flags?: Record<string, { value: ConfigValue | undefined; flag: string }>): Promise<Config>;
  /**
   * Runs `fn` holding the repository's writer lock. A one-step write (`add --commit`, an MCP
   * write) queues behind other writers: unless lock.timeout is set, it waits up to
   * ONE_STEP_WAIT_SECONDS rather than the default.
   */
  locked<T>(memory: Memory, fn: () => Promise<T>, options?: { oneStep?: boolean }): Promise<T>;
  /**
   * The streams, only where a use case must read input (`add -`, `classify -`) or say what
   * a front end cannot (a warning on stderr, kept silent under --json).
   */
  io: Pick<IO, 'readStdin' | 'stdinIsTTY' | 'canPrompt' | 'json' | 'err'>;
  /** Asks a person for a remote's credentials; absent, or answering nothing, where nobody can (scripts, MCP). */
  promptCredentials?: Prompt;
  /**
   * How far long work has got (bulk add, classify, commit, the recall index, transfers), for a
   * person at a terminal; absent where nobody watches (a pipe, --json, -q, CI, MCP, most tests).
   * Call it per item: the front end throttles (core/progress.ts).
   */
  progress?: ProgressSink;
}

/**
 * A person deciding where facts go: the review screen in a terminal. Front ends that have one
 * pass it to the use cases that place facts; scripts and MCP do not, and --yes and the
 * thresholds decide.
 */
export type FactReviewer = (
  items: ReadonlyArray<{ text: string; candidates: Candidate[] }>,
  taxonomy: Taxonomy,
  memory: Memory,
) => Promise<ReviewOutcome>;
