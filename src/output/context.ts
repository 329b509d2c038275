import type { ContextBlock } from '../core/context.js';
import type * as api from '../library/api.js';
import { json, plural } from './format.js';
import { escapeData } from './escape.js';

/**
 * The prompt-ready Markdown: a heading per category, a bullet per fact with its leaf. The note
 * on what was left out names the categories, or, when that would not fit `maxChars`, only the count.
 */
export function contextMarkdown(block: ContextBlock, maxChars?: number): string {
  const lines: string[] = [];
  for (const group of block.groups) {
    if (lines.length > 0) lines.push('');
    lines.push(`## ${group.category}`);
    for (const fact of group.facts) lines.push(`- ${fact.text} (${fact.path.slice(group.category.length + 1)})`);
  }
  const text = (note?: string) =>
    (note ? [...lines, ...(lines.length > 0 ? [''] : []), note] : lines).join('\n') +
    (lines.length > 0 || note ? '\n' : '');
  if (block.omitted.count === 0) return text();
  const where = Object.entries(block.omitted.byCategory)
    .map(([c, n]) => `${n} in ${c}`)
    .join(', ');
  const full = text(`_${plural(block.omitted.count, 'more fact')} left out to fit the limit (${where})._`);
  return maxChars === undefined || full.length <= maxChars
    ? full
    : text(`_${plural(block.omitted.count, 'more fact')} left out._`);
}

/** The same block as JSON: categories in order, and what was left out. */
export function contextJson(block: ContextBlock): Pick<api.ContextResult, 'categories' | 'omitted'> {
  return {
    categories: block.groups.map((g) => ({
      category: g.category,
      facts: g.facts.map((f) => ({ path: f.path, text: f.text, id: f.id, recordedAt: f.recordedAt })),
    })),
    omitted: block.omitted,
  };
}

/** The block as printed: JSON (with json()'s escaping), or Markdown with every string escaped (see escapeData). */
export function renderContext(block: ContextBlock, format: 'markdown' | 'json', maxChars?: number): string {
  return format === 'json' ? json(contextJson(block)) : contextMarkdown(escapeData(block), maxChars);
}
