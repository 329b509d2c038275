import { byCodeUnit } from './order.js';

/*
 * `memoir context`: a compact, prompt-ready block of memory. Facts are grouped by category (in
 * taxonomy order), by leaf within a category, newest first within a leaf. A character budget
 * is met by leaving whole facts out — the least relevant (with a question) or the oldest
 * (without) first — never by cutting one, and what was left out is said. Pure.
 */

export interface ContextFact {
  id: string;
  path: string;
  text: string;
  recordedAt: string;
}

export interface ContextGroup {
  category: string;
  facts: ContextFact[];
}

export interface ContextBlock {
  groups: ContextGroup[];
  /** Facts left out to fit the budget, by category. */
  omitted: { count: number; byCategory: Record<string, number> };
}

export interface ContextOptions {
  /** Leaf paths in taxonomy order: categories and leaves are listed in it. */
  order: readonly string[];
  /** The most characters the rendering may take; undefined: no limit. */
  maxChars?: number;
  /** How many characters a rendering of these groups and this omission takes. */
  measure: (block: ContextBlock) => number;
}

/**
 * Chooses and arranges the facts. `facts` come in priority order (most relevant or newest
 * first): when the budget is short, facts are kept in that order while they fit.
 */
export function buildContext(facts: readonly ContextFact[], options: ContextOptions): ContextBlock {
  const rank = new Map(options.order.map((path, i) => [path, i]));
  const arrange = (kept: readonly ContextFact[]): ContextGroup[] => {
    const sorted = [...kept].sort(
      (a, b) =>
        (rank.get(a.path) ?? Infinity) - (rank.get(b.path) ?? Infinity) ||
        byCodeUnit(a.path, b.path) ||
        byCodeUnit(b.recordedAt, a.recordedAt) ||
        byCodeUnit(a.id, b.id),
    );
    const groups: ContextGroup[] = [];
    for (const fact of sorted) {
      const category = fact.path.split('.')[0];
      if (groups.at(-1)?.category !== category) groups.push({ category, facts: [] });
      groups.at(-1)!.facts.push(fact);
    }
    return groups;
  };
  const blockOf = (kept: readonly ContextFact[]): ContextBlock => {
    const keptIds = new Set(kept.map((f) => f.id));
    const byCategory: Record<string, number> = {};
    let count = 0;
    for (const f of facts) {
      if (keptIds.has(f.id)) continue;
      const category = f.path.split('.')[0];
      byCategory[category] = (byCategory[category] ?? 0) + 1;
      count++;
    }
    return { groups: arrange(kept), omitted: { count, byCategory } };
  };
  const all = blockOf(facts);
  if (options.maxChars === undefined || options.measure(all) <= options.maxChars) return all;
  // the largest prefix of the priority order that fits, found by bisection (the size grows with it)
  let low = 0;
  let high = facts.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (options.measure(blockOf(facts.slice(0, mid))) <= options.maxChars) low = mid;
    else high = mid - 1;
  }
  return blockOf(facts.slice(0, low));
}
