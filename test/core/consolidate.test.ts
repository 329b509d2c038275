import { describe, expect, it } from 'vitest';
import { betterWorded, findProposals, placedByClassifier, type Proposal } from '../../src/core/consolidate.js';
import type { Fact } from '../../src/core/fact.js';
import { loadEmbeddings } from '../../src/classify/embeddings.js';

/* What consolidate finds, fact pair by fact pair, with the word vectors recall uses. */

const meanings = loadEmbeddings();
const NOW = new Date('2026-06-01T00:00:00Z');

let counter = 0;
function fact(path: string, text: string, extra: Partial<Fact> = {}): Fact {
  counter++;
  return {
    id: counter.toString(16).padStart(10, '0'),
    path,
    text,
    recordedAt: `2026-01-${String((counter % 28) + 1).padStart(2, '0')}T00:00:00Z`,
    source: 'test',
    classifier: 'user',
    ...extra,
  };
}

const MANY = new Set([
  'relationships.pets.animals',
  'workflow.deploy.schedule',
  'profile.location.hometown',
  'health.diet.allergies',
]);
const cardinalityOf = (path: string) => (MANY.has(path) || !path.includes('ui') ? ('many' as const) : ('one' as const));

function find(facts: Fact[], extra: Partial<Parameters<typeof findProposals>[0]> = {}): Proposal[] {
  return findProposals({ facts, cardinalityOf, now: NOW, meanings, ...extra });
}
const kinds = (proposals: Proposal[]) => proposals.map((p) => p.kind);

describe('dedupe', () => {
  it.each([
    ["I'm allergic to peanuts.", 'I am allergic to peanuts'],
    ['Our dog Bramble is a border collie', 'Our dog, Bramble, is a Border Collie.'],
    ['Tally stores invoices in Postgres 16', 'Tally stores its invoices in PostgreSQL 16'],
  ])('"%s" and "%s" are one fact', (a, b) => {
    const found = find([fact('relationships.pets.animals', a), fact('relationships.pets.animals', b)]);
    expect(kinds(found)).toEqual(['dedupe']);
  });

  it.each([
    ['I am allergic to peanuts', 'I am allergic to penicillin'],
    ['We have a cat named Miso', 'We have a dog named Pixel'],
    ['I was born in 1985', 'I was born in 1986'],
  ])('"%s" and "%s" are two facts', (a, b) => {
    const found = find([fact('health.diet.allergies', a), fact('health.diet.allergies', b)]);
    expect(found.filter((p) => p.kind === 'dedupe')).toEqual([]);
  });

  it('the same text at two leaves is one fact, merged by rule', () => {
    const right = fact('health.diet.allergies', 'Allergic to peanuts');
    const wrong = fact('preferences.food.cuisine', 'allergic to peanuts');
    const [p] = find([right, wrong]);
    expect(p).toMatchObject({ kind: 'dedupe', safe: true });
  });

  it('a near-duplicate is for a person; the same text is safe', () => {
    const near = find([
      fact('relationships.pets.animals', 'Our dog Bramble is a border collie'),
      fact('relationships.pets.animals', 'Our dog, Bramble, is a Border Collie.'),
    ]);
    expect(near[0]?.safe).toBe(false);
    const same = find([
      fact('health.diet.allergies', 'Peanut allergy'),
      fact('health.diet.allergies', 'peanut  allergy'),
    ]);
    expect(same[0]?.safe).toBe(true);
  });

  it('keeps the fact a person placed, then the one that says more, then the older', () => {
    const auto = fact('x.y.z', 'Peanut allergy, severe, carries an EpiPen', {
      classifier: 'offline',
      confidence: 0.9,
      how: 'auto',
    });
    const person = fact('x.y.z', 'Peanut allergy');
    expect(betterWorded([auto, person])).toBe(person);
    const short = fact('x.y.z', 'Peanut allergy');
    const long = fact('x.y.z', 'Severe peanut allergy, carries an EpiPen');
    expect(betterWorded([short, long])).toBe(long);
  });

  it('three sayings of one fact are one proposal keeping one', () => {
    const found = find([
      fact('health.diet.allergies', 'I am allergic to peanuts'),
      fact('health.diet.allergies', 'I am allergic to peanuts.'),
      fact('health.diet.allergies', 'i am allergic to peanuts'),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'dedupe', safe: true });
    expect((found[0] as Extract<Proposal, { kind: 'dedupe' }>).drop).toHaveLength(2);
  });
});

