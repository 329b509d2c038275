import type { Command } from 'commander';
import { EXIT } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { verifyRenderer } from '../output/verifyCommit.js';
import { runVerifyRange } from '../app/verifyCommit.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('verify')
    .description('Check the SSH signature of every commit of a history or range (exit 1 unless every one is good)')
    .argument('[range]', 'a revision or a range A..B (default: the whole history of HEAD)')
    .option(
      '--allowed-signers <file>',
      "the keys allowed to sign, in git's gpg.ssh.allowedSignersFile format (default: that config key)",
    )
    .option('--json', 'print each commit with its status: good, bad, unknown-key or unsigned')
    .action(async (range: string | undefined, options: { allowedSigners?: string; json?: boolean }) => {
      const results = await runVerifyRange(range, options, context);
      emit(context, options, results, verifyRenderer);
      if (results.some((r) => r.status !== 'good')) context.fail(EXIT.failure);
    });
  withExamples(command, [
    ['memoir verify origin/main..HEAD', 'every commit a push would publish is signed by a known key'],
    ['memoir verify --json | jq -r \'.[] | select(.status != "good") | .commit\'', 'the commits that are not'],
  ]);
}
