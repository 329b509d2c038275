import type { Command } from 'commander';
import { applyStage } from '../core/applyStage.js';
import { commitMessage, summarize } from '../core/commitMessage.js';
import type { Fact } from '../core/fact.js';
import { diffLeaf, type FactChange } from '../core/factDiff.js';
import { emptyStage } from '../core/stage.js';
import { CORRECTIONS_FILE, formatCorrections, mergeCorrections } from '../core/corrections.js';
import { MemoirError, RefusedError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { signature } from '../runtime/signature.js';
import { reportCommit } from '../output/commit.js';
import { writeTarget } from '../runtime/target.js';
import { screenWrittenText } from '../core/guardText.js';

export interface CommitOptions {
  message?: string;
  author?: string;
  dryRun?: boolean;
  /** Commit to this branch without switching to it (created from the current branch when missing). */
  branch?: string;
}

export interface CommitResult {
  /** The new commit's id; undefined in a dry run. */
  commit?: string;
  branch?: string;
  subject: string;
  added: Array<{ fact: Fact; supersedes: Fact[] }>;
  removed: Fact[];
  /** The same, as every command counts and lists them: added, removed, modified, superseded (core/factDiff.ts). */
  changes: FactChange[];
  dryRun: boolean;
}

/**
 * Commits everything staged onto the current branch (or the one --branch / MEMOIR_BRANCH
 * names, see runtime/target.ts). The caller holds the lock. The stage
 * is applied to the branch as it is now; the ref moves only after the commit's objects are
 * written, and the stage is cleared last, so a writer killed at any point leaves either
 * the old branch and the full stage, or the new branch and a stage whose operations are
 * already in it (and are skipped as such).
 */
export async function runCommit(memory: Memory, options: CommitOptions, context: Context, command: Command): Promise<CommitResult> {
  screenWrittenText(options.message, 'the commit message', 'nothing was committed', { lineBreaks: true });
  const stage = memory.readStage();
  if (stage.ops.length === 0) {
    throw new MemoirError('nothing-to-commit', 'nothing to commit: no facts are staged', { hint: 'stage facts with "memoir add <fact> --path <leaf>" or "memoir rm <id>" first' });
  }
  const taxonomy = await context.taxonomy(command);
  const head = await writeTarget(memory, options.branch, context.env);
  const current = await memory.readLeaves(head.oid, stage.ops.map((o) => o.fact.path));
  const cardinalityOf = (path: string) => taxonomy.leaves.get(path)?.cardinality ?? 'many';
  const effect = applyStage(stage.ops, current, cardinalityOf);
  if (effect.added.length === 0 && effect.removed.length === 0) {
    throw new MemoirError('nothing-to-commit', `nothing to commit: the ${stage.ops.length} staged change(s) are already on the branch`, { hint: 'run "memoir reset" to clear the stage' });
  }
  const addedFacts = effect.added.map((a) => a.fact);
  const removedFacts = [...effect.removed, ...effect.added.flatMap((a) => a.supersedes)];
  const subject = options.message?.trim().split('\n')[0] || summarize(addedFacts, removedFacts);
  const changes = [...effect.leaves.keys()].sort().flatMap((leaf) => diffLeaf(leaf, current.get(leaf) ?? [], effect.leaves.get(leaf)!, cardinalityOf(leaf)));
  const result: CommitResult = { branch: head.branch, subject, added: effect.added, removed: effect.removed, changes, dryRun: Boolean(options.dryRun) };
  if (options.dryRun) return result;

  const who = await signature(context, command, options.author);
  const message = commitMessage({ added: addedFacts, removed: removedFacts, message: options.message, version: context.version });
  const files = new Map<string, string | null>();
  if (stage.corrections?.length) files.set(CORRECTIONS_FILE, formatCorrections(mergeCorrections(await memory.readCorrections(head.oid), stage.corrections)));
  const oid = await memory.writeCommit({ parents: head.oid ? [head.oid] : [], leaves: effect.leaves, files, message, author: who, committer: who });
  memory.updateBranch(head.ref ?? 'HEAD', oid, head.created ? undefined : head.oid, who, `commit${head.oid ? '' : ' (initial)'}: ${subject}`);
  memory.writeStage(emptyStage());
  return { ...result, commit: oid };
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('commit')
    .description('Record the staged facts in a new commit on the current branch')
    .option('-m, --message <msg>', 'commit message (default: a summary of the facts)')
    .option('--author <author>', 'override the author: "Name <email>"')
    .option('-n, --dry-run', 'show what would be committed without writing anything')
    .option('-b, --branch <name>', 'commit to this branch without switching to it (created from the current one if missing); env MEMOIR_BRANCH')
    .option('--json', 'print the result as JSON')
    .action(async (options: CommitOptions & { json?: boolean }, cmd: Command) => {
      const memory = await context.memory(cmd);
      // during a merge, commit is "merge --continue": the merge commit, once the conflicts are settled
      if (memory.readMerge() && !options.branch && !context.env.MEMOIR_BRANCH && !options.dryRun) {
        const { runContinue } = await import('./merge.js');
        const { reportMerge } = await import('../output/merge.js');
        return reportMerge(context, options, { outcome: await runContinue(context, cmd) });
      }
      const run = () => runCommit(memory, options, context, cmd);
      const result = options.dryRun ? await run() : await context.locked(cmd, memory, run);
      reportCommit(context, options, result);
    });
  withExamples(command, [
    ['memoir commit', 'commit with a generated message summarising the facts'],
    ['memoir commit -m "Preferences from onboarding"', 'commit with your own message'],
    ['memoir commit --author "Ada <ada@example.com>"', 'commit as someone else'],
  ]);
}
