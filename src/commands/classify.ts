import type { Command } from 'commander';
import type { ClassifyResult } from '../app/classify.js';
import { parseFactInput, screenInput } from '../core/factInput.js';
import { decodeInput } from '../core/textInput.js';
import { screenFact } from '../core/screen.js';
import { EXIT, MemoirError, RefusedError, UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { classifierFor } from '../runtime/placement.js';
import type { Memory } from '../store/memory.js';
import { reportClassifications } from '../output/classify.js';
import { parseCount } from '../core/count.js';

/** The repository, when there is one: its corrections teach the classifier. Outside one, the built-in taxonomy alone. */
async function optionalMemory(context: Context): Promise<Memory | undefined> {
  try {
    return await context.memory();
  } catch (error) {
    if (error instanceof MemoirError && error.code === 'not-a-repository') return undefined;
    throw error;
  }
}

export async function runClassify(
  args: string[],
  options: { top?: string },
  context: Context,
): Promise<ClassifyResult> {
  const k = parseCount(options.top, '-k') ?? 5;
  if (k < 1) throw new UsageError('invalid-count', '-k must be at least 1');
  const batch = args.length === 1 && args[0] === '-';
  if (args.length === 0)
    throw new UsageError('missing-fact', 'no fact given', {
      hint: 'memoir classify "<fact>", or one fact per line from stdin with "memoir classify -"',
    });
  // a private key spread over lines is refused whole, as by `add -`: none of its lines is classified or echoed
  const decoded = batch ? decodeInput(await context.io.readStdin(), 'stdin') : undefined;
  const input = decoded
    ? screenInput(parseFactInput(decoded.text).records)
    : { records: [{ text: args.join(' '), line: 1 }], refused: [] };
  const lines = [
    ...input.records.map((r) => ({ text: r.text, line: r.line ?? 0 })),
    ...input.refused.map((r) => ({ refused: r.message, line: r.line ?? 0 })),
    ...(decoded?.problems ?? []).map((p) => ({ unreadable: p.message, line: p.line })),
  ].sort((a, b) => a.line - b.line);

  const results: ClassifyResult['results'] = [];
  const texts: Array<{ index: number; text: string }> = [];
  for (const item of lines) {
    const { line } = item;
    if ('unreadable' in item) {
      results.push({ line, error: { code: 'invalid-line', message: item.unreadable } });
      context.fail(EXIT.usage);
      continue;
    }
    if ('refused' in item) {
      results.push({ line, error: { code: 'secret-detected', message: item.refused } });
      context.fail(EXIT.refused);
      continue;
    }
    const { text } = item;
    const screened = screenFact({ text });
    if ('rejection' in screened) {
      const { kind, message } = screened.rejection;
      if (!batch)
        throw kind === 'secret'
          ? new RefusedError('secret-detected', message, {
              hint: 'memoir never sends credentials to a classifier or stores them',
            })
          : new UsageError(kind, message);
      results.push({ line, error: { code: kind === 'secret' ? 'secret-detected' : kind, message } });
      if (kind === 'secret') context.fail(EXIT.refused);
      else context.fail(EXIT.usage);
      continue;
    }
    texts.push({ index: results.length, text: screened.text });
    results.push({ text: screened.text, candidates: [], classifier: '' });
  }
  const descriptions = new Map<string, string>();
  if (texts.length > 0) {
    const taxonomy = await context.taxonomy();
    const classifier = await classifierFor(context, await optionalMemory(context), taxonomy);
    const classified = await classifier.classify(
      texts.map((t) => t.text),
      k,
    );
    texts.forEach(
      (t, i) =>
        (results[t.index] = { ...classified[i], candidates: classified[i].candidates.slice(0, Math.max(k, 3)) }),
    );
    for (const c of classified)
      for (const x of c.candidates) descriptions.set(x.path, taxonomy.leaves.get(x.path)?.description ?? '');
  }
  return { results, batch, descriptions };
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('classify')
    .description('Suggest taxonomy leaves for facts, with confidences; nothing is stored')
    .argument('[fact...]', 'the fact (quoting is optional), or - to read one fact per line from stdin')
    .option('-k, --top <n>', 'how many candidate leaves to show (at least 3 are returned)', '5')
    .option('--json', 'print JSON: one object, or one object per line (JSONL) with -')
    .action(async (args: string[], options: { top?: string; json?: boolean }) => {
      reportClassifications(context, options, await runClassify(args, options, context));
    });
  withExamples(command, [
    ['memoir classify "I prefer dark mode in every app"', 'ranked leaves with confidences'],
    ['memoir classify "PRs need two approvals" -k 3 --json', 'the top three, as JSON'],
    ['memoir classify - --json < facts.txt > classified.jsonl', 'one fact per line in, one JSON result per line out'],
  ]);
}
