/*
 * memoir as a library: the public types. This file is shipped as it is, as dist/memoir.d.ts (the
 * build copies it), so it holds declarations only and imports nothing. The JSON the CLI prints
 * with --json is typed here too: the renderers in src/output/ return these types, so the
 * compiler holds the CLI's --json, the MCP server's answers and the library's results to one
 * definition. docs/library.md is generated from it (scripts/gen-library-docs.mjs).
 */

/** A fact as memoir stores it: its text, the leaf it is filed at, and where it came from. */
export interface Fact {
  /** The fact's id: 10 hexadecimal digits, stable across edits of its leaf. */
  id: string;
  /** The taxonomy leaf, e.g. `preferences.ui.theme`. */
  path: string;
  /** The fact, one statement, as it was remembered. */
  text: string;
  /** When it was recorded (ISO 8601). */
  recordedAt: string;
  /** Where it came from: `cli`, `mcp`, `library`, `file:facts.jsonl`, `capture:<conversation>#<turn>`. */
  source: string;
  /** What placed it: `offline`, `openai:<model>`, `user` (a path was given). */
  classifier: string;
  /** How sure the classifier was (0–1); null when a person or a path placed it. */
  confidence: number | null;
  /** How the placement was settled: by the threshold (`auto`), `--yes`, or a person in review; null when a path was given. */
  confirmed: 'auto' | 'yes' | 'accepted' | 'picked' | 'edited' | null;
  /** The id of the fact this one replaced at a leaf that holds one value. */
  supersedesId: string | null;
  /** From when the fact holds (ISO 8601), where it was said. */
  validFrom: string | null;
  /** Until when the fact holds (ISO 8601): after it, recall and context leave it out. */
  validUntil: string | null;
  /** The date the fact tells of (`2023-05-07`), resolved when it was added. */
  when: string | null;
  /** Fields memoir does not know, kept as they were written. */
  extra?: Record<string, string>;
}

/** A leaf the classifier proposes for a text, with its confidence (0–1). */
export interface Candidate {
  path: string;
  confidence: number;
}

/** A fact waiting in the review queue for a person (`memoir review`). */
export interface HeldFact {
  /** The fact's id in the review queue (`memoir review` shows it). */
  id: string;
  text: string;
  /** Where it came from, as Fact.source. */
  source: string;
  /** What classified it, as Fact.classifier. */
  classifier: string;
  /** The leaves proposed for it, best first. */
  candidates: Candidate[];
  /** Why it waits: the classifier was unsure, no leaf fits, or a person skipped it. */
  reason: 'low-confidence' | 'no-leaf-fits' | 'skipped';
}

/** One fact changed between two commits (`diff --json`). */
export interface FactChange {
  path: string;
  /** `modified`: edited in place (same id); `superseded`: replaced by a new fact at a leaf that holds one value. */
  kind: 'added' | 'removed' | 'modified' | 'superseded';
  /** The text before, null when it was added. */
  old: string | null;
  /** The text after, null when it was removed. */
  new: string | null;
  id: string;
}

/** A commit that added facts (`add --commit --json`, `commit --json`). */
export interface CommitReport {
  /** The new commit's id; null on a dry run. */
  commit: string | null;
  branch: string | null;
  subject: string;
  dryRun: boolean;
  /** Every commit written, oldest first: more than one when the batch gave a one-value leaf several values. */
  commits: string[];
  /** Values replaced within the batch itself: each with the id of the fact (`by`) that replaced it. */
  supersededInBatch: Array<{ id: string; text: string; path: string; by: string }>;
  added: Array<Fact & { supersedes: Fact[] }>;
  removed: Fact[];
  changes: FactChange[];
}

