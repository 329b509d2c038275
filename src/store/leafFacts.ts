import type { Fact } from '../core/fact.js';
import { type LeafLine, parseLeafLines } from '../core/leafFile.js';
import type { GitStore } from './git.js';

/*
 * A leaf file's facts and lines, parsed once per process for each blob: a merge read each changed
 * leaf eight times (screening what comes in, the three sides, our side again for the policy and
 * to write the merged file over, the changes reported), and parsing was most of its time. Blobs
 * never change, so neither do their facts: they are frozen, and each caller gets its own array.
 */

interface Parsed {
  facts: readonly Fact[];
  /** Made only when asked for (a merge's writes and screen): readers need the facts alone. */
  lines?: readonly LeafLine[];
  unended: boolean;
}

interface Known {
  blobs: Map<string, Parsed>;
  /** Leaf → each line's fact: versions of a leaf share most lines, and a line parses the same in each. */
  lines: Map<string, Map<string, Fact | null>>;
}

const parsed = new WeakMap<GitStore, Known>();

async function parsedBlob(git: GitStore, oid: string, leaf: string, withLines: boolean): Promise<Parsed> {
  const known = parsed.get(git) ?? parsed.set(git, { blobs: new Map(), lines: new Map() }).get(git)!;
  // a foreign line's id is derived from its leaf: the same blob at two leaves parses two ways
  const key = `${leaf}\0${oid}`;
  let result = known.blobs.get(key);
  if (!result || (withLines && !result.lines)) {
    const lines = known.lines.get(leaf) ?? known.lines.set(leaf, new Map()).get(leaf)!;
    const leafFile = parseLeafLines(await git.readBlobText(oid), leaf, withLines, lines);
    for (const fact of leafFile.facts) Object.freeze(fact);
    result = {
      // the facts first parsed stay the ones every caller gets
      facts: result?.facts ?? leafFile.facts,
      lines: withLines ? Object.freeze(leafFile.lines) : undefined,
      unended: leafFile.unended,
    };
    known.blobs.set(key, result);
  }
  return result;
}

export async function leafFacts(git: GitStore, oid: string, leaf: string): Promise<Fact[]> {
  return (await parsedBlob(git, oid, leaf, false)).facts.slice();
}

/** The blob's lines as parseLeafLines reads them (shared: not to be changed), and whether its last line has no end. */
export async function leafLines(
  git: GitStore,
  oid: string,
  leaf: string,
): Promise<{ lines: readonly LeafLine[]; unended: boolean }> {
  const { lines, unended } = await parsedBlob(git, oid, leaf, true);
  return { lines: lines!, unended };
}
