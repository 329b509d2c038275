import type { LeafInfo } from './types.js';

/*
 * Completion of a typed leaf path over the taxonomy: pure, so the path editor's rules are
 * tested without a terminal.
 */

/** How many matches the editor shows at once. */
export const SHOWN_MATCHES = 6;

/**
 * The leaves that match what was typed (case-insensitive), best first: paths that start with
 * it, then paths where a segment starts with it (`theme` → `preferences.ui.theme`), then
 * paths that contain it anywhere. Taxonomy order within each group. Nothing typed: nothing.
 */
export function matchLeaves(draft: string, leaves: readonly LeafInfo[]): LeafInfo[] {
  const needle = draft.trim().toLowerCase();
  if (needle === '') return [];
  const groups: LeafInfo[][] = [[], [], []];
  for (const leaf of leaves) {
    const path = leaf.path.toLowerCase();
    if (path.startsWith(needle)) groups[0].push(leaf);
    else if (path.includes(`.${needle}`)) groups[1].push(leaf);
    else if (path.includes(needle)) groups[2].push(leaf);
  }
  return groups.flat();
}

/** The longest common prefix of some strings. */
export function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0];
  for (const value of values) {
    while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/**
 * What Tab turns the draft into. Like a shell: while every match extends what was typed, the
 * longest common prefix of the matches (`pref` → `preferences.`); otherwise, or once the
 * person has moved the highlight, the highlighted match. No match: the draft unchanged.
 */
export function complete(draft: string, matches: readonly LeafInfo[], highlighted: number, moved: boolean): string {
  const chosen = matches[highlighted];
  if (!chosen) return draft;
  if (!moved) {
    const lower = draft.toLowerCase();
    const paths = matches.map((m) => m.path);
    if (paths.every((p) => p.toLowerCase().startsWith(lower))) {
      const prefix = commonPrefix(paths);
      if (prefix.length > draft.length) return prefix;
    }
  }
  return chosen.path;
}