/** What `remember` (and `add --json`) did with the facts it was given. */
export interface RememberResult {
  /** Facts staged, or committed when `commit` was asked for. */
  staged: Array<Fact & { replacesStaged: Fact | null }>;
  /** Facts already remembered: nothing was added for them. */
  duplicates: Array<{ text: string; path: string; existing: Fact; where: 'committed' | 'staged' }>;
  /** Facts refused: a secret (never repeated here), or an unreadable line. */
  rejected: Array<{ line: number | null; kind: string; message: string; hint: string | null; text: string | null }>;
  /** Facts the classifier was unsure of: in the review queue, not committed. */
  held: HeldFact[];
  /** Review-queue ids of the held facts a person skipped on the review screen (never, from the library). */
  skipped: string[];
  /** Values replaced within the batch itself: each with the id of the fact (`by`) that replaced it. */
  supersededInBatch: Array<{ id: string; text: string; path: string; by: string }>;
  /** The commit, when one was made. */
  commit: CommitReport | null;
  dryRun: boolean;
  /** Leaves a model answered outside the taxonomy (dropped). */
  invented: Array<{ text: string; paths: string[] }>;
}

/** What `capture` (and `capture --json`) proposed from a conversation, and what became of it. */
export interface CaptureResult extends RememberResult {
  /** The conversation as read: its id (in each fact's source), its shape, how many turns, who spoke. */
  conversation: { id: string; shape: 'transcript' | 'chat' | 'agent'; turns: number; speakers: string[] };
  /** Every proposal, in order; `source` is `capture:<conversation id>#<turn>`. */
  proposals: Array<{ text: string; turn: number; source: string }>;
  /** Turns that held a secret: no fact came from them, and their text is not repeated. */
  refusedTurns: Array<{ turn: number; speaker: string; found: string }>;
  /** Sentences no leaf fits (chit-chat): not proposed. */
  setAside: number;
  /** What proposed the facts, and what of a model's answer was dropped (counts only). */
  extraction: {
    /** `offline`, or `openai:<model>`. */
    extractor: string;
    /** Chunks of turns sent to the model (0 offline). */
    chunks: number;
    /** Chunks answered from the cache. */
    cached: number;
    /** Chunks the offline rules extracted because the model could not. */
    fellBack: number;
    /** Facts the model returned and memoir dropped: not a person's turn, unusable text, a secret. */
    dropped: { turn: number; text: number; secret: number };
    /** Leaves the model named outside the taxonomy. */
    invented: number;
  };
  /** Proposals a person rejected on the capture screen (never, from the library). */
  dismissed: number;
}

/** One recalled fact, best first (`recall --json`). */
export interface RecallHit {
  path: string;
  text: string;
  /** How likely the fact answers the question (0–1). */
  score: number;
  id: string;
  /** The commit that last wrote the fact's leaf, or null if it is only staged. */
  commit: string | null;
  recordedAt: string | null;
  when: string | null;
  /** The fact that replaced this one, when it is an older value read with `at`. */
  supersededBy?: string;
}

/** The facts to put before a model, by category (`context --json`), and the same as Markdown. */
export interface ContextResult {
  /** The block as Markdown, within `maxChars`: what `memoir context` prints. */
  markdown: string;
  categories: Array<{
    category: string;
    facts: Array<{ path: string; text: string; id: string; recordedAt: string }>;
  }>;
  /** Facts left out to fit the budget, by category. */
  omitted: { count: number; byCategory: Record<string, number> };
  /** The commit the memory was read from; null on a branch with no commits. */
  commit: string | null;
}

/** A commit in the log (`log --json`). */
export interface Commit {
  id: string;
  /** The whole message: the subject, then the body and memoir's trailers. */
  message: string;
  author: { name: string; email: string };
  /** ISO 8601 in the author's offset. */
  date: string;
  parents: string[];
  /** With `--show-signature`: the SSH signature checked (good, bad, unknown key, none). */
  signature?: { status: string; key: string | null; principals: string[] } | null;
  /** With `--stat`: counts per leaf. */
  stat?: Array<{ path: string; added: number; removed: number; modified: number; superseded: number }>;
  /** With `--patch`: the facts changed. */
  changes?: FactChange[];
}

