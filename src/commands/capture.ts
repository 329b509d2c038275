import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { withPolicyOverride, withSigning } from '../runtime/policyOptions.js';
import { reportCapture } from '../output/capture.js';
import type { CaptureOptions } from '../app/capture.js';
import { conversationFrom, runCapture } from '../app/capture.js';
import { addExitCode } from '../app/add.js';
import { captureOnScreen } from '../runtime/captureScreen.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('capture')
    .description(
      'Propose facts from a conversation (a transcript, chat messages or a coding agent session), reviewed before they are kept',
    )
    .argument(
      '[file]',
      'the conversation: a transcript of "Name: text" lines, a JSON/JSONL list of chat messages {role, content}, a ChatGPT or Claude.ai export, ShareGPT {conversations}, a Claude Code or Codex session JSONL, or LoCoMo-style {session_1: [...]}; - reads stdin',
    )
    .option(
      '--speaker <name>',
      'who the memory is about, where the input does not name the user (chat messages, agent sessions)',
    )
    .option(
      '--at <date>',
      'when the conversation took place, where the input has no dates ("yesterday" counts from it)',
    )
    .option(
      '--id <id>',
      "the conversation id in each fact's source, capture:<id>#<turn> (default: the file's name; for stdin, its speakers, first date and a short hash)",
    )
    .option(
      '-y, --yes',
      'without review: keep the proposals the classifier is sure of (review.autoAccept), hold the rest in the review queue (exit 3)',
    )
    .option('-c, --commit', 'commit the kept facts at once, in a commit of their own')
    .option('-m, --message <msg>', 'commit message, with --commit')
    .option('-b, --branch <name>', 'with --commit: commit to this branch without switching to it (created if missing)')
    .option('-n, --dry-run', 'show the proposals and where they would go, without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON');
  withSigning(withPolicyOverride(command)).action(async (file: string | undefined, options: CaptureOptions) => {
    const result = await runCapture(
      conversationFrom(file),
      options,
      context,
      context.io.canPrompt ? captureOnScreen(context) : undefined,
    );
    reportCapture(context, options, result);
    // --yes here means "by the thresholds": held proposals are decisions left open (3)
    context.fail(addExitCode(result, { yes: false }));
  });
  withExamples(command, [
    ['memoir capture chat.txt', 'review the facts proposed from a transcript, in a terminal'],
    [
      'memoir capture session.jsonl --speaker Dana --yes --commit',
      "keep what the classifier is sure of from an agent's session, and commit",
    ],
    ['memoir capture messages.json --dry-run --json', 'the proposals, with their turns and leaves, changing nothing'],
    [
      'cat chat.json | memoir capture - --speaker Ana --at 2024-05-08',
      'chat messages without names or dates, from stdin',
    ],
    [
      'memoir capture conversations.json --speaker Ana --dry-run',
      'what a ChatGPT export (Settings → Data controls) holds',
    ],
    [
      'memoir capture chat.txt --yes --commit --branch captured/2024-05-08',
      'capture into a branch of its own, to review and merge later',
    ],
  ]);
}
