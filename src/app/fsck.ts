import { plural } from '../core/words.js';
import { shortOid } from '../core/words.js';
import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import * as path from 'node:path';
import { uniqueFactId, type Fact } from '../core/fact.js';
import { leafFilePath, parseLeafLines, type FactLine } from '../core/leafFile.js';
import { applyStage, type StageEffect } from '../core/applyStage.js';
import type { Stage } from '../core/stage.js';
import type { Taxonomy } from '../core/taxonomy.js';
import type { Head } from '../store/memory.js';
import { staleLock } from '../store/lock.js';
import { readReflog } from '../store/refs.js';
import { signature } from './signature.js';
import type { Memory } from '../store/memory.js';

/*
 * `memoir fsck`: a check of the memory as `git fsck` is of objects. Each finding is one line;
 * errors need a look (exit 1), notes are information (foreign lines: facts written with git).
 * Only what needs no person is fixed: a copied id gets one of its own, a dead writer's lock is
 * broken, staged operations the branch already holds are dropped, a broken branch ref points
 * again at the last commit its reflog recorded. No fact is ever deleted.
 */

export type FsckKind =
  | 'duplicate-id'
  | 'unreadable-line'
  | 'not-utf8'
  | 'foreign-line'
  | 'unknown-leaf'
  | 'one-leaf-values'
  | 'staged-unknown-leaf'
  | 'queued-unknown-leaf'
  | 'merge-missing-commit'
  | 'corrupt-state'
  | 'bad-ref'
  | 'stale-lock'
  | 'stage-applied';

export interface FsckFinding {
  kind: FsckKind;
  severity: 'error' | 'note';
  /** Where, relative to the repository: `preferences/food/cuisine.md:3`, `refs/heads/main`, `state/lock`. */
  where: string;
  message: string;
  /** `memoir fsck --fix` can settle it without a person. */
  fixable: boolean;
  /** Settled by this run's --fix. */
  fixed?: boolean;
}

export interface FsckResult {
  findings: FsckFinding[];
  /** The commit --fix wrote for changes to the tree (re-ided copies), if any. */
  commit?: string;
  /** Notes are listed in human and plain output only when asked for. */
  verbose: boolean;
}

/** What --fix will change: the leaf files to rewrite (slash path → content), and the stage ops to drop. */
export interface FsckRepairs {
  files: Map<string, string>;
  reIded: Array<{ where: string; from: string; to: string }>;
  applied: StageEffect['skipped'];
  /** The stage without the operations the branch already holds (undefined: nothing to drop). */
  stage?: Stage;
  /** Broken branch refs and the commit each last named by its reflog, to point them at again. */
  refs: Array<{ ref: string; oid: string }>;
}

const error = (kind: FsckKind, where: string, message: string, fixable = false): FsckFinding => ({
  kind,
  severity: 'error',
  where,
  message,
  fixable,
});

/** The lock a killed writer left (checked before fsck --fix takes the lock, which breaks it). */
export function lockFindings(memory: Memory): FsckFinding[] {
  const stale = staleLock(path.join(memory.stateDir, 'lock'));
  if (!stale) return [];
  const who = stale.owner
    ? `process ${stale.owner.pid} (${stale.owner.command}), no longer running`
    : 'a writer that left it unreadable';
  return [error('stale-lock', 'state/lock', `the writer lock is held by ${who}`, true)];
}

/** Every check but the lock's; `repairs` is what --fix would do. */
export async function checkMemory(
  memory: Memory,
  taxonomy: Taxonomy,
): Promise<{ findings: FsckFinding[]; repairs: FsckRepairs }> {
  const findings: FsckFinding[] = [];
  const repairs: FsckRepairs = { files: new Map(), reIded: [], applied: [], refs: [] };
  for (const broken of await memory.brokenBranchRefs()) {
    const what =
      broken.problem === 'missing-commit'
        ? 'names a commit that is not in the store'
        : `is ${broken.problem} and names no commit`;
    // the newest commit its reflog recorded that is still in the store: where it pointed before the damage
    let last: string | undefined;
    for (const entry of readReflog(memory.gitdir, broken.ref)) {
      if (await memory.isCommit(entry.oid)) {
        last = entry.oid;
        break;
      }
    }
    if (last) repairs.refs.push({ ref: broken.ref, oid: last });
    findings.push(
      error(
        'bad-ref',
        broken.ref,
        `the branch ref ${what}${last ? `; its reflog last recorded ${shortOid(last)}` : ' and its reflog records no commit in the store'}`,
        Boolean(last),
      ),
    );
  }
  let head: Head | undefined;
  try {
    head = await memory.head();
  } catch {
    head = undefined; // reported above as a bad ref
  }
  if (head?.oid) await checkTree(memory, taxonomy, head.oid, findings, repairs);
  await checkState(memory, taxonomy, head?.oid, findings, repairs);
  return { findings, repairs };
}

