/*
 * A conversation as memoir captures it: turns read from a transcript, a chat log or a
 * coding agent's session (capture/conversation.ts), and the facts proposed from them
 * (capture/extract.ts offline, capture/modelExtract.ts with a model).
 */

/** One thing someone said: a transcript line (with its continuation lines), a chat message with text. */
export interface Turn {
  /** 1-based, in the order of the input, counting only turns (see conversation.ts). */
  number: number;
  /** Who spoke: the transcript's name, a message's `name`, else the role's person (--speaker for the user). */
  speaker: string;
  role: 'user' | 'assistant';
  text: string;
  /** When it was said, ISO 8601 UTC (`2023-05-08T13:56:00.000Z`), from the turn, its session's header, or --at. */
  at?: string;
}

export type ConversationShape = 'transcript' | 'chat' | 'agent';

export interface Conversation {
  shape: ConversationShape;
  turns: Turn[];
}

/** A fact proposed from a conversation, before the guard, the classifier and a person see it. */
export interface Proposal {
  text: string;
  /** The turn it came from. */
  turn: number;
  /** The leaf a model suggested (checked against the taxonomy before it is shown). */
  leaf?: string;
  /**
   * What the classifier reads, where the text restates it: the sentence in its speaker's words
   * ("I teach chemistry"), a name said with who it is ("my daughter Kiara loves the zoo"), an
   * answer with its question.
   */
  said?: string;
  validFrom?: string;
  validUntil?: string;
}

/** A proposal as the capture screen shows it: where it came from, and where the classifier would file it. */
export interface CaptureItem {
  text: string;
  /** The turn it came from, as said. */
  turn: Pick<Turn, 'number' | 'speaker' | 'text' | 'at'>;
  /** The classifier's suggestions, best first (a `one` leaf's `supersedes`: the value it replaces). */
  candidates: Array<{ path: string; confidence: number; description: string; supersedes?: string }>;
}

/** A person's decision on one proposal: keep it (maybe reworded, at a leaf), drop it, or leave it for `memoir review`. */
export type CaptureDecision =
  | { kind: 'accept'; text: string; path: string; how: 'accepted' | 'picked' | 'edited'; textEdited: boolean }
  | { kind: 'reject' }
  | { kind: 'later' };
