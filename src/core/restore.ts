import type { Fact } from './fact.js';

/**
 * What to stage so that leaves hold again the facts they held at an older commit: the
 * current facts that are gone or worded differently there are removed, and the old facts
 * missing now (or worded differently now) are added back, with their ids and provenance.
 */
export function planRestore(
  current: ReadonlyMap<string, readonly Fact[]>,
  source: ReadonlyMap<string, readonly Fact[]>,
): { remove: Fact[]; add: Fact[] } {
  const remove: Fact[] = [];
  const add: Fact[] = [];
  for (const path of new Set([...current.keys(), ...source.keys()])) {
    const now = current.get(path) ?? [];
    const then = source.get(path) ?? [];
    const key = (f: Fact) => `${f.id}\n${f.text}`;
    const thenKeys = new Set(then.map(key));
    const nowKeys = new Set(now.map(key));
    remove.push(...now.filter((f) => !thenKeys.has(key(f))));
    add.push(...then.filter((f) => !nowKeys.has(key(f))));
  }
  return { remove, add };
}
