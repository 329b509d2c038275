/*
 * The keys of the interactive screens, in one table each: the screens' footers show them
 * (`keys` and `action`), and the man pages describe them (`detail`, see docs/screens.ts), so
 * the manual cannot drift from the screen. Data only: no Ink here.
 */

export interface KeyHint {
  /** The keys as written on the keyboard: "↑↓ j k", "enter", "1-3". */
  keys: string;
  /** The footer's word for what they do. */
  action: string;
}

export interface KeyDoc extends KeyHint {
  /** What the manual says they do. */
  detail: string;
}

/** The review screen (add without --path in a terminal, review): one fact at a time, its suggestions. */
export const REVIEW_KEYS = {
  move: { keys: '↑↓ j k', action: 'move', detail: 'move between the suggestions' },
  accept: { keys: 'enter', action: 'accept', detail: 'file the fact at the highlighted leaf' },
  pick: { keys: '1-9', action: 'pick', detail: 'file the fact at the suggestion with that number' },
  edit: { keys: 'e', action: 'edit path', detail: 'type the leaf path yourself (below)' },
  later: {
    keys: 's',
    action: 'decide later',
    detail: 'leave the fact in the review queue for "memoir review" (add then exits 3)',
  },
  abort: {
    keys: 'q esc',
    action: 'abort',
    detail: 'stop: add stages nothing, review leaves the queue unchanged (exit 130)',
  },
} satisfies Record<string, KeyDoc>;

/** The review screen while a leaf path is typed. */
export const REVIEW_EDIT_KEYS = {
  choose: { keys: '↑↓', action: 'choose', detail: 'choose among the leaves that match what is typed' },
  complete: { keys: 'tab', action: 'complete', detail: 'complete the path as far as the matches agree' },
  confirm: { keys: 'enter', action: 'confirm', detail: 'file the fact at the path (it must be a leaf)' },
  back: { keys: 'esc', action: 'back to suggestions', detail: 'back to the suggestions' },
  clear: { keys: 'ctrl-u', action: 'clear', detail: 'clear what is typed' },
  abort: { keys: 'ctrl-c', action: 'abort', detail: 'stop, as q does' },
} satisfies Record<string, KeyDoc>;

/** The conflict screen (merge in a terminal): the conflicts listed, the focused one's three sides. */
export const CONFLICT_KEYS = {
  ours: { keys: 'o', action: 'keep ours', detail: 'keep the fact as it is on the current branch' },
  theirs: { keys: 't', action: 'take theirs', detail: 'take the fact as it is on the branch merged in' },
  both: { keys: 'b', action: 'keep both', detail: 'keep both facts (only at a leaf that holds many values)' },
  edit: { keys: 'e', action: 'edit text', detail: 'write the fact as it should be (below)' },
  move: { keys: '↑↓ j k', action: 'move', detail: 'move between the conflicts' },
  write: {
    keys: 'enter',
    action: 'write merge',
    detail: 'write the merge commit, once every conflict has a decision',
  },
  leave: {
    keys: 'q esc',
    action: 'leave (saved)',
    detail:
      'leave with the decisions saved: the merge stays in progress (exit 3); "memoir resolve" settles the rest, "memoir merge --continue" writes it',
  },
} satisfies Record<string, KeyDoc>;

/** The conflict screen while a fact's text is edited. */
export const CONFLICT_EDIT_KEYS = {
  use: { keys: 'enter', action: 'use this text', detail: 'settle the conflict with the text typed' },
  clear: { keys: 'ctrl-u', action: 'clear', detail: 'clear the text' },
  cancel: { keys: 'esc', action: 'cancel edit', detail: 'back to the conflict, its decision unchanged' },
  leave: { keys: 'ctrl-c', action: 'leave (saved)', detail: 'leave with the decisions saved, as q does' },
} satisfies Record<string, KeyDoc>;

/** The capture screen (capture in a terminal): the proposed facts listed, the focused one's turn and suggestions. */
export const CAPTURE_KEYS = {
  move: { keys: '↑↓ j k', action: 'move', detail: 'move between the proposed facts' },
  accept: {
    keys: 'enter a',
    action: 'accept',
    detail: 'file the focused fact at its highlighted suggestion, then go to the next pending one',
  },
  pick: { keys: '1-9', action: 'pick', detail: 'file the focused fact at the suggestion with that number' },
  next: { keys: 'tab', action: 'next suggestion', detail: 'highlight the next suggestion' },
  path: {
    keys: 'p',
    action: 'type leaf',
    detail: 'type the leaf path yourself (below); the only way to file a fact with no suggestion',
  },
  edit: {
    keys: 'e',
    action: 'edit text',
    detail: 'reword the fact (below); rewording decides nothing, and what is filed is the text as edited',
  },
  reject: { keys: 'x', action: 'reject', detail: 'drop the fact: nothing is stored' },
  later: { keys: 's', action: 'later', detail: 'leave the fact in the review queue for "memoir review"' },
  all: {
    keys: 'A',
    action: 'accept all',
    detail: 'file every pending fact at its top suggestion (one without a suggestion stays pending)',
  },
  undo: {
    keys: 'u',
    action: 'undo',
    detail: 'make the focused fact pending again; on a pending one, bring back the proposed text',
  },
  finish: {
    keys: 'q esc',
    action: 'finish (pending: later)',
    detail:
      'finish: every fact still pending is left for "memoir review", none is lost. The screen also finishes by itself once every fact has a decision',
  },
} satisfies Record<string, KeyDoc>;

