import picomatch from 'picomatch';
import type { Fact } from './fact.js';
import { isUnder } from './taxonomy.js';
import { fingerprint, principalsFor } from './sshSignature.js';

/*
 * The rules of `policy.yaml` applied to a change: which rules a commit breaks. Pure: the caller
 * reads the policy from the tree the change goes onto, and says what the change adds and leaves.
 * Messages name the rule and how to comply, never a fact's text.
 */

interface Common {
  name: string;
  overridable?: boolean;
}

export type Rule = Common &
  (
    | { protect: { branches: string[] } }
    | { review: { paths: string[]; minConfidence?: number; branches?: string[] } }
    | { deny: { paths?: string[]; patterns?: string[]; branches?: string[] } }
    | {
        limits: {
          maxFactsPerLeaf?: number;
          maxFactLength?: number;
          maxFactsPerCommit?: number;
          paths?: string[];
          branches?: string[];
        };
      }
    | { retention: { paths: string[]; after: string } }
    | { signing: { branches: string[]; allowedSigners: string } }
  );

export interface Policy {
  version?: 1;
  rules: Rule[];
}

/** What a change does, as the rules see it. */
export interface Change {
  /** The branch it goes to; undefined for a detached HEAD (a branch rule does not apply). */
  branch: string | undefined;
  /** `commit`: made on the branch itself; `merge`: joins another line of history. */
  kind: 'commit' | 'merge';
  added: readonly Fact[];
  /** Every leaf the change touches, with the facts it holds afterwards. */
  leaves: ReadonlyMap<string, readonly Fact[]>;
  /** The public key (SSH wire format) that signs the commit; undefined: unsigned. */
  signedBy?: Buffer;
  /** A fast-forward: no commit is made, only the incoming commits are judged (see policyGate). */
  fastForward?: boolean;
  /** The allowed-signers files the signing rules name, by path, as the tree holds them. */
  allowedSigners?: ReadonlyMap<string, string>;
}

export interface Violation {
  rule: string;
  overridable: boolean;
  /** What breaks it and how to comply, in one line. */
  message: string;
  /** The fact that breaks it, by id and leaf (never its text). */
  fact?: { id: string; path: string };
}

/** Whether a branch matches a rule's globs (`main`, `release/*`); a rule without branches applies to every branch. */
export function onBranch(globs: readonly string[] | undefined, branch: string | undefined): boolean {
  if (!globs) return true;
  return branch !== undefined && globs.some((glob) => picomatch(glob)(branch));
}

/** Whether a leaf lies under one of the prefixes (`health`, `health.*`, `health.conditions`). */
export function underAny(prefixes: readonly string[] | undefined, leaf: string): boolean {
  return !prefixes || prefixes.some((prefix) => isUnder(leaf, prefix.replace(/\.\*$/, '')));
}

/** Every rule the change breaks, in the policy's order. */
export function violations(policy: Policy, change: Change): Violation[] {
  const found: Violation[] = [];
  for (const rule of policy.rules) {
    const broken = (message: string, fact?: Fact) =>
      found.push({
        rule: rule.name,
        overridable: Boolean(rule.overridable),
        message,
        ...(fact ? { fact: { id: fact.id, path: fact.path } } : {}),
      });
    if ('protect' in rule) {
      if (change.kind === 'commit' && onBranch(rule.protect.branches, change.branch))
        broken(`${change.branch} takes commits by merge only: commit on another branch, then merge it`);
    } else if ('deny' in rule) {
      const { paths, patterns, branches } = rule.deny;
      if (!onBranch(branches, change.branch)) continue;
      const forbidden = (patterns ?? []).map((source) => new RegExp(source, 'iu'));
      for (const fact of change.added) {
        if (paths && underAny(paths, fact.path)) broken(`${fact.path} may hold no facts on ${change.branch}`, fact);
        else if (forbidden.some((re) => re.test(fact.text)))
          broken(`fact ${fact.id} at ${fact.path} matches a pattern this memory forbids`, fact);
      }
    } else if ('limits' in rule) {
      const { maxFactsPerLeaf, maxFactLength, maxFactsPerCommit, paths, branches } = rule.limits;
      if (!onBranch(branches, change.branch)) continue;
      const added = change.added.filter((fact) => underAny(paths, fact.path));
      if (maxFactsPerCommit !== undefined && added.length > maxFactsPerCommit)
        broken(`${added.length} facts in one commit, more than ${maxFactsPerCommit}: split it`);
      for (const fact of added)
        if (maxFactLength !== undefined && fact.text.length > maxFactLength)
          broken(`fact ${fact.id} is ${fact.text.length} characters long, more than ${maxFactLength}`, fact);
      for (const [leaf, facts] of change.leaves)
        if (maxFactsPerLeaf !== undefined && underAny(paths, leaf) && facts.length > maxFactsPerLeaf)
          broken(`${leaf} would hold ${facts.length} facts, more than ${maxFactsPerLeaf}: remove some first`);
    } else if ('signing' in rule) {
      const { branches, allowedSigners } = rule.signing;
      if (!onBranch(branches, change.branch) || change.fastForward) continue;
      if (!change.signedBy)
        broken(
          `commits to ${change.branch} are signed: commit with -S (user.signingKey), with a key ${allowedSigners} lists`,
        );
      else if (principalsFor(change.allowedSigners?.get(allowedSigners) ?? '', change.signedBy).length === 0)
        broken(`the key that signs (${fingerprint(change.signedBy)}) is not one ${allowedSigners} lists`);
    } else if ('review' in rule) {
      const { paths, minConfidence, branches } = rule.review;
      if (!onBranch(branches, change.branch)) continue;
      for (const fact of change.added)
        if (underAny(paths, fact.path) && !reviewed(fact, minConfidence))
          broken(`fact ${fact.id} at ${fact.path} needs a person's review: run "memoir review", or give --path`, fact);
    }
  }
  return found;
}

/**
 * Whether a person settled a fact's leaf (chose it with --path, or accepted, picked or edited it
 * in review), or the classifier was at least as sure as the rule asks. Without minConfidence, or
 * with 1 (a classifier's rounded certainty is no person), only a person will do.
 */
function reviewed(fact: Fact, minConfidence: number | undefined): boolean {
  if (fact.how === undefined || fact.how === 'accepted' || fact.how === 'picked' || fact.how === 'edited') return true;
  return minConfidence !== undefined && minConfidence < 1 && (fact.confidence ?? 0) >= minConfidence;
}

const DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };

/** The facts a `retention` rule says have expired by `now` (recorded longer ago than its `after`), with the rule. */
export function expiredFacts(policy: Policy, facts: readonly Fact[], now: Date): Array<{ fact: Fact; rule: string }> {
  const found: Array<{ fact: Fact; rule: string }> = [];
  const seen = new Set<string>();
  for (const rule of policy.rules) {
    if (!('retention' in rule)) continue;
    const [, n, unit] = /^(\d+)([dwmy])$/.exec(rule.retention.after) ?? [];
    const limit = now.getTime() - Number(n) * DAYS[unit] * 86_400_000;
    for (const fact of facts) {
      const at = Date.parse(fact.recordedAt);
      if (seen.has(fact.id) || !underAny(rule.retention.paths, fact.path) || Number.isNaN(at) || at >= limit) continue;
      seen.add(fact.id);
      found.push({ fact, rule: rule.name });
    }
  }
  return found;
}
