import type { Command } from 'commander';
import { EXIT } from '../errors/index.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { planLines, receiptsRenderer, reportForget, verificationRenderer } from '../output/forget.js';
import { type ForgetOptions, runForget } from '../app/forget.js';
import { runForgetLog, runForgetVerify } from '../app/forgetReceipts.js';
import { processStream } from '../io/processStreams.js';

interface Flags extends ForgetOptions {
  log?: boolean;
  verify?: string;
  json?: boolean;
  quiet?: boolean;
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('forget')
    .description(
      'Erase facts from all of history (every commit, branch, reflog, cache), with a receipt that names no forgotten text',
    )
    .argument('[fact-id...]', 'the facts to forget (4+ leading digits of an id); every text they ever had goes')
    .option('--leaf <leaf>', 'forget every fact ever held at this leaf')
    .option('--match <text>', 'forget every fact whose text contains this (case-insensitive)')
    .option('--regex', 'read --match as a regular expression')
    .option('--reason <text>', 'why, recorded in the receipt (a ticket id)')
    .option('--override-policy', 'rewrite branches a policy protects (needs --reason)')
    .option('-n, --dry-run', 'show the plan (facts, commits, refs that move) and change nothing')
    .option('-y, --yes', 'do not ask: needed where nobody can be asked (scripts, CI)')
    .option('--log', 'list the receipts of past forgets')
    .option('--verify <receipt>', 'check that nothing a receipt forgot is anywhere in the repository (exit 1 if found)')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the plan and receipt (or the log, or the verification) as JSON')
    .action(async (ids: string[], flags: Flags) => {
      if (flags.log) return emit(context, flags, await runForgetLog(context), receiptsRenderer);
      if (flags.verify !== undefined) {
        const verification = await runForgetVerify(flags.verify, context);
        emit(context, flags, verification, verificationRenderer);
        if (!verification.clean) context.fail(EXIT.failure);
        return;
      }
      await forgetFacts(ids, flags, context);
    });
  withExamples(command, [
    ['memoir forget 3fa2c91b0d --dry-run', 'what forgetting one fact would rewrite'],
    ['memoir forget 3fa2c91b0d --reason "GDPR request #4711"', 'erase it, asking first, and keep a receipt'],
    ['memoir forget --match "Ana" --yes', 'every fact that mentions Ana, in a script'],
    ['memoir forget --leaf health.conditions.chronic -y', 'everything a leaf ever held'],
    ['memoir forget --log', 'the receipts'],
    ['memoir forget --verify 1c0ffee2a7b4', 'prove a receipt still holds'],
    ['memoir push --force-with-lease', 'then publish the rewrite (other clones must clone again)'],
  ]);
}

/** Runs a forget as the command line does (asking in a terminal) and reports it; `scan --forget` too. */
export async function forgetFacts(
  ids: string[],
  flags: ForgetOptions & { json?: boolean; quiet?: boolean },
  context: Context,
) {
  const ask = context.io.canPrompt && !flags.json ? askInTerminal(context) : undefined;
  reportForget(context, flags, await runForget(ids, flags, context, ask));
}

/** The plan on stderr, then "Forget …? [y/N]" on the terminal. */
export function askInTerminal(context: Context) {
  return async (plan: Parameters<typeof planLines>[0]): Promise<boolean> => {
    for (const line of planLines(plan)) context.io.err(`${line}\n`);
    const { confirm } = await import('../io/confirm.js');
    return confirm(process.stdin, processStream('stderr'), 'Rewrite history and forget these facts for good?');
  };
}
