import { describe, expect, it } from 'vitest';
import {
  answerKind,
  blendScore,
  buildCorpus,
  Corpus,
  DEFAULT_MIN_SCORE,
  lookup,
  queryTerms,
  rankFacts,
  recallCandidates,
  tableOf,
  type IndexedFact,
} from '../../src/core/recall.js';
import { buildLeafModel, LeafNavigator } from '../../src/core/recallLeaves.js';
import { softMatcher } from '../../src/core/recallMeaning.js';
import { buildContext, type ContextBlock } from '../../src/core/context.js';
import { parseOrder } from '../../src/classify/rerank.js';

const fact = (id: string, path: string, text: string, recordedAt = '2026-01-01T00:00:00Z'): IndexedFact => ({
  id,
  path,
  text,
  recordedAt,
  commit: 'c'.repeat(40),
});

const FACTS = [
  fact('a1', 'preferences.ui.theme', 'Solarized dark everywhere'),
  fact('a2', 'preferences.tools.editor', 'Neovim is my editor'),
  fact('a3', 'relationships.pets.animals', 'We have a cat called Pixel', '2026-01-01T00:00:00Z'),
  fact('a4', 'relationships.pets.animals', 'Pixel eats a kidney diet', '2026-03-01T00:00:00Z'),
  fact('a5', 'knowledge.technical.gotchas', 'The constructor of the parser throws on empty input'),
];
const corpus = new Corpus(buildCorpus(FACTS));

describe('the recall corpus', () => {
  it('round-trips facts through its serialisable form, commit included', () => {
    const again = new Corpus(JSON.parse(JSON.stringify(buildCorpus(FACTS))));
    expect(FACTS.map((_, i) => again.fact(i))).toEqual(FACTS);
    expect(again.factsAt('relationships.pets.animals')).toEqual([2, 3]);
  });

  it('keeps what its arrays hold out of its lines, and a recording time they cannot give back', () => {
    const odd = [
      fact('b1', 'preferences.ui.theme', 'Dark', ''),
      fact('b2', 'preferences.ui.theme', 'Light', '2026-01-01T00:00:00.250Z'),
    ];
    const data = buildCorpus([...FACTS, ...odd]);
    expect(data.commits).toEqual(['c'.repeat(40)]);
    expect(data.lines).not.toContain('c'.repeat(40));
    expect(data.lines).not.toContain('relationships.pets.animals');
    const again = new Corpus(JSON.parse(JSON.stringify(data)));
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => again.fact(i))).toEqual([...FACTS, ...odd]);
  });

  it('looks terms up as lines, never as inherited object keys', () => {
    const table = tableOf([
      ['constructor', '1'],
      ['pixel', '2,1'],
    ]);
    expect(lookup(table, 'constructor')).toBe('1');
    expect(lookup(table, 'pixel')).toBe('2,1');
    expect(lookup(table, 'pix')).toBeUndefined();
    expect(lookup(table, 'toString')).toBeUndefined();
    expect(rankFacts('what does the constructor do?', corpus, new Map(), { k: 1 })[0].fact.id).toBe('a5');
    expect(rankFacts('__proto__ hasOwnProperty', corpus, new Map(), { k: 3 })).toEqual([]);
  });
});

