import type { ContextBlock } from '../core/context.js';
import { plural } from './format.js';

/** The prompt-ready Markdown: a heading per category, a bullet per fact with its leaf. */
export function contextMarkdown(block: ContextBlock): string {
  const lines: string[] = [];
  for (const group of block.groups) {
    if (lines.length > 0) lines.push('');
    lines.push(`## ${group.category}`);
    for (const fact of group.facts) lines.push(`- ${fact.text} (${fact.path.slice(group.category.length + 1)})`);
  }
  if (block.omitted.count > 0) {
    const where = Object.entries(block.omitted.byCategory).map(([c, n]) => `${n} in ${c}`).join(', ');
    if (lines.length > 0) lines.push('');
    lines.push(`_${plural(block.omitted.count, 'more fact')} left out to fit the limit (${where})._`);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** The same block as JSON: categories in order, and what was left out. */
export function contextJson(block: ContextBlock): unknown {
  return {
    categories: block.groups.map((g) => ({ category: g.category, facts: g.facts.map((f) => ({ path: f.path, text: f.text, id: f.id, recordedAt: f.recordedAt })) })),
    omitted: block.omitted,
  };
}

export function renderContext(block: ContextBlock, format: 'markdown' | 'json'): string {
  return format === 'json' ? JSON.stringify(contextJson(block), null, 2) + '\n' : contextMarkdown(block);
}
