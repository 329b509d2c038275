import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitIn } from '../helpers/e2e.js';
import { initRepoIn } from '../helpers/inProcess.js';
import { call, connect } from '../helpers/mcp.js';

// memoir_capture (issue 20): the call an agent makes at the end of a conversation.

describe('memoir_capture over MCP', () => {
  it('commits what the classifier is sure of, holds the rest, names a secret turn by number, and records each turn', async () => {
    const dir = await initRepoIn();
    const { client } = await connect(dir);
    const secret = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';
    const messages = [
      { role: 'user', content: 'Hi there!', timestamp: '2024-03-12T09:00:00Z' },
      { role: 'user', content: "I'm allergic to peanuts. I prefer dark mode in every app." },
      { role: 'assistant', content: 'Noted, I will remember that.' },
      { role: 'user', content: `Here is my token ${secret} for the deploy.` },
    ];
    const result = await call(
      client,
      'memoir_capture',
      { messages, speaker: 'Ana', id: 'chat-1' },
      { timeout: 60_000 },
    );
    expect(result.isError, JSON.stringify(result.body)).toBe(false);
    expect(JSON.stringify(result.body)).not.toContain(secret);
    expect(result.body.refusedTurns).toEqual([{ turn: 4, speaker: 'Ana', found: expect.stringMatching(/GitHub/) }]);
    const { committed, held } = result.body as {
      committed: Array<{ text: string; turn: number; path: string }>;
      held: Array<{ text: string; turn: number }>;
    };
    expect([...committed, ...held].map((f) => f.text).sort()).toEqual([
      'Ana is allergic to peanuts',
      'Ana prefers dark mode in every app',
    ]);
    for (const fact of [...committed, ...held]) expect(fact.turn).toBe(2);
    if (committed.length > 0) {
      expect(result.body.commit).toMatch(/^[0-9a-f]{40}$/);
      const file = `${committed[0].path.replaceAll('.', '/')}.md`;
      expect(gitIn(dir, ['show', `HEAD:${file}`])).toContain('src=capture:chat-1#2');
    }
  });

  it('reads a ChatGPT export given as the transcript: the branch the conversation was left on', async () => {
    const dir = await initRepoIn();
    const { client } = await connect(dir);
    const transcript = readFileSync(
      join(import.meta.dirname, '..', 'capture', 'fixtures', 'chatgpt-export.json'),
      'utf8',
    );
    const result = await call(
      client,
      'memoir_capture',
      { transcript, speaker: 'Ana', id: 'export' },
      { timeout: 60_000 },
    );
    expect(result.isError, JSON.stringify(result.body)).toBe(false);
    const { committed, held } = result.body as {
      committed: Array<{ text: string; turn: number }>;
      held: Array<{ text: string; turn: number }>;
    };
    const facts = [...committed, ...held];
    expect(facts.map((f) => [f.turn, f.text])).toContainEqual([1, 'Ana is moving to Porto in June']);
    // the reply the conversation was left on, never the abandoned branch's
    expect(JSON.stringify(facts)).toContain('the flat we picked');
    expect(JSON.stringify(facts)).not.toContain('Baixa');
  });

  it('refuses a call with neither or both of messages and transcript', async () => {
    const { client } = await connect(await initRepoIn());
    for (const args of [{}, { messages: [], transcript: 'Ana: hi' }]) {
      const result = await call(client, 'memoir_capture', args);
      expect(result.isError).toBe(true);
      expect(result.body.code).toBe('invalid-argument');
    }
  });
});
