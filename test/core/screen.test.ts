import { describe, expect, it } from 'vitest';
import { MAX_FACT_LENGTH } from '../../src/core/fact.js';
import { screenFact } from '../../src/core/screen.js';

// A fake key, assembled at runtime so this file holds no literal a scanner would flag.
const KEY = 'sk-' + 'proj-' + 'A'.repeat(10) + 'b1C2d3E4f5G6h7';

describe('screenFact', () => {
  it.each([
    ['I like tea', 'I like tea'],
    ['  I like tea  ', 'I like tea'],
    ['I like\ntea', 'I like tea'],
    ['I like\r\n\r\ntea\n', 'I like tea'],
    ['I like \n tea', 'I like tea'],
    ['I\tlike\ttea', 'I like tea'],
    ['my password manager is Bitwarden', 'my password manager is Bitwarden'],
  ])('accepts %j as %j', (text, clean) => {
    expect(screenFact({ text })).toEqual({ text: clean });
  });

  it.each(['', ' ', '\n', '\r\n\t  \n'])('rejects %j as empty', (text) => {
    expect(screenFact({ text })).toEqual({ rejection: { kind: 'empty', message: 'the fact is empty' } });
  });

  it('accepts exactly MAX_FACT_LENGTH (1000) characters', () => {
    expect(MAX_FACT_LENGTH).toBe(1000);
    const text = 'a'.repeat(1000);
    expect(screenFact({ text })).toEqual({ text });
  });

  it('rejects 1001 characters as too long, saying how long and what the limit is', () => {
    const result = screenFact({ text: 'a'.repeat(1001) });
    expect(result).toMatchObject({ rejection: { kind: 'too-long' } });
    const message = 'rejection' in result ? result.rejection.message : '';
    expect(message).toContain('1001');
    expect(message).toContain('1000');
  });

  it('measures the length after cleaning: 1000 characters plus surrounding whitespace pass', () => {
    const text = 'a'.repeat(1000);
    expect(screenFact({ text: `\n  ${text}  \n` })).toEqual({ text });
  });

  it.each([
    ['an API key', `my key is ${KEY}`, KEY],
    ['a password stated in prose', 'my password is hunter2', 'hunter2'],
    ['a plain-word password', 'my password is swordfish', 'swordfish'],
    ['a card number', 'my card is 4111 1111 1111 1111', '4111 1111 1111 1111'],
    ['a secret split over lines', `key:\n${KEY}`, KEY],
  ])('refuses %s, without repeating the secret', (_what, text, secret) => {
    const result = screenFact({ text });
    expect('rejection' in result).toBe(true);
    if (!('rejection' in result)) return;
    expect(result.rejection.kind).toBe('secret');
    expect(result.rejection.message).toMatch(/^refused: the fact contains /);
    expect(result.rejection.message).not.toContain(secret);
    expect(JSON.stringify(result)).not.toContain(secret);
    if (result.rejection.kind === 'secret') expect(result.rejection.findings.length).toBeGreaterThan(0);
  });

  it('names every secret found', () => {
    const result = screenFact({ text: `key ${KEY} and card 4111 1111 1111 1111` });
    expect(result).toMatchObject({ rejection: { kind: 'secret' } });
    if ('rejection' in result && result.rejection.kind === 'secret') {
      expect(result.rejection.findings.map((f) => f.kind)).toEqual(['openai-key', 'card-number']);
      expect(result.rejection.message).toContain(' and ');
      expect(result.rejection.message).toBe(
        `refused: the fact contains an OpenAI API key (at character 5) and a payment card number (at character ${5 + KEY.length + 10})`,
      );
      expect(result.rejection.message).not.toContain('1111');
    }
  });

  it('checks the length before looking for secrets', () => {
    expect(screenFact({ text: `${KEY} ${'a'.repeat(1000)}` })).toMatchObject({ rejection: { kind: 'too-long' } });
  });
});
