import { CONFLICT_KIND } from '../output/decision.js';
import {
  CAPTURE_EDIT_KEYS,
  CAPTURE_KEYS,
  CAPTURE_PATH_KEYS,
  CONFLICT_EDIT_KEYS,
  CONSOLIDATE_EDIT_KEYS,
  CONSOLIDATE_KEYS,
  CONSOLIDATE_PATH_KEYS,
  CONFLICT_KEYS,
  REVIEW_EDIT_KEYS,
  REVIEW_KEYS,
  type KeyDoc,
} from '../ui/keyTable.js';

/*
 * What the man pages say beyond the options: the interactive screens (their keys read from the
 * same tables as the screens' footers) and the rules of a merge. Plain text; manPages.ts turns
 * it into roff.
 */

export interface ManSection {
  title: string;
  paragraphs: string[];
  /** Terms and their text, after the paragraphs. */
  items: Array<[string, string]>;
}

/** `↑↓ j k` as a manual writes it, whatever the terminal renders. */
const keyNames = (keys: string) => keys.replace('↑↓', 'Up Down').replace(/ /g, ', ');

const keyItems = (table: Record<string, KeyDoc>, prefix = ''): Array<[string, string]> =>
  Object.values(table).map((k) => [keyNames(k.keys), prefix + k.detail]);

const REVIEW_SCREEN: ManSection = {
  title: 'REVIEW SCREEN',
  paragraphs: [
    "In a terminal (stdin and stdout are terminals, and neither --yes, --no-input nor CI is set), the facts that need a decision are shown one at a time, each with its suggested leaves: the confidence, the leaf's description and, for a leaf that holds one value, the value it would replace. The footer shows the keys.",
  ],
  items: [...keyItems(REVIEW_KEYS), ...keyItems(REVIEW_EDIT_KEYS, 'while typing a path: ')],
};

const CONFLICT_SCREEN: ManSection = {
  title: 'CONFLICT SCREEN',
  paragraphs: [
    'In a terminal, a merge that meets conflicts lists them and shows the focused one as it was at the merge base, on our side and on theirs, with who changed each side and when. Decisions are saved as they are made. The footer shows the keys.',
  ],
  items: [...keyItems(CONFLICT_KEYS), ...keyItems(CONFLICT_EDIT_KEYS, 'while editing: ')],
};

const CAPTURE_SCREEN: ManSection = {
  title: 'CAPTURE SCREEN',
  paragraphs: [
    'In a terminal, the facts proposed from the conversation are listed, each with where it stands: pending, accepted at a leaf, rejected or later. The focused one shows the turn it came from (its number, speaker and date, the text shortened) and the suggested leaves with their confidence and, for a leaf that holds one value, the value it would replace. How a fact is recorded as filed: "accepted" at the top suggestion, "picked" at another one, "edited" at a leaf typed that is none of the suggestions. The screen finishes once every fact has a decision; facts still pending when it finishes go to the review queue. The footer shows the keys.',
  ],
  items: [
    ...keyItems(CAPTURE_KEYS),
    ...keyItems(CAPTURE_EDIT_KEYS, 'while editing the text: '),
    ...keyItems(CAPTURE_PATH_KEYS, 'while typing a path: '),
  ],
};

const CONSOLIDATE_SCREEN: ManSection = {
  title: 'CONSOLIDATION SCREEN',
  paragraphs: [
    'In a terminal (stdin and stdout are terminals, and neither --yes, --dry-run, --no-input nor CI is set), the proposals are shown one at a time: how many there are and where each stands (pending, accepted, rejected or later), the kind, the leaf, the reason, and the facts with their ids, sources and the day they were recorded. A dedupe shows the fact that stays and those removed, a refile the leaf the fact moves to, a contradiction its two facts numbered 1 and 2; "safe" marks a proposal a rule settles, the only ones --yes applies. A stale value is a flag: it is rejected (it still holds) or left for later, never applied. The screen finishes once every proposal has a decision; what was accepted is then applied, a commit per kind of repair, and what is still pending is left for the next run. The footer shows the keys.',
  ],
  items: [
    ...keyItems(CONSOLIDATE_KEYS),
    ...keyItems(CONSOLIDATE_EDIT_KEYS, 'while editing the text: '),
    ...keyItems(CONSOLIDATE_PATH_KEYS, 'while typing a leaf: '),
  ],
};