/** A fact with the commit that last wrote it (`blame --json`). */
export interface BlameEntry extends Fact {
  commit: string;
  author: { name: string; email: string };
  date: string;
  /** The commit's subject. */
  message: string;
}

/** A branch (`branch --json`). */
export interface Branch {
  name: string;
  /** A remote-tracking branch (`origin/main`). */
  remote?: true;
  commit: string;
  current: boolean;
  subject: string;
  /** The branch it follows, and how far apart they are; `gone` when the remote branch was deleted. */
  upstream:
    | null
    | { name: string; remote: string; branch: string; ahead: number; behind: number }
    | { name: string; remote: string; branch: string; gone: true };
}

/** A branch created, deleted or renamed (`branch NAME --json`). */
export type BranchChange =
  | { action: 'created'; name: string; commit: string }
  | { action: 'deleted'; name: string; commit: string; merged: boolean }
  | { action: 'renamed'; name: string; from: string; commit: string };

/** A leaf that holds facts (`ls --json`). */
export interface LeafCount {
  path: string;
  count: number;
  cardinality: 'one' | 'many';
}

/** A fact both sides changed differently: a merge stops on it until it is resolved. */
export interface MergeConflict {
  id: string;
  path: string;
  /** `value`: two values at a one-value leaf; `edit`: the same fact edited twice; `edit-remove`: edited on one side, removed on the other. */
  kind: 'value' | 'edit' | 'edit-remove';
  cardinality: 'one' | 'many';
  base: string | null;
  ours: string | null;
  theirs: string | null;
  facts: { base: Fact | null; ours: Fact | null; theirs: Fact | null };
  changed: {
    ours: { name: string; email: string; date: string } | null;
    theirs: { name: string; email: string; date: string } | null;
  };
  /** How it was decided, during a merge being resolved; null until then. */
  decision: { kind: 'ours' } | { kind: 'theirs' } | { kind: 'both' } | { kind: 'text'; text: string } | null;
}

/** What a merge did (`merge --json`): merged, fast-forwarded, already up to date, or stopped on conflicts. */
export interface MergeResult {
  status: 'up-to-date' | 'fast-forward' | 'merged' | 'conflicts';
  /** The branch merged into. */
  branch: string | null;
  /** The merge commit (or the commit fast-forwarded to); null when it stopped on conflicts. */
  commit: string | null;
  /** The commit merged in. */
  theirs: string;
  /** The merge bases: the common ancestors the three-way merge compared against. */
  bases: string[];
  added: Fact[];
  removed: Fact[];
  modified: Array<{ old: Fact; new: Fact }>;
  changes: FactChange[];
  conflicts: MergeConflict[];
  /** Facts both sides added in different words, kept once. */
  folded: Array<{ path: string; kept: Fact; dropped: Fact }>;
  /** Facts taken though they failed the incoming screen (allowInvalid): where, never the text. */
  accepted: Array<{ commit: string; path: string; factId: string; kind: string }>;
}

/** What `forget` erased from all of history, and its receipt (`forget --json`). */
export interface ForgetResult {
  dryRun: boolean;
  /** What it erases and moves; never a forgotten text. */
  plan: {
    facts: Array<{ id: string; leaf: string }>;
    /** How many distinct texts are forgotten. */
    texts: number;
    leaves: string[];
    commits: { rewritten: number; dropped: number };
    refs: Array<{ ref: string; old: string; new: string }>;
    branches: string[];
    /** Remotes whose tracking branches move: their own branches still hold the old commits. */
    remotes: string[];
    /** Facts that stay but quote a forgotten text inside their own. */
    quoted: Array<{ id: string; leaf: string }>;
  };
  /** The receipt kept in the forget log; null on a dry run. */
  receipt: null | {
    id: string;
    at: string;
    by: string;
    reason: string | null;
    factIds: string[];
    /** The SHA-256 of each forgotten text: proof of what was erased without keeping it. */
    sha256: string[];
    leaves: string[];
    commitsRewritten: Array<{ old: string; new: string; dropped?: true }>;
    branches: string[];
    refs: Array<{ ref: string; old: string; new: string }>;
    remotes: string[];
    /** The protect rules of policy.yaml passed (with the reason). */
    overrides?: string[];
  };
  /** Files under .memoir that still hold a forgotten text (not memoir's to rewrite). */
  remaining: string[];
}

