import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { withPolicyOverride, withSigning } from '../runtime/policyOptions.js';
import { reportAdd } from '../output/add.js';
import type { AddOptions } from '../app/add.js';
import { addExitCode, runAdd } from '../app/add.js';
import { reviewOnScreen } from '../runtime/reviewScreen.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('add')
    .description('Stage facts: screened for secrets, placed at a taxonomy leaf, committed with "memoir commit"')
    .argument(
      '[fact...]',
      'the fact (quoting is optional; words are joined), or - to read one fact per line from stdin',
    )
    .option(
      '-p, --path <leaf>',
      'taxonomy leaf to store the facts at, e.g. preferences.ui.theme (skips classification)',
    )
    .option(
      '-f, --file <file>',
      'read facts from a file: one per line, or JSONL {"text": ..., "path": ..., "at": ...} ("at", ISO 8601: when it was said, default now; "yesterday" in a fact counts from it)',
    )
    .option('--source <name>', 'record where the facts came from (default: cli, stdin or file:<name>)')
    .option(
      '-c, --commit',
      'commit these facts at once, in a commit of their own (the one-step "remember"): facts already staged stay staged',
    )
    .option('-m, --message <msg>', 'commit message, with --commit')
    .option('--author <author>', 'commit author, "Name <email>", with --commit')
    .option(
      '-b, --branch <name>',
      'with --commit: commit to this branch without switching to it (created if missing); env MEMOIR_BRANCH',
    )
    .option(
      '-y, --yes',
      "accept the classifier's top suggestion without review, where one fits: text no leaf fits (greetings, thanks, filler, text the classifier cannot read) is held for review, counted and listed, never filed or dropped (exit 0: with --yes only a fact held for another reason makes it 3)",
    )
    .option('--valid-from <date>', 'the facts are true from this date (ISO 8601 or "3 days ago"); default: always')
    .option('--valid-until <date>', 'the facts stop being true after this date; default: open-ended')
    .option('-n, --dry-run', 'screen and classify, and show what would be staged, without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON');
  withSigning(withPolicyOverride(command)).action(async (args: string[], options: AddOptions) => {
    const result = await runAdd(args, options, context, context.io.canPrompt ? reviewOnScreen(context) : undefined);
    reportAdd(context, options, result);
    context.fail(addExitCode(result, options));
  });
  withExamples(command, [
    ['memoir add "I prefer dark mode in every app"', 'classify the fact and review the suggestion (in a terminal)'],
    ['memoir add "I prefer dark mode in every app" --path preferences.ui.theme', 'stage one fact at a leaf you name'],
    ['memoir add --file notes.txt --yes --commit', 'classify a file of facts, accept every top suggestion, commit'],
    ['memoir add "PRs need two approvals" -p workflow.review.process --commit', 'stage and commit in one step'],
    [
      'printf "Likes jazz\\nLikes Bach\\n" | memoir add - -p preferences.entertainment.music',
      'one fact per line from stdin',
    ],
    ['memoir add --file facts.jsonl --commit -m "Import"', 'import a JSONL file of {"text", "path"} records'],
    [
      'memoir add "Works at Acme" -p work.employment.employer --valid-from 2024-03-01 --valid-until 2026-06-30',
      'a fact true only for a period',
    ],
  ]);
}
