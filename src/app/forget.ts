import * as fs from 'node:fs';
import * as path from 'node:path';
import { isFactIdPrefix } from '../core/fact.js';
import {
  type ForgetSelection,
  forgetInLeafFile,
  quotesForgotten,
  scrubText,
  selects,
  textHash,
  variants,
} from '../core/forget.js';
import { leafPathFromFile, parseLeafLines } from '../core/leafFile.js';
import { CancelledError, MemoirError, RefusedError, UsageError } from '../errors/index.js';
import { commitForget, type ForgetJournal } from '../store/forgetJournal.js';
import { appendReceipt, type ForgetReceipt } from '../store/forgetLog.js';
import type { Memory } from '../store/memory.js';
import { allRefs, formatPackedRefs, packRefs, readRef, symbolicHead, ZERO_OID } from '../store/refs.js';
import { filesUnder } from '../store/filesUnder.js';
import { type RewrittenHistory, rewrittenId } from '../store/rewriteHistory.js';
import type { Deps } from './deps.js';
import { signature } from './signature.js';
import { refuseOnProtected } from './policyGate.js';
import { byCodeUnit } from '../core/order.js';

export type { ForgetReceipt } from '../store/forgetLog.js';

/*
 * `memoir forget`: facts erased from all of history (GDPR art. 17, a leaked secret). The texts
 * the selection names anywhere in history are found first; then every commit reachable from a
 * ref or a reflog entry is rewritten without them (store/rewriteHistory.ts), every ref and
 * reflog entry moved to the new commits, the state that held them cleared, and the store
 * repacked with only what is reachable, through a redo journal (store/forgetJournal.ts).
 */

export interface ForgetOptions {
  /** Go past the protect rules of the branches forget rewrites (with --reason). */
  overridePolicy?: boolean;
  leaf?: string;
  match?: string;
  regex?: boolean;
  reason?: string;
  dryRun?: boolean;
  yes?: boolean;
}

/** What a forget erases and moves, shown before it runs; never a forgotten text. */
export interface ForgetPlan {
  /** Each forgotten fact: its id and the leaf it was held at (one id at two leaves: twice). */
  facts: Array<{ id: string; leaf: string }>;
  /** How many distinct texts are forgotten. */
  texts: number;
  leaves: string[];
  commits: { rewritten: number; dropped: number };
  /** Every ref that moves, with its old and new commit. */
  refs: Array<{ ref: string; old: string; new: string }>;
  /** Local branches that move. */
  branches: string[];
  /** Remotes whose tracking branches move: their own branches still hold the old commits. */
  remotes: string[];
  /** Facts that stay but quote a forgotten text inside their own (forget them with --match). */
  quoted: Array<{ id: string; leaf: string }>;
}

export interface ForgetResult {
  plan: ForgetPlan;
  dryRun: boolean;
  receipt?: ForgetReceipt;
  /** Files under .memoir that still hold a forgotten text: not memoir's to rewrite (config, hooks). */
  remaining: string[];
}

/** Asks a person to go ahead with a plan; the CLI's terminal prompt. */
export type ConfirmForget = (plan: ForgetPlan) => Promise<boolean>;

export async function runForget(
  targets: string[],
  options: ForgetOptions,
  deps: Deps,
  confirm?: ConfirmForget,
): Promise<ForgetResult> {
  const selection = selectionOf(targets, options);
  // the reason is kept in the forget log: never a credential
  if (options.reason !== undefined)
    (await import('../core/guardText.js')).screenWrittenText(options.reason, 'the --reason', 'nothing was forgotten');
  const memory = await deps.memory();
  if (options.dryRun) return { plan: (await prepare(memory, selection)).plan, dryRun: true, remaining: [] };
  let seen: Prepared | undefined;
  if (!options.yes) {
    if (!confirm)
      throw new RefusedError('confirmation-required', 'forget rewrites history and cannot be undone: --yes is needed', {
        hint: 'see what it would erase with --dry-run, then run it again with --yes',
      });
    seen = await prepare(memory, selection);
    await protectedRules(memory, seen.plan, options);
    if (!(await confirm(seen.plan))) throw new CancelledError('cancelled', 'nothing was forgotten');
  }
  return deps.locked(memory, async () => {
    const prepared = await prepare(memory, selection);
    if (seen && fingerprint(seen) !== fingerprint(prepared))
      throw new MemoirError(
        'forget-changed',
        'the memory changed while the plan was on screen: nothing was forgotten',
        {
          hint: 'run the forget again to see the new plan',
        },
      );
    return execute(memory, prepared, options, deps);
  });
}