/** A repair `consolidate` proposes (`consolidate --json`); `safe` ones a rule settles. */
export type ConsolidateProposal = { id: string; safe: boolean; reason: string } & (
  | { kind: 'dedupe'; keep: Fact; drop: Fact[]; score: number }
  | { kind: 'refile'; fact: Fact; to: string; confidence: number }
  | { kind: 'retire'; fact: Fact }
  | { kind: 'contradiction'; facts: Fact[] }
  | { kind: 'stale'; fact: Fact; ageDays: number }
);

/** What `consolidate` found and what it applied (`consolidate --json`). */
export interface ConsolidateResult {
  proposals: ConsolidateProposal[];
  /** Proposals a person rejected before, not listed (`all` lists them). */
  hidden: number;
  /** Proposals a person rejected in this run: recorded, not proposed again. */
  rejected: string[];
  /** The ids of the proposals applied. */
  applied: string[];
  /** Proposals decided but not applied: their facts changed meanwhile. */
  outdated: string[];
  /** Merges reworded into text the secret guard refuses: what was found, never the text. */
  refused: Array<{ id: string; found: string }>;
  /** A commit per kind of repair: `consolidate(dedupe|refile|retire): …`. */
  commits: Array<{ kind: 'dedupe' | 'refile' | 'retire'; commit?: string; subject: string }>;
  /** The commit the memory was read from. */
  head: string | null;
  dryRun: boolean;
  decidedBy: 'person' | 'rules' | 'nobody';
  /** Who found the duplicates and contradictions: `rules` (offline), or the model that read the leaves (`openai:<model>`). */
  foundBy: string;
}

/** A chat message, as OpenAI's chat completions take it. */
export interface ChatMessage {
  /** `user`, `assistant`, `system` or `tool`: the user's turns are where facts come from. */
  role: string;
  /** The text, or parts of which the text ones are read. */
  content: string | null | Array<{ type: string; text?: string }>;
  /** The speaker's name, where the role does not say who the user is. */
  name?: string;
  /** When it was said (ISO 8601): dates in it ("yesterday") are resolved from it. */
  timestamp?: string;
}

/** How to open a memory: where it is, the environment its configuration is read from, where warnings go. */
export interface OpenMemoryOptions {
  /** A folder holding `.memoir`, or below one: found upward, as the CLI does (default: the current directory). */
  dir?: string;
  /** The repository itself (a `.memoir` folder), as `--memoir-dir` names it. */
  memoirDir?: string;
  /** Where none is found, create one as `memoir init` does: `.memoir` in `dir` (or at `memoirDir`). */
  create?: boolean;
  /** The environment read for configuration (default: `process.env`). */
  env?: Record<string, string | undefined>;
  /** Receives what memoir would warn of (a configuration ignored, a damaged file skipped); default: written to stderr. */
  onWarning?: (message: string) => void;
}

/** Where and how `remember` files a fact. */
export interface RememberOptions {
  /** The leaf to file it at; omitted, the classifier places it. */
  path?: string;
  /** Commit to this branch without switching to it (created if missing). */
  branch?: string;
  /** Commit at once (default true); false stages it, as `memoir add` does. */
  commit?: boolean;
  /** Recorded as the fact's source (default `library`). */
  source?: string;
  /** The commit message (default: memoir's, naming the leaf and the fact). */
  message?: string;
}

