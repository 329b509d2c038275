import type { ClassifyResult } from '../app/classify.js';
import type { Classification } from '../classify/types.js';
import type { Context } from '../runtime/context.js';
import { alignColumns, json, jsonLine, plainRecord } from './format.js';
import { escapeData } from './escape.js';

type Entry = ClassifyResult['results'][number];
const isError = (e: Entry): e is Extract<Entry, { error: unknown }> => 'error' in e;

function resultJson(entry: Entry): unknown {
  if (isError(entry)) return { text: null, line: entry.line, error: entry.error };
  // invented: paths the model answered outside the taxonomy (dropped); always a list, usually empty
  return {
    text: entry.text,
    candidates: entry.candidates,
    classifier: entry.classifier,
    invented: entry.invented ?? [],
  };
}

/** Ranked candidates: human (aligned, with descriptions), plain (one fact a line), JSON or JSONL. */
export function reportClassifications(context: Context, options: { json?: boolean }, result: ClassifyResult): void {
  const { io } = context;
  if (options.json) {
    if (result.batch) io.out(result.results.map((r) => jsonLine(resultJson(r))).join(''));
    else io.out(json(resultJson(result.results[0])));
    return;
  }
  // shown to a person: every string of the result escaped (see escapeData)
  result = escapeData(result);
  for (const entry of result.results)
    if (isError(entry)) io.err(`memoir: line ${entry.line}: ${entry.error.message}\n`);
  const ok = result.results.filter((e): e is Classification => !isError(e));
  if (!io.stdoutIsTTY) {
    io.out(
      ok.map((c) => plainRecord([c.text, ...c.candidates.flatMap((x) => [x.path, x.confidence.toFixed(3)])])).join(''),
    );
    return;
  }
  const p = context.palette();
  const width = Math.max(...ok.flatMap((c) => c.candidates.map((x) => x.path.length)), 0);
  const room = Math.max(20, io.columns - width - 14);
  const clip = (text: string) => (text.length > room ? text.slice(0, room - 1) + '…' : text);
  const blocks = ok.map((c) => {
    const rows = c.candidates.map((x, i) => [
      `  ${i + 1}.`,
      p.path(x.path),
      `${Math.round(x.confidence * 100)}%`.padStart(4),
      p.dim(clip(result.descriptions.get(x.path) ?? '')),
    ]);
    return `${p.bold(c.text)} ${p.dim(`(${c.classifier})`)}\n${alignColumns(rows)
      .map((l) => l + '\n')
      .join('')}`;
  });
  io.out(blocks.join('\n'));
}
