import type { Fact } from '../core/fact.js';
import { findSecrets, type SecretKind } from '../core/secrets.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { RefusedError } from '../errors/index.js';
import { incomingFacts } from '../store/incoming.js';
import type { Memory } from '../store/memory.js';
import { shortOid } from '../core/words.js';
import { textHash } from '../core/forget.js';
import { readReceipts } from '../store/forgetLog.js';

/**
 * The guard on history that arrives whole: a branch made with plain git (or pulled) is data
 * like any other, so every fact it would bring in passes the same secret guard as `memoir add`
 * and must sit at a leaf of the taxonomy in force. Used by `merge` (and its --continue) before
 * any ref moves or any merge state is written.
 */

/** One refused fact; never its text. */
export interface IncomingFinding {
  /** The commit that wrote the fact (full id). */
  commit: string;
  path: string;
  factId: string;
  kind: SecretKind | 'unknown-leaf' | 'forgotten';
  /** "a GitHub token", "a fact outside the taxonomy". */
  label: string;
}

const UNKNOWN_LEAF = 'a fact outside the taxonomy';

/**
 * Every finding in what a merge of `theirs` into `ours` would bring in; [] when it may proceed.
 * With `forgottenOnly` (fetch), only facts a forget erased: none to look for, no walk.
 */
export async function screenIncoming(
  memory: Memory,
  ours: string | undefined,
  theirs: string,
  taxonomy: Taxonomy,
  options: { forgottenOnly?: boolean } = {},
): Promise<IncomingFinding[]> {
  const forgotten = forgottenHashes(memory);
  if (options.forgottenOnly && forgotten.size === 0) return [];
  // the walk goes from their tip backwards; findings are listed in history's order, oldest first
  const byCommit = new Map<string, IncomingFinding[]>();
  // a bulk add's facts share one source: each distinct one is scanned once
  const sources = new Map<string, ReturnType<typeof secretsIn>>();
  for await (const { commit, path, facts } of incomingFacts(memory, ours, theirs)) {
    const found = byCommit.get(commit.oid) ?? byCommit.set(commit.oid, []).get(commit.oid)!;
    const at = { commit: commit.oid, path };
    for (const fact of facts) {
      const receipt = forgotten.size > 0 ? forgotten.get(textHash(fact.text)) : undefined;
      if (receipt) found.push({ ...at, factId: fact.id, kind: 'forgotten', label: `a fact forgotten by ${receipt}` });
      if (options.forgottenOnly) continue;
      if (!taxonomy.leaves.has(path)) found.push({ ...at, factId: fact.id, kind: 'unknown-leaf', label: UNKNOWN_LEAF });
      let inSource = sources.get(fact.source);
      if (!inSource) sources.set(fact.source, (inSource = secretIn(fact.source)));
      for (const f of [...secretIn(fact.text), ...inSource])
        found.push({ ...at, factId: fact.id, kind: f.kind, label: f.label });
    }
  }
  return [...byCommit.values()].reverse().flat();
}

/** The hashes of every forgotten text, to the receipt that forgot it: what must not come back. */
function forgottenHashes(memory: Memory): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const receipt of readReceipts(memory.gitdir))
    for (const hash of receipt.sha256) hashes.set(hash, `receipt ${receipt.id}`);
  return hashes;
}

/**
 * The fields a person or an agent is shown: the text, and where it came from. One finding per
 * field is enough to refuse it (a pasted key is "a private key block", not also its body's token).
 */
export function secretsIn(fact: Fact): Array<{ kind: SecretKind; label: string }> {
  return [...secretIn(fact.text), ...secretIn(fact.source)];
}

const secretIn = (field: string): Array<{ kind: SecretKind; label: string }> => findSecrets(field).slice(0, 1);

/**
 * Refuses (exit 4) when anything was found: one line naming the commit, kind and leaf of the
 * first findings, no text; `--json` lists them all. `undo` names the command that gives up
 * an operation already under way.
 */
export function refuseIncoming(findings: readonly IncomingFinding[], what: string, undo?: string): void {
  if (findings.length === 0) return;
  const forgotten = findings.filter((f) => f.kind === 'forgotten');
  if (forgotten.length > 0)
    throw new RefusedError(
      'forgotten-in-merge',
      `refused to take ${what}: ${forgotten
        .slice(0, 3)
        .map((f) => `commit ${shortOid(f.commit)} brings back ${f.label} at ${f.path}`)
        .join('; ')}${forgotten.length > 3 ? `, and ${forgotten.length - 3} more` : ''}`,
      {
        hint:
          (undo ? `run "${undo}", then ` : '') +
          'that history predates the forget: publish the rewrite with "memoir push --force-with-lease" instead of taking it back',
        data: { findings: forgotten.map(({ commit, path, factId, kind }) => ({ commit, path, factId, kind })) },
      },
    );
  const secrets = findings.filter((f) => f.kind !== 'unknown-leaf');
  const shown = findings.slice(0, 3).map((f) => `commit ${shortOid(f.commit)} adds ${f.label} at ${f.path}`);
  const more = findings.length > shown.length ? `, and ${findings.length - shown.length} more` : '';
  throw new RefusedError(
    secrets.length > 0 ? 'secret-in-merge' : 'unknown-leaf-in-merge',
    `refused to merge ${what}: ${shown.join('; ')}${more}`,
    {
      hint:
        (undo ? `run "${undo}", then ` : '') +
        (secrets.length > 0
          ? "remove it from that branch's history with plain git and merge again; memoir never stores credentials"
          : 'move those facts to leaves of the taxonomy on that branch with plain git, or extend the taxonomy ("memoir taxonomy" lists it)'),
      data: { findings: findings.map(({ commit, path, factId, kind }) => ({ commit, path, factId, kind })) },
    },
  );
}