async function checkTree(
  memory: Memory,
  taxonomy: Taxonomy,
  commit: string,
  findings: FsckFinding[],
  repairs: FsckRepairs,
): Promise<void> {
  const owners = new Map<string, string>();
  const ids = new Set<string>();
  const copies: Array<{ file: string; text: string; line: FactLine; to?: string }> = [];
  // from the trees themselves: a check of the store trusts none of its caches
  for (const leaf of await memory.listLeaves(commit, undefined, { fromTrees: true })) {
    const file = leafFilePath(leaf.path);
    if (!(await memory.isUtf8Blob(leaf.oid)))
      findings.push(
        error(
          'not-utf8',
          file,
          'the file is not valid UTF-8: memoir reads it with replacement characters and will not rewrite it',
        ),
      );
    const text = await memory.readBlobText(leaf.oid);
    const { facts, lines } = parseLeafLines(text, leaf.path);
    const spec = taxonomy.leaves.get(leaf.path);
    if (!spec && facts.length > 0)
      findings.push(
        error(
          'unknown-leaf',
          file,
          `${plural(facts.length, 'fact')} at ${leaf.path}, which the taxonomy does not have`,
        ),
      );
    if (spec?.cardinality === 'one' && facts.length > 1)
      findings.push(error('one-leaf-values', file, `${facts.length} values at ${leaf.path}, which holds one`));
    for (const line of lines) {
      const where = `${file}:${line.number}`;
      if (line.kind === 'unreadable')
        findings.push(
          error('unreadable-line', where, `a line memoir cannot read as a fact (${line.reason}), kept as written`),
        );
      if (line.kind !== 'fact') continue;
      if (line.foreign)
        findings.push({
          kind: 'foreign-line',
          severity: 'note',
          where,
          message: `a line without memoir's metadata, read as fact ${line.fact.id}`,
          fixable: false,
        });
      const stored = line.copiedId ?? line.fact.id;
      const first = owners.get(stored);
      if (line.copiedId) copies.push({ file, text, line, to: line.fact.id });
      else if (first && !line.foreign) copies.push({ file, text, line });
      if (line.copiedId || (first && !line.foreign))
        findings.push(error('duplicate-id', where, `copies id ${stored} of ${first ?? 'an earlier line'}`, true));
      else if (!line.foreign) owners.set(stored, where);
      ids.add(line.fact.id);
    }
  }
  // a copy keeps the id it is read with (its derived one) or, copied to another leaf, gets a new one
  const rewritten = new Map<string, string[]>();
  for (const copy of copies) {
    const fact: Fact = copy.line.fact;
    const to = copy.to ?? uniqueFactId(ids, fact.path, fact.text, fact.recordedAt);
    const from = copy.line.copiedId ?? fact.id;
    const lines = rewritten.get(copy.file) ?? rewritten.set(copy.file, copy.text.split('\n')).get(copy.file)!;
    const raw = lines[copy.line.number - 1];
    const at = raw.lastIndexOf(` id=${from}`);
    lines[copy.line.number - 1] = raw.slice(0, at) + ` id=${to}` + raw.slice(at + ` id=${from}`.length);
    repairs.reIded.push({ where: `${copy.file}:${copy.line.number}`, from, to });
  }
  for (const [file, lines] of rewritten) repairs.files.set(file, lines.join('\n'));
}

