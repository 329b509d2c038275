import { normalizeFactText } from './fact.js';

/*
 * Corrections: (fact, leaf) pairs a person chose against the classifier's first suggestion.
 * They live in the repository at CORRECTIONS_FILE, one JSON object per line, so they are
 * versioned, travel with the memory, and can be reviewed like any other change; the offline
 * classifier learns from them and the LLM prompt shows the closest ones as examples.
 */

export interface Correction {
  text: string;
  path: string;
  /** What the classifier suggested first. */
  suggested?: string;
  at: string;
}

/** Outside the taxonomy's namespace: no category can start with `_`. */
export const CORRECTIONS_FILE = '_memoir/corrections.jsonl';

export function parseCorrections(content: string): Correction[] {
  const out: Correction[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const c = JSON.parse(line) as Correction;
      if (typeof c.text === 'string' && typeof c.path === 'string')
        out.push({
          text: c.text,
          path: c.path,
          ...(c.suggested ? { suggested: c.suggested } : {}),
          at: String(c.at ?? ''),
        });
    } catch {
      // a hand-damaged line is skipped, not fatal
    }
  }
  return out;
}

export function formatCorrections(corrections: readonly Correction[]): string {
  return corrections
    .map((c) => JSON.stringify({ text: c.text, path: c.path, suggested: c.suggested, at: c.at }) + '\n')
    .join('');
}

/**
 * Adds new corrections to existing ones. The same text filed again replaces its earlier
 * correction (the latest judgement wins); unchanged ones keep their place.
 */
export function mergeCorrections(existing: readonly Correction[], added: readonly Correction[]): Correction[] {
  const key = (c: Correction) => normalizeFactText(c.text);
  const replaced = new Set(added.map(key));
  const latest = new Map<string, Correction>();
  for (const c of added) latest.set(key(c), c);
  return [...existing.filter((c) => !replaced.has(key(c))), ...latest.values()];
}
