import type { Taxonomy } from '../core/taxonomy.js';
import type { Candidate } from './types.js';

/**
 * The model's candidates, then the fallback's (paths not repeated, confidences below the model's
 * lowest), then leaves beside the best candidate at confidence 0: always `count` candidates.
 */
export function pad(
  model: readonly Candidate[],
  extra: readonly Candidate[],
  count: number,
  taxonomy: Taxonomy,
): Candidate[] {
  const out = model.slice(0, count).map((c) => ({ ...c }));
  const seen = new Set(out.map((c) => c.path));
  const floor = out.length > 0 ? out[out.length - 1].confidence : 1;
  for (const c of extra) {
    if (out.length >= count) break;
    if (seen.has(c.path) || !taxonomy.leaves.has(c.path)) continue;
    out.push({ path: c.path, confidence: Math.min(c.confidence, floor) / 2 });
    seen.add(c.path);
  }
  if (out.length < count) {
    const [category, sub] = (out[0]?.path ?? '').split('.');
    const nearness = (path: string) =>
      path.startsWith(`${category}.${sub}.`) ? 0 : path.startsWith(`${category}.`) ? 1 : 2;
    const rest = [...taxonomy.leaves.keys()]
      .filter((path) => !seen.has(path))
      .sort((a, b) => nearness(a) - nearness(b));
    for (const path of rest.slice(0, count - out.length)) out.push({ path, confidence: 0 });
  }
  return out;
}
