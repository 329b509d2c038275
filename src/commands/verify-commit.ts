import type { Command } from 'commander';
import { EXIT } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { verifyRenderer } from '../output/verifyCommit.js';
import { runVerifyCommits } from '../app/verifyCommit.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('verify-commit')
    .description('Check the SSH signature of commits against an allowed-signers file (exit 1 unless every one is good)')
    .argument('<rev...>', 'the commits to check')
    .option(
      '--allowed-signers <file>',
      "the keys allowed to sign, in git's gpg.ssh.allowedSignersFile format (default: that config key)",
    )
    .option('--json', 'print each commit with its status: good, bad, unknown-key or unsigned')
    .action(async (revs: string[], options: { allowedSigners?: string; json?: boolean }) => {
      const results = await runVerifyCommits(revs, options, context);
      emit(context, options, results, verifyRenderer);
      if (results.some((r) => r.status !== 'good')) context.fail(EXIT.failure);
    });
  withExamples(command, [
    [
      'memoir verify-commit HEAD --allowed-signers ~/.ssh/allowed_signers',
      'is the last commit signed by a key we know?',
    ],
    ['memoir verify-commit main~3 main --json', 'several commits, as JSON'],
  ]);
}