/** The selection the arguments and flags name: exactly one of ids, --leaf, --match. */
function selectionOf(targets: string[], options: ForgetOptions): ForgetSelection {
  const given = [targets.length > 0, options.leaf !== undefined, options.match !== undefined].filter(Boolean).length;
  if (given !== 1)
    throw new UsageError('usage', 'forget needs exactly one of: fact ids, --leaf <leaf>, --match <text>', {
      hint: 'memoir forget 3fa2c91b0d, memoir forget --leaf health.conditions.chronic, memoir forget --match "Ana"',
    });
  if (options.regex && options.match === undefined)
    throw new UsageError('usage', '--regex reads the --match text as a regular expression; give --match');
  for (const target of targets)
    if (!isFactIdPrefix(target))
      throw new UsageError('invalid-id', `"${target}" is not a fact id (4 to 10 hex digits)`, {
        hint: '"memoir get <leaf>" and "memoir log -p" show fact ids',
      });
  if (options.leaf !== undefined) return { kind: 'leaf', leaf: options.leaf };
  if (options.match !== undefined) {
    if (options.match.trim() === '') throw new UsageError('usage', '--match needs a text to look for');
    if (!options.regex) return { kind: 'match', text: options.match };
    try {
      return { kind: 'regex', pattern: new RegExp(options.match, 'iu') };
    } catch (error) {
      throw new UsageError('invalid-regex', `--match is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  return { kind: 'ids', ids: targets };
}

/** Everything a forget will do, worked out without writing anything. */
interface Prepared {
  plan: ForgetPlan;
  texts: Set<string>;
  history: RewrittenHistory;
  /** Every ref under refs/, with its old and new value. */
  refs: Map<string, { old: string; new: string }>;
  /** Reflog files (relative) with their new text. */
  reflogs: Array<{ file: string; content: string }>;
  /** The commits the store keeps: every ref's and reflog entry's, rewritten. */
  tips: string[];
  shallow: { old: ReadonlySet<string>; new: Set<string> };
  head?: { old: string; new: string };
  /** ORIG_HEAD's new value, when the store has one. */
  origHead?: string;
}

async function prepare(memory: Memory, selection: ForgetSelection): Promise<Prepared> {
  const gitdir = memory.gitdir;
  refuseWhatForgetCannotClean(memory);
  const refs = allRefs(gitdir);
  const detached = symbolicHead(gitdir) === undefined ? readRef(gitdir, 'HEAD') : undefined;
  const origHead = readRef(gitdir, 'ORIG_HEAD');
  const reflogs = new Map(
    filesUnder(path.join(gitdir, 'logs')).map((file) => [
      path.join('logs', file),
      fs.readFileSync(path.join(gitdir, 'logs', file), 'utf8'),
    ]),
  );
  const reflogIds = new Set<string>();
  for (const text of reflogs.values())
    for (const line of text.split('\n'))
      for (const oid of /^([0-9a-f]{40}) ([0-9a-f]{40}) /.exec(line)?.slice(1) ?? [])
        if (oid !== ZERO_OID) reflogIds.add(oid);
  const candidates = [...refs.values(), ...reflogIds, ...(detached ? [detached] : []), ...(origHead ? [origHead] : [])];
  const tips: string[] = [];
  for (const oid of new Set(candidates)) if (await memory.hasObject(oid)) tips.push(oid);

  // first the texts: every text the selection names anywhere in history, with its ids and leaves
  const texts = new Set<string>();
  const named = new Map<string, Set<string>>();
  await memory.rewriteHistory(tips, {
    blob(file, content) {
      const leaf = leafPathFromFile(file);
      if (!leaf) return undefined;
      for (const fact of parseLeafLines(content.toString('utf8'), leaf, false).facts)
        if (selects(selection, fact)) {
          texts.add(fact.text);
          if (selection.kind === 'ids')
            for (const id of selection.ids)
              if (fact.id.startsWith(id)) (named.get(id) ?? named.set(id, new Set()).get(id)!).add(fact.id);
        }
      return undefined;
    },
    message: (text) => text,
  });
  requireSomething(selection, texts, named);

  // then history without them
  const facts = new Map<string, { id: string; leaf: string }>();
  const quoted = new Map<string, { id: string; leaf: string }>();
  const holds = holdsAny(texts);
  const history = await memory.rewriteHistory(tips, {
    blob(file, content) {
      const leaf = leafPathFromFile(file);
      // a blob that holds none of the texts needs no parse: a fact quoting one holds it too
      if (!holds(content)) return undefined;
      if (leaf) {
        const text = content.toString('utf8');
        for (const fact of parseLeafLines(text, leaf, false).facts)
          if (quotesForgotten(fact, texts)) quoted.set(`${fact.id} ${leaf}`, { id: fact.id, leaf });
        const edited = forgetInLeafFile(text, leaf, texts);
        if (!edited) return undefined;
        for (const fact of edited.removed) facts.set(`${fact.id} ${leaf}`, { id: fact.id, leaf });
        return edited.text === undefined ? null : Buffer.from(edited.text, 'utf8');
      }
      const text = content.toString('utf8');
      const scrubbed = file === '_memoir/corrections.jsonl' ? withoutLinesQuoting(text, texts) : scrubText(text, texts);
      return scrubbed === text ? undefined : Buffer.from(scrubbed, 'utf8');
    },
    message: (text) => scrubText(text, texts),
  });

  const moved = new Map<string, { old: string; new: string }>();
  for (const [ref, oid] of refs) moved.set(ref, { old: oid, new: rewrittenId(history, oid) });
  const rewrittenReflogs: Prepared['reflogs'] = [];
  for (const [file, text] of reflogs) {
    const content = text
      .split('\n')
      .map((line) => {
        const match = /^([0-9a-f]{40}) ([0-9a-f]{40}) ([\s\S]*)$/.exec(line);
        const rest = scrubText(match ? match[3] : line, texts);
        return match ? `${rewrittenId(history, match[1])} ${rewrittenId(history, match[2])} ${rest}` : rest;
      })
      .join('\n');
    if (content !== text) rewrittenReflogs.push({ file, content });
  }
  const oldShallow = memory.shallowCommits();
  const newShallow = new Set([...oldShallow].map((oid) => rewrittenId(history, oid)));
  const changed = [...moved].filter(([, m]) => m.old !== m.new).map(([ref, m]) => ({ ref, ...m }));
  const rewritten = [...history.commits].filter(([old, now]) => old !== now && !history.dropped.has(old)).length;
  const plan: ForgetPlan = {
    facts: [...facts.values()].sort((a, b) => byCodeUnit(a.leaf, b.leaf) || byCodeUnit(a.id, b.id)),
    texts: texts.size,
    leaves: [...new Set([...facts.values()].map((f) => f.leaf))].sort(),
    commits: { rewritten, dropped: history.dropped.size },
    refs: changed,
    branches: changed.filter((r) => r.ref.startsWith('refs/heads/')).map((r) => r.ref.slice(11)),
    remotes: [...new Set(changed.filter((r) => r.ref.startsWith('refs/remotes/')).map((r) => r.ref.split('/')[2]))],
    quoted: [...quoted.values()],
  };
  return {
    plan,
    texts,
    history,
    refs: moved,
    reflogs: rewrittenReflogs,
    tips: [...new Set(tips.map((oid) => rewrittenId(history, oid)))],
    shallow: { old: oldShallow, new: newShallow },
    ...(detached ? { head: { old: detached, new: rewrittenId(history, detached) } } : {}),
    ...(origHead ? { origHead: rewrittenId(history, origHead) } : {}),
  };
}

/** A merge in progress, or staged facts that would bring a forgotten text back, stop forget before it plans. */
function refuseWhatForgetCannotClean(memory: Memory): void {
  const merge = memory.readMerge();
  if (merge)
    throw new MemoirError('merge-in-progress', `a merge of ${merge.theirsName} is in progress`, {
      hint: 'finish it ("memoir merge --continue") or give it up ("memoir merge --abort"), then forget',
    });
  if (fs.existsSync(path.join(memory.gitdir, 'objects', 'info', 'alternates')))
    throw new MemoirError('forget-alternates', 'this store borrows objects from another (objects/info/alternates)', {
      hint: 'forget cannot erase what another store holds: "git repack -a -d" copies the objects in, then forget',
    });
}

function requireSomething(selection: ForgetSelection, texts: Set<string>, named: Map<string, Set<string>>): void {
  if (selection.kind === 'ids') {
    for (const id of selection.ids) {
      const found = named.get(id);
      if (!found)
        throw new UsageError('unknown-fact', `no fact with id ${id} anywhere in history`, {
          hint: '"memoir log -p" and "memoir get <leaf>" show fact ids',
        });
      if (found.size > 1)
        throw new UsageError('ambiguous-id', `fact id "${id}" is ambiguous: ${[...found].sort().join(', ')}`, {
          hint: 'give more digits',
        });
    }
    return;
  }
  if (texts.size > 0) return;
  const what = selection.kind === 'leaf' ? `was ever held at ${selection.leaf}` : 'in history matches that text';
  throw new UsageError('nothing-to-forget', `no fact ${what}`, {
    hint: '"memoir log -p" shows every fact history holds',
  });
}

/** Staged facts that hold a forgotten text: forget would leave them to be committed again. */
function refuseStaged(memory: Memory, texts: ReadonlySet<string>): void {
  const staged = memory.readStage().ops.filter((op) => texts.has(op.fact.text));
  if (staged.length > 0)
    throw new MemoirError('forget-staged', `${staged.length} staged change(s) hold a fact being forgotten`, {
      hint: `unstage them first: memoir reset ${staged.map((op) => op.fact.id).join(' ')}`,
    });
}

async function execute(memory: Memory, prepared: Prepared, options: ForgetOptions, deps: Deps): Promise<ForgetResult> {
  const gitdir = memory.gitdir;
  refuseStaged(memory, prepared.texts);
  const overridden = await protectedRules(memory, prepared.plan, options);
  const { plan, history, texts } = prepared;
  const who = await signature(deps, undefined, memory);
  const receipt: ForgetReceipt = {
    id: '',
    at: deps
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    by: `${who.name} <${who.email}>`,
    reason: options.reason ?? null,
    factIds: [...new Set(plan.facts.map((f) => f.id))].sort(),
    sha256: [...texts].map(textHash).sort(),
    leaves: plan.leaves,
    commitsRewritten: [...history.commits]
      .filter(([old, now]) => old !== now)
      .map(([old, now]) => (history.dropped.has(old) ? { old, new: now, dropped: true as const } : { old, new: now })),
    branches: plan.branches,
    refs: plan.refs,
    remotes: plan.remotes,
    ...(overridden.length > 0 ? { overrides: overridden } : {}),
  };
  receipt.id = textHash(JSON.stringify(receipt)).slice(0, 12);

  // 1. the new history, whole, in one new pack (nothing else changes)
  const keep = await memory.packReachable(prepared.tips, history.objects, prepared.shallow.new);
  // 2. the refs, the same values, all in packed-refs: one write will then move them all
  packRefs(gitdir);
  // 3. the journal: every write and removal left, then carried out
  const writes: ForgetJournal['writes'] = [];
  const newRefs = new Map([...prepared.refs].map(([ref, m]) => [ref, m.new]));
  writes.push({ file: 'packed-refs', content: formatPackedRefs(newRefs) });
  if (prepared.head) writes.push({ file: 'HEAD', content: `${prepared.head.new}\n` });
  if (prepared.origHead) writes.push({ file: 'ORIG_HEAD', content: `${prepared.origHead}\n` });
  writes.push(...prepared.reflogs);
  if (prepared.shallow.old.size > 0)
    writes.push({ file: 'shallow', content: `${[...prepared.shallow.new].sort().join('\n')}\n` });
  const queue = memory.readReviewQueue();
  const items = queue.items.filter((item) => !texts.has(item.text));
  if (items.length !== queue.items.length)
    writes.push({ file: 'state/review.json', content: `${JSON.stringify({ ...queue, items })}\n` });
  writes.push(appendReceipt(gitdir, receipt));
  // derived from the facts, with no text but hashes of it: rebuilt, or (the rejected consolidation proposals) asked again
  const derived = [
    'state/recall-index.bin',
    'state/recall-index.json',
    'state/recall-leaves.json',
    'state/consolidate-rejected.json',
    'FETCH_HEAD',
  ];
  const caches = filesUnder(path.join(memory.stateDir, 'cache')).map((file) => path.join('state', 'cache', file));
  commitForget(gitdir, { version: 1, receipt: receipt.id, writes, removes: [...derived, ...caches], keep });
  return { plan, dryRun: false, receipt, remaining: remainingCopies(gitdir, texts) };
}

/**
 * The protect rules of the branches a plan rewrites: a protected branch is rewritten only when a
 * person says why (--override-policy --reason: an erasure the law may require); refused otherwise.
 */
async function protectedRules(memory: Memory, plan: ForgetPlan, options: ForgetOptions): Promise<string[]> {
  const rules = new Set<string>();
  for (const move of plan.refs.filter((r) => r.ref.startsWith('refs/heads/'))) {
    const branch = move.ref.slice('refs/heads/'.length);
    const what = 'its history is not rewritten (forget)';
    const rule = await refuseOnProtected(memory, move.old, branch, what, options, true);
    if (rule) rules.add(rule);
  }
  return [...rules];
}

/** Whether two plans would do the same: the moves of every ref and commit. */
function fingerprint(prepared: Prepared): string {
  return JSON.stringify([prepared.plan.refs, [...prepared.history.commits]]);
}

/** The lines of a JSON-lines file (corrections) that do not quote a forgotten text. */
function withoutLinesQuoting(text: string, texts: ReadonlySet<string>): string {
  return text
    .split('\n')
    .filter((line) => scrubText(line, texts) === line)
    .join('\n');
}

/** Whether bytes hold any of the texts, in any of the ways memoir writes them (a quick test before decoding). */
function holdsAny(texts: ReadonlySet<string>): (content: Buffer) => boolean {
  const probes = [...texts].flatMap(variants).map((v) => Buffer.from(v, 'utf8'));
  return (content) => probes.some((probe) => content.includes(probe));
}

/** Files under the store, objects aside, that still hold a forgotten text after the forget: not memoir's to edit. */
function remainingCopies(gitdir: string, texts: ReadonlySet<string>): string[] {
  const holds = holdsAny(texts);
  const found: string[] = [];
  for (const file of filesUnder(gitdir)) {
    if (file.startsWith(`objects${path.sep}`)) continue;
    if (holds(fs.readFileSync(path.join(gitdir, file)))) found.push(file);
  }
  return found;
}
