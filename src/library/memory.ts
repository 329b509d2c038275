import path from 'node:path';
import type * as api from './api.js';
import { createContext, type Context } from '../runtime/context.js';
import type { IO } from '../io/io.js';
import { VERSION } from '../version.js';
import { MemoirError, UsageError } from '../errors/index.js';
import { runInit } from '../app/init.js';
import { runAdd } from '../app/add.js';
import { runBlame } from '../app/blame.js';
import { runBranchChange, runListBranches } from '../app/branch.js';
import { runCapture } from '../app/capture.js';
import { runConsolidate } from '../app/consolidate.js';
import { runContext } from '../app/context.js';
import { runDiff } from '../app/diff.js';
import { runForget } from '../app/forget.js';
import { runGet } from '../app/get.js';
import { runLog } from '../app/log.js';
import { runLs } from '../app/ls.js';
import { runMerge } from '../app/merge.js';
import { runRecall } from '../app/recall.js';
import { refuseDetachedWrite } from '../app/target.js';
import { addJson } from '../output/add.js';
import { blameRenderer } from '../output/blame.js';
import { branchesRenderer } from '../output/branch.js';
import { captureJson } from '../output/capture.js';
import { consolidateJson } from '../output/consolidate.js';
import { contextJson, renderContext } from '../output/context.js';
import { changeJson } from '../output/diff.js';
import { factJson } from '../output/facts.js';
import { forgetJson } from '../output/forget.js';
import { logRenderer } from '../output/log.js';
import { lsRenderer } from '../output/ls.js';
import { outcomeJson } from '../output/merge.js';
import { recallRenderer } from '../output/recall.js';

/*
 * The object openMemory returns: each method is a use case of app/ called as the CLI's command
 * calls it, and its result is what that command prints with --json (the same renderer). Nothing
 * is printed: what the CLI would warn of goes to onWarning. Calls run one at a time, in order,
 * as the MCP server runs its tools: the use cases share one context (one isomorphic-git cache,
 * one configuration) and writes take the repository lock, so a CLI writer waits for them.
 */

/** The streams as a library has them: nothing to read, nothing printed, warnings to a callback. */
function libraryIO(warn: (message: string) => void): IO {
  return {
    out: () => undefined,
    err: (text) => warn(text.replace(/^memoir: (warning: )?/, '').trimEnd()),
    readStdin: () =>
      Promise.reject(
        new UsageError('stdin-unavailable', 'the library reads no standard input', {
          hint: 'pass the text to the method itself',
        }),
      ),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    color: false,
    errColor: false,
    canPrompt: false,
    columns: 80,
    // quiet, as under --json: use cases say nothing on stderr but what must be said
    json: true,
  };
}

const count = (n: number | undefined) => (n === undefined ? undefined : String(n));

export async function openLibraryMemory(options: api.OpenMemoryOptions = {}): Promise<api.Memory> {
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`memoir: warning: ${message}\n`));
  const env = { ...(options.env ?? process.env) } as NodeJS.ProcessEnv;
  const contextFor = () => {
    const made = createContext(libraryIO(warn), env, path.resolve(options.dir ?? process.cwd()), VERSION);
    made.commandName = 'library';
    if (options.memoirDir) made.globals.memoirDir = path.resolve(options.memoirDir);
    return made;
  };
  let context = contextFor();
  // found now, so a wrong folder is an error of openMemory, not of the first call
  const store = await context.memory().catch(async (error: unknown) => {
    if (!options.create || !(error instanceof MemoirError) || error.code !== 'not-a-repository') throw error;
    // as memoir init: .memoir in `dir` (or `memoirDir`), then opened afresh
    await runInit(context);
    context = contextFor();
    return context.memory();
  });
  store.warn = warn;
  const { configWarnings } = await import('../config/load.js');
  for (const warning of configWarnings(await context.config())) warn(warning);
  return new LibraryMemory(context, store.gitdir);
}