/** How many facts `recall` returns, from where, as of when. */
export interface RecallOptions {
  /** How many facts (default 5). */
  k?: number;
  /** Only facts under this taxonomy prefix. */
  path?: string;
  /** Recall as the memory was at a date or revision (`2026-01-01`, `HEAD~3`). */
  at?: string;
  /** Only facts scoring at least this (0–1). */
  minScore?: number;
}

/** What `context` puts in its block, and its budget. */
export interface ContextOptions {
  /** The facts most relevant to this question; omitted: every current fact, newest first. */
  query?: string;
  /** The most characters the Markdown may take. */
  maxChars?: number;
  /** With a query: how many facts (default 20). */
  k?: number;
  /** Only facts under these taxonomy prefixes. */
  path?: string[];
}

/** Who a conversation is about, its id and date, and what becomes of its facts. */
export interface CaptureOptions {
  /** Who the memory is about, where the messages do not name the user. */
  speaker?: string;
  /** The conversation's id in each fact's source (default: a hash of the conversation). */
  id?: string;
  /** The conversation's date, where it has none. */
  at?: string;
  /** Commit to this branch without switching to it. */
  branch?: string;
  /**
   * `auto` (default): commit the facts the classifier is sure of (review.autoAccept) and hold
   * the rest for review; `review`: hold every fact for a person (`memoir review`).
   */
  mode?: 'auto' | 'review';
  /** Commit at once (default true); false stages what `auto` accepts. */
  commit?: boolean;
}

/** Which commits `log` lists. */
export interface LogOptions {
  /** Only commits that changed facts under this prefix. */
  path?: string;
  /** How many commits (default: all). */
  maxCount?: number;
  /** A revision or range: `main`, `HEAD~3`, `main..feature`. */
  revision?: string;
  /** true: only the repairs `memoir consolidate` committed; false: leave them out (default: every commit). */
  consolidation?: boolean;
}

/** The merge commit's message, and how conflicts are settled. */
export interface MergeOptions {
  /** The merge commit's message (default: git's "Merge branch …"). */
  message?: string;
  /** How conflicts are settled: `ours`, `theirs`, `union` (keep both at leaves that hold many), or `fail` (default: stop on them). */
  strategy?: 'ours' | 'theirs' | 'union' | 'fail';
}

/** Where `consolidate` looks, and whether it applies what a rule settles. */
export interface ConsolidateOptions {
  /** Only facts under this taxonomy prefix. */
  path?: string;
  /** Apply the safe proposals (the same text twice, an ended validity), as `consolidate --yes`; default: only list. */
  applySafe?: boolean;
  /** Commit the repairs to this branch without switching to it. */
  branch?: string;
  /** List the proposals a person rejected before too. */
  all?: boolean;
  /** With a model configured: false keeps to the offline rules and classifier, nothing sent (`consolidate --no-model`). */
  model?: boolean;
}

/** Why facts are forgotten, or only what would be. */
export interface ForgetOptions {
  /** Kept in the forget log with the receipt. */
  reason?: string;
  /** Show the plan; erase nothing. */
  dryRun?: boolean;
}