describe('rankFacts', () => {
  it('ranks by words: the fact sharing the rarest words first', () => {
    expect(rankFacts('which editor, neovim?', corpus, new Map(), { k: 5 }).map((h) => h.fact.id)).toEqual(['a2']);
  });

  it('adds the navigation: facts at the leaves the question points to, ties to the newest', () => {
    const hits = rankFacts('tell me about the animal', corpus, new Map([['relationships.pets.animals', 0.2]]), {
      k: 5,
    });
    expect(hits.map((h) => h.fact.id)).toEqual(['a4', 'a3']);
    // the score is the blend's probability of the candidate's features
    const [candidate] = recallCandidates(
      'tell me about the animal',
      corpus,
      new Map([['relationships.pets.animals', 0.2]]),
      {},
    ).filter((c) => c.doc === 3);
    expect(hits[0].score).toBeCloseTo(blendScore(candidate.features), 3);
    expect(hits[0].score).toBe(hits[1].score);
  });

  it('lets a crowded leaf pull less than a leaf holding one fact, so the words it buries come back', () => {
    // the question points at both leaves equally; the pets leaf holds two facts, the theme leaf one
    const nav = new Map([
      ['relationships.pets.animals', 0.2],
      ['preferences.ui.theme', 0.2],
    ]);
    const hits = rankFacts('anything', corpus, nav, { k: 3 });
    expect(hits.map((h) => h.fact.id)).toEqual(['a1', 'a4', 'a3']);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it('never lets the navigation bury the fact the words single out', () => {
    // the question's words find a2 alone; the navigation points, strongly, elsewhere
    const nav = new Map([
      ['relationships.pets.animals', 0.6],
      ['preferences.ui.theme', 0.5],
    ]);
    expect(rankFacts('neovim', corpus, nav, { k: 3 })[0].fact.id).toBe('a2');
  });

  it('keeps only facts under the prefixes, and at most k', () => {
    const nav = new Map([
      ['relationships.pets.animals', 0.2],
      ['preferences.ui.theme', 0.1],
    ]);
    expect(rankFacts('anything', corpus, nav, { k: 5, prefixes: ['preferences'] }).map((h) => h.fact.id)).toEqual([
      'a1',
    ]);
    expect(rankFacts('anything', corpus, nav, { k: 1 })).toHaveLength(1);
    expect(rankFacts('pixel', corpus, new Map(), { k: 5, prefixes: ['relationships.pets.animals'] })).toHaveLength(2);
  });

  it('returns nothing when the memory is unlikely to hold an answer, unless a minimum score is given', () => {
    const none = () => 0;
    expect(
      rankFacts('qwxj vbnm', corpus, new Map([['preferences.ui.theme', 0.05]]), { k: 5, similarity: none }),
    ).toEqual([]);
    const all = rankFacts('qwxj vbnm', corpus, new Map([['preferences.ui.theme', 0.05]]), {
      k: 5,
      similarity: none,
      minScore: 0,
    });
    expect(all.map((h) => h.fact.id)).toEqual(['a1']);
    expect(all[0].score).toBeLessThan(DEFAULT_MIN_SCORE);
    // a minimum drops every fact below it, best first or not
    expect(
      rankFacts('tell me about the animal', corpus, new Map([['relationships.pets.animals', 0.2]]), {
        k: 5,
        minScore: 0.99,
      }),
    ).toEqual([]);
  });

  it('reorders the best few by the meaning similarity it is given', () => {
    const nav = new Map([['relationships.pets.animals', 0.2]]);
    const similarity = (text: string) => (text.includes('diet') ? 0 : 1);
    expect(rankFacts('pets', corpus, nav, { k: 2, similarity }).map((h) => h.fact.id)).toEqual(['a3', 'a4']);
  });

  it('tells the kind of answer a question wants', () => {
    expect(answerKind('When is her birthday?')).toBe('number');
    expect(answerKind('how much is the rent')).toBe('number');
    expect(answerKind('Who is her manager?')).toBe('name');
    expect(answerKind('which editor?')).toBeUndefined();
  });
});

describe('the leaf navigator', () => {
  const model = buildLeafModel([
    {
      path: 'preferences.food.drinks',
      texts: [
        { text: 'drinks coffee tea beverages', weight: 3 },
        { text: 'I drink an espresso every morning', weight: 1 },
      ],
    },
    {
      path: 'relationships.pets.animals',
      texts: [
        { text: 'pets animals cat dog', weight: 3 },
        { text: 'Our dog is called Rex', weight: 1 },
      ],
    },
  ]);

  it('points a question to the leaves whose words it shares, through a JSON round trip', () => {
    const navigator = new LeafNavigator(JSON.parse(JSON.stringify(model)));
    const scores = navigator.scores('which drink does she like?');
    expect([...scores.keys()]).toEqual(['preferences.food.drinks']);
    expect(scores.get('preferences.food.drinks')).toBeGreaterThan(0);
    expect(navigator.scores('quantum chromodynamics').size).toBe(0);
  });

  it('adds closeness in meaning when word vectors are given', () => {
    const vectors: Record<string, number[]> = { beverage: [1, 0], espresso: [1, 0], dog: [0, 1] };
    const meanings = {
      embed(text: string) {
        const sum = [0, 0];
        for (const w of text.toLowerCase().split(/\W+/)) if (vectors[w]) vectors[w].forEach((v, d) => (sum[d] += v));
        const norm = Math.hypot(...sum);
        return norm ? Float32Array.from(sum, (v) => v / norm) : undefined;
      },
    };
    const withMeaning = new LeafNavigator(
      buildLeafModel(
        [
          { path: 'x.y.espresso', texts: [{ text: 'espresso', weight: 1 }] },
          { path: 'x.y.dog', texts: [{ text: 'dog', weight: 1 }] },
        ],
        { meanings },
      ),
      meanings,
    );
    expect([...withMeaning.scores('a beverage please').keys()]).toEqual(['x.y.espresso']);
    expect(softMatcher('beverage', meanings)('espresso shot')).toBe(1);
    expect(softMatcher('beverage', meanings)('dog')).toBe(0);
  });
});

describe('buildContext', () => {
  const facts = [
    { id: '1', path: 'preferences.ui.theme', text: 'dark', recordedAt: '2026-01-03T00:00:00Z' },
    { id: '2', path: 'profile.identity.name', text: 'Maya', recordedAt: '2026-01-02T00:00:00Z' },
    { id: '3', path: 'preferences.ui.theme', text: 'solarized', recordedAt: '2026-01-04T00:00:00Z' },
  ];
  const order = ['profile.identity.name', 'preferences.ui.theme'];
  const size = (b: ContextBlock) => b.groups.reduce((n, g) => n + g.facts.reduce((m, f) => m + f.text.length, 0), 0);

  it('groups by category in taxonomy order, newest first within a leaf', () => {
    const block = buildContext(facts, { order, measure: size });
    expect(block.groups.map((g) => [g.category, g.facts.map((f) => f.text)])).toEqual([
      ['profile', ['Maya']],
      ['preferences', ['solarized', 'dark']],
    ]);
    expect(block.omitted).toEqual({ count: 0, byCategory: {} });
  });

  it('keeps whole facts in priority order within the budget, and counts the rest by category', () => {
    const block = buildContext(facts, { order, maxChars: 8, measure: size });
    expect(block.groups.flatMap((g) => g.facts.map((f) => f.id))).toEqual(['2', '1']);
    expect(block.omitted).toEqual({ count: 1, byCategory: { preferences: 1 } });
    expect(buildContext(facts, { order, maxChars: 0, measure: size }).omitted.count).toBe(3);
  });
});

describe("parseOrder (the reranker's reply)", () => {
  it('reads 1-based candidate numbers, ignoring unknown and repeated ones', () => {
    expect(parseOrder('{"order": [3, 1, 3, 9, 0, 2.5]}', 3)).toEqual([2, 0]);
    expect(parseOrder('Here you go: {"order":[2]} done', 2)).toEqual([1]);
    expect(parseOrder('no json', 2)).toBeUndefined();
    expect(parseOrder('{"ranking": [1]}', 2)).toBeUndefined();
    expect(parseOrder(undefined, 2)).toBeUndefined();
  });
});

describe('queryTerms', () => {
  it('adds neighbouring words written as one, so "front end" finds "frontend"', () => {
    const found = queryTerms('who works on the front end?');
    expect(found.has('frontend')).toBe(true);
    expect(found.has('work')).toBe(true);
  });
});
