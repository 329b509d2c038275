import * as fs from 'node:fs';
import type { PolicyProblem } from '../config/policyFile.js';
import type { Policy } from '../core/policy.js';
import { screenWrittenText } from '../core/guardText.js';
import { cardinalityIn } from '../core/taxonomy.js';
import { MemoirError, UsageError } from '../errors/index.js';
import type { Deps } from './deps.js';
import { enforcePolicy, POLICY_FILE, type PolicyOverride, policyAt } from './policyGate.js';
import { signature } from './signature.js';
import { commitsOf, selectRange } from './range.js';
import { type SignOption, signIfAsked } from './signing.js';
import { refuseDetachedWrite, writeTarget } from './target.js';

/*
 * `memoir policy`: the rules in force (policy.yaml at HEAD), a file checked against the schema,
 * and a new policy committed, itself judged by the rules before it.
 */

export interface PolicyShowResult {
  /** Where the rules come from: the commit whose tree holds policy.yaml; undefined when there is none. */
  commit?: string;
  policy?: Policy;
}

export async function runPolicyShow(deps: Deps): Promise<PolicyShowResult> {
  const memory = await deps.memory();
  const head = (await memory.head()).oid;
  const policy = await policyAt(memory, head);
  return policy ? { commit: head, policy } : {};
}

export interface PolicyCheckResult {
  file: string;
  problems: PolicyProblem[];
  rules: number;
}

/** Checks a file; a file that cannot be read is a usage error, one that breaks the schema a result (exit 2 from the command). */
export async function runPolicyCheck(file: string): Promise<PolicyCheckResult> {
  const { parsePolicy } = await import('../config/policyFile.js');
  const parsed = parsePolicy(readPolicyFile(file));
  return 'policy' in parsed
    ? { file, problems: [], rules: parsed.policy.rules.length }
    : { file, problems: parsed.problems, rules: 0 };
}

export interface PolicySetOptions extends PolicyOverride, SignOption {
  message?: string;
  branch?: string;
}

export interface PolicySetResult {
  commit: string;
  branch?: string;
  rules: number;
}

/**
 * Commits `file` as the branch's policy.yaml, once it fits the schema. The commit is judged by
 * the rules already in force (a protected branch takes a new policy by merge, as any change).
 */
export async function runPolicySet(file: string, options: PolicySetOptions, deps: Deps): Promise<PolicySetResult> {
  const text = readPolicyFile(file);
  const { parsePolicy } = await import('../config/policyFile.js');
  const parsed = parsePolicy(text);
  if (!('policy' in parsed)) {
    const [first] = parsed.problems;
    throw new UsageError('invalid-policy-file', `${file}:${first.line}:${first.column}: ${first.message}`, {
      hint: `"memoir policy check ${file}" lists every problem`,
    });
  }
  const rules = parsed.policy.rules.length;
  screenWrittenText(options.message, 'the commit message', 'nothing was committed', { lineBreaks: true });
  const memory = await deps.memory();
  return deps.locked(memory, async () => {
    await refuseDetachedWrite(memory, options.branch, deps.env);
    const head = await writeTarget(memory, options.branch, deps.env);
    const current = await memory.readFileAt(head.oid, POLICY_FILE);
    if (current?.text === text)
      throw new MemoirError('nothing-to-commit', `${POLICY_FILE} on ${head.branch} is already this file`);
    await signIfAsked(memory, options, deps);
    // a policy that no longer parses does not stand in the way of the one that replaces it
    let trailers: string[] = [];
    try {
      trailers = await enforcePolicy(
        memory,
        head.oid,
        { branch: head.branch, kind: 'commit', added: [], leaves: new Map() },
        options,
      );
    } catch (error) {
      if (!(error instanceof MemoirError && error.code === 'invalid-policy')) throw error;
    }
    const who = await signature(deps, undefined, memory);
    const subject = options.message?.trim() || `Set policy: ${rules} ${rules === 1 ? 'rule' : 'rules'}`;
    const files = new Map<string, string>([[POLICY_FILE, text]]);
    for (const signers of await signersFiles(parsed.policy, file))
      if (signers.text !== undefined) files.set(signers.path, signers.text);
      else if ((await memory.readFileAt(head.oid, signers.path)) === undefined)
        throw new UsageError(
          'unreadable-file',
          `the allowed-signers file ${signers.path} is neither beside ${file} nor in the tree`,
          {
            hint: `put it beside the policy file (one line a key: "email ssh-ed25519 AAAA…"), then set the policy again`,
          },
        );
    const commit = await memory.writeCommit({
      parents: head.oid ? [head.oid] : [],
      leaves: new Map(),
      files,
      message: `${subject}\n${trailers.length ? `\n${trailers.join('\n')}\n` : ''}`,
      author: who,
      committer: who,
    });
    memory.updateBranch(head.ref ?? 'HEAD', commit, head.created ? undefined : head.oid, who, `commit: ${subject}`);
    return { commit, branch: head.branch, rules };
  });
}

function readPolicyFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      'unreadable-file',
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        hint: 'give the path of a policy.yaml file',
      },
    );
  }
}

export interface AuditFinding {
  commit: string;
  rule: string;
  message: string;
  fact?: { id: string; path: string };
}

export interface PolicyAuditResult {
  /** The commit whose policy.yaml judged the history; undefined when it has none. */
  policyAt?: string;
  checked: number;
  findings: AuditFinding[];
}

