import { runAdd } from '../app/add.js';
import { runCapture } from '../app/capture.js';
import { runBlame } from '../app/blame.js';
import { runListBranches } from '../app/branch.js';
import { runCheckout } from '../app/checkout.js';
import { runDiff } from '../app/diff.js';
import { runGet } from '../app/get.js';
import { runLog } from '../app/log.js';
import { runLs } from '../app/ls.js';
import { runRecall } from '../app/recall.js';
import { runPull } from '../app/pull.js';
import { runPush } from '../app/push.js';
import { runRemoveNow } from '../app/rm.js';
import { runForget } from '../app/forget.js';
import { runConsolidate } from '../app/consolidate.js';
import { consolidateJson } from '../output/consolidate.js';
import { MemoirError, RefusedError, UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { checkBranchName, refuseDetachedWrite } from '../app/target.js';
import { qualifiedBranchName } from '../core/refName.js';
import { blameRenderer } from '../output/blame.js';
import { branchesRenderer } from '../output/branch.js';
import { checkoutJson } from '../output/checkout.js';
import { diffRenderer } from '../output/diff.js';
import { factJson } from '../output/facts.js';
import { logRenderer } from '../output/log.js';
import { lsRenderer } from '../output/ls.js';
import { outcomeJson } from '../output/merge.js';
import { pushRenderer } from '../output/transfer.js';
import { recallRenderer } from '../output/recall.js';
import { count, fraction, flag, known, text, texts, type Args } from './args.js';

/*
 * The MCP tools: one table. Each tool runs the same run* functions as its CLI command, so
 * checks, errors (codes, messages, hints) and the repository lock are the CLI's. Adding a
 * tool is adding an entry.
 */

export interface ToolDeps {
  context: Context;
}

export interface Tool {
  name: string;
  description: string;
  inputSchema: {
    type: 'object';
    properties: Record<string, unknown>;
    required?: string[];
    additionalProperties: false;
  };
  annotations: {
    title: string;
    readOnlyHint: boolean;
    destructiveHint: boolean;
    idempotentHint: boolean;
    /** True for the tools that reach a remote. */
    openWorldHint: boolean;
  };
  run(args: Args, deps: ToolDeps): Promise<unknown>;
}

const readOnly = (title: string) => ({
  title,
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false as const,
});

export const TOOLS: Tool[] = [
  {
    name: 'memoir_remember',
    description:
      'Remember one fact about the user or the project: screened for secrets (refused, never written), placed at a taxonomy leaf ' +
      '(give `path` to choose it, otherwise it is classified), and committed. Returns {status, key, id, confidence, commit}. ' +
      'A classification below the confidence threshold follows the mcp.lowConfidence policy: held for review (status "held", nothing committed) or committed.',
    inputSchema: {
      type: 'object',
      properties: {
        content: { type: 'string', description: 'the fact, one sentence, e.g. "Prefers dark mode in every editor"' },
        path: {
          type: 'string',
          description: 'taxonomy leaf (category.subcategory.type), e.g. preferences.ui.theme; omit to classify',
        },
        source: { type: 'string', description: 'where the fact came from, recorded with it (default "mcp")' },
        branch: {
          type: 'string',
          description:
            'commit to this branch without switching to it (created from the current branch if missing); default: the current branch, or MEMOIR_BRANCH (refused while HEAD is detached: name a branch)',
        },
      },
      required: ['content'],
      additionalProperties: false,
    },
    annotations: {
      title: 'Remember a fact',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    async run(args, deps) {
      known(args, 'memoir_remember', ['content', 'path', 'source', 'branch']);
      const content = text(args, 'memoir_remember', 'content', true);
      const path = text(args, 'memoir_remember', 'path');
      const branch = text(args, 'memoir_remember', 'branch');
      const source = text(args, 'memoir_remember', 'source') ?? 'mcp';
      await refuseDetachedWrite(await deps.context.memory(), branch, deps.context.env);
      const config = await deps.context.config();
      const policy = config.get('mcp.lowConfidence');
      const result = await runAdd(
        [content],
        { path, source, branch, commit: true, json: true, yes: policy === 'commit' },
        deps.context,
      );
      const held = result.held[0];
      if (held) {
        const best = held.candidates[0];
        return {
          status: 'held',
          key: best?.path ?? null,
          confidence: best?.confidence ?? null,
          commit: null,
          reviewId: held.id,
          candidates: held.candidates,
          reason: held.reason ?? 'low-confidence',
          message:
            held.reason === 'no-leaf-fits'
              ? 'not committed: no leaf fits this text (it holds no memory, or the classifier cannot read it), so it waits in the review queue; a person places it with "memoir review", or call again with a path'
              : `not committed: the classifier is only ${Math.round((best?.confidence ?? 0) * 100)}% sure, so the fact waits in the review queue (mcp.lowConfidence: hold); a person places it with "memoir review", or call again with a path`,
        };
      }
      const outcome = result.outcomes[0];
      if (outcome?.kind === 'duplicate') {
        return {
          status: 'duplicate',
          key: outcome.existing.path,
          id: outcome.existing.id,
          confidence: outcome.existing.confidence ?? null,
          commit: null,
          message: `already remembered at ${outcome.existing.path} (${outcome.existing.id})`,
        };
      }
      if (!outcome)
        throw new MemoirError('nothing-remembered', 'memoir_remember: the fact was not staged', {
          hint: 'run "memoir add" with the same text to see why',
        });
      return {
        status: 'committed',
        key: outcome.fact.path,
        id: outcome.fact.id,
        confidence: outcome.fact.confidence ?? null,
        commit: result.commit?.commit ?? null,
        branch: result.commit?.branch ?? null,
      };
    },
  },
  {
    name: 'memoir_capture',
    description:
      'At the end of a conversation: propose the facts it holds about the user and their projects (offline, sentence by sentence), ' +
      'screen them for secrets, classify them, and commit those the classifier is sure of (review.autoAccept); the rest wait in the ' +
      'review queue for a person. Give `messages` (chat messages {role, content, name?, timestamp?}) or `transcript` ("Name: text" lines). ' +
      'Returns {committed: [{id, path, text, turn}], held: [{reviewId, text, turn, candidates}], duplicates, refusedTurns, commit}.',
    inputSchema: {
      type: 'object',
      properties: {
        messages: {
          type: 'array',
          items: { type: 'object' },
          description: 'the conversation as chat messages: [{role: "user"|"assistant", content, name?, timestamp?}]',
        },
        transcript: {
          type: 'string',
          description:
            'the conversation as text: a transcript ("Name: text" lines, dated by header lines), an agent session JSONL, or a ChatGPT, Claude.ai or ShareGPT export',
        },
        speaker: { type: 'string', description: 'who the memory is about, where the messages do not name the user' },
        id: { type: 'string', description: "the conversation id recorded in each fact's source, capture:<id>#<turn>" },
        branch: {
          type: 'string',
          description:
            'commit to this branch without switching to it (created if missing); default: the current branch',
        },
        commit: { type: 'boolean', description: 'commit what is kept (default true); false stages it instead' },
      },
      additionalProperties: false,
    },
    annotations: {
      title: 'Capture a conversation',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    async run(args, deps) {
      known(args, 'memoir_capture', ['messages', 'transcript', 'speaker', 'id', 'branch', 'commit']);
      const transcript = text(args, 'memoir_capture', 'transcript');
      const messages = args.messages;
      if ((transcript === undefined) === (messages === undefined))
        throw new UsageError('invalid-argument', 'memoir_capture: give either messages or transcript', {
          hint: 'messages: [{role, content}], or transcript: "Name: text" lines',
        });
      if (messages !== undefined && !Array.isArray(messages))
        throw new UsageError('invalid-argument', 'memoir_capture: messages must be an array of {role, content}', {
          hint: 'e.g. [{"role": "user", "content": "I moved to Porto"}]',
        });
      const branch = text(args, 'memoir_capture', 'branch');
      const commit = flag(args, 'memoir_capture', 'commit') ?? true;
      if (commit) await refuseDetachedWrite(await deps.context.memory(), branch, deps.context.env);
      const result = await runCapture(
        {
          bytes: new TextEncoder().encode(transcript ?? JSON.stringify(messages)),
          name: transcript !== undefined ? 'the transcript' : 'the messages',
        },
        {
          speaker: text(args, 'memoir_capture', 'speaker'),
          id: text(args, 'memoir_capture', 'id'),
          branch: commit ? branch : undefined,
          commit,
          yes: true,
          json: true,
        },
        deps.context,
      );
      const turnOf = (source: string) => Number(source.slice(source.lastIndexOf('#') + 1));
      return {
        conversation: result.conversation,
        committed: result.outcomes.flatMap((o) =>
          o.kind === 'staged'
            ? [{ id: o.fact.id, path: o.fact.path, text: o.fact.text, turn: turnOf(o.fact.source) }]
            : [],
        ),
        held: result.held.map((h) => ({
          reviewId: h.id,
          text: h.text,
          turn: turnOf(h.source),
          candidates: h.candidates,
          reason: h.reason ?? 'low-confidence',
        })),
        duplicates: result.outcomes.flatMap((o) =>
          o.kind === 'duplicate' ? [{ text: o.fact.text, existing: factJson(o.existing) }] : [],
        ),
        refusedTurns: result.refusedTurns,
        commit: result.commit?.commit ?? null,
        branch: result.commit?.branch ?? null,
      };
    },
  },
  {
    name: 'memoir_recall',
    description:
      'Find the remembered facts most relevant to a question, best first (no model needed). Returns [{path, text, score, id, commit}].',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'the question, in any words, e.g. "which editor does the user prefer?"' },
        k: { type: 'integer', minimum: 1, maximum: 100, description: 'how many facts (default 5)' },
        path: {
          type: 'string',
          description: 'only facts under this taxonomy prefix, e.g. preferences or workflow.git',
        },
        minScore: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description:
            'only facts scoring at least this (0–1: how likely the fact answers); default: nothing when even the best fact is unlikely',
        },
      },
      required: ['query'],
      additionalProperties: false,
    },
    annotations: readOnly('Recall facts'),
    async run(args, { context }) {
      known(args, 'memoir_recall', ['query', 'k', 'path', 'minScore']);
      const query = text(args, 'memoir_recall', 'query', true);
      const k = count(args, 'memoir_recall', 'k', 1, 100);
      const minScore = fraction(args, 'memoir_recall', 'minScore', 0, 1);
      const result = await runRecall(
        query,
        {
          k: k === undefined ? undefined : String(k),
          path: text(args, 'memoir_recall', 'path'),
          minScore: minScore === undefined ? undefined : String(minScore),
        },
        context,
      );
      return recallRenderer.json(result);
    },
  },
  {
    name: 'memoir_get',
    description:
      'Read every current fact at one or more taxonomy leaves, with ids and provenance. Returns [{path, facts: [...]}].',
    inputSchema: {
      type: 'object',
      properties: {
        paths: {
          type: 'array',
          items: { type: 'string' },
          minItems: 1,
          description: 'taxonomy leaves, e.g. ["preferences.ui.theme"]',
        },
      },
      required: ['paths'],
      additionalProperties: false,
    },
    annotations: readOnly('Get facts at leaves'),
    async run(args, { context }) {
      known(args, 'memoir_get', ['paths']);
      const results = [];
      for (const path of texts(args, 'memoir_get', 'paths')) {
        const result = await runGet(path, {}, context);
        results.push({ path: result.leaf.path, facts: result.facts.map(factJson) });
      }
      return results;
    },
  },
  {
    name: 'memoir_ls',
    description: 'List the taxonomy leaves that hold facts, with how many each. Returns [{path, count, cardinality}].',
    inputSchema: {
      type: 'object',
      properties: { prefix: { type: 'string', description: 'only leaves under this prefix, e.g. project' } },
      additionalProperties: false,
    },
    annotations: readOnly('List leaves'),
    async run(args, { context }) {
      known(args, 'memoir_ls', ['prefix']);
      return lsRenderer.json((await runLs(text(args, 'memoir_ls', 'prefix'), {}, context)).entries);
    },
  },
  {
    name: 'memoir_log',
    description:
      'The commit history of memory, newest first; with a path, only the commits that changed facts under it; with a revision, that line of history or range (main..origin/main: what a fetch brought).',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'taxonomy prefix or leaf' },
        revision: {
          type: 'string',
          description: 'where to start (default HEAD): a branch, origin/main, HEAD~3, or a range A..B (on B, not on A)',
        },
        n: { type: 'integer', minimum: 1, maximum: 1000, description: 'at most this many commits (default 20)' },
        consolidation: {
          type: 'boolean',
          description:
            'true: only the repairs memoir consolidate committed (merged duplicates, moved or retired facts); false: only what was learnt',
        },
      },
      additionalProperties: false,
    },
    annotations: readOnly('Show history'),
    async run(args, { context }) {
      known(args, 'memoir_log', ['path', 'revision', 'n', 'consolidation']);
      const n = count(args, 'memoir_log', 'n', 1, 1000) ?? 20;
      const revision = text(args, 'memoir_log', 'revision');
      const path = text(args, 'memoir_log', 'path');
      const operands = [...(revision === undefined ? [] : [revision]), ...(path === undefined ? [] : [path])];
      return logRenderer(false).json(
        await runLog(
          operands,
          path === undefined ? 0 : 1,
          { maxCount: String(n), consolidation: flag(args, 'memoir_log', 'consolidation') },
          context,
        ),
      );
    },
  },
  {
    name: 'memoir_diff',
    description:
      'What changed in memory between two revisions, fact by fact: added, removed, modified (text edited, same id) or superseded (replaced by a new fact). Returns [{path, kind, old, new, id}].',
    inputSchema: {
      type: 'object',
      properties: {
        from: { type: 'string', description: 'the older revision: a commit id, a branch, HEAD~3' },
        to: { type: 'string', description: 'the newer revision (default HEAD)' },
        path: { type: 'string', description: 'only changes under this taxonomy prefix' },
      },
      required: ['from'],
      additionalProperties: false,
    },
    annotations: readOnly('Diff memory'),
    async run(args, { context }) {
      known(args, 'memoir_diff', ['from', 'to', 'path']);
      const from = text(args, 'memoir_diff', 'from', true);
      const to = text(args, 'memoir_diff', 'to') ?? 'HEAD';
      const path = text(args, 'memoir_diff', 'path');
      const result = await runDiff(
        path !== undefined ? [from, to, path] : [from, to],
        path !== undefined ? 1 : 0,
        context,
      );
      return diffRenderer('changes').json(result);
    },
  },
  {
    name: 'memoir_blame',
    description:
      'For each current fact under a path, the commit, author and classifier that put it there. Returns [{id, path, text, commit, author, date, ...}].',
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string', description: 'taxonomy leaf or prefix, e.g. preferences.ui.theme' } },
      required: ['path'],
      additionalProperties: false,
    },
    annotations: readOnly('Blame facts'),
    async run(args, { context }) {
      known(args, 'memoir_blame', ['path']);
      return blameRenderer.json(await runBlame(text(args, 'memoir_blame', 'path', true), {}, context));
    },
  },
  {
    name: 'memoir_branches',
    description: 'List the branches of memory, the current one marked. Returns [{name, commit, current, subject}].',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: readOnly('List branches'),
    async run(args, { context }) {
      known(args, 'memoir_branches', []);
      return branchesRenderer.json(await runListBranches(context, true));
    },
  },
  {
    name: 'memoir_checkout',
    description:
      'Switch the repository to another branch (create: true makes it from the current one first). Staged facts come along where they apply; ' +
      'the switch is refused when they would be lost, or while a merge is in progress. Returns {branch, commit, created, carried}.',
    inputSchema: {
      type: 'object',
      properties: {
        branch: { type: 'string', description: 'the branch to switch to, e.g. agent-2' },
        create: { type: 'boolean', description: 'create the branch from the current one first (like checkout -b)' },
      },
      required: ['branch'],
      additionalProperties: false,
    },
    annotations: {
      title: 'Switch branch',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    async run(args, { context }) {
      known(args, 'memoir_checkout', ['branch', 'create']);
      const branch = text(args, 'memoir_checkout', 'branch', true);
      const create = flag(args, 'memoir_checkout', 'create');
      // refs/heads/x names a commit, not the branch: checking it out would detach HEAD instead of switching
      if (qualifiedBranchName(branch)) checkBranchName(branch, 'branch');
      return checkoutJson(await runCheckout(create ? undefined : branch, create ? { b: branch } : {}, context));
    },
  },
  {
    name: 'memoir_remove',
    description:
      'Remove facts from the current memory: one fact by `id`, or every fact at a leaf by `path`, in a new commit (history keeps them: memoir_forget erases). Returns {removed, commit}.',
    inputSchema: {
      type: 'object',
      properties: {
        id: { type: 'string', description: 'a fact id (or 4+ leading digits of one)' },
        path: { type: 'string', description: 'a taxonomy leaf: forgets every fact there' },
      },
      additionalProperties: false,
    },
    annotations: {
      title: 'Remove facts',
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: false,
    },
    async run(args, deps) {
      known(args, 'memoir_remove', ['id', 'path']);
      const id = text(args, 'memoir_remove', 'id');
      const path = text(args, 'memoir_remove', 'path');
      if ((id === undefined) === (path === undefined))
        throw new UsageError('invalid-argument', 'memoir_remove: give exactly one of "id" and "path"', {
          hint: 'memoir_remove {"id": "3fa2c91b"} or {"path": "preferences.ui.theme"}',
        });
      const { removed, commit } = await runRemoveNow(
        id ?? path!,
        id ? `Forget fact ${id}` : `Forget everything at ${path}`,
        deps.context,
      );
      return { removed: removed.map((f) => ({ id: f.id, path: f.path, text: f.text })), commit: commit ?? null };
    },
  },
  {
    name: 'memoir_consolidate',
    description:
      'The repairs memory needs: facts said twice, facts filed at the wrong leaf, facts whose validity ended, two values of one thing, stale values. ' +
      'Lists them (each with its facts, whether a rule settles it, and why); with applySafe, commits only what a rule settles (the same text twice, an ended validity), ' +
      'a commit per kind marked consolidate(<kind>). The rest is for a person (memoir consolidate in a terminal). ' +
      'With a model configured, the model reads each leaf for duplicates and contradictions (foundBy says who found them). Returns {proposals, applied, commits, foundBy}.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'only facts under this taxonomy prefix' },
        applySafe: {
          type: 'boolean',
          description: 'commit what a rule settles (default false: only list)',
        },
        branch: {
          type: 'string',
          description: 'commit the repairs to this branch without switching to it (created if missing)',
        },
      },
      additionalProperties: false,
    },
    annotations: {
      title: 'Consolidate memory',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    async run(args, { context }) {
      known(args, 'memoir_consolidate', ['path', 'applySafe', 'branch']);
      const apply = flag(args, 'memoir_consolidate', 'applySafe') ?? false;
      return consolidateJson(
        await runConsolidate(
          {
            path: text(args, 'memoir_consolidate', 'path'),
            branch: text(args, 'memoir_consolidate', 'branch'),
            yes: apply,
            dryRun: !apply,
          },
          context,
        ),
      );
    },
  },
  {
    name: 'memoir_forget',
    description:
      'Erase facts from all of history (every commit, branch and reflog), as for a GDPR erasure request or a leaked secret: ' +
      'by fact `ids`; every text those facts ever had goes. This rewrites history and cannot be undone, so it runs only with ' +
      '`confirm: true`. Returns the receipt {id, at, by, reason, factIds, sha256, leaves, commitsRewritten, branches, refs, remotes}, ' +
      'which never holds a forgotten text.',
    inputSchema: {
      type: 'object',
      properties: {
        ids: {
          type: 'array',
          items: { type: 'string' },
          minItems: 1,
          description: 'the fact ids (or 4+ leading digits of each) to erase',
        },
        reason: { type: 'string', description: 'why, recorded in the receipt (a ticket id)' },
        confirm: { type: 'boolean', description: 'must be true: the erasure rewrites history for good' },
      },
      required: ['ids', 'confirm'],
      additionalProperties: false,
    },
    annotations: {
      title: 'Forget facts for good',
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: false,
    },
    async run(args, deps) {
      known(args, 'memoir_forget', ['ids', 'reason', 'confirm']);
      const ids = texts(args, 'memoir_forget', 'ids');
      if (flag(args, 'memoir_forget', 'confirm') !== true)
        throw new RefusedError(
          'confirmation-required',
          'memoir_forget rewrites history for good: "confirm": true is needed',
          {
            hint: 'ask the person first; then call again with "confirm": true',
          },
        );
      const result = await runForget(ids, { yes: true, reason: text(args, 'memoir_forget', 'reason') }, deps.context);
      return { ...result.receipt, remaining: result.remaining };
    },
  },
  {
    name: 'memoir_pull',
    description:
      "Sync from a remote: fetch, then merge the remote branch into the current one fact by fact (default: the branch's upstream). " +
      'Facts that arrive are screened for credentials and unknown leaves first. Conflicts are not settled here: the merge is left ' +
      'in progress for a person (memoir merge in a terminal), and the result lists them with status "conflicts". ' +
      'Returns {remote, remoteBranch, branch (the local branch merged into), status, commit, added, removed, conflicts}.',
    inputSchema: {
      type: 'object',
      properties: {
        remote: { type: 'string', description: "the remote, e.g. origin (default: the upstream's)" },
        branch: { type: 'string', description: "the remote's branch (default: the upstream's)" },
        ffOnly: { type: 'boolean', description: 'refuse unless it is a fast-forward' },
      },
      additionalProperties: false,
    },
    annotations: {
      title: 'Pull from a remote',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    async run(args, { context }) {
      known(args, 'memoir_pull', ['remote', 'branch', 'ffOnly']);
      const result = await runPull(
        text(args, 'memoir_pull', 'remote'),
        text(args, 'memoir_pull', 'branch'),
        { ffOnly: flag(args, 'memoir_pull', 'ffOnly') },
        context,
      );
      // `branch` is the local branch merged into, as merge has it; the remote's is `remoteBranch`
      return { ...outcomeJson(result.merge), remote: result.remote, remoteBranch: result.branch };
    },
  },
  {
    name: 'memoir_push',
    description:
      "Sync to a remote: send the current branch's new commits (default: to its upstream, else origin). A push that would drop " +
      'commits someone else pushed is refused (code push-rejected): call memoir_pull, then push again. ' +
      'Returns {remote, branches: [{branch, remoteBranch, kind, old, new}]}.',
    inputSchema: {
      type: 'object',
      properties: {
        remote: { type: 'string', description: 'the remote, e.g. origin' },
        branch: { type: 'string', description: 'the local branch to push (default: the current one)' },
        setUpstream: { type: 'boolean', description: 'record the remote branch as its upstream (like push -u)' },
      },
      additionalProperties: false,
    },
    annotations: {
      title: 'Push to a remote',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    async run(args, { context }) {
      known(args, 'memoir_push', ['remote', 'branch', 'setUpstream']);
      const result = await runPush(
        text(args, 'memoir_push', 'remote'),
        text(args, 'memoir_push', 'branch'),
        { setUpstream: flag(args, 'memoir_push', 'setUpstream') },
        context,
      );
      return pushRenderer.json(result);
    },
  },
];
