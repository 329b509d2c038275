import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { recallRenderer } from '../output/recall.js';
import { type RecallOptions, runRecall } from '../app/recall.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('recall')
    .description(
      'Find the current facts most relevant to a question, best first, without a model (taxonomy navigation and word ranking)',
    )
    .argument('<question...>', 'the question, in your own words (quoting is optional)')
    .option('-k, --k <n>', 'how many facts to return (default 5)')
    .option('-p, --path <prefix>', 'only facts under this taxonomy prefix: a category, category.subcategory or a leaf')
    .option('--at <rev>', 'search the facts as they were at a revision (a commit id, branch, HEAD~3)')
    .option('--as-of <date>', 'search the facts as they were at a moment (2026-11-01, "3 days ago")')
    .option(
      '--rerank <mode>',
      "llm: let the configured model (classifier.provider: openai) reorder the candidates; the question and facts sent pass the secret guard; if the model fails, recall's own order, with a warning",
    )
    .option(
      '--min-score <n>',
      'only facts scoring at least n (0 to 1: how likely the fact answers the question); by default nothing is returned when even the best fact is unlikely to answer, and --min-score 0 returns every candidate',
    )
    .option(
      '--json',
      'print an array of {path, text, score, id, commit, recordedAt, when}, and supersededBy for a value a newer fact replaced',
    )
    .action(async (words: string[], options: RecallOptions) => {
      const result = await runRecall(words.join(' '), options, context);
      if (result.hits.length === 0 && !options.json)
        context.io.err(
          result.commit ? 'memoir: no fact matches the question\n' : 'memoir: no commits yet: nothing to recall\n',
        );
      emit(context, options, result, recallRenderer);
    });
  withExamples(command, [
    ['memoir recall "which theme does the user like?"', 'the five most relevant facts'],
    ['memoir recall "what does she drink in the morning" -k 1 --json', 'the best fact, as JSON'],
    ['memoir recall "how do we deploy" --path project', 'only facts about the project'],
    ['memoir recall "favourite editor" --at HEAD~5', 'as the memory was five commits ago'],
    ['memoir recall "allergies" --rerank llm', 'let the configured model reorder the candidates'],
    ['memoir recall "editor" --min-score 0', 'every candidate, however unlikely'],
  ]);
}
