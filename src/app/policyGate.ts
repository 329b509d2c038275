import type { Fact } from '../core/fact.js';
import type { FactChange } from '../core/factDiff.js';
import type { Change, Policy, Violation } from '../core/policy.js';
import { MemoirError, RefusedError, UsageError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';

/*
 * The policy in force where a change lands: `policy.yaml` at the root of the tree it goes onto
 * (so a change of the policy is judged by the rules before it), applied to the change. A
 * memory without the file pays for one tree lookup; the parser and the schema load only when it
 * is there.
 */

export const POLICY_FILE = 'policy.yaml';

/** How a writer asks to go past overridable rules: `--override-policy --reason "..."`. */
export interface PolicyOverride {
  overridePolicy?: boolean;
  reason?: string;
}

/** The policy at a commit, or undefined where there is none; a file that does not parse is refused, never ignored. */
export async function policyAt(memory: Memory, commit: string | undefined): Promise<Policy | undefined> {
  const file = await memory.readFileAt(commit, POLICY_FILE);
  if (!file) return undefined;
  // a policy checked once is kept by its blob id: the parser and the schema load once per policy, not per commit
  const cacheName = `policy-${file.oid}.json`;
  const cached = memory.readCache(cacheName);
  if (cached !== undefined) {
    try {
      return JSON.parse(cached) as Policy;
    } catch {
      // checked again below
    }
  }
  const { parsePolicy } = await import('../config/policyFile.js');
  const parsed = parsePolicy(file.text);
  if ('policy' in parsed) {
    memory.writeCache(cacheName, JSON.stringify(parsed.policy));
    return parsed.policy;
  }
  const [first] = parsed.problems;
  throw new MemoirError(
    'invalid-policy',
    `${POLICY_FILE} is not valid: line ${first.line}:${first.column}: ${first.message}`,
    {
      hint: `fix it on a branch without the rule in your way: "memoir policy check ${POLICY_FILE}" lists every problem`,
    },
  );
}

type PolicyChange = Omit<Change, 'added'> & { added: readonly Fact[]; incoming?: { ours: string; theirs: string } };

/**
 * Applies the policy at `base` to a change: nothing when it breaks no rule; the trailers that
 * record an override when every rule it breaks is overridable and the writer asked, with a
 * reason; otherwise a refusal (exit 4) naming the rule and how to comply. `change` may be a
 * function: what it costs to work out (a merge's leaves, parsed) is then paid only under a policy.
 */
export async function enforcePolicy(
  memory: Memory,
  base: string | undefined,
  changeOrMaker: PolicyChange | (() => Promise<PolicyChange>),
  override: PolicyOverride = {},
): Promise<string[]> {
  if (override.overridePolicy && !override.reason?.trim())
    throw new UsageError('usage', '--override-policy needs --reason "<why>": it is recorded in the commit');
  // the reason goes into a commit: never a credential (the guard loads only for a reason given)
  if (override.reason !== undefined)
    (await import('../core/guardText.js')).screenWrittenText(override.reason, 'the --reason', 'nothing was committed');
  const policy = await policyAt(memory, base);
  if (!policy) return [];
  const change = typeof changeOrMaker === 'function' ? await changeOrMaker() : changeOrMaker;
  const { violations } = await import('../core/policy.js');
  const allowedSigners = new Map<string, string>();
  for (const rule of policy.rules)
    if ('signing' in rule)
      allowedSigners.set(
        rule.signing.allowedSigners,
        (await memory.readFileAt(base, rule.signing.allowedSigners))?.text ?? '',
      );
  const broken = violations(policy, { ...change, signedBy: memory.signerKey, allowedSigners });
  if (change.incoming)
    broken.push(...(await unsignedIncoming(memory, policy, change.branch, change.incoming, allowedSigners)));
  if (broken.length === 0) return [];
  const fixed = broken.filter((v) => !v.overridable);
  if (override.overridePolicy && fixed.length === 0)
    return [...new Set(broken.map((v) => v.rule))].map(
      (rule) => `Memoir-Policy-Override: ${rule}: ${override.reason!.trim()}`,
    );
  const [first] = fixed.length > 0 ? fixed : broken;
  throw new RefusedError('policy-violation', `refused by policy rule "${first.rule}": ${first.message}`, {
    hint:
      fixed.length > 0
        ? `the rule is not overridable; "memoir policy" shows the rules in force`
        : `it is overridable: --override-policy --reason "<why>" records why in the commit`,
    data: { violations: broken },
  });
}

/**
 * The policy applied to what a merge brings onto `base` (a fast-forward or a merge commit): the
 * facts it adds, and the leaves it touches as `result` holds them.
 */
export async function enforceMerge(
  memory: Memory,
  base: string | undefined,
  branch: string | undefined,
  result: string,
  changes: readonly FactChange[],
  override: PolicyOverride = {},
): Promise<string[]> {
  if (!(await memory.readFileAt(base, POLICY_FILE))) return [];
  const touched = [...new Set(changes.map((c) => c.path))];
  const leaves = await memory.readLeaves(result, touched);
  const added = changes.flatMap((c) => (c.new && c.kind !== 'removed' ? [c.new] : []));
  const incoming = base ? { ours: base, theirs: result } : undefined;
  // a fast-forward makes no commit to record an override in: the branch's reflog records it
  return enforcePolicy(memory, base, { branch, kind: 'merge', added, leaves, fastForward: true, incoming }, override);
}

/**
 * The rule that protects a branch (policy.yaml at `base`, usually the branch's tip), if one
 * does: its history may not be rewritten nor the branch deleted. `what` says what was refused;
 * an overridable rule gives way to --override-policy with a reason, and `always` lets any give
 * way (forget: an erasure the law may require).
 */
export async function refuseOnProtected(
  memory: Memory,
  base: string | undefined,
  branch: string | undefined,
  what: string,
  override: PolicyOverride = {},
  always = false,
): Promise<string | undefined> {
  if (branch === undefined || !(await memory.readFileAt(base, POLICY_FILE))) return undefined;
  const policy = await policyAt(memory, base);
  const { onBranch } = await import('../core/policy.js');
  const rule = policy?.rules.find((r) => 'protect' in r && onBranch(r.protect.branches, branch));
  if (!rule) return undefined;
  if (override.overridePolicy && override.reason?.trim() && (always || rule.overridable)) return rule.name;
  throw new RefusedError('policy-violation', `refused by policy rule "${rule.name}": ${branch} is protected: ${what}`, {
    hint:
      always || rule.overridable
        ? `if it must be done: --override-policy --reason "<why>" (recorded)`
        : `the rule is not overridable; "memoir policy" shows the rules in force`,
    data: {
      violations: [{ rule: rule.name, overridable: Boolean(rule.overridable), message: `${branch} is protected` }],
    },
  });
}

/** The facts at `commit` past their retention under its policy; none without a retention rule. */
export async function expiredAt(
  memory: Memory,
  commit: string | undefined,
  now: Date,
): Promise<Array<{ fact: Fact; rule: string }>> {
  const policy = commit && (await memory.readFileAt(commit, POLICY_FILE)) ? await policyAt(memory, commit) : undefined;
  if (!policy?.rules.some((rule) => 'retention' in rule)) return [];
  const { expiredFacts } = await import('../core/policy.js');
  return expiredFacts(policy, await memory.readAll(commit!), now);
}

/**
 * The commits a merge brings onto a branch a signing rule covers that are not signed by a key
 * its allowed-signers file lists: each is a violation (a pull of them moves no ref).
 */
async function unsignedIncoming(
  memory: Memory,
  policy: Policy,
  branch: string | undefined,
  { ours, theirs }: { ours: string; theirs: string },
  allowedSigners: ReadonlyMap<string, string>,
): Promise<Violation[]> {
  const { onBranch } = await import('../core/policy.js');
  const rules = policy.rules.filter((rule) => 'signing' in rule && onBranch(rule.signing.branches, branch));
  if (rules.length === 0) return [];
  const { commitSignature, principalsFor, sshVerify } = await import('../core/sshSignature.js');
  const found: Violation[] = [];
  for (const commit of await memory.commitsInRange(ours, theirs)) {
    const { payload, signature } = commitSignature(await memory.rawCommit(commit));
    const check = signature ? sshVerify(payload, signature) : undefined;
    for (const rule of rules) {
      if (!('signing' in rule)) continue;
      const allowed = allowedSigners.get(rule.signing.allowedSigners) ?? '';
      if (check?.status === 'good' && principalsFor(allowed, check.publicBlob).length > 0) continue;
      found.push({
        rule: rule.name,
        overridable: Boolean(rule.overridable),
        message: `commit ${commit.slice(0, 7)} is ${check ? 'not signed by a key' : 'unsigned; every commit must be signed by a key'} ${rule.signing.allowedSigners} lists`,
      });
    }
  }
  return found;
}
