import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import type { Fact } from '../../src/core/fact.js';
import { screenIncoming } from '../../src/app/screenIncoming.js';
import { incomingFacts } from '../../src/store/incoming.js';
import type { Memory } from '../../src/store/memory.js';
import { git } from '../helpers/cli.js';
import { commitOn, newMemory } from '../helpers/store.js';

// What a merge of `theirs` would bring into history, commit by commit, and the guard on it.

const FOOD = 'preferences.food.cuisine';
const TOOLS = 'knowledge.technical.gotchas';
const GITHUB = 'ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP';
const fact = (id: string, leaf: string, text: string, source = 'test'): Fact => ({
  id,
  path: leaf,
  text,
  recordedAt: '2026-01-01T00:00:00Z',
  source,
  classifier: 'manual',
});
const taxonomy = builtinTaxonomy();

async function collect(memory: Memory, ours: string | undefined, theirs: string) {
  const found: Array<[string, string, string[]]> = [];
  for await (const c of incomingFacts(memory, ours, theirs))
    found.push([c.commit.oid, c.path, c.facts.map((f) => f.text)]);
  return found;
}

describe('incomingFacts', () => {
  it('lists what each commit of theirs wrote, not what ours already holds, including facts removed again', async () => {
    const memory = await newMemory();
    const pizza = fact('0000000001', FOOD, 'Pizza');
    const base = await commitOn(memory, [], { [FOOD]: [pizza] });
    const ours = await commitOn(memory, [base], { [FOOD]: [pizza, fact('0000000002', FOOD, 'Ramen')] });
    const added = await commitOn(memory, [base], { [FOOD]: [pizza, fact('0000000003', FOOD, 'Tacos')] });
    const edited = await commitOn(memory, [added], { [FOOD]: [pizza, fact('0000000003', FOOD, 'Tacos al pastor')] });
    const removed = await commitOn(memory, [edited], { [FOOD]: [pizza] });
    expect(await collect(memory, ours, removed)).toEqual([
      [edited, FOOD, ['Tacos al pastor']],
      [added, FOOD, ['Tacos']],
    ]);
    // an unborn branch has nothing: every commit comes in
    expect((await collect(memory, undefined, removed)).map(([oid]) => oid)).toEqual([edited, added, base]);
    expect(await collect(memory, removed, ours)).toEqual([[ours, FOOD, ['Ramen']]]);
  });

  it('a merge commit of theirs is credited only with lines none of its parents held', async () => {
    const memory = await newMemory();
    const pizza = fact('0000000001', FOOD, 'Pizza');
    const base = await commitOn(memory, [], { [FOOD]: [pizza] });
    const left = await commitOn(memory, [base], { [FOOD]: [pizza, fact('0000000002', FOOD, 'Ramen')] });
    const right = await commitOn(memory, [base], { [TOOLS]: [fact('0000000004', TOOLS, 'Use pnpm')] });
    // their merge of left and right adds one fact of its own (an "evil merge")
    const merged = await commitOn(memory, [left, right], {
      [TOOLS]: [fact('0000000004', TOOLS, 'Use pnpm'), fact('0000000005', TOOLS, 'Pin Node 22')],
    });
    const found = await collect(memory, base, merged);
    expect(found).toContainEqual([merged, TOOLS, ['Pin Node 22']]);
    expect(found).toContainEqual([left, FOOD, ['Ramen']]);
    expect(found).toContainEqual([right, TOOLS, ['Use pnpm']]);
    expect(found).toHaveLength(3);
    // merging into left: left's own commits are not incoming
    expect(await collect(memory, left, merged)).toEqual(expect.not.arrayContaining([[left, FOOD, ['Ramen']]]));
  });

  it('a fast-forward brings only its new commits, even when they merge in an old commit of ours', async () => {
    const memory = await newMemory();
    const pizza = fact('0000000001', FOOD, 'Pizza');
    const root = await commitOn(memory, [], { [FOOD]: [pizza] });
    const old = await commitOn(memory, [root], { [TOOLS]: [fact('0000000004', TOOLS, 'Use pnpm')] });
    const ours = await commitOn(memory, [old], { [FOOD]: [pizza, fact('0000000002', FOOD, 'Ramen')] });
    const linear = await commitOn(memory, [ours], {
      [FOOD]: [pizza, fact('0000000002', FOOD, 'Ramen'), fact('0000000003', FOOD, 'Tacos')],
    });
    expect(await collect(memory, ours, linear)).toEqual([[linear, FOOD, ['Tacos']]]);
    // their merge reaches `old` by a path that skips ours: old and root are ours all the same
    const side = await commitOn(memory, [old], {
      [TOOLS]: [fact('0000000004', TOOLS, 'Use pnpm'), fact('0000000005', TOOLS, 'Pin Node 22')],
    });
    const merged = await commitOn(memory, [linear, side], {
      [TOOLS]: [fact('0000000004', TOOLS, 'Use pnpm'), fact('0000000005', TOOLS, 'Pin Node 22')],
    });
    expect((await collect(memory, ours, merged)).map(([oid]) => oid).sort()).toEqual([linear, side].sort());
  });
});

describe('screenIncoming', () => {
  it('finds a secret in the text or the source, and a fact outside the taxonomy; never the text', async () => {
    const memory = await newMemory();
    const base = await commitOn(memory, [], { [FOOD]: [fact('0000000001', FOOD, 'Pizza')] });
    const a = await commitOn(memory, [base], { [TOOLS]: [fact('0000000002', TOOLS, `CI uses ${GITHUB}`)] });
    const b = await commitOn(memory, [a], { [TOOLS]: [fact('0000000003', TOOLS, 'Fine text', `api_key=${GITHUB}`)] });
    const c = await commitOn(memory, [b], {
      [TOOLS]: [],
      'stash.misc.notes': [fact('0000000004', 'stash.misc.notes', 'Hidden away')],
    });
    const findings = await screenIncoming(memory, base, c, taxonomy);
    expect(findings.map((f) => [f.commit, f.path, f.factId, f.kind])).toEqual([
      [a, TOOLS, '0000000002', 'github-token'],
      [b, TOOLS, '0000000003', 'github-token'],
      [c, 'stash.misc.notes', '0000000004', 'unknown-leaf'],
    ]);
    expect(JSON.stringify(findings)).not.toContain(GITHUB.slice(4, 12));
    expect(await screenIncoming(memory, c, c, taxonomy)).toEqual([]);
    expect(await screenIncoming(memory, undefined, base, taxonomy)).toEqual([]);
    // the commits are real: native git reads them
    expect(git(memory.gitdir, ['rev-list', '--count', c]).trim()).toBe('4');
  });
});
