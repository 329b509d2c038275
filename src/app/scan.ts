import { written } from '../store/incoming.js';
import { readReflog, ZERO_OID } from '../store/refs.js';
import type { Deps } from './deps.js';
import { type IncomingFinding, secretsIn } from './screenIncoming.js';

/*
 * `memoir scan`: the secret guard over history, not only the current tree. A secret may have
 * come in through a commit made with plain git, or by an older memoir whose guard missed it;
 * every fact each commit wrote is checked, and each finding names the commit that wrote it,
 * the leaf and the fact's id, never the secret. `scan --forget` hands the findings to forget.
 */

export interface ScanOptions {
  /** Every ref and every commit a reflog names, not only the current branch. */
  all?: boolean;
}

export interface ScanResult {
  /** What was checked: the commits read, and the facts they wrote. */
  checked: { commits: number; facts: number };
  findings: IncomingFinding[];
}

export async function runScan(options: ScanOptions, deps: Deps): Promise<ScanResult> {
  const memory = await deps.memory();
  const head = (await memory.head()).oid;
  const tips = new Set<string>(head ? [head] : []);
  if (options.all) {
    for (const ref of [...memory.branches(), ...memory.remoteBranches()]) tips.add(ref.oid);
    for (const branch of memory.branches())
      for (const entry of readReflog(memory.gitdir, `refs/heads/${branch.name}`))
        if (entry.oid !== ZERO_OID && (await memory.hasObject(entry.oid))) tips.add(entry.oid);
  }
  const findings: IncomingFinding[] = [];
  let commits = 0;
  let checked = 0;
  // every commit reachable from any tip, once (a fresh walk per tip would read history once per reflog entry)
  for await (const commit of memory.walk([...tips])) {
    commits++;
    for await (const { path, facts } of written(memory, commit)) {
      checked += facts.length;
      for (const fact of facts)
        for (const secret of secretsIn(fact))
          findings.push({ commit: commit.oid, path, factId: fact.id, kind: secret.kind, label: secret.label });
    }
  }
  // oldest first, as history reads
  return { checked: { commits, facts: checked }, findings: findings.reverse() };
}
