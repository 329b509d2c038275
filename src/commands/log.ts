import type { Command } from 'commander';
import type { FactChange } from '../core/factDiff.js';
import { requirePrefix } from '../core/taxonomy.js';
import { pointInTime } from '../runtime/pointInTime.js';
import { UsageError } from '../errors/index.js';
import type { CommitInfo } from '../store/git.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { logRenderer } from '../output/log.js';

export interface LogOptions {
  maxCount?: string;
  oneline?: boolean;
  patch?: boolean;
  stat?: boolean;
  asOf?: string;
  json?: boolean;
}

export interface LogResult {
  branch?: string;
  head?: string;
  commits: CommitInfo[];
  /** With -p: each commit's fact changes against its first parent, under the path if any. */
  patches?: Map<string, FactChange[]>;
}

export function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError('invalid-count', `${flag} must be a whole number, not "${value}"`);
  return Number(value);
}

/**
 * Commits on the current branch, newest first. With a prefix, only the commits that changed
 * facts under it: the prefix's tree or file id is compared with each parent's, so a commit
 * is judged without reading any fact.
 */
export async function runLog(prefix: string | undefined, options: LogOptions, context: Context): Promise<LogResult> {
  const limit = parseCount(options.maxCount, '-n');
  const taxonomy = await context.taxonomy();
  const filter = prefix ? requirePrefix(taxonomy, prefix) : undefined;
  const memory = await context.memory();
  const head = await memory.head();
  const commits: CommitInfo[] = [];
  const start = (await pointInTime(memory, { asOf: options.asOf }, context.now())).commit;
  if (!start || limit === 0) return { branch: head.branch, head: head.oid, commits };
  for await (const commit of memory.walk(start)) {
    if (filter) {
      const mine = await memory.prefixOid(commit.oid, filter);
      const parents = await Promise.all(commit.parents.map((p) => memory.prefixOid(p, filter)));
      const changed = parents.length === 0 ? mine !== undefined : parents.every((theirs) => theirs !== mine);
      if (!changed) continue;
    }
    commits.push(commit);
    if (limit !== undefined && commits.length >= limit) break;
  }
  if (!options.patch && !options.stat) return { branch: head.branch, head: head.oid, commits };
  const cardinalityOf = (path: string) => taxonomy.leaves.get(path)?.cardinality ?? 'many';
  const patches = new Map<string, FactChange[]>();
  for (const commit of commits)
    patches.set(commit.oid, await memory.diff(commit.parents[0], commit.oid, cardinalityOf, filter ? [filter] : []));
  return { branch: head.branch, head: head.oid, commits, patches };
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('log')
    .description('Show the commit history, newest first; with a path, only commits that changed facts under it')
    .argument('[path]', 'taxonomy prefix: a category, category.subcategory, or a leaf')
    .option('-n, --max-count <n>', 'show at most n commits')
    .option('--oneline', 'one line per commit: short id and subject')
    .option(
      '-p, --patch',
      "show each commit's facts added, removed, modified and superseded (against its first parent)",
    )
    .option('--stat', 'after each commit, its counts per leaf, as diff --stat prints them')
    .option('--as-of <date>', 'start from the last commit at or before a moment (ISO 8601, "2 weeks ago", "yesterday")')
    .option('--json', 'print the commits as JSON')
    .action(async (prefix: string | undefined, options: LogOptions) => {
      const result = await runLog(prefix, options, context);
      // under --json stderr is kept for errors alone; [] says it
      if (!result.head && !options.json) context.io.err(`memoir: no commits yet on ${result.branch ?? 'HEAD'}\n`);
      else if (options.asOf && result.commits.length === 0 && !options.json)
        context.io.err(`memoir: no commits at or before ${options.asOf}\n`);
      emit(
        context,
        options,
        result,
        logRenderer(Boolean(options.oneline), { stat: Boolean(options.stat), patch: Boolean(options.patch) }),
      );
    });
  withExamples(command, [
    ['memoir log -n 5 --oneline', 'the last five commits, one line each'],
    ['memoir log preferences.ui.theme', 'every change to one leaf'],
    ['memoir log -p preferences.ui.theme', 'every value the leaf has had, fact by fact, with who and when'],
    ['memoir log --as-of "last monday" -n 3', 'the history as it stood last monday'],
    ['memoir log workflow --json', 'commits that touched workflow rules, as JSON'],
    ['memoir log --stat -n 3', 'the last three commits, each with its counts per leaf'],
  ]);
}
