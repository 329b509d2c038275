import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { renderContext } from '../output/context.js';
import { type ContextCommandOptions, QUERY_FACTS, runContext } from '../app/context.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('context')
    .description(
      'Print a compact, prompt-ready block of current memory, grouped by category, newest first within a leaf',
    )
    .option('-q, --query <question>', 'only the facts most relevant to this question (as memoir recall finds them)')
    .option('-k, --k <n>', `with --query: how many facts at most (default ${QUERY_FACTS})`)
    .option('-p, --path <prefix...>', 'only facts under these taxonomy prefixes (categories, subcategories or leaves)')
    .option('--format <format>', 'markdown (default) or json')
    .option(
      '--max-chars <n>',
      'fit the block in n characters: whole facts are left out (least relevant, or oldest, first) and a last line says how many (that line alone if n is tiny)',
    )
    .option('--json', 'the same as --format json')
    .action(async (options: ContextCommandOptions) => {
      const result = await runContext(options, context);
      const total = result.block.groups.reduce((n, g) => n + g.facts.length, 0);
      if (total === 0 && result.block.omitted.count === 0 && result.format === 'markdown')
        context.io.err(result.commit ? 'memoir: no facts to show\n' : 'memoir: no commits yet: memory is empty\n');
      context.io.out(renderContext(result.block, result.format, result.maxChars));
    });
  withExamples(command, [
    ['memoir context', 'everything memoir remembers, as Markdown'],
    ['memoir context --path preferences workflow --max-chars 2000', 'two categories, within 2,000 characters'],
    ['memoir context --query "how do we ship releases?" --format json', 'the facts relevant to a task, as JSON'],
    ['memoir context --max-chars 4000 > memory.md', 'a file to paste into a system prompt'],
  ]);
}