class LibraryMemory implements api.Memory {
  /** The calls in order: each starts when the one before it has settled. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Work started on the caller's behalf and not awaited by it (withMemory's captures). */
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: Context,
    readonly gitdir: string,
  ) {}

  private run<T>(call: (context: Context) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      this.deps.exitCode = 0;
      return call(this.deps);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs `call` in the queue without the caller awaiting it; close() waits for it. */
  inBackground<T>(call: () => Promise<T>): Promise<T> {
    const work = call();
    this.background.add(work);
    const done = () => this.background.delete(work);
    work.then(done, done);
    return work;
  }

  remember(text: string, options: api.RememberOptions = {}): Promise<api.RememberResult> {
    return this.run(async (context) => {
      const commit = options.commit ?? true;
      if (commit) await refuseDetachedWrite(await context.memory(), options.branch, context.env);
      const result = await runAdd(
        [text],
        {
          path: options.path,
          branch: commit ? options.branch : undefined,
          source: options.source ?? 'library',
          message: options.message,
          commit,
          json: true,
        },
        context,
      );
      return addJson(result);
    });
  }

  recall(question: string, options: api.RecallOptions = {}): Promise<api.RecallHit[]> {
    return this.run(async (context) => {
      const result = await runRecall(
        question,
        { k: count(options.k), path: options.path, at: options.at, minScore: count(options.minScore), json: true },
        context,
      );
      return recallRenderer.json(result);
    });
  }

  context(options: api.ContextOptions = {}): Promise<api.ContextResult> {
    return this.run(async (context) => {
      const result = await runContext(
        { query: options.query, path: options.path, k: count(options.k), maxChars: count(options.maxChars) },
        context,
      );
      return {
        markdown: renderContext(result.block, 'markdown', result.maxChars),
        ...contextJson(result.block),
        commit: result.commit ?? null,
      };
    });
  }

  capture(conversation: api.ChatMessage[] | string, options: api.CaptureOptions = {}): Promise<api.CaptureResult> {
    return this.run(async (context) => {
      const commit = options.commit ?? true;
      if (commit) await refuseDetachedWrite(await context.memory(), options.branch, context.env);
      const text = typeof conversation === 'string' ? conversation : JSON.stringify(conversation);
      const result = await runCapture(
        {
          bytes: new TextEncoder().encode(text),
          name: typeof conversation === 'string' ? 'the transcript' : 'the messages',
        },
        {
          speaker: options.speaker,
          id: options.id,
          at: options.at,
          branch: commit ? options.branch : undefined,
          commit,
          // review: nothing settles without a person; the proposals wait in the review queue
          yes: (options.mode ?? 'auto') === 'auto',
          json: true,
        },
        context,
      );
      return captureJson(result);
    });
  }

  get(leaf: string): Promise<api.Fact[]> {
    return this.run(async (context) => (await runGet(leaf, {}, context)).facts.map(factJson));
  }

  ls(prefix?: string): Promise<api.LeafCount[]> {
    return this.run(async (context) => lsRenderer.json((await runLs(prefix, {}, context)).entries));
  }

  log(options: api.LogOptions = {}): Promise<api.Commit[]> {
    return this.run(async (context) => {
      const operands = [...(options.revision ? [options.revision] : []), ...(options.path ? [options.path] : [])];
      const result = await runLog(
        operands,
        options.path ? 1 : 0,
        { maxCount: count(options.maxCount), consolidation: options.consolidation },
        context,
      );
      return logRenderer(false).json(result);
    });
  }

  diff(from?: string, to?: string, options: { path?: string } = {}): Promise<api.FactChange[]> {
    return this.run(async (context) => {
      if (to !== undefined && from === undefined)
        throw new UsageError(
          'invalid-argument',
          'diff: give the revision to compare from before the one to compare to',
          {
            hint: 'e.g. memory.diff("HEAD~3", "HEAD")',
          },
        );
      const revs = [from, to].filter((rev): rev is string => rev !== undefined);
      const operands = [...revs, ...(options.path ? [options.path] : [])];
      return (await runDiff(operands, options.path ? 1 : 0, context)).changes.map(changeJson);
    });
  }

  blame(prefix: string): Promise<api.BlameEntry[]> {
    return this.run(async (context) => blameRenderer.json(await runBlame(prefix, {}, context)));
  }

  branches(): Promise<api.Branch[]> {
    return this.run(async (context) => branchesRenderer.json(await runListBranches(context, true)));
  }

  branch(name: string, startPoint?: string): Promise<api.BranchChange> {
    return this.run((context) => runBranchChange(startPoint ? [name, startPoint] : [name], {}, context));
  }

  merge(branch: string, options: api.MergeOptions = {}): Promise<api.MergeResult> {
    return this.run(async (context) =>
      outcomeJson(
        await runMerge(branch, { message: options.message, strategy: options.strategy, json: true }, context),
      ),
    );
  }

  consolidate(options: api.ConsolidateOptions = {}): Promise<api.ConsolidateResult> {
    return this.run(async (context) =>
      consolidateJson(
        await runConsolidate(
          {
            path: options.path,
            branch: options.branch,
            yes: options.applySafe,
            dryRun: !options.applySafe,
            all: options.all,
            model: options.model,
          },
          context,
        ),
      ),
    );
  }

  forget(ids: string[], options: api.ForgetOptions = {}): Promise<api.ForgetResult> {
    return this.run(async (context) =>
      forgetJson(await runForget(ids, { yes: true, reason: options.reason, dryRun: options.dryRun }, context)),
    );
  }

  async close(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
    await this.queue;
  }
}

export type { LibraryMemory };
