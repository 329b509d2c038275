/**
 * Keys given in pieces: "ghp_aB3d aB3daB3d…", or "the token is glpat-12ab … and the rest is
 * 34cd…". A distinctive prefix (ghp_, sk-, AKIA, glpat-, hf_, …) starting a token too short to be
 * a key is joined with the chunks that follow it (up to three, separated by spaces), or with a
 * random-looking chunk later in the text, and the joined string is tested against the token
 * rules. Only a join that a rule accepts as a whole counts, so ordinary words never join up.
 */
import type { Hit, Hits } from './finding.js';
import { mixesCharacterClasses } from './randomness.js';

const CHUNK = /[^\s"'`(),;]+/g;
const PIECE = /^[A-Za-z0-9_+/=.~-]+$/;
/** How far after the prefix a later piece of the same key is looked for. */
const LATER_CHUNKS = 15;

interface Chunk {
  start: number;
  end: number;
  value: string;
}

function chunksOf(text: string): Chunk[] {
  const out: Chunk[] = [];
  for (const m of text.matchAll(CHUNK)) {
    const value = m[0].replace(/[.!?:]+$/, '');
    if (value) out.push({ start: m.index, end: m.index + value.length, value });
  }
  return out;
}

/** A prefix is distinctive when it holds a non-letter (ghp_, sk-, SG.) or is an upper-case run of four (AKIA). */
export const distinctivePrefix = (p: string): boolean => /[^A-Za-z]/.test(p) || /^[A-Z]{4,}$/.test(p);

/** Compiles the prefixes into one pattern for the start of a chunk. */
export function prefixPattern(prefixes: readonly string[]): RegExp {
  const sorted = [...new Set(prefixes.filter(distinctivePrefix))].sort((a, b) => b.length - a.length);
  return new RegExp(`^(?:${sorted.map((p) => p.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})`);
}

/**
 * Adds a finding for each split key. `test` scans a joined string with the token rules and
 * returns what it found at its start.
 */
export function findSplitKeys(
  text: string,
  hits: Hits,
  prefixes: RegExp,
  test: (joined: string) => Hit | undefined,
): void {
  const chunks = chunksOf(text);
  for (let i = 0; i < chunks.length; i++) {
    const first = chunks[i];
    if (!prefixes.test(first.value) || hits.covers(first.start, first.end)) continue;
    const tries: Array<{ joined: string; last: Chunk }> = [];
    // the chunks right after it, separated by spaces only
    let joined = first.value;
    for (let k = i + 1; k < Math.min(chunks.length, i + 4); k++) {
      if (!/^[ \t]{1,3}$/.test(text.slice(chunks[k - 1].end, chunks[k].start)) || !PIECE.test(chunks[k].value)) break;
      joined += chunks[k].value;
      tries.push({ joined, last: chunks[k] });
    }
    // or a random-looking piece further on ("… and the rest is 34cdEF…")
    for (let k = i + 2; k < Math.min(chunks.length, i + LATER_CHUNKS); k++) {
      const later = chunks[k];
      if (later.value.length >= 6 && PIECE.test(later.value) && mixesCharacterClasses(later.value))
        tries.push({ joined: first.value + later.value, last: later });
    }
    for (const { joined: candidate, last } of tries) {
      const hit = test(candidate);
      // the rule must need the join: its secret starts the string and runs past the first piece
      if (hit?.index !== 0 || hit.end <= first.value.length) continue;
      hits.add({ ...hit, index: first.start, end: last.end });
      break;
    }
  }
}