const MERGE_RULES: ManSection = {
  title: 'MERGE RULES',
  paragraphs: [
    'A merge compares facts, not lines: each leaf is merged from the merge base to each side. A fact added on either side is kept; a fact removed on one side and untouched on the other is removed; the same fact added on both sides is kept once (near-identical texts at a leaf that holds many values are folded into ours, and the merge commit says so). A fast-forward needs no merge commit unless --no-ff is given.',
    'Anything else is a conflict, of one of these kinds:',
  ],
  items: [
    ...Object.entries(CONFLICT_KIND).map(([kind, text]): [string, string] => [kind, text]),
    [
      'settling',
      'in a terminal, the conflict screen; otherwise the merge is recorded (nothing is written to the branch, exit 3): settle each conflict with "memoir resolve <id> --ours|--theirs|--both|--text", then "memoir merge --continue" (or "memoir commit"), or give up with "memoir merge --abort". --strategy ours|theirs|union settles every conflict at once; --strategy fail refuses the merge instead.',
    ],
  ],
};

const POLICY_FILE: ManSection = {
  title: 'THE POLICY FILE',
  paragraphs: [
    'policy.yaml sits at the root of the memory tree, versioned like the facts. It holds "rules:", a list; each rule has a "name" (lower-case letters, digits and dashes: refusals and overrides use it), may say "overridable: true", and has exactly one of the keys below. Prefixes are taxonomy prefixes (health, health.conditions, health.*); branches are globs (main, release/*). Every commit is checked against the policy of the tree it lands on; a rule broken is a refusal naming it (exit 4). --override-policy --reason "..." passes overridable rules and records "Memoir-Policy-Override: rule: reason" in the commit.',
  ],
  items: [
    [
      'protect: {branches}',
      'commits reach these branches by merge only; reset --hard backwards and branch -d are refused; forget rewrites them only with --override-policy --reason.',
    ],
    [
      'review: {paths, minConfidence?, branches?}',
      'facts under these prefixes are filed by a person (--path, or review), never by a classifier alone; a minConfidence below 1 lets a classifier at least that sure through.',
    ],
    [
      'deny: {paths?, patterns?, branches?}',
      'no facts under these prefixes, and none whose text matches one of these regular expressions (case-insensitive), on the branches named (all when none).',
    ],
    [
      'limits: {maxFactsPerLeaf?, maxFactLength?, maxFactsPerCommit?, paths?, branches?}',
      'at most this many facts a leaf, characters a fact, facts a commit.',
    ],
    [
      'retention: {paths, after}',
      'facts under these prefixes expire after a duration (30d, 12w, 6m, 1y) since they were recorded: memoir status counts them, memoir gc --expired removes them.',
    ],
    [
      'signing: {branches, allowedSigners}',
      'commits on these branches are signed (-S, commit.sign) by a key the allowed-signers file at that path of the tree lists; a merge or pull that brings in other commits moves no ref. policy set commits the file from beside policy.yaml.',
    ],
  ],
};

/** The extra sections of a command's man page, by command name. */
export const MAN_SECTIONS: Readonly<Record<string, readonly ManSection[]>> = {
  add: [REVIEW_SCREEN],
  review: [REVIEW_SCREEN],
  merge: [MERGE_RULES, CONFLICT_SCREEN],
  capture: [CAPTURE_SCREEN],
  consolidate: [CONSOLIDATE_SCREEN],
  policy: [POLICY_FILE],
};
