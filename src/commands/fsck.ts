import type { Command } from 'commander';
import { checkMemory, lockFindings, type FsckFinding, type FsckRepairs, type FsckResult } from '../app/fsck.js';
import { EXIT } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit, notice } from '../runtime/emit.js';
import { signature } from '../runtime/signature.js';
import { withExamples } from '../runtime/examples.js';
import type { Memory } from '../store/memory.js';
import { fsckRenderer } from '../output/fsck.js';

/** Checks the memory; with `fix`, settles what needs no person, under the lock, in one commit. */
export async function runFsck(options: { fix?: boolean; verbose?: boolean }, context: Context): Promise<FsckResult> {
  const memory = await context.memory();
  const taxonomy = await context.taxonomy();
  const verbose = Boolean(options.verbose);
  const stale = lockFindings(memory);
  if (!options.fix) return { findings: [...stale, ...(await checkMemory(memory, taxonomy)).findings], verbose };
  return context.locked(memory, async () => {
    // taking the lock broke the dead writer's
    for (const finding of stale) finding.fixed = true;
    // broken refs first: the checks of the tree need the branch they name, so they run again only after a ref was restored
    const first = await checkMemory(memory, taxonomy);
    const restored = await restoreRefs(memory, first.repairs, context);
    const { findings, repairs } = restored.length > 0 ? await checkMemory(memory, taxonomy) : first;
    const commit = repairs.files.size ? await commitRepairs(memory, repairs, context) : undefined;
    if (repairs.stage) memory.writeStage(repairs.stage);
    for (const finding of findings)
      if (finding.kind === 'duplicate-id' ? commit : finding.kind === 'stage-applied') finding.fixed = true;
    return { findings: [...stale, ...restored, ...findings], commit, verbose };
  });
}

/** Points each broken branch ref at the last commit its reflog recorded; the findings, marked fixed. */
async function restoreRefs(memory: Memory, repairs: FsckRepairs, context: Context): Promise<FsckFinding[]> {
  if (repairs.refs.length === 0) return [];
  const who = await signature(context);
  return repairs.refs.map(({ ref, oid }) => {
    memory.updateBranch(ref, oid, undefined, who, 'fsck: restored from the reflog');
    return {
      kind: 'bad-ref',
      severity: 'error',
      where: ref,
      message: `the branch ref named no commit; restored to ${oid.slice(0, 7)}, the last commit its reflog recorded`,
      fixable: true,
      fixed: true,
    };
  });
}

/** The re-ided copies, as a normal commit on the current branch whose message says what changed. */
async function commitRepairs(memory: Memory, repairs: FsckRepairs, context: Context): Promise<string | undefined> {
  const head = await memory.head();
  if (!head.oid) return undefined;
  const who = await signature(context);
  const n = repairs.reIded.length;
  const subject = `fsck: give ${n} copied id${n === 1 ? '' : 's'} an id of ${n === 1 ? 'its' : 'their'} own`;
  const body = repairs.reIded.map((r) => `- ${r.where}: ${r.from} -> ${r.to}`).join('\n');
  const oid = await memory.writeCommit({
    parents: [head.oid],
    leaves: new Map(),
    files: repairs.files,
    message: `${subject}\n\n${body}\n`,
    author: who,
    committer: who,
  });
  memory.updateBranch(head.ref ?? 'HEAD', oid, head.oid, who, `commit: ${subject}`);
  return oid;
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('fsck')
    .description(
      'Check the memory: copied ids, unreadable lines, leaves outside the taxonomy, broken refs, a stale lock or stage (exit 1 on any problem)',
    )
    .option(
      '--fix',
      "settle what needs no person: give copied ids their own, break a dead writer's lock, drop staged changes already made, point a broken branch ref at the last commit its reflog recorded; never deletes a fact",
    )
    .option('-v, --verbose', "also list notes: lines written with git without memoir's metadata, read as facts")
    .option(
      '--json',
      'print the findings as JSON: {clean, commit, findings: [{kind, severity, where, message, fixable, fixed}]}',
    )
    .action(async (options: { fix?: boolean; verbose?: boolean; json?: boolean }) => {
      const result = await runFsck(options, context);
      emit(context, options, result, fsckRenderer);
      if (result.commit && !options.json) notice(context, `fixed in commit ${result.commit.slice(0, 7)}`);
      if (result.findings.some((f) => f.severity === 'error' && !f.fixed)) context.fail(EXIT.failure);
    });
  withExamples(command, [
    ['memoir fsck', 'one line per problem; exit 0 when there is none'],
    ['memoir fsck --verbose', 'also the lines written with git that memoir reads as facts'],
    ['memoir fsck --fix', 'settle what can be settled without a person, in one commit'],
    ['memoir fsck --json', 'the findings for a script'],
  ]);
}
