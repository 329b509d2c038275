import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ParseConversationOptions, parseConversation } from '../../src/capture/conversation.js';
import type { Conversation } from '../../src/capture/types.js';
import { EXIT, type MemoirError } from '../../src/errors/index.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const parse = (name: string, options: Partial<ParseConversationOptions> = {}): Conversation =>
  parseConversation(fixture(name), { name: `--file ${name}`, ...options });
/** [number, speaker, role, text] of every turn. */
const said = (c: Conversation) => c.turns.map((t) => [t.number, t.speaker, t.role, t.text]);

function failure(run: () => unknown): MemoirError {
  try {
    run();
  } catch (error) {
    return error as MemoirError;
  }
  throw new Error('expected an error');
}

describe('parseConversation: plain transcripts', () => {
  it('reads Name: lines as turns, ignoring the title above the first, with each session header dating the turns below it', () => {
    const c = parse('transcript-headers.txt');
    expect(c.shape).toBe('transcript');
    expect(c.turns.map((t) => [t.number, t.speaker, t.at])).toEqual([
      [1, 'Priya', '2023-05-08T13:56:00.000Z'], // ## Session 1 — 1:56 pm on 8 May, 2023
      [2, 'Tom', '2023-05-08T13:56:00.000Z'],
      [3, 'Priya', '2023-05-08T13:56:00.000Z'],
      [4, 'Tom', '2023-05-12T00:00:00.000Z'], // --- 2023-05-12 ---: a bare date is midnight UTC
      [5, 'Priya', '2023-05-12T00:00:00.000Z'],
      [6, 'Tom', '2023-05-20T00:00:00.000Z'], // 20 May 2023
      [7, 'Priya', '2023-05-27T00:00:00.000Z'], // Session 4 (2023-05-27)
      [8, 'Tom', '2023-06-02T00:00:00.000Z'], // [2023-06-02]
      [9, 'Priya', '2023-06-10T09:30:00.000Z'], // ### Saturday, June 10th, 2023 at 9:30 am
    ]);
    expect(c.turns[0].text).toBe('Tom! I finally booked the flights to Osaka.');
    expect(c.turns.every((t) => t.role === 'user')).toBe(true);
  });

  it('dates a turn from its own bracket: a date, a date and time (with a zone or UTC), or a time on the day known', () => {
    const c = parse('transcript-brackets.txt');
    expect(c.turns.map((t) => [t.number, t.speaker, t.role, t.at])).toEqual([
      [1, 'Dana', 'user', '2024-03-12T09:14:00.000Z'],
      [2, 'AI', 'assistant', '2024-03-12T09:15:00.000Z'],
      [3, 'Dana', 'user', '2024-03-12T00:00:00.000Z'],
      [4, 'Dana', 'user', '2024-03-12T09:40:00.000Z'], // [09:40] on the day of the bracket above
      [5, 'AI', 'assistant', '2024-03-20T18:05:00.000Z'], // [18:05] on the day of the header above
      [6, 'Dana', 'user', '2024-03-20T00:00:00.000Z'], // no bracket: the session header's date
      [7, 'Dana', 'user', '2024-03-21T07:00:00.000Z'], // +01:00 read as given
    ]);
    expect(c.turns[0].text).toBe('Morning! I start at the new clinic today.');
  });

  it('tells roles by name, gives --speaker to user/me/human, and joins continuation lines and paragraphs', () => {
    const c = parse('transcript-roles.txt', { speaker: 'Sam' });
    expect(said(c)).toEqual([
      [1, 'Sam', 'user', 'I run three times a week, mostly 5k.'],
      [
        2,
        'Assistant',
        'assistant',
        // a one-off "Note:" or "Step 1:" inside a reply is part of it; "- Mon:" starts with no letter
        'Good base. Here is a plan: - Mon: easy 5k - Wed: intervals, 6 x 400 m Note: keep the easy days easy. Step 1: buy proper shoes. Want me to add strength work?',
      ],
      // a URL and a time of day at the start of a line are not speakers
      [
        3,
        'Sam',
        'user',
        'yes please, and keep it to 20 minutes. https://example.com/running-plan is the plan my club uses. 12:30 is when I usually run.',
      ],
      // a blank line inside a turn is a paragraph break; a rule of dashes is layout
      [4, 'ChatGPT', 'assistant', 'Sure.\n\nStrength, 20 minutes: squats, lunges, planks.'],
      [5, 'Sam', 'user', 'Thanks.'],
      [6, 'Bot', 'assistant', "You're welcome."],
      [7, 'claude', 'assistant', 'Anything else?'],
      [8, 'AI', 'assistant', 'One more thing.'],
      // after a blank line a one-off speaker is a speaker; a lower-case sentence before a colon is not
      [9, 'Coach Marta', 'user', "I'm the coach, hi! i told him the following: rest on Sundays."],
      // "Dana:" alone takes the lines below; "Ghost:" with nothing said is no turn and takes no number
      [10, 'Dana', 'user', 'Sorry, late to the thread.'],
      [11, 'Sam', 'user', 'lots of spaces here'],
      [12, 'ChatGPT', 'assistant', 'Bye.'],
    ]);
    expect(c.turns.every((t) => t.at === undefined)).toBe(true);
  });

  it('keeps user/me/human as written when no --speaker is given', () => {
    const speakers = parse('transcript-roles.txt').turns.filter((t) => t.role === 'user');
    expect(speakers.map((t) => t.speaker)).toEqual(['User', 'me', 'human', 'Coach Marta', 'Dana', 'User']);
  });

  it('reads CRLF line ends and drops a byte-order mark', () => {
    expect(said(parse('transcript-crlf.txt'))).toEqual([
      [1, 'User', 'user', 'hello from Windows'],
      [2, 'AI', 'assistant', 'hi there and a second line'],
    ]);
    expect(parse('transcript-bom.txt').turns[0].speaker).toBe('User');
  });

  it('gives --at to turns with no date of their own, and only to them', () => {
    const at = new Date('2022-01-05T10:00:00Z');
    expect(parse('transcript-roles.txt', { at }).turns.map((t) => t.at)).toEqual(
      Array(12).fill('2022-01-05T10:00:00.000Z'),
    );
    expect(parse('transcript-headers.txt', { at }).turns[0].at).toBe('2023-05-08T13:56:00.000Z');
    const text = 'Title line\nDana: before any header\n--- 2024-01-02 ---\nDana: after it\n[08:15] Dana: a time alone';
    expect(parseConversation(text, { name: 'stdin', at }).turns.map((t) => t.at)).toEqual([
      '2022-01-05T10:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
      '2024-01-02T08:15:00.000Z',
    ]);
    // a time with no day known anywhere takes --at's day
    expect(parseConversation('[08:15] Dana: hi', { name: 'stdin', at }).turns[0].at).toBe('2022-01-05T08:15:00.000Z');
    expect(parseConversation('[08:15] Dana: hi', { name: 'stdin' }).turns[0].at).toBeUndefined();
  });

  it('reads the header forms people write', () => {
    const header = (line: string) => parseConversation(`${line}\nDana: hi`, { name: 'stdin' }).turns[0].at;
    expect(header('8 May 2023')).toBe('2023-05-08T00:00:00.000Z');
    expect(header('May 8th, 2023')).toBe('2023-05-08T00:00:00.000Z');
    expect(header('**Monday 8 May 2023, 21:05**')).toBe('2023-05-08T21:05:00.000Z');
    expect(header('Date: 2023-05-08T21:05:00Z')).toBe('2023-05-08T21:05:00.000Z');
    expect(header('=== Day 3 — 12 pm on 8 Sept 2023 ===')).toBe('2023-09-08T12:00:00.000Z');
    expect(header('# 12:30 am on 1 January, 2024')).toBe('2024-01-01T00:30:00.000Z');
    // not a date alone on its line: a title (ignored before the first turn)
    expect(header('Dinner on 8 May 2023')).toBeUndefined();
    expect(header('Session 2')).toBeUndefined();
  });

  it('detects the shape from the content, not the name', () => {
    expect(parseConversation('Dana: hi\nAI: hello', { name: '--file chat.json' }).shape).toBe('transcript');
    expect(parseConversation('[{"role": "user", "content": "hi"}]', { name: '--file notes.txt' }).shape).toBe('chat');
  });
});

