import type { Deps } from './deps.js';
import { classifierDeps, classifierFrom } from './placement.js';
import type { ClassifierDeps } from '../classify/select.js';
import { commitChanges } from './commitChanges.js';
import { refuseDetachedWrite, writeTarget } from './target.js';
import {
  factsOf,
  findProposals,
  keepAtBestLeaf,
  placedByClassifier,
  type LeafReview,
  type Proposal,
  type ProposalKind,
} from '../core/consolidate.js';
import type { Candidate, Classifier } from '../classify/types.js';
import type { Fact } from '../core/fact.js';
import type { StagedOp } from '../core/stage.js';
import { cardinalityIn, requireLeaf, requirePrefix, type Taxonomy } from '../core/taxonomy.js';
import { findSecrets } from '../core/secrets.js';
import { plural } from '../core/words.js';
import { controlCharacterMessage, findControlCharacter } from '../core/controlChars.js';
import { UsageError } from '../errors/index.js';

/*
 * `memoir consolidate`: the repairs a memory needs, found over the current tree (core/consolidate.ts),
 * then decided: by a person on the consolidation screen, by rule with --yes (only what a rule
 * settles: the same text twice, an ended validity), or not at all (--dry-run, or no one to ask).
 * What is decided is committed under the lock, a commit per kind of repair, marked
 * `consolidate(<kind>): …` with a `Memoir-Consolidate: <kind>` trailer and the ids it merged,
 * moved or retired: repairs read apart from learning in `memoir log`, and every fact merged or
 * retired stays in history.
 */

export interface ConsolidateOptions {
  /** Only facts under this taxonomy prefix. */
  path?: string;
  /** Apply the proposals a rule settles. */
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  /** Commit to this branch without switching to it. */
  branch?: string;
  /** Show the proposals a person rejected before too. */
  all?: boolean;
  /** With a model configured, let it review the leaves and give the refiles' opinions (default); false: the offline rules and classifier alone, nothing sent. */
  model?: boolean;
}

/** A person's answer to one proposal. */
export interface ConsolidateDecision {
  id: string;
  action: 'accept' | 'reject' | 'skip';
  /** dedupe: the kept fact's text, as the person edited it. */
  text?: string;
  /** refile: the leaf the person chose instead of the classifier's. */
  to?: string;
  /** contradiction: the id of the fact that stays (the other is retired). */
  keep?: string;
}

export type ConsolidateReviewer = (proposals: Proposal[], taxonomy: Taxonomy) => Promise<ConsolidateDecision[]>;

/** The commit kinds: a contradiction settled by a person retires the value that is no longer true. */
export type RepairKind = 'dedupe' | 'refile' | 'retire';

export interface ConsolidateResult {
  /** Everything found, in order: dedupe, retire, contradiction, refile, stale; but what a person rejected before (unless --all). */
  proposals: Proposal[];
  /** Proposals found but not shown: a person rejected them before. */
  hidden: number;
  /** Proposal ids a person rejected now: recorded, not proposed again. */
  rejected: string[];
  /** Proposal ids applied. */
  applied: string[];
  /** Proposal ids decided but not applied: their facts changed since they were found. */
  outdated: string[];
  /** Merges a person reworded into text the secret guard refuses: not applied, the text never repeated. */
  refused: Array<{ id: string; found: string }>;
  commits: Array<{ kind: RepairKind; commit?: string; subject: string }>;
  /** The commit the memory was read from. */
  head?: string;
  dryRun: boolean;
  /** How the proposals were settled: a person, the rules (--yes), or nobody. */
  decidedBy: 'person' | 'rules' | 'nobody';
  /** Who found the duplicates and contradictions: `rules`, or the model that reviewed leaves (`openai:<model>`). */
  foundBy: string;
}

const ORDER: ProposalKind[] = ['dedupe', 'retire', 'contradiction', 'refile', 'stale'];
const SUBJECT: Record<RepairKind, (n: number) => string> = {
  dedupe: (n) => `merge ${plural(n, 'duplicate fact')}`,
  refile: (n) => `move ${plural(n, 'fact')} to the leaf that fits`,
  retire: (n) => `retire ${plural(n, 'fact')} no longer true`,
};

