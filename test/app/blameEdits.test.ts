import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitIn, leafFile, repoTemplate, revParse } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';
import { nativeEdit } from '../helpers/merge.js';

/* blame attributes a fact's current text to the commit that wrote that text, as git blame does. */

const FOOD = 'preferences.food.cuisine';
const freshRepo = repoTemplate();

async function ok(dir: string, args: string[], now = '2026-01-01T00:00:00Z') {
  const result = await runIn(dir, args, { MEMOIR_NOW: now });
  expect(result.code, result.stderr).toBe(0);
  return result;
}
const blamed = async (dir: string) =>
  parseJson<Array<{ id: string; text: string; commit: string }>>((await ok(dir, ['blame', FOOD, '--json'])).stdout);
/** The commit native git blame names for the line holding `text`. */
const gitBlame = (dir: string, text: string) => {
  const out = gitIn(dir, ['blame', '--porcelain', 'main', '--', leafFile(FOOD)]).split('\n');
  const at = out.findIndex((l) => l.startsWith('\t') && l.includes(text));
  return out
    .slice(0, at)
    .reverse()
    .find((l) => /^[0-9a-f]{40} /.test(l))!
    .slice(0, 40);
};

describe('blame of edited facts', () => {
  it("a git edit that keeps the id is the edit's commit", async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes sushi', '-p', FOOD, '--commit']);
    const edit = nativeEdit(dir, 'main', FOOD, { 'Likes sushi': 'Likes salmon sushi' });
    const [fact] = await blamed(dir);
    expect(fact.text).toBe('Likes salmon sushi');
    expect(fact.commit).toBe(edit);
    expect(gitBlame(dir, 'Likes salmon sushi')).toBe(edit);
  });

  it("a merge conflict settled with --text is the merge commit's", async () => {
    const dir = freshRepo();
    await ok(dir, ['add', 'Likes pizza', '-p', FOOD, '--commit']);
    await ok(dir, ['branch', 'feature']);
    nativeEdit(dir, 'main', FOOD, { 'Likes pizza': 'Likes thin-crust pizza' });
    nativeEdit(dir, 'feature', FOOD, { 'Likes pizza': 'Likes deep-dish pizza' });
    const merge = await runIn(dir, ['merge', 'feature', '--json'], { MEMOIR_NOW: '2026-03-01T00:00:00Z' });
    expect(merge.code).toBe(3);
    const [conflict] = parseJson<{ conflicts: Array<{ id: string }> }>(merge.stdout).conflicts;
    await ok(dir, ['resolve', conflict.id, '--text', 'Likes any pizza'], '2026-03-01T00:00:00Z');
    await ok(dir, ['merge', '--continue'], '2026-03-01T00:00:00Z');
    const [fact] = await blamed(dir);
    expect(fact.text).toBe('Likes any pizza');
    expect(fact.commit).toBe(revParse(dir));
    expect(gitBlame(dir, 'Likes any pizza')).toBe(revParse(dir));
  });
});
