import { UsageError } from '../errors/index.js';
import { bracketPrefix, headerDate, timestampOf, writtenDate } from './transcriptDates.js';
import type { Conversation, ConversationShape, Turn } from './types.js';

/*
 * A conversation read into turns, for `memoir capture`: a plain transcript (`Name: text`
 * lines under session date headers), chat messages (OpenAI style, JSON or JSONL; ShareGPT;
 * ChatGPT's and Claude.ai's exports) or a coding agent's session log (Claude Code, Codex). The
 * shape comes from the content, never the file name, because stdin has none and files are named
 * anything. Turns are numbered from 1 in
 * input order, counting only turns, so that a gold file or a proposal can point at turn N.
 * Errors name a line, a message or a turn, never the text: a conversation may hold secrets.
 */

export interface ParseConversationOptions {
  /** The person the memory is about, for a user the input does not name (--speaker). */
  speaker?: string;
  /** When the conversation took place, for turns the input gives no date (--at). */
  at?: Date;
  /** What the input is, for errors: `stdin`, `--file chat.json`. */
  name: string;
}

const SHAPES_HINT =
  'give a transcript ("Name: text" lines), chat messages as JSON or JSONL ({"role", "content"}), a ChatGPT or Claude.ai export, or a Claude Code or Codex session log; see "memoir capture --help"';

/**
 * Reads a conversation from text: a transcript, chat messages or an agent session, told
 * apart by the content. Throws a UsageError when it holds no turn or does not parse.
 * @example parseConversation('Dana: I moved to Lyon\nAI: Congrats!', { name: 'stdin' }).turns[0]
 * // { number: 1, speaker: 'Dana', role: 'user', text: 'I moved to Lyon' }
 */