export async function runConsolidate(
  options: ConsolidateOptions,
  context: Deps,
  onScreen?: ConsolidateReviewer,
): Promise<ConsolidateResult> {
  if (options.yes && options.dryRun)
    throw new UsageError('conflicting-options', '--yes and --dry-run ask for different things', {
      hint: 'memoir consolidate --dry-run lists the proposals; --yes applies the safe ones',
    });
  const taxonomy = await context.taxonomy();
  const prefix = options.path === undefined ? undefined : requirePrefix(taxonomy, options.path);
  const memory = await context.memory();
  if (!options.dryRun) await refuseDetachedWrite(memory, options.branch, context.env);
  const head = await writeTarget(memory, options.branch, context.env);
  const facts = head.oid ? await memory.readAll(head.oid, prefix) : [];
  const config = await context.config();

  // the classifier's view of what a classifier placed, knowing the corrections
  const unsettled = facts.filter(placedByClassifier);
  const opinions = new Map<string, Array<{ path: string; confidence: number }>>();
  // each made on first need: a memory of facts placed by people asks the classifier nothing
  // --no-model: nothing is sent, the refiles' opinions included
  const offline = options.model === false;
  let deps: Promise<ClassifierDeps> | undefined;
  const theDeps = () => (deps ??= classifierDeps(context, memory, taxonomy));
  let classifier: Promise<Classifier> | undefined;
  const theClassifier = () => (classifier ??= theDeps().then((d) => classifierFrom(d, memory, { offline })));
  let identity: Promise<string | undefined> | undefined;
  const theIdentity = () =>
    (identity ??= Promise.all([theDeps(), import('../classify/select.js')]).then(([d, select]) =>
      select.classifierIdentity(d, { offline }),
    ));
  const { classifyKept, keptAnswersFile } = await import('../classify/kept.js');
  const kept = keptAnswersFile(memory.stateDir);
  if (unsettled.length > 0) {
    const answers = await classifyKept(
      await theIdentity(),
      theClassifier,
      unsettled.map((f) => f.text),
      kept,
    );
    answers.forEach((candidates, i) => opinions.set(unsettled[i]!.id, candidates));
  }
  const review = offline ? undefined : await modelReview(facts, context, theDeps);
  const { loadEmbeddings } = await import('../classify/embeddings.js');
  const found = findProposals({
    review,
    facts,
    cardinalityOf: cardinalityIn(taxonomy),
    now: context.now(),
    staleAfterDays: config.get('consolidate.staleAfter'),
    opinions,
    meanings: loadEmbeddings(),
  });
  // one text at several leaves: kept where the classifier ranks it first among them
  const spread = found.filter(
    (p): p is Extract<Proposal, { kind: 'dedupe' }> =>
      p.kind === 'dedupe' && p.drop.some((f) => f.path !== p.keep.path),
  );
  const ranked = spread.length > 0 ? await rankedLeaves(spread, await theIdentity(), theClassifier, kept) : [];
  const placed = new Map(spread.map((p, i) => [p, keepAtBestLeaf(p, ranked[i]!)]));
  // what a person rejected before is not proposed again, unless --all asks for everything
  const rejectedBefore = new Set(memory.readRejections().ids);
  const shown = (p: Proposal) => options.all || !rejectedBefore.has(p.id);
  const proposals = found
    .map((p) => (p.kind === 'dedupe' ? (placed.get(p) ?? p) : p))
    .filter(shown)
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const result: ConsolidateResult = {
    proposals,
    hidden: found.length - proposals.length,
    rejected: [],
    applied: [],
    outdated: [],
    refused: [],
    commits: [],
    head: head.oid,
    dryRun: Boolean(options.dryRun),
    decidedBy: 'nobody',
    foundBy: review && review.leaves.size > 0 ? review.by : 'rules',
  };
  if (options.dryRun || proposals.length === 0) return result;

  let decisions: ConsolidateDecision[];
  if (options.yes) {
    decisions = proposals.filter((p) => p.safe).map((p) => ({ id: p.id, action: 'accept' }));
    result.decidedBy = 'rules';
  } else if (onScreen) {
    decisions = await onScreen(proposals, taxonomy);
    result.decidedBy = 'person';
  } else return result;
  for (const d of decisions) checkDecision(d, proposals, taxonomy);
  // a reworded merge that holds a credential is refused alone: the other decisions stand
  const accepted = decisions.filter((d) => {
    if (d.action !== 'accept') return false;
    const found = d.text === undefined ? undefined : findSecrets(d.text)[0];
    if (found) result.refused.push({ id: d.id, found: found.label });
    return !found;
  });
  const rejects = decisions.filter((d) => d.action === 'reject').map((d) => d.id);
  if (accepted.length === 0 && rejects.length === 0) return result;

  return context.locked(memory, async () => {
    if (rejects.length > 0) {
      const record = memory.readRejections();
      memory.writeRejections({ version: 1, ids: [...new Set([...record.ids, ...rejects])] });
      result.rejected = rejects;
    }
    // each kind its own commit, on the branch as it is now; a proposal whose facts changed meanwhile is left
    for (const kind of ['dedupe', 'refile', 'retire'] as const) {
      const decided = accepted.flatMap((decision) => {
        const proposal = proposals.find((p) => p.id === decision.id)!;
        return repairKind(proposal, decision) === kind ? [{ proposal, decision }] : [];
      });
      if (decided.length === 0) continue;
      // the branch as it is now, read only for a kind with repairs to make
      const target = await writeTarget(memory, options.branch, context.env);
      const current = new Map(
        (target.oid ? await memory.readAll(target.oid, prefix) : []).map((f) => [`${f.path} ${f.id}`, f]),
      );
      const unchanged = (f: Fact) => current.get(`${f.path} ${f.id}`)?.text === f.text;
      const repairs = decided.filter(({ proposal }) => {
        if (factsOf(proposal).every(unchanged)) return true;
        result.outdated.push(proposal.id);
        return false;
      });
      if (repairs.length === 0) continue;
      const ops = repairs.flatMap(({ proposal, decision }) => opsFor(proposal, decision, context.now()));
      const subject = `consolidate(${kind}): ${SUBJECT[kind](repairs.length)}`;
      const body = repairs.map(({ proposal, decision }) => bodyLine(proposal, decision)).join('\n');
      const committed = await commitChanges(
        memory,
        target,
        ops,
        [],
        {
          message: `${subject}\n\n${body}`,
          trailers: [
            `Memoir-Consolidate: ${kind}`,
            ...repairs.flatMap(({ proposal, decision }) => trailersFor(proposal, decision)),
          ],
          branch: options.branch,
        },
        context,
        { messageScreened: true },
      );
      result.commits.push({ kind, commit: committed.commit, subject });
      result.applied.push(...repairs.map((r) => r.proposal.id));
    }
    return result;
  });
}

