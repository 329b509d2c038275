import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { reportClassifications } from '../output/classify.js';
import { classifyExitCode, runClassify } from '../app/classify.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('classify')
    .description('Suggest taxonomy leaves for facts, with confidences; nothing is stored')
    .argument('[fact...]', 'the fact (quoting is optional), or - to read one fact per line from stdin')
    .option('-k, --top <n>', 'how many candidate leaves to show (at least 3 are returned)', '5')
    .option('--json', 'print JSON: one object, or one object per line (JSONL) with -')
    .action(async (args: string[], options: { top?: string; json?: boolean }) => {
      const result = await runClassify(args, options, context);
      reportClassifications(context, options, result);
      context.fail(classifyExitCode(result));
    });
  withExamples(command, [
    ['memoir classify "I prefer dark mode in every app"', 'ranked leaves with confidences'],
    ['memoir classify "PRs need two approvals" -k 3 --json', 'the top three, as JSON'],
    ['memoir classify - --json < facts.txt > classified.jsonl', 'one fact per line in, one JSON result per line out'],
  ]);
}