async function checkState(
  memory: Memory,
  taxonomy: Taxonomy,
  head: string | undefined,
  findings: FsckFinding[],
  repairs: FsckRepairs,
): Promise<void> {
  const read = <T>(where: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (caught) {
      findings.push(error('corrupt-state', where, (caught as Error).message));
      return undefined;
    }
  };
  const stage: Stage | undefined = read('state/stage.json', () => memory.readStage());
  for (const op of stage?.ops ?? []) {
    if (!taxonomy.leaves.has(op.fact.path))
      findings.push(
        error(
          'staged-unknown-leaf',
          'state/stage.json',
          `a staged ${op.op} of fact ${op.fact.id} at ${op.fact.path}, which the taxonomy does not have`,
        ),
      );
  }
  if (stage && stage.ops.length > 0 && head) {
    const current = await memory.readLeaves(
      head,
      stage.ops.map((o) => o.fact.path),
    );
    const effect = applyStage(stage.ops, current, cardinalityIn(taxonomy));
    repairs.applied = effect.skipped;
    const dropped = new Set(effect.skipped.map((s) => s.op));
    if (dropped.size) repairs.stage = { ...stage, ops: stage.ops.filter((o) => !dropped.has(o)) };
    for (const { op, reason } of effect.skipped) {
      const why = reason === 'gone' ? 'is no longer on the branch' : 'is already on the branch';
      findings.push(
        error(
          'stage-applied',
          'state/stage.json',
          `a staged ${op.op} of fact ${op.fact.id} does nothing: it ${why}`,
          true,
        ),
      );
    }
  }
  const queue = read('state/review.json', () => memory.readReviewQueue());
  for (const item of queue?.items ?? []) {
    const unknown = item.candidates.filter((c) => !taxonomy.leaves.has(c.path)).map((c) => c.path);
    if (unknown.length)
      findings.push(
        error(
          'queued-unknown-leaf',
          'state/review.json',
          `queued fact ${item.id} suggests ${unknown.join(', ')}, which the taxonomy does not have`,
        ),
      );
  }
  const merge = read('state/merge.json', () => memory.readMerge());
  if (merge) {
    for (const [what, oid] of [
      ['theirs', merge.theirs],
      ['origHead', merge.origHead],
      ...merge.bases.map((b) => ['base', b]),
    ]) {
      if (!(await memory.isCommit(oid)))
        findings.push(
          error(
            'merge-missing-commit',
            'state/merge.json',
            `the merge in progress names ${what} commit ${oid}, which is not in the store`,
          ),
        );
    }
  }
}

/** Checks the memory; with `fix`, settles what needs no person, under the lock, in one commit. */
export async function runFsck(options: { fix?: boolean; verbose?: boolean }, context: Deps): Promise<FsckResult> {
  const memory = await context.memory();
  const taxonomy = await context.taxonomy();
  const verbose = Boolean(options.verbose);
  const stale = lockFindings(memory);
  if (!options.fix) return { findings: [...stale, ...(await checkMemory(memory, taxonomy)).findings], verbose };
  return context.locked(memory, async () => {
    // taking the lock broke the dead writer's
    for (const finding of stale) finding.fixed = true;
    // broken refs first: the checks of the tree need the branch they name, so they run again only after a ref was restored
    const first = await checkMemory(memory, taxonomy);
    const restored = await restoreRefs(memory, first.repairs, context);
    const { findings, repairs } = restored.length > 0 ? await checkMemory(memory, taxonomy) : first;
    const commit = repairs.files.size ? await commitRepairs(memory, repairs, context) : undefined;
    if (repairs.stage) memory.writeStage(repairs.stage);
    for (const finding of findings)
      if (finding.kind === 'duplicate-id' ? commit : finding.kind === 'stage-applied') finding.fixed = true;
    return { findings: [...stale, ...restored, ...findings], commit, verbose };
  });
}

/** Points each broken branch ref at the last commit its reflog recorded; the findings, marked fixed. */
async function restoreRefs(memory: Memory, repairs: FsckRepairs, context: Deps): Promise<FsckFinding[]> {
  if (repairs.refs.length === 0) return [];
  const who = await signature(context);
  return repairs.refs.map(({ ref, oid }) => {
    memory.updateBranch(ref, oid, undefined, who, 'fsck: restored from the reflog');
    return {
      kind: 'bad-ref',
      severity: 'error',
      where: ref,
      message: `the branch ref named no commit; restored to ${shortOid(oid)}, the last commit its reflog recorded`,
      fixable: true,
      fixed: true,
    };
  });
}

/** The re-ided copies, as a normal commit on the current branch whose message says what changed. */
async function commitRepairs(memory: Memory, repairs: FsckRepairs, context: Deps): Promise<string | undefined> {
  const head = await memory.head();
  if (!head.oid) return undefined;
  const who = await signature(context);
  const n = repairs.reIded.length;
  const subject = `fsck: give ${plural(n, 'copied id')} an id of ${n === 1 ? 'its' : 'their'} own`;
  const body = repairs.reIded.map((r) => `- ${r.where}: ${r.from} -> ${r.to}`).join('\n');
  const oid = await memory.writeCommit({
    parents: [head.oid],
    leaves: new Map(),
    files: repairs.files,
    message: `${subject}\n\n${body}\n`,
    author: who,
    committer: who,
  });
  memory.updateBranch(head.ref ?? 'HEAD', oid, head.oid, who, `commit: ${subject}`);
  return oid;
}