describe('parseConversation: chat messages', () => {
  it('reads a JSON array: text parts, name, timestamp aliases, and skips system, tool, empty and unknown messages', () => {
    const c = parse('chat.json', { speaker: 'Ana' });
    expect(c.shape).toBe('chat');
    expect(c.turns).toEqual([
      {
        number: 1,
        speaker: 'Ana',
        role: 'user',
        text: 'I just adopted a cat called Miso.',
        at: '2024-05-01T18:02:11.000Z',
      },
      {
        number: 2,
        speaker: 'assistant',
        role: 'assistant',
        text: 'Congratulations! How old is Miso?',
        at: '2024-05-01T16:02:15.250Z',
      },
      // parts: text kept (an image left out), whitespace inside a line collapsed; created_at in Unix seconds
      {
        number: 3,
        speaker: 'Ana',
        role: 'user',
        text: 'She is two.\n\nAnd very loud.',
        at: '2024-05-01T18:03:20.000Z',
      },
      // role "model", a name, blank lines made one, `time` in milliseconds
      {
        number: 4,
        speaker: 'Gemini',
        role: 'assistant',
        text: 'Two is a fun age.\n\nCats that age play a lot.',
        at: '2024-05-01T18:05:00.000Z',
      },
      { number: 5, speaker: 'Ana', role: 'user', text: 'Any food tips?', at: '2024-05-02T00:00:00.000Z' },
      { number: 6, speaker: 'assistant', role: 'assistant', text: 'Wet food twice a day.' },
    ]);
  });

  it('names the user "user" when neither the message nor --speaker does', () => {
    expect(parse('chat.json').turns[0].speaker).toBe('user');
  });

  it('reads {"messages": [...]} and input_text parts', () => {
    const c = parse('chat-wrapped.json', { speaker: 'Rui' });
    expect(c.shape).toBe('chat');
    expect(said(c)).toEqual([
      [1, 'Rui', 'user', 'I moved to Porto last month.'],
      [2, 'assistant', 'assistant', 'How are you finding it?'],
      [3, 'Rui', 'user', 'Loving the light.'],
    ]);
  });

  it('reads JSONL, skipping blank lines; timestamps as ISO without a zone (UTC) or Unix seconds, numbers or strings', () => {
    const c = parse('chat.jsonl');
    expect(c.shape).toBe('chat');
    expect(c.turns.map((t) => [t.number, t.role, t.at])).toEqual([
      [1, 'user', '2024-06-01T07:30:00.000Z'],
      [2, 'assistant', '2024-06-01T07:31:05.000Z'],
      [3, 'user', '2024-06-01T07:31:40.500Z'],
    ]);
  });

  it('reads a single message object as a conversation of one turn', () => {
    const c = parseConversation('{"role": "user", "content": "hello"}', { name: 'stdin', at: new Date(0) });
    expect(c.turns).toEqual([
      { number: 1, speaker: 'user', role: 'user', text: 'hello', at: '1970-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('parseConversation: exports of chat apps and datasets', () => {
  it("ShareGPT's {conversations: [{from, value}]}, a list of them read as one: human and gpt speak, system does not", () => {
    const c = parse('sharegpt.json', { speaker: 'Ines' });
    expect(c.shape).toBe('chat');
    expect(said(c)).toEqual([
      [1, 'Ines', 'user', 'I started learning the cello in January.'],
      [2, 'assistant', 'assistant', 'Lovely! How are lessons going?'],
      [3, 'Ines', 'user', 'Slowly, my teacher is very patient.'],
    ]);
  });

  it("a Claude.ai export's chat_messages: sender, the text parts of content (tool use left out), else text; dated", () => {
    const c = parse('claude-export.json', { speaker: 'Tom' });
    expect(said(c)).toEqual([
      [1, 'Tom', 'user', 'We have a north-facing garden in Leeds.'],
      [2, 'assistant', 'assistant', 'Ferns and hostas do well in shade.'],
      [3, 'Tom', 'user', "I'm allergic to lilies, so none of those."],
    ]);
    expect(c.turns[2].at).toBe('2024-04-02T08:01:00.000Z');
  });

  it("a ChatGPT export's mapping: the branch the person last saw, root first; an edited message's other branch is not read", () => {
    const c = parse('chatgpt-export.json', { speaker: 'Ana' });
    // a message with an image is read for its text; the assistant's code is no speech
    expect(said(c)).toEqual([
      [1, 'Ana', 'user', "I'm moving to Porto in June."],
      [2, 'assistant', 'assistant', 'Exciting! Which neighbourhood?'],
      [3, 'Ana', 'user', 'This is the flat we picked.'],
      [4, 'Ana', 'user', 'Bonfim, near the station.'],
    ]);
    expect(c.turns[0].at).toBe('2024-04-02T08:00:01.250Z');
  });

  it('a ChatGPT export without current_node follows the first child down; a tree that loops ends', () => {
    const conversation = JSON.parse(fixture('chatgpt-export.json'))[0];
    delete conversation.current_node;
    expect(said(parseConversation(JSON.stringify(conversation), { name: 'x', speaker: 'Ana' })).at(-1)).toEqual([
      3,
      'Ana',
      'user',
      'Baixa, I think.',
    ]);
    conversation.mapping.n4a.children = ['n2'];
    conversation.mapping.n2.parent = 'n4a';
    conversation.current_node = 'n4a';
    expect(parseConversation(JSON.stringify(conversation), { name: 'x' }).turns.length).toBeLessThanOrEqual(3);
  });
});

describe('parseConversation: coding-agent sessions', () => {
  it('Claude Code: text parts only; tool calls, tool results, thinking, side chains, meta notes and commands are no turns', () => {
    const c = parse('claude-code.jsonl', { speaker: 'Ezra' });
    expect(c.shape).toBe('agent');
    expect(c.turns).toEqual([
      {
        number: 1,
        speaker: 'Ezra',
        role: 'user',
        text: 'The login test is flaky on CI. We use pnpm here, never npm.',
        at: '2025-02-03T09:00:05.123Z',
      },
      {
        number: 2,
        speaker: 'assistant',
        role: 'assistant',
        text: 'Let me look at the test.',
        at: '2025-02-03T09:00:10.000Z',
      },
      {
        number: 3,
        speaker: 'assistant',
        role: 'assistant',
        text: 'The test waits a fixed 100 ms.\nI suggest waiting for the button instead.',
        at: '2025-02-03T09:00:40.000Z',
      },
      {
        number: 4,
        speaker: 'Ezra',
        role: 'user',
        text: 'Yes, do that. Ola reviews all test changes.',
        at: '2025-02-03T09:01:05.000Z',
      },
    ]);
    expect(JSON.stringify(c)).not.toContain('hunter2');
  });

  it('Codex: response_item messages only; environment context, instructions, developer messages, reasoning, calls and events are no turns', () => {
    const c = parse('codex.jsonl');
    expect(c.shape).toBe('agent');
    expect(said(c)).toEqual([
      [1, 'user', 'user', 'this is ferrywise, the API behind the ferry timetable app. we use uv, no pip'],
      [2, 'assistant', 'assistant', 'Got it: uv only. The routes are in src/ferrywise/api.'],
      [3, 'user', 'user', 'keep route handlers thin'],
    ]);
    expect(c.turns.map((t) => t.at)).toEqual([
      '2025-01-21T17:32:40.118Z',
      '2025-01-21T17:32:50.000Z',
      '2025-01-21T17:33:10.000Z',
    ]);
  });

  it('reads agent events given as a JSON array too', () => {
    const events = fixture('codex.jsonl').trim().split('\n').join(',\n');
    expect(parseConversation(`[${events}]`, { name: 'stdin' }).turns).toHaveLength(3);
  });
});

describe('parseConversation: errors', () => {
  const SECRETS = ['hunter2', '4921'];
  it.each([
    ['no-turns.txt', 'empty-conversation', '--file no-turns.txt holds no conversation turns'],
    ['bad-line.jsonl', 'invalid-conversation', 'line 3 of --file bad-line.jsonl is not valid JSON'],
    // a JSON array (named .txt so that biome, which formats test/**/*.json, leaves it broken)
    ['bad-json.txt', 'invalid-conversation', 'line 3 of --file bad-json.txt is not valid JSON'],
    ['not-object.jsonl', 'invalid-conversation', 'line 2 of --file not-object.jsonl is not a JSON object'],
    [
      'bad-timestamp.json',
      'invalid-conversation',
      'message 4 (turn 3) of --file bad-timestamp.json holds a date or time that does not parse',
    ],
    [
      'bad-header-date.txt',
      'invalid-conversation',
      'line 1 of --file bad-header-date.txt holds a date or time that does not parse',
    ],
    [
      'bad-bracket-date.txt',
      'invalid-conversation',
      'line 2 of --file bad-bracket-date.txt holds a date or time that does not parse',
    ],
  ])('%s: %s, one line naming where, never the text', (name, code, message) => {
    const error = failure(() => parse(name));
    expect(error).toMatchObject({ code, message, exitCode: EXIT.usage });
    expect(error.hint).toBeTruthy();
    expect(`${error.message}\n${error.hint}\n${JSON.stringify(error.toJSON())}`).not.toMatch(
      new RegExp(SECRETS.join('|')),
    );
    expect(error.message).not.toContain('\n');
  });

  it('refuses empty input, blank input and JSON with no message in it, with a hint naming the shapes and --help', () => {
    for (const text of ['', '  \n\n\t', '[]', '{}', '{"messages": []}', '[{"role": "system", "content": "x"}]']) {
      const error = failure(() => parseConversation(text, { name: 'stdin' }));
      expect(error).toMatchObject({ code: 'empty-conversation', message: 'stdin holds no conversation turns' });
      expect(error.hint).toMatch(/transcript.*JSONL.*Claude Code.*Codex.*memoir capture --help/);
    }
  });

  it('names the message of an array that is not an object', () => {
    const error = failure(() =>
      parseConversation('[{"role": "user", "content": "a"}, "the pin is 4921"]', { name: 'stdin' }),
    );
    expect(error).toMatchObject({ code: 'invalid-conversation', message: 'message 2 of stdin is not a JSON object' });
  });

  it('refuses a timestamp only on a turn: a bad one on a system message or a tool call is not read', () => {
    expect(parse('chat.jsonl').turns).toHaveLength(3); // its system message has "not a date"
    const error = failure(() =>
      parseConversation('{"role": "user", "content": "hi", "timestamp": true}', { name: 'stdin' }),
    );
    expect(error.message).toBe('message 1 (turn 1) of stdin holds a date or time that does not parse');
  });
});

/*
 * The realistic conversations of the capture benchmark (bench/capture/conversations/): every
 * one parses, its gold facts point at turns that exist, and where the README states a file's
 * turn count, the count matches.
 */
const BENCH = path.join(import.meta.dirname, '..', '..', 'bench', 'capture', 'conversations');
const benchFiles = fs.existsSync(BENCH)
  ? fs.readdirSync(BENCH).filter((f) => /\.(txt|json|jsonl)$/.test(f) && !f.includes('.gold.'))
  : [];

/** The turn count of each file, from the README's table with a "turns" column (`| \`01-rosa.txt\` | ... | 32 |`). */
function statedTurnCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  const readme = fs.readdirSync(BENCH).find((f) => /^readme/i.test(f));
  if (!readme) return counts;
  let column = -1;
  for (const line of fs.readFileSync(path.join(BENCH, readme), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim().replaceAll('`', '').toLowerCase());
    if (!line.trimStart().startsWith('|')) column = -1;
    else if (cells.includes('turns')) column = cells.indexOf('turns');
    else if (column >= 0 && benchFiles.includes(cells[1]) && /^\d+$/.test(cells[column]))
      counts.set(cells[1], Number(cells[column]));
  }
  return counts;
}

describe.skipIf(benchFiles.length === 0)('the capture benchmark conversations', () => {
  const stated = benchFiles.length > 0 ? statedTurnCounts() : new Map<string, number>();
  it.skipIf(stated.size === 0)('the README states the turn count of every file', () => {
    expect([...stated.keys()].sort()).toEqual([...benchFiles].sort());
  });

  it.each(benchFiles)('%s parses', (file) => {
    const c = parseConversation(fs.readFileSync(path.join(BENCH, file), 'utf8'), { name: file });
    expect(c.turns.length).toBeGreaterThan(0);
    expect(c.shape).toEqual(file.endsWith('.txt') ? 'transcript' : expect.stringMatching(/^(chat|agent)$/));
    if (stated.has(file)) expect(c.turns.length).toBe(stated.get(file));
    const gold = path.join(BENCH, file.replace(/\.[a-z]+$/, '.gold.json'));
    if (fs.existsSync(gold)) {
      const facts = (JSON.parse(fs.readFileSync(gold, 'utf8')).facts ?? []) as Array<{ turn?: number }>;
      for (const { turn } of facts) if (turn !== undefined) expect(turn).toBeLessThanOrEqual(c.turns.length);
    }
  });
});

describe('conversations kept as numbered sessions (the LoCoMo benchmark files)', () => {
  it('reads each session in order, dated by its session_N_date_time, every speaker a person', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'sessions.json'), 'utf8');
    const conversation = parseConversation(text, { name: 'sessions.json' });
    expect(conversation.shape).toBe('transcript');
    expect(conversation.turns.map((t) => [t.number, t.speaker, t.role, t.at])).toEqual([
      [1, 'Caroline', 'user', '2023-05-08T13:56:00.000Z'],
      [2, 'Melanie', 'user', '2023-05-08T13:56:00.000Z'],
      [3, 'Caroline', 'user', '2023-05-08T13:56:00.000Z'],
      [4, 'Melanie', 'user', '2023-05-25T13:14:00.000Z'],
    ]);
    expect(conversation.turns[2].text).toBe('I went to a LGBTQ support group yesterday and it was so powerful.');
  });

  it('refuses a session date that does not read, naming the session', () => {
    const text = JSON.stringify({
      session_1_date_time: 'the day after the party',
      session_1: [{ speaker: 'A', text: 'hi there' }],
    });
    expect(() => parseConversation(text, { name: 'x.json' })).toThrow(/session 1/);
  });
});
