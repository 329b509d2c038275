import { type Fact, isValidAt } from '../core/fact.js';
import type { Deps } from './deps.js';
import { renderContext } from '../output/context.js';
import { buildContext, type ContextBlock } from '../core/context.js';
import { requirePrefix } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';
import { searchMemory } from './recallModel.js';
import { parseCount } from '../core/count.js';
import { byCodeUnit } from '../core/order.js';

export interface ContextCommandOptions {
  query?: string;
  path?: string[];
  format?: string;
  maxChars?: string;
  k?: string;
  json?: boolean;
}

export interface ContextResult {
  format: 'markdown' | 'json';
  block: ContextBlock;
  /** The commit the memory was read from; undefined on a branch with no commits. */
  commit?: string;
  maxChars?: number;
}

/** With a question: this many of the most relevant facts, unless -k says otherwise. */
export const QUERY_FACTS = 20;

export async function runContext(options: ContextCommandOptions, context: Deps): Promise<ContextResult> {
  const format = options.format ?? (options.json ? 'json' : 'markdown');
  if (format !== 'markdown' && format !== 'json')
    throw new UsageError('invalid-format', `--format must be "markdown" or "json", not "${format}"`, {
      hint: 'memoir context --format json (or --json)',
    });
  if (options.json && format !== 'json')
    throw new UsageError('conflicting-options', `--json and --format ${format} ask for different formats`, {
      hint: 'give one of them',
    });
  const maxChars = parseCount(options.maxChars, '--max-chars');
  const k = parseCount(options.k, '-k') ?? QUERY_FACTS;
  if (options.k !== undefined && options.query === undefined)
    throw new UsageError('needs-query', '-k applies only with --query', {
      hint: 'memoir context --query "<question>" -k 10',
    });
  if (options.query !== undefined && !options.query.trim())
    throw new UsageError('missing-question', '--query is empty', {
      hint: 'memoir context --query "what does the user prefer?"',
    });
  const taxonomy = await context.taxonomy();
  const prefixes = (options.path ?? []).map((p) => requirePrefix(taxonomy, p));
  const memory = await context.memory();
  const head = await memory.head();
  // facts before detail: the budget is filled with the short note; the note names the categories when that still fits
  const measure = (block: ContextBlock) => renderContext(block, format, 0).length;
  const order = [...taxonomy.leaves.keys()];
  if (!head.oid) return { format, commit: undefined, block: buildContext([], { order, measure }) };
  let facts: Fact[];
  if (options.query !== undefined) {
    // most relevant first: a short budget keeps the best answers
    const hits = await searchMemory(memory, taxonomy, head.oid, true, options.query, {
      k,
      prefixes,
      reference: context.now(),
      progress: context.progress,
    });
    // the facts themselves, as the tree holds them now: a value since replaced is history, not context
    const current = await memory.readLeaves(head.oid, new Set(hits.map((h) => h.fact.path)));
    const byId = new Map([...current.values()].flat().map((f) => [f.id, f]));
    facts = hits.flatMap((h) => byId.get(h.fact.id) ?? []);
  } else {
    const all = prefixes.length
      ? (await Promise.all(prefixes.map((p) => memory.readAll(head.oid, p)))).flat()
      : await memory.readAll(head.oid);
    const unique = [...new Map(all.map((f) => [f.id, f])).values()];
    // newest first: a short budget keeps what was learnt last
    facts = unique.sort((a, b) => byCodeUnit(b.recordedAt, a.recordedAt) || byCodeUnit(a.id, b.id));
  }
  // a prompt is told what is true now: a fact whose validity ended (or has not begun) stays in history, not in the block
  const now = context.now();
  const block = buildContext(
    facts.filter((f) => isValidAt(f, now)).map(({ id, path, text, recordedAt }) => ({ id, path, text, recordedAt })),
    { order, maxChars, measure },
  );
  return { format, commit: head.oid, block, maxChars };
}