function repairKind(p: Proposal, d: ConsolidateDecision): RepairKind | undefined {
  if (p.kind === 'dedupe' || p.kind === 'refile' || p.kind === 'retire') return p.kind;
  if (p.kind === 'contradiction' && d.keep) return 'retire';
  return undefined; // stale, and a contradiction without a choice: flagged only
}

function checkDecision(d: ConsolidateDecision, proposals: readonly Proposal[], taxonomy: Taxonomy): void {
  const p = proposals.find((x) => x.id === d.id);
  if (!p) throw new UsageError('invalid-argument', `no proposal ${d.id}`, { hint: 'run memoir consolidate again' });
  const control = d.text === undefined ? undefined : findControlCharacter(d.text);
  if (control)
    throw new UsageError('invalid-argument', controlCharacterMessage('the edited text', d.text!, control), {
      hint: 'type the fact without control characters',
    });
  if (d.text !== undefined && !d.text.trim())
    throw new UsageError('invalid-argument', 'the edited text is empty', {
      hint: 'keep the text as it was, or type the fact',
    });
  if (d.to !== undefined) requireLeaf(taxonomy, d.to);
  if (p.kind === 'contradiction' && d.keep && !p.facts.some((f) => f.id === d.keep))
    throw new UsageError('invalid-argument', `fact ${d.keep} is not one of the two`, {
      hint: `keep ${p.facts[0].id} or ${p.facts[1].id}`,
    });
}