export function parseConversation(text: string, options: ParseConversationOptions): Conversation {
  // a byte-order mark (editors on Windows write one) is not part of the first turn
  const input = text.replace(/^\uFEFF/, '');
  const start = input.trimStart();
  // `[{`, `[]` and `{` open JSON; `[2024-03-12] Dana: ...` opens a transcript
  const json = start.startsWith('{') || /^\[\s*(?:[{\]]|$)/.test(start);
  const conversation = json ? readJson(input, options) : readTranscript(input, options);
  if (conversation.turns.length === 0)
    throw new UsageError('empty-conversation', `${options.name} holds no conversation turns`, { hint: SHAPES_HINT });
  return conversation;
}

// --- transcripts ------------------------------------------------------------------------------

// a speaker: 1-40 letters, digits, spaces and .'_- starting with a letter, then ": " (or the line's end)
const SPEAKER_LINE = /^\s*(\p{L}[\p{L}\p{M}\p{N} .'_-]{0,39}?)\s*:(?:\s+|$)(.*)$/u;
const URL_SCHEMES = new Set(['http', 'https', 'ftp', 'file', 'mailto', 'ssh', 'git', 'tel', 'data']);
// a name of several words has each capitalised, or is a number or a particle: "Dr. Ana de Souza",
// "Speaker 2"; "I told him the following:" is a sentence, not a speaker
const NAME_WORD = /^(?:[\p{Lu}\p{N}].*|de|da|do|dos|das|del|della|di|du|van|von|der|den|la|le|al|el|bin|ibn|y)$/u;
const ASSISTANTS = new Set(['assistant', 'ai', 'bot', 'chatgpt', 'claude']);
const USERS = new Set(['user', 'me', 'human']);
// a rule, a row of stars: layout, not speech
const DECORATION = /^[\s#=*_~\-–—•·]+$/;

interface Line {
  number: number;
  kind: 'blank' | 'header' | 'turn' | 'text' | 'decoration';
  at?: Date;
  timeOfDay?: number;
  name?: string;
  /** The turn's text on this line (for a turn line: after the name). */
  text: string;
  raw: string;
}

function speakerOf(name: string): string | undefined {
  if (URL_SCHEMES.has(name.toLowerCase())) return undefined;
  const words = name.split(/\s+/);
  if (words.length > 1 && !words.every((w) => NAME_WORD.test(w))) return undefined;
  return name.replace(/\s+/g, ' ');
}

function classify(raw: string, number: number, name: string): Line {
  if (raw.trim() === '') return { number, kind: 'blank', text: '', raw };
  const header = headerDate(raw);
  if (header === 'invalid') throw badDate(name, `line ${number}`);
  if (header) return { number, kind: 'header', at: header, text: '', raw };
  const bracket = bracketPrefix(raw);
  if (bracket === 'invalid') throw badDate(name, `line ${number}`);
  const m = SPEAKER_LINE.exec(bracket ? bracket.rest : raw);
  const speaker = m ? speakerOf(m[1]) : undefined;
  if (m && speaker)
    return { number, kind: 'turn', name: speaker, at: bracket?.at, timeOfDay: bracket?.timeOfDay, text: m[2], raw };
  return { number, kind: DECORATION.test(raw) ? 'decoration' : 'text', text: raw, raw };
}

const roleOfName = (name: string): Turn['role'] => (ASSISTANTS.has(name.toLowerCase()) ? 'assistant' : 'user');

/**
 * The turns of a transcript. A turn runs from its `Name:` line to the next one or the next
 * session header; lines between are joined to it with a space, and a blank line inside it is
 * a paragraph break (kept as one), so that a long reply pasted with its paragraphs stays whole.
 */
function readTranscript(input: string, options: ParseConversationOptions): Conversation {
  const lines = input.split(/\r\n?|\n/).map((raw, i) => classify(raw, i + 1, options.name));
  // A "Note:" or "Step 1:" inside an assistant's reply is its text more often than a new speaker.
  // So where two speakers start several turns each, a name that starts just one turn, on the line
  // right below a line of an assistant's reply, continues that reply.
  const starts = new Map<string, number>();
  for (const { kind, name } of lines)
    if (kind === 'turn') starts.set(name!.toLowerCase(), (starts.get(name!.toLowerCase()) ?? 0) + 1);
  const regulars = [...starts.values()].filter((n) => n > 1).length;

  const turns: Turn[] = [];
  let session: Date | undefined;
  let day: Date | undefined;
  let current: { speaker: string; role: Turn['role']; at?: Date; paragraphs: string[][] } | undefined;
  const close = () => {
    const text = current?.paragraphs
      .map((p) => p.join(' '))
      .filter((p) => p !== '')
      .join('\n\n');
    if (current && text) turns.push(turnOf(turns.length + 1, current.speaker, current.role, text, current.at, options));
    current = undefined;
  };
  lines.forEach((line, i) => {
    if (line.kind === 'header') {
      close();
      session = day = line.at;
      return;
    }
    const key = line.name?.toLowerCase() ?? '';
    const oneOff =
      line.kind === 'turn' &&
      regulars >= 2 &&
      starts.get(key) === 1 &&
      !line.at &&
      line.timeOfDay === undefined &&
      !ASSISTANTS.has(key) &&
      !USERS.has(key) &&
      current?.role === 'assistant' &&
      lines[i - 1]?.kind !== 'blank';
    if (line.kind === 'turn' && !oneOff) {
      close();
      if (line.at) day = line.at;
      let at = line.at ?? session;
      if (line.timeOfDay !== undefined) {
        const base = day ?? options.at;
        at = base
          ? new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate()) + line.timeOfDay)
          : at;
      }
      const role = roleOfName(line.name!);
      const speaker = USERS.has(key) ? (options.speaker ?? line.name!) : line.name!;
      const first = clean(line.text);
      current = { speaker, role, at, paragraphs: [first ? [first] : []] };
    } else if (current && line.kind === 'blank') {
      if (current.paragraphs.at(-1)!.length > 0) current.paragraphs.push([]);
    } else if (current && (line.kind === 'text' || oneOff)) {
      current.paragraphs.at(-1)!.push(clean(line.raw));
    }
    // before the first turn, a title or a note is not speech; a rule of dashes is layout
  });
  close();
  return { shape: 'transcript', turns };
}

// --- JSON: chat messages and agent sessions ---------------------------------------------------

// what an agent logs as the user's message without anyone saying it: the environment, the
// project's instructions, slash commands and their output, interruptions
const MACHINE_TEXT =
  /^(?:<(?:environment_context|user_instructions|user_shell_command|turn_aborted|command-name|command-message|command-args|local-command-stdout|local-command-stderr|local-command-caveat|system-reminder|bash-input|bash-stdout|bash-stderr)>|# AGENTS\.md instructions for |\[Request interrupted by user)/;
const TEXT_PARTS = new Set(['text', 'input_text', 'output_text']);
const USER_ROLES = new Set(['user', 'human']);
const ASSISTANT_ROLES = new Set(['assistant', 'ai', 'model', 'gpt', 'chatgpt', 'bard', 'bot']);
const TIMESTAMP_KEYS = ['timestamp', 'created_at', 'create_time', 'time', 'date'] as const;

type Item = { value: Record<string, unknown>; where: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The objects of the input, each with where it is ("line 3", "message 3") for errors. */
function itemsOf(input: string, name: string): Item[] {
  let whole: unknown;
  let wholeError: unknown;
  try {
    whole = JSON.parse(input);
  } catch (error) {
    wholeError = error;
  }
  if (wholeError === undefined) {
    const list = messagesOf(whole);
    return list.map((value: unknown, i: number) => {
      const where = `message ${i + 1}`;
      if (!isObject(value)) throw notAnObject(name, where);
      return { value, where };
    });
  }
  // one JSON document that does not parse (it opens with `[`, or spans lines as JSONL never does)
  if (input.trimStart().startsWith('[') || !isJsonObjectLine(input.trimStart().split(/\r\n?|\n/)[0]))
    throw badJson(name, lineOfError(input, wholeError));
  const items: Item[] = [];
  input.split(/\r\n?|\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw badJson(name, where);
    }
    if (!isObject(value)) throw notAnObject(name, where);
    items.push({ value, where });
  });
  return items;
}

/**
 * The messages of a JSON document, whatever holds them: a list of messages; `{messages}`;
 * ShareGPT's `{conversations: [{from, value}]}`; a Claude.ai export's `{chat_messages: [{sender,
 * text}]}`; a ChatGPT export's `{mapping}`, a tree of which the branch the person last saw (from
 * `current_node` up to the root) is the conversation. An export of several conversations (a list
 * of these) is read as one, in its order.
 */
function messagesOf(whole: unknown): unknown[] {
  const held = (value: unknown): unknown[] | undefined => {
    if (!isObject(value)) return undefined;
    for (const key of ['messages', 'conversations', 'chat_messages'])
      if (Array.isArray(value[key])) return value[key] as unknown[];
    return isObject(value.mapping) ? chatGptBranch(value) : undefined;
  };
  if (Array.isArray(whole) && whole.length > 0 && whole.every((item) => held(item) !== undefined))
    return whole.flatMap((item) => held(item)!);
  return held(whole) ?? (Array.isArray(whole) ? whole : [whole]);
}

/** A ChatGPT export's conversation: the messages from its `current_node` up to the root, in the order said. */
function chatGptBranch(conversation: Record<string, unknown>): unknown[] {
  const mapping = conversation.mapping as Record<string, unknown>;
  const nodeOf = (key: unknown) => (typeof key === 'string' && isObject(mapping[key]) ? mapping[key] : undefined);
  // without current_node: from the root, down the first child each time
  let id = typeof conversation.current_node === 'string' ? conversation.current_node : undefined;
  if (id === undefined) {
    const keys = Object.keys(mapping);
    let key = keys.find((k) => nodeOf(k) && !nodeOf(k)!.parent);
    // at most one step a node: a tree that loops (a damaged or hostile file) ends there
    for (let steps = 0, node = nodeOf(key); node && steps < keys.length; steps++, node = nodeOf(key)) {
      const next = Array.isArray(node.children) ? node.children[0] : undefined;
      if (!nodeOf(next)) break;
      key = next as string;
    }
    id = key;
  }
  const branch: unknown[] = [];
  const seen = new Set<string>();
  for (let node = nodeOf(id); node && !seen.has(id!); node = nodeOf(id)) {
    seen.add(id!);
    if (isObject(node.message)) branch.push(chatGptMessage(node.message));
    id = typeof node.parent === 'string' ? node.parent : undefined;
  }
  return branch.reverse();
}

/** A ChatGPT export's message as chat messages are read: `author.role`, the text parts of `content`. */
function chatGptMessage(message: Record<string, unknown>): Record<string, unknown> {
  const content = isObject(message.content) ? message.content : {};
  // "multimodal_text": a message with an image too, its text among the parts; code, quotes of
  // browsed pages and the like are not speech
  const spoken = content.content_type === 'text' || content.content_type === 'multimodal_text';
  const text = spoken && Array.isArray(content.parts) ? content.parts : [];
  return {
    role: isObject(message.author) ? message.author.role : undefined,
    content: text.filter((part): part is string => typeof part === 'string'),
    create_time: message.create_time,
  };
}

function isJsonObjectLine(line: string): boolean {
  try {
    return isObject(JSON.parse(line));
  } catch {
    return false;
  }
}

/** The line a JSON.parse error points at, when the engine says where ("at position 18", "(line 3 column 5)"). */
function lineOfError(input: string, error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  const line = /\bline (\d+) column\b/.exec(message);
  if (line) return `line ${line[1]}`;
  const position = /\bposition (\d+)/.exec(message);
  return position ? `line ${input.slice(0, Number(position[1])).split(/\r\n?|\n/).length}` : undefined;
}

function readJson(input: string, options: ParseConversationOptions): Conversation {
  const sessions = readSessions(input, options);
  if (sessions) return sessions;
  const items = itemsOf(input, options.name);
  const agent = items.some(({ value }) => isObject(value.message) || isObject(value.payload));
  const turns: Turn[] = [];
  for (const { value, where } of items) {
    const said = agent ? agentMessage(value) : value;
    if (!said) continue;
    // OpenAI's {role, content}, ShareGPT's {from, value}, a Claude.ai export's {sender, text}
    const role = roleOf(said.role ?? said.from ?? said.sender);
    const text = role && (textOf(said.content) || textOf(said.value) || textOf(said.text));
    if (!role || !text) continue;
    const name = typeof said.name === 'string' && said.name.trim() !== '' ? said.name.trim() : undefined;
    const speaker = name ?? (role === 'user' ? (options.speaker ?? 'user') : 'assistant');
    const at = timestampOf(TIMESTAMP_KEYS.map((key) => value[key]).find((t) => t !== undefined && t !== null));
    if (at === 'invalid') throw badDate(options.name, `${where} (turn ${turns.length + 1})`);
    turns.push(turnOf(turns.length + 1, speaker, role, text, at, options));
  }
  const shape: ConversationShape = agent ? 'agent' : 'chat';
  return { shape, turns };
}

/**
 * A conversation kept as numbered sessions, the way the LoCoMo benchmark's files keep them:
 * `{speaker_a, speaker_b, session_1: [{speaker, text}], session_1_date_time: "1:56 pm on 8 May,
 * 2023", ...}`, or a sample holding it as `conversation`. Read as a transcript: every turn said by
 * a person, dated by its session. Undefined for any other JSON.
 */
function readSessions(input: string, options: ParseConversationOptions): Conversation | undefined {
  let whole: unknown;
  try {
    whole = JSON.parse(input);
  } catch {
    return undefined;
  }
  const holder = isObject(whole) && isObject(whole.conversation) ? whole.conversation : whole;
  if (!isObject(holder)) return undefined;
  const numbers = Object.keys(holder)
    .map((key) => /^session_(\d+)$/.exec(key))
    .filter((m) => m !== null && Array.isArray(holder[m[0]]))
    .map((m) => Number(m![1]))
    .sort((a, b) => a - b);
  if (numbers.length === 0) return undefined;
  const turns: Turn[] = [];
  for (const n of numbers) {
    const written = holder[`session_${n}_date_time`];
    const read = typeof written === 'string' && written.trim() !== '' ? writtenDate(written.trim()) : undefined;
    // a date given that does not read is refused, as a message's timestamp is
    if (read === 'invalid' || (read === undefined && typeof written === 'string' && written.trim() !== ''))
      throw badDate(options.name, `session ${n}`);
    for (const [i, said] of (holder[`session_${n}`] as unknown[]).entries()) {
      if (!isObject(said)) throw notAnObject(options.name, `session ${n}, turn ${i + 1}`);
      const speaker = typeof said.speaker === 'string' ? said.speaker.trim() : '';
      const text = typeof said.text === 'string' ? clean(said.text) : '';
      if (speaker === '' || text === '') continue;
      turns.push(turnOf(turns.length + 1, speaker, roleOfName(speaker), text, read, options));
    }
  }
  return { shape: 'transcript', turns };
}

/**
 * The message an agent's event carries, or undefined for an event that is not one. Claude
 * Code: `{type: 'user' | 'assistant', message: {role, content}}`; side chains (a subagent's
 * prompt and replies), meta notes and compaction summaries are not the user speaking. Codex:
 * `{type: 'response_item', payload: {type: 'message', role, content}}`. A plain message
 * between them (older Codex logs) is read as it is.
 */
function agentMessage(event: Record<string, unknown>): Record<string, unknown> | undefined {
  if (isObject(event.payload)) {
    const payload = event.payload;
    return event.type === 'response_item' && payload.type === 'message' ? payload : undefined;
  }
  if (isObject(event.message)) {
    if (event.type !== 'user' && event.type !== 'assistant') return undefined;
    if (event.isSidechain === true || event.isMeta === true || event.isCompactSummary === true) return undefined;
    return { role: event.type, ...event.message };
  }
  return 'role' in event ? event : undefined;
}

function roleOf(role: unknown): Turn['role'] | undefined {
  const value = typeof role === 'string' ? role.toLowerCase() : '';
  return USER_ROLES.has(value) ? 'user' : ASSISTANT_ROLES.has(value) ? 'assistant' : undefined;
}

/** The said text of a message's content: a string, or the text parts of an array (tool calls, images, thinking left out). */
function textOf(content: unknown): string {
  const parts = typeof content === 'string' ? [content] : Array.isArray(content) ? content : [];
  return parts
    .map((part) =>
      typeof part === 'string' ? part : isObject(part) && TEXT_PARTS.has(part.type as string) ? part.text : '',
    )
    .filter((text): text is string => typeof text === 'string' && !MACHINE_TEXT.test(text.trimStart()))
    .map(clean)
    .filter((text) => text !== '')
    .join('\n\n');
}

// --- both ---------------------------------------------------------------------------------------

/**
 * A turn's text as said, tidied: each line trimmed with its runs of spaces and tabs made one,
 * runs of blank lines made one, the whole trimmed.
 */
function clean(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/[^\S\r\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function turnOf(
  number: number,
  speaker: string,
  role: Turn['role'],
  text: string,
  at: Date | undefined,
  options: ParseConversationOptions,
): Turn {
  const when = at ?? options.at;
  return { number, speaker, role, text, ...(when ? { at: when.toISOString() } : {}) };
}

function badJson(name: string, where: string | undefined): UsageError {
  return new UsageError('invalid-conversation', `${where ? `${where} of ` : ''}${name} is not valid JSON`, {
    hint: 'give chat messages as one JSON array or as JSONL, one {"role", "content"} object a line',
    data: { where },
  });
}

function notAnObject(name: string, where: string): UsageError {
  return new UsageError('invalid-conversation', `${where} of ${name} is not a JSON object`, {
    hint: 'give each message as an object: {"role": "user", "content": "..."}',
    data: { where },
  });
}

function badDate(name: string, where: string): UsageError {
  return new UsageError('invalid-conversation', `${where} of ${name} holds a date or time that does not parse`, {
    hint: 'write dates as ISO 8601 (2024-03-12, 2024-03-12T09:14:00Z) or as "8 May 2023"; Unix times as numbers',
    data: { where },
  });
}