/** The capture screen while a fact's text is edited. */
export const CAPTURE_EDIT_KEYS = {
  use: { keys: 'enter', action: 'use this text', detail: 'use the text typed for the fact' },
  clear: { keys: 'ctrl-u', action: 'clear', detail: 'clear the text' },
  cancel: { keys: 'esc', action: 'cancel edit', detail: 'back to the list, the text as it was' },
  finish: { keys: 'ctrl-c', action: 'finish', detail: 'finish as q does; the text typed is dropped' },
} satisfies Record<string, KeyDoc>;

/** The capture screen while a leaf path is typed. */
export const CAPTURE_PATH_KEYS = {
  choose: { keys: '↑↓', action: 'choose', detail: 'choose among the leaves that match what is typed' },
  complete: { keys: 'tab', action: 'complete', detail: 'complete the path as far as the matches agree' },
  confirm: { keys: 'enter', action: 'file here', detail: 'file the fact at the path (it must be a leaf)' },
  back: { keys: 'esc', action: 'back', detail: 'back to the list, the decision unchanged' },
  clear: { keys: 'ctrl-u', action: 'clear', detail: 'clear what is typed' },
  finish: { keys: 'ctrl-c', action: 'finish', detail: 'finish as q does' },
} satisfies Record<string, KeyDoc>;

/** The consolidation screen (consolidate in a terminal): one proposed repair at a time, with its facts. */
export const CONSOLIDATE_KEYS = {
  move: {
    keys: '↑↓ j k',
    action: 'move',
    detail: 'go to the previous or next proposal, to see it or change its decision',
  },
  accept: {
    keys: 'enter a',
    action: 'accept',
    detail:
      'apply the proposal (dedupe: keep one fact and remove the others; refile: move the fact; retire: remove it), then go to the next pending one. Not for a contradiction or a stale value',
  },
  keep: {
    keys: '1 2',
    action: 'keep this one',
    detail: 'for a contradiction: keep fact 1 or 2; the other is retired (it stays in history)',
  },
  edit: {
    keys: 'e',
    action: 'edit',
    detail:
      'for a dedupe, reword the fact that stays (below; rewording decides nothing); for a refile, type the leaf it moves to instead (below)',
  },
  reject: {
    keys: 'r',
    action: 'reject',
    detail: 'not a problem: the proposal is not applied, and is not proposed again (consolidate --all shows it)',
  },
  skip: {
    keys: 's',
    action: 'decide later',
    detail: 'leave the proposal as it is: the next run of consolidate finds it again',
  },
  safe: {
    keys: 'A',
    action: 'accept safe',
    detail:
      'accept every pending proposal that a rule settles (the same text twice, a validity that ended); the others stay pending',
  },
  undo: {
    keys: 'u',
    action: 'undo',
    detail: 'make the focused proposal pending again; on a pending one, bring back the proposed text and leaf',
  },
  finish: {
    keys: 'q esc',
    action: 'finish (pending: later)',
    detail:
      'finish: what was accepted is applied, and every proposal still pending is left for the next run. The screen also finishes by itself once every proposal has a decision',
  },
} satisfies Record<string, KeyDoc>;

/** The consolidation screen while the text of the fact that stays is edited. */
export const CONSOLIDATE_EDIT_KEYS = {
  use: { keys: 'enter', action: 'use this text', detail: 'use the text typed for the fact that stays' },
  clear: { keys: 'ctrl-u', action: 'clear', detail: 'clear the text' },
  cancel: { keys: 'esc', action: 'cancel edit', detail: 'back to the proposal, the text as it was' },
  finish: { keys: 'ctrl-c', action: 'finish', detail: 'finish as q does; the text typed is dropped' },
} satisfies Record<string, KeyDoc>;

/** The consolidation screen while the leaf a fact moves to is typed. */
export const CONSOLIDATE_PATH_KEYS = {
  choose: { keys: '↑↓', action: 'choose', detail: 'choose among the leaves that match what is typed' },
  complete: { keys: 'tab', action: 'complete', detail: 'complete the path as far as the matches agree' },
  confirm: {
    keys: 'enter',
    action: 'move here',
    detail: 'accept the move to the path typed (it must be a leaf, other than the one the fact is at)',
  },
  back: { keys: 'esc', action: 'back', detail: 'back to the proposal, the decision unchanged' },
  clear: { keys: 'ctrl-u', action: 'clear', detail: 'clear what is typed' },
  finish: { keys: 'ctrl-c', action: 'finish', detail: 'finish as q does' },
} satisfies Record<string, KeyDoc>;