/** A memory repository, opened by `openMemory`. Calls run one at a time, in the order they were made. */
export interface Memory {
  /** The repository's folder (the `.memoir` directory). */
  readonly gitdir: string;
  /**
   * Screens one fact, files it (at `path`, or where the classifier places it) and commits it, or
   * stages it with `commit: false`. A fact the classifier is unsure of waits in the review queue
   * (`held`). A credential is refused with a MemoirError (`secret-detected`) and never written,
   * nor repeated in the error.
   */
  remember(text: string, options?: RememberOptions): Promise<RememberResult>;
  /** The facts most relevant to a question, best first; no model is needed. */
  recall(question: string, options?: RecallOptions): Promise<RecallHit[]>;
  /** A block of facts to put before a model, within a budget of characters. */
  context(options?: ContextOptions): Promise<ContextResult>;
  /** Proposes facts from a conversation and commits or holds them, as {@link CaptureOptions.mode} says. */
  capture(conversation: ChatMessage[] | string, options?: CaptureOptions): Promise<CaptureResult>;
  /** The facts at a leaf. */
  get(path: string): Promise<Fact[]>;
  /** The leaves that hold facts, with how many each. */
  ls(prefix?: string): Promise<LeafCount[]>;
  /** Commits, newest first. */
  log(options?: LogOptions): Promise<Commit[]>;
  /** Facts changed between two revisions (default: the last commit and the staged facts). */
  diff(from?: string, to?: string, options?: { path?: string }): Promise<FactChange[]>;
  /** Each fact under a prefix with the commit that last wrote it. */
  blame(path: string): Promise<BlameEntry[]>;
  /** The branches. */
  branches(): Promise<Branch[]>;
  /** Creates a branch at the current commit, or at `startPoint`. */
  branch(name: string, startPoint?: string): Promise<BranchChange>;
  /** Merges a branch into the current one, fact by fact. */
  merge(branch: string, options?: MergeOptions): Promise<MergeResult>;
  /** The repairs memory needs (duplicates, ended facts, misfiled facts, contradictions), listed or, the safe ones, applied. */
  consolidate(options?: ConsolidateOptions): Promise<ConsolidateResult>;
  /** Erases facts (by id) from all of history, with a receipt. */
  forget(ids: string[], options?: ForgetOptions): Promise<ForgetResult>;
  /** Waits for the work still running (captures `withMemory` started in the background). */
  close(): Promise<void>;
}

/** What `withMemory` needs of an OpenAI client: `chat.completions.create`. */
export interface ChatClient {
  /** The chat completions API, whose `create` is wrapped. */
  chat: { completions: { create(body: never, options?: never): unknown } };
}

export interface WithMemoryOptions {
  /** The memory: an opened one, a promise of one (a rejected promise is an error passed to onError), or none. */
  memory: Memory | Promise<Memory> | undefined | null;
  /** Where captured facts are committed (default: the current branch). */
  branch?: string;
  /** What is put before each call: how many facts, within how many characters, how long to wait. */
  recall?: { k?: number; maxChars?: number; timeoutMs?: number };
  /** After each call: `off`, `review` (facts go to the review queue), `auto` (default: committed when the classifier is sure). */
  capture?: 'off' | 'review' | 'auto';
  /** Called with every memory error; the call goes on without memory (default: a warning on stderr). */
  onError?: (error: unknown) => void;
}

/**
 * Every error memoir throws on purpose: the error code the CLI prints under --json, a
 * message naming the problem, a hint saying what to do, and the exit code the CLI would end with.
 */
export declare class MemoirError extends Error {
  /** A stable code, e.g. `not-a-repository`, `unknown-path`, `secret-detected`, `lock-timeout`. */
  readonly code: string;
  readonly exitCode: number;
  readonly hint?: string;
  /** Details for programs (the suggestions of an unknown path, the lines of a refused batch). */
  readonly data?: unknown;
  /** `{code, message, hint?, data?}`, as the CLI prints an error under --json. */
  toJSON(): Record<string, unknown>;
}

/** Passed to `onError` when memory took longer than `recall.timeoutMs`: the call was made without it. */
export declare class MemoryTimeoutError extends Error {}

/** Opens the memory repository found from `dir` (upward), or named by `memoirDir`. */
export declare function openMemory(options?: OpenMemoryOptions): Promise<Memory>;

/**
 * Returns the client with memory around `chat.completions.create` (streamed or not): before the
 * call, the facts relevant to the last user message go into a system message after the
 * application's own; after it, the user's turn and the reply are captured (in the background:
 * `memory.close()` waits for them). It fails open: whatever happens to memory, the call is made,
 * and the error goes to `onError`. The wrapped `create` returns a plain promise of the same
 * result (the SDK's `.withResponse()` is not on it); a stream is captured once it has been read
 * to its end.
 */
export declare function withMemory<C extends ChatClient>(client: C, options: WithMemoryOptions): C;
