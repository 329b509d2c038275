import type { Deps } from './deps.js';
import type { Classification } from '../classify/types.js';
import { parseFactInput, screenInput } from '../core/factInput.js';
import { decodeInput } from '../core/textInput.js';
import { screenFact } from '../core/screen.js';
import { EXIT, type ExitCode, MemoirError, RefusedError, UsageError } from '../errors/index.js';
import { classifierFor } from './placement.js';
import type { Memory } from '../store/memory.js';
import { parseCount } from '../core/count.js';

/** What `memoir classify` found: the result its renderers read. */
export interface ClassifyResult {
  /** In input order; a refused line has an error instead of candidates. */
  results: Array<Classification | { line: number; error: { code: string; message: string } }>;
  /** Read from stdin: one result per line (JSONL under --json). */
  batch: boolean;
  /** The description of every leaf among the candidates, for human output. */
  descriptions: Map<string, string>;
}

/** The repository, when there is one: its corrections teach the classifier. Outside one, the built-in taxonomy alone. */
async function optionalMemory(context: Deps): Promise<Memory | undefined> {
  try {
    return await context.memory();
  } catch (error) {
    if (error instanceof MemoirError && error.code === 'not-a-repository') return undefined;
    throw error;
  }
}

export async function runClassify(args: string[], options: { top?: string }, context: Deps): Promise<ClassifyResult> {
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
      continue;
    }
    if ('refused' in item) {
      results.push({ line, error: { code: 'secret-detected', message: item.refused } });
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
      context.progress,
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

/** The exit code a batch ends with: a refused secret (4), else a line that could not be classified (2). */
export function classifyExitCode(result: ClassifyResult): ExitCode {
  const errors = result.results.flatMap((r) => ('error' in r && r.error ? [r.error.code] : []));
  if (errors.includes('secret-detected')) return EXIT.refused;
  return errors.length > 0 ? EXIT.usage : EXIT.ok;
}
