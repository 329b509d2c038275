import type { Command } from 'commander';
import type { ReflogResult } from '../app/reflog.js';
import { UsageError } from '../errors/index.js';
import { fullRefName, readReflog, symbolicHead } from '../store/refs.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { reflogRenderer } from '../output/reflog.js';
import { parseCount } from './log.js';

/** Where a branch has pointed, newest first: every commit, reset and merge that moved it. */
export async function runReflog(
  ref: string | undefined,
  options: { maxCount?: string },
  context: Context,
): Promise<ReflogResult> {
  const limit = parseCount(options.maxCount, '-n');
  const memory = await context.memory();
  const full = ref === undefined ? (symbolicHead(memory.gitdir) ?? 'HEAD') : fullRefName(memory.gitdir, ref);
  if (!full)
    throw new UsageError('unknown-ref', `no branch or ref named "${ref}"`, {
      hint: '"memoir reflog" shows the current branch\'s',
    });
  const entries = readReflog(memory.gitdir, full);
  return {
    name: full.replace(/^refs\/(heads\/)?/, ''),
    entries: limit === undefined ? entries : entries.slice(0, limit),
  };
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('reflog')
    .description(
      'List where a branch has pointed, newest first, so that any earlier tip can be named (main@{N}) and restored',
    )
    .argument('[branch]', 'the branch or ref (default: the current branch)')
    .option('-n, --max-count <n>', 'show at most n entries')
    .option('--json', 'print the entries as JSON')
    .action(async (ref: string | undefined, options: { maxCount?: string; json?: boolean }) => {
      emit(context, options, await runReflog(ref, options, context), reflogRenderer);
    });
  withExamples(command, [
    ['memoir reflog', 'every move of the current branch'],
    ['memoir reset --hard main@{1} --force', 'go back to where main was before its last move'],
  ]);
}
