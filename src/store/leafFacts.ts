import type { Fact } from '../core/fact.js';
import { parseLeafFile } from '../core/leafFile.js';
import type { GitStore } from './git.js';

/*
 * A leaf file's facts, parsed once per process for each blob: a merge read each changed leaf
 * eight times (screening what comes in, the three sides, our side again for the policy, the
 * tree written, the changes reported), and parsing was most of its time. Blobs never change,
 * so neither do their facts: they are frozen, and each caller gets its own array.
 */

const parsed = new WeakMap<GitStore, Map<string, readonly Fact[]>>();

export async function leafFacts(git: GitStore, oid: string, leaf: string): Promise<Fact[]> {
  const known = parsed.get(git) ?? parsed.set(git, new Map()).get(git)!;
  // a foreign line's id is derived from its leaf: the same blob at two leaves parses two ways
  const key = `${leaf}\0${oid}`;
  let facts = known.get(key);
  if (!facts) {
    facts = parseLeafFile(await git.readBlobText(oid), leaf).map((fact) => Object.freeze(fact));
    known.set(key, facts);
  }
  return facts.slice();
}