function opsFor(p: Proposal, d: ConsolidateDecision, now: Date): StagedOp[] {
  const remove = (fact: Fact): StagedOp => ({ op: 'remove', fact });
  switch (p.kind) {
    case 'dedupe': {
      const ops = p.drop.map(remove);
      if (d.text !== undefined && d.text.trim() !== p.keep.text)
        ops.push(remove(p.keep), { op: 'add', fact: { ...p.keep, text: d.text.trim() } });
      return ops;
    }
    case 'refile': {
      const to = d.to ?? p.to;
      return [
        remove(p.fact),
        {
          op: 'add',
          fact: {
            ...p.fact,
            path: to,
            confidence: to === p.to ? p.confidence : p.fact.confidence,
            how: to === p.to ? 'accepted' : 'picked',
            recordedAt: p.fact.recordedAt || now.toISOString(),
          },
        },
      ];
    }
    case 'retire':
      return [remove(p.fact)];
    case 'contradiction':
      return p.facts.filter((f) => f.id !== d.keep).map(remove);
    default:
      return [];
  }
}

function bodyLine(p: Proposal, d: ConsolidateDecision): string {
  switch (p.kind) {
    case 'dedupe':
      return p.drop.map((f) => `- ${f.path}: ${f.text} (same as ${p.keep.id})`).join('\n');
    case 'refile':
      return `~ ${p.fact.path} -> ${d.to ?? p.to}: ${p.fact.text}`;
    case 'retire':
      return `- ${p.fact.path}: ${p.fact.text} (${p.reason})`;
    case 'contradiction':
      return p.facts
        .filter((f) => f.id !== d.keep)
        .map((f) => `- ${f.path}: ${f.text} (contradicted ${d.keep})`)
        .join('\n');
    default:
      return '';
  }
}

/** The record in the trailers: which ids were merged into which, moved where, retired, with where they came from. */
function trailersFor(p: Proposal, d: ConsolidateDecision): string[] {
  switch (p.kind) {
    case 'dedupe':
      return p.drop.map((f) => `Memoir-Consolidate-Merged: ${f.id} (${f.source}) into ${p.keep.id} (${p.keep.source})`);
    case 'refile':
      return [`Memoir-Consolidate-Moved: ${p.fact.id} ${p.fact.path} -> ${d.to ?? p.to}`];
    case 'retire':
      return [`Memoir-Consolidate-Retired: ${p.fact.id} (${p.reason})`];
    case 'contradiction':
      return p.facts
        .filter((f) => f.id !== d.keep)
        .map((f) => `Memoir-Consolidate-Retired: ${f.id} (contradicted by ${d.keep})`);
    default:
      return [];
  }
}

/**
 * The classifier's leaves for the text of each merge of one text at several leaves, enough to
 * rank its leaves: the kept top three where one of them is there (one of them then ranks first),
 * the top ten otherwise.
 */
async function rankedLeaves(
  spread: ReadonlyArray<Extract<Proposal, { kind: 'dedupe' }>>,
  identity: string | undefined,
  classifier: () => Promise<Classifier>,
  file: string,
): Promise<Candidate[][]> {
  const { classifyKept } = await import('../classify/kept.js');
  const top = await classifyKept(
    identity,
    classifier,
    spread.map((p) => p.keep.text),
    file,
    { compact: false },
  );
  const unranked = spread.flatMap((p, i) =>
    factsOf(p).some((f) => top[i]!.some((c) => c.path === f.path)) ? [] : [i],
  );
  if (unranked.length > 0) {
    const deeper = await (await classifier()).classify(
      unranked.map((i) => spread[i]!.keep.text),
      10,
    );
    unranked.forEach((i, n) => {
      top[i] = deeper[n]!.candidates;
    });
  }
  return top;
}

/**
 * With a model configured (classifier.provider: openai), the leaves it reads whole for duplicates
 * and contradictions (consolidate/modelReview.ts); undefined with the offline classifier.
 */
async function modelReview(
  facts: readonly Fact[],
  context: Deps,
  deps: () => Promise<ClassifierDeps>,
): Promise<LeafReview | undefined> {
  const config = await context.config();
  const { modelEndpoint } = await import('../config/endpoint.js');
  const endpoint = modelEndpoint(config, context.env);
  if (endpoint.provider === 'offline') return undefined;
  const { createModelReviewer, leavesToReview } = await import('../consolidate/modelReview.js');
  const now = context.now().getTime();
  const leaves = leavesToReview(facts.filter((f) => !(f.validUntil && Date.parse(f.validUntil) < now)));
  const reviewer = await createModelReviewer(await deps(), endpoint);
  return reviewer.review(leaves, context.progress);
}
