import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitdirOf, repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';
import { RECALL_INDEX_FORMAT } from '../../src/store/recallIndex.js';
import { bytesIn, decodeIndex } from '../../src/store/recallIndexFile.js';

/*
 * Recall and the offline classifier in every script: a fact is found by a word of its own
 * language (Russian, Chinese, German ß, café/cafe either way), through the index cached in
 * .memoir/state/; text the English model cannot read is held for review, never filed.
 */

const NOW = { MEMOIR_NOW: '2026-03-01T00:00:00Z' };
const FACTS: Array<[string, string]> = [
  ['Я пью чай с лимоном каждое утро', 'preferences.food.drinks'],
  ['我每天早上喝绿茶', 'preferences.food.drinks'],
  ['Ich wohne in der Schloßstraße in Berlin', 'profile.location.home'],
  ['Our favourite café is around the corner', 'preferences.food.cuisine'],
  ['The cafe on Elm Street roasts its own beans', 'preferences.food.drinks'],
  ['🎉🎉 ★', 'events.upcoming.gatherings'],
  ['We have a grey cat called Pixel', 'relationships.pets.animals'],
];

const repo = repoTemplate();

async function seeded(): Promise<string> {
  const dir = repo();
  const lines = FACTS.map(([text, leaf]) => JSON.stringify({ text, path: leaf })).join('\n');
  fs.writeFileSync(path.join(dir, 'facts.jsonl'), lines);
  const added = await runIn(dir, ['add', '--file', path.join(dir, 'facts.jsonl'), '--commit', '-m', 'Seed'], NOW);
  expect(added.code, added.stderr).toBe(0);
  return dir;
}

interface Hit {
  text: string;
  path: string;
  score: number;
}
async function recall(dir: string, question: string): Promise<string[]> {
  const result = await runIn(dir, ['recall', question, '-k', '3', '--json'], NOW);
  expect(result.code, result.stderr).toBe(0);
  return parseJson<Hit[]>(result.stdout).map((h) => h.text);
}
const indexFile = (dir: string) => path.join(gitdirOf(dir), 'state', 'recall-index.bin');

describe('recall in every script', () => {
  it('finds a fact by a word of its language, folded as the fact was', async () => {
    const dir = await seeded();
    expect((await recall(dir, 'чай'))[0]).toBe(FACTS[0][0]);
    expect((await recall(dir, 'Лимоном?'))[0]).toBe(FACTS[0][0]);
    // 喝绿茶 may be cut as one word or two: the characters find it either way
    expect((await recall(dir, '茶'))[0]).toBe(FACTS[1][0]);
    expect((await recall(dir, '绿茶'))[0]).toBe(FACTS[1][0]);
    expect((await recall(dir, 'Schloßstraße'))[0]).toBe(FACTS[2][0]);
    expect((await recall(dir, 'schlossstrasse'))[0]).toBe(FACTS[2][0]);
    // café = cafe, both ways
    for (const question of ['cafe', 'café', 'CAFÉ'])
      expect((await recall(dir, question)).slice(0, 2).sort()).toEqual([FACTS[3][0], FACTS[4][0]].sort());
  });

  it('answers an emoji or symbol-only question, or a store holding such a fact, without failing', async () => {
    const dir = await seeded();
    for (const question of ['🎉', '→ ★ ♥', '\u0301']) {
      const result = await runIn(dir, ['recall', question, '--json'], NOW);
      expect(result.code, result.stderr).toBe(0);
      expect(Array.isArray(parseJson<Hit[]>(result.stdout))).toBe(true);
    }
  });

  it('reads the index back from .memoir/state/ as it was built, non-Latin terms included', async () => {
    const dir = await seeded();
    await recall(dir, 'чай');
    const file = fs.readFileSync(indexFile(dir));
    const cached = decodeIndex(RECALL_INDEX_FORMAT, bytesIn(file))!;
    expect(cached.parts.postingsLine('чай')).toMatch(/^[0-9a-z:,]+$/);
    // a marker in the cached text (the same bytes long) shows the next recall reads the file rather than rebuilding it
    const at = file.indexOf('каждое утро');
    expect(at).toBeGreaterThan(0);
    file.write('КАЖДЫЙ ДЕНЬ', at);
    fs.writeFileSync(indexFile(dir), file);
    expect((await recall(dir, 'чай'))[0]).toBe('Я пью чай с лимоном КАЖДЫЙ ДЕНЬ');
  });

  it('rebuilds an index of another format', async () => {
    const dir = await seeded();
    await recall(dir, 'cat');
    const file = fs.readFileSync(indexFile(dir));
    const at = file.indexOf(`"format":${RECALL_INDEX_FORMAT}`);
    file.write(`"format":${RECALL_INDEX_FORMAT - 1}`, at);
    fs.writeFileSync(indexFile(dir), file);
    expect(decodeIndex(RECALL_INDEX_FORMAT, bytesIn(fs.readFileSync(indexFile(dir))))).toBeUndefined();
    expect((await recall(dir, 'чай'))[0]).toBe(FACTS[0][0]);
    expect(decodeIndex(RECALL_INDEX_FORMAT, bytesIn(fs.readFileSync(indexFile(dir))))).toBeDefined();
  });
});

describe('the offline classifier on text it cannot model', () => {
  it.each([['我每天早上喝绿茶'], ['Я пью чай с лимоном каждое утро'], ['Мы используем Docker для деплоя на прод']])(
    'holds %j for review with a low confidence, never files it',
    async (text) => {
      const dir = repo();
      const added = await runIn(dir, ['add', text, '--json'], NOW);
      expect(added.code).toBe(3);
      const result = parseJson<{ staged: unknown[]; held: Array<{ candidates: Array<{ confidence: number }> }> }>(
        added.stdout,
      );
      expect(result.staged).toEqual([]);
      expect(result.held).toHaveLength(1);
      expect(result.held[0].candidates[0].confidence).toBeLessThan(0.3);
    },
  );

  it('still files English text it knows, with the same confidence as before', async () => {
    const dir = repo();
    const added = await runIn(dir, ['add', 'I am allergic to peanuts', '--json'], NOW);
    expect(added.code, added.stderr).toBe(0);
    expect(parseJson<{ staged: Array<{ path: string }> }>(added.stdout).staged.map((s) => s.path)).toEqual([
      'health.diet.allergies',
    ]);
  });
});