/**
 * `memoir policy audit [<rev> | <a..b>]`: history against the rules in force now, as a CI step
 * checks a pull request of memory. Each commit is judged as it was made: what it added against
 * its first parent, and its leaves afterwards; `protect` only for the commits of the branch's own
 * line (its first parents: what was committed there rather than merged in). An override a commit
 * records (`Memoir-Policy-Override: rule: reason`) answers for that rule.
 */
export async function runPolicyAudit(range: string | undefined, deps: Deps): Promise<PolicyAuditResult> {
  const memory = await deps.memory();
  const head = await memory.head();
  const policy = await policyAt(memory, head.oid);
  if (!policy || !head.oid) return { checked: 0, findings: [] };
  const { start, only, end } = await selectRange(memory, range, head.oid);
  const tip = start[start.length - 1];
  const branch = end && (await memory.resolveRef(`refs/heads/${end}`)) ? end : head.branch;
  const line = new Set<string>();
  for (let at: string | undefined = tip; at; at = (await memory.readCommit(at)).parents[0]) line.add(at);
  const { violations } = await import('../core/policy.js');
  const cardinalityOf = cardinalityIn(await deps.taxonomy());
  // signing rules: each commit's own signature, and the allowed signers as the policy's tree holds them
  const signingFiles = policy.rules.flatMap((rule) => ('signing' in rule ? [rule.signing.allowedSigners] : []));
  const allowedSigners = new Map<string, string>();
  for (const file of signingFiles) allowedSigners.set(file, (await memory.readFileAt(head.oid, file))?.text ?? '');
  const sig = signingFiles.length > 0 ? await import('../core/sshSignature.js') : undefined;
  const signerOf = async (oid: string): Promise<Buffer | undefined> => {
    if (!sig) return undefined;
    const { payload, signature } = sig.commitSignature(await memory.rawCommit(oid));
    const check = signature ? sig.sshVerify(payload, signature) : undefined;
    return check?.status === 'good' ? check.publicBlob : undefined;
  };
  const findings: AuditFinding[] = [];
  let checked = 0;
  for await (const commit of commitsOf(memory, start, only)) {
    checked++;
    const parent = commit.parents[0] ? (await memory.readCommit(commit.parents[0])).tree : undefined;
    const changes = await memory.treeChanges(parent, commit.tree, cardinalityOf);
    const leaves = await memory.readLeaves(commit.oid, new Set(changes.map((c) => c.path)));
    const added = changes.flatMap((c) => (c.new && c.kind !== 'removed' ? [c.new] : []));
    const kind = commit.parents.length > 1 || !line.has(commit.oid) ? 'merge' : 'commit';
    const overridden = new Set(
      [...commit.message.matchAll(/^Memoir-Policy-Override: ([a-z0-9-]+):/gm)].map((m) => m[1]),
    );
    const signedBy = await signerOf(commit.oid);
    for (const v of violations(policy, { branch, kind, added, leaves, signedBy, allowedSigners })) {
      if (v.overridable && overridden.has(v.rule)) continue;
      findings.push({
        commit: commit.oid,
        rule: v.rule,
        message: v.message,
        ...(v.fact ? { fact: v.fact } : {}),
      });
    }
  }
  return { policyAt: head.oid, checked, findings: findings.reverse() };
}

/** Runs the person's editor on a file and waits for it (the CLI's; a test passes its own). */
export type EditFile = (file: string) => Promise<void>;

export type PolicyEditResult = { kind: 'unchanged' } | ({ kind: 'set' } & PolicySetResult);

/**
 * `memoir policy edit`: the branch's policy.yaml (or a commented start) in a scratch file under
 * state/, the editor on it, then `policy set` with what was saved. A file that breaks the schema
 * stays where it is, named in the error, so nothing typed is lost.
 */
export async function runPolicyEdit(options: PolicySetOptions, deps: Deps, edit: EditFile): Promise<PolicyEditResult> {
  const memory = await deps.memory();
  const tip = options.branch ? await memory.resolveRef(`refs/heads/${options.branch}`) : undefined;
  const current = await memory.readFileAt(tip ?? (await memory.head()).oid, POLICY_FILE);
  const before = current?.text ?? STARTER;
  const file = memory.scratchFile('policy-edit.yaml', before);
  await edit(file);
  const after = fs.readFileSync(file, 'utf8');
  if (after === before) return { kind: 'unchanged' };
  const set = await runPolicySet(file, options, deps);
  fs.rmSync(file, { force: true });
  return { kind: 'set', ...set };
}

const STARTER = `# memoir's rules for this memory: see "man memoir-policy"
rules:
  - name: main-by-merge-only
    protect: { branches: ["main"] }
`;

/** The allowed-signers files a policy's signing rules name, read from beside the policy file when they are there. */
async function signersFiles(policy: Policy, file: string): Promise<Array<{ path: string; text?: string }>> {
  const paths = new Set(policy.rules.flatMap((rule) => ('signing' in rule ? [rule.signing.allowedSigners] : [])));
  const { dirname, resolve } = await import('node:path');
  return [...paths].map((p) => {
    const local = resolve(dirname(file), p);
    return fs.existsSync(local) ? { path: p, text: fs.readFileSync(local, 'utf8') } : { path: p };
  });
}
