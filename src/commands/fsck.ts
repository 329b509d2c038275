import { shortOid } from '../core/words.js';
import type { Command } from 'commander';
import { EXIT } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit, notice } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { fsckRenderer } from '../output/fsck.js';
import { runFsck } from '../app/fsck.js';

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
      if (result.commit && !options.json) notice(context, `fixed in commit ${shortOid(result.commit)}`);
      if (result.findings.some((f) => f.severity === 'error' && !f.fixed)) context.fail(EXIT.failure);
    });
  withExamples(command, [
    ['memoir fsck', 'one line per problem; exit 0 when there is none'],
    ['memoir fsck --verbose', 'also the lines written with git that memoir reads as facts'],
    ['memoir fsck --fix', 'settle what can be settled without a person, in one commit'],
    ['memoir fsck --json', 'the findings for a script'],
  ]);
}