describe('contradiction', () => {
  it.each([
    ['We deploy on Tuesdays', 'We deploy every Friday'],
    ['I grew up in Lyon', 'I grew up in Porto'],
    ['Standup is at 9:30', 'Standup is at 10:00'],
    // one slot in other words: the frame matched word for word, the two fillers of a kind
    ['My sister Lucía is a nurse', 'Lucía, my sister, works as a teacher'],
    ['Netflix costs us £10.99 a month', 'Netflix costs £18.99 a month'],
    // a claim and its denial
    [
      "Tally's reads and writes are separated with CQRS",
      "Tally doesn't do CQRS; reads and writes go through the same models",
    ],
  ])('"%s" and "%s" at a many leaf', (a, b) => {
    const found = find([fact('workflow.deploy.schedule', a), fact('workflow.deploy.schedule', b)]);
    expect(kinds(found)).toEqual(['contradiction']);
  });

  it.each([
    ['We have a cat named Miso', 'We also have a cat called Tofu'],
    ['I have a meeting with Dana on Monday', 'I have a meeting with Priya on Friday'],
  ])('"%s" and "%s" are two of several, not a contradiction', (a, b) => {
    expect(find([fact('relationships.pets.animals', a), fact('relationships.pets.animals', b)])).toEqual([]);
  });

  it.each([
    // two places differ: who and what, two things
    ['Olive eats wet food twice a day', 'Bramble eats dry food twice a day'],
    ["Mum's birthday is on 12 March", "Dad's birthday is on 21 March"],
    ['Sprint planning is every other Monday at 11:00', 'Backlog refinement is every other Wednesday at 11:00'],
    // one place differs, but not two of a kind: one thing in other words
    ['I sleep badly if the bedroom is warm', 'A warm bedroom ruins my sleep'],
  ])('"%s" and "%s" are not two values of one slot', (a, b) => {
    const found = find([fact('relationships.pets.animals', a), fact('relationships.pets.animals', b)]);
    expect(kinds(found)).not.toContain('contradiction');
  });

  it('a fact in two conflicting pairs is proposed with the one it shares most with', () => {
    const tuesdays = fact('workflow.deploy.schedule', 'We deploy Tally to production on Tuesdays');
    const thursdays = fact('workflow.deploy.schedule', 'We deploy Tally to production every Thursday');
    const eks = fact('workflow.deploy.schedule', 'We deploy Tally to EKS');
    const found = find([eks, tuesdays, thursdays]);
    expect(found).toEqual([expect.objectContaining({ kind: 'contradiction', facts: [tuesdays, thursdays] })]);
  });

  it('facts that say when they hold do not contradict', () => {
    const found = find([
      fact('workflow.deploy.schedule', 'We deploy on Tuesdays', { validUntil: '2026-12-01T00:00:00Z' }),
      fact('workflow.deploy.schedule', 'We deploy on Fridays', { validFrom: '2026-12-01T00:00:00Z' }),
    ]);
    expect(found).toEqual([]);
  });
});

describe('retire, refile, stale', () => {
  it('retires a fact whose validity ended, by rule', () => {
    const ended = fact('profile.location.current', 'Working from Lisbon', { validUntil: '2026-03-01T00:00:00Z' });
    const open = fact('profile.location.home', 'Lives in Porto', { validUntil: '2027-03-01T00:00:00Z' });
    const found = find([ended, open]);
    expect(found).toEqual([expect.objectContaining({ kind: 'retire', safe: true, fact: ended })]);
  });

  it('refiles what a classifier placed when it now places it elsewhere, surely; never what a person placed', () => {
    const auto = fact('preferences.ui.theme', 'I use Neovim for everything', {
      classifier: 'offline',
      confidence: 0.5,
      how: 'auto',
    });
    const person = fact('preferences.ui.theme', 'Solarized light, always', {
      classifier: 'offline',
      confidence: 0.5,
      how: 'picked',
    });
    const unsure = fact('preferences.ui.theme', 'Helix sometimes', { classifier: 'offline', confidence: 0.5 });
    const opinions = new Map([
      [auto.id, [{ path: 'preferences.tools.editor', confidence: 0.95 }]],
      [person.id, [{ path: 'preferences.tools.editor', confidence: 0.95 }]],
      [unsure.id, [{ path: 'preferences.tools.editor', confidence: 0.6 }]],
    ]);
    expect(placedByClassifier(person)).toBe(false);
    const found = find([auto, person, unsure], { opinions });
    expect(found).toEqual([
      expect.objectContaining({ kind: 'refile', fact: auto, to: 'preferences.tools.editor', safe: false }),
    ]);
  });

  it('leaves a fact where the memory keeps facts like it, whatever the classifier now says', () => {
    const placed = { classifier: 'offline', confidence: 0.9, how: 'auto' } as const;
    const isla = fact('relationships.family.children', 'Our daughter Isla has swimming lessons on Saturdays', placed);
    const mateo = fact('relationships.family.children', 'Our son Mateo has football lessons on Saturdays');
    const chores = fact('routine.weekly.activities', 'The weekly food shop is on Sunday evenings');
    const opinions = new Map([[isla.id, [{ path: 'routine.weekly.activities', confidence: 0.95 }]]]);
    expect(find([isla, mateo, chores], { opinions })).toEqual([]);
    // alone at its leaf, it goes where the classifier says
    expect(find([isla, chores], { opinions })).toEqual([
      expect.objectContaining({ kind: 'refile', fact: isla, to: 'routine.weekly.activities' }),
    ]);
  });

  it('flags the value of a one leaf older than staleAfter, and only that', () => {
    const old = fact('preferences.ui.theme', 'Dark mode', { recordedAt: '2024-01-01T00:00:00Z' });
    const recent = fact('preferences.ui.font', 'JetBrains Mono', { recordedAt: '2026-05-01T00:00:00Z' });
    const found = find([old, recent], { staleAfterDays: 365 });
    expect(found).toEqual([expect.objectContaining({ kind: 'stale', fact: old, safe: false })]);
    expect(find([old, recent])).toEqual([]);
  });

  it("a proposal's id is the same on every run over the same facts", () => {
    const facts = [fact('health.diet.allergies', 'Peanut allergy'), fact('health.diet.allergies', 'peanut allergy')];
    expect(find(facts)[0]?.id).toBe(find([...facts].reverse())[0]?.id);
  });
});
