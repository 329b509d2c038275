import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinLeafIndex, builtinTaxonomy } from '../../src/config/taxonomy.js';
import { leaves as compactLeaves } from '../../taxonomy.yaml';
import { parseTaxonomyYaml } from '../../src/config/taxonomyFile.js';
import { SEGMENT } from '../../src/core/taxonomy.js';

/** The 60 leaves memoir started with: they must survive every redesign, with the same cardinality. */
const LEAVES = [
  'profile.identity.name',
  'profile.identity.age',
  'profile.identity.birthday',
  'profile.identity.pronouns',
  'profile.location.home',
  'profile.location.hometown',
  'profile.location.timezone',
  'profile.languages.spoken',
  'preferences.ui.theme',
  'preferences.ui.font',
  'preferences.tools.editor',
  'preferences.tools.shell',
  'preferences.coding.languages',
  'preferences.coding.style',
  'preferences.communication.tone',
  'preferences.communication.format',
  'preferences.food.cuisine',
  'preferences.food.drinks',
  'preferences.entertainment.music',
  'preferences.entertainment.books',
  'preferences.entertainment.movies',
  'preferences.travel.destinations',
  'relationships.family.partner',
  'relationships.family.children',
  'relationships.family.parents',
  'relationships.friends.close',
  'relationships.work.manager',
  'relationships.work.teammates',
  'relationships.pets.animals',
  'work.employment.employer',
  'work.employment.role',
  'work.schedule.hours',
  'work.history.past_jobs',
  'work.skills.technical',
  'education.degrees.university',
  'education.certifications.earned',
  'health.diet.restrictions',
  'health.diet.allergies',
  'health.fitness.exercise',
  'health.sleep.schedule',
  'health.conditions.medical',
  'goals.career.aspirations',
  'goals.learning.skills',
  'goals.personal.life',
  'routine.daily.morning',
  'routine.weekly.activities',
  'beliefs.values.principles',
  'beliefs.opinions.technology',
  'project.stack.frameworks',
  'project.stack.databases',
  'project.architecture.design',
  'project.infrastructure.deployment',
  'workflow.git.branching',
  'workflow.testing.practices',
  'workflow.review.process',
  'workflow.ci.pipelines',
  'knowledge.technical.gotchas',
  'events.upcoming.appointments',
  'events.past.trips',
  'finance.income.salary',
];

/** Of the original 60, the leaves that keep a single current value; the rest accumulate. */
const ORIGINAL_ONE = new Set([
  'profile.identity.name',
  'profile.identity.age',
  'profile.identity.birthday',
  'profile.identity.pronouns',
  'profile.location.home',
  'profile.location.hometown',
  'profile.location.timezone',
  'preferences.ui.theme',
  'preferences.ui.font',
  'preferences.tools.editor',
  'preferences.tools.shell',
  'preferences.communication.tone',
  'relationships.family.partner',
  'relationships.work.manager',
  'work.employment.employer',
  'work.employment.role',
  'work.schedule.hours',
  'health.sleep.schedule',
  'finance.income.salary',
]);

/** Leaf paths and subcategory wildcards (`health.diet.*`) named in a description. */
const REFERENCE = /\b[a-z_]+\.[a-z_]+\.(?:\*|[a-z_]+)/g;

describe('the built-in taxonomy', () => {
  const taxonomy = builtinTaxonomy();

  it('lists 60 distinct leaves in this test', () => {
    expect(LEAVES).toHaveLength(60);
    expect(new Set(LEAVES).size).toBe(60);
  });

  it('keeps the 60 original leaves, each with its original cardinality', () => {
    for (const path of LEAVES) {
      expect(taxonomy.leaves.has(path), path).toBe(true);
      expect(taxonomy.leaves.get(path)?.cardinality, path).toBe(ORIGINAL_ONE.has(path) ? 'one' : 'many');
    }
  });

  it('has at least 200 leaves in 12 to 16 categories', () => {
    expect(taxonomy.leaves.size).toBeGreaterThanOrEqual(200);
    const categories = new Set([...taxonomy.leaves.keys()].map((path) => path.split('.')[0]));
    expect(categories.size).toBeGreaterThanOrEqual(12);
    expect(categories.size).toBeLessThanOrEqual(16);
  });

  it('gives every leaf a one-line description and 3 to 6 examples', () => {
    for (const leaf of taxonomy.leaves.values()) {
      expect(leaf.description.trim(), leaf.path).not.toBe('');
      expect(leaf.description, leaf.path).not.toMatch(/[\r\n]/);
      expect(leaf.examples.length, leaf.path).toBeGreaterThanOrEqual(3);
      expect(leaf.examples.length, leaf.path).toBeLessThanOrEqual(6);
      for (const example of leaf.examples) {
        expect(typeof example, leaf.path).toBe('string');
        expect(example.trim(), leaf.path).not.toBe('');
        expect(example, leaf.path).not.toMatch(/[\r\n]/);
      }
    }
  });

  it('never uses the same example twice, in one leaf or across leaves', () => {
    const seen = new Map<string, string>();
    for (const leaf of taxonomy.leaves.values()) {
      for (const example of leaf.examples) {
        const key = example.trim().toLowerCase();
        expect(seen.get(key), `"${example}" in ${leaf.path}`).toBeUndefined();
        seen.set(key, leaf.path);
      }
    }
  });

  it('has exactly three valid segments in every leaf path', () => {
    for (const path of taxonomy.leaves.keys()) {
      const segments = path.split('.');
      expect(segments, path).toHaveLength(3);
      for (const s of segments) expect(s, path).toMatch(SEGMENT);
    }
  });

  it('describes every leaf and every group above a leaf', () => {
    for (const leaf of taxonomy.leaves.values()) {
      expect(leaf.description.length, leaf.path).toBeGreaterThan(10);
      const [category, sub] = leaf.path.split('.');
      expect(taxonomy.groups.get(category), category).toBeTruthy();
      expect(taxonomy.groups.get(`${category}.${sub}`), `${category}.${sub}`).toBeTruthy();
    }
  });

  it.each([
    ['preferences.ui.theme', 'one'],
    ['profile.identity.name', 'one'],
    ['relationships.pets.animals', 'many'],
    ['preferences.coding.languages', 'many'],
    ['finance.income.salary', 'one'],
  ])('%s is %s', (path, cardinality) => {
    expect(taxonomy.leaves.get(path)?.cardinality).toBe(cardinality);
  });

  it('is cached: the same object on every call', () => {
    expect(builtinTaxonomy()).toBe(taxonomy);
  });

  it('is what parsing taxonomy.yaml with line checking gives, without a single problem', () => {
    const text = readFileSync(new URL('../../taxonomy.yaml', import.meta.url), 'utf8');
    const parsed = parseTaxonomyYaml(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.taxonomy).toEqual(taxonomy);
  });

  it('mentions in descriptions only leaves that exist (cross-references such as "go to health.diet.allergies")', () => {
    const paths = [...taxonomy.leaves.keys()];
    let references = 0;
    for (const leaf of taxonomy.leaves.values()) {
      for (const [ref] of leaf.description.matchAll(REFERENCE)) {
        references++;
        expect(ref, `${leaf.path} points at itself`).not.toBe(leaf.path);
        if (ref.endsWith('*'))
          expect(
            paths.some((p) => p.startsWith(ref.slice(0, -1))),
            `${leaf.path}: ${ref}`,
          ).toBe(true);
        else expect(taxonomy.leaves.has(ref), `${leaf.path}: ${ref}`).toBe(true);
      }
    }
    expect(references).toBeGreaterThan(50); // the boundaries between neighbours are spelled out
  });

  it('has a compact form for reads, made at build time: every leaf, in order, with its cardinality', () => {
    const full = [...taxonomy.leaves.values()].map((leaf) => [leaf.path, leaf.cardinality]);
    expect(Object.entries(compactLeaves())).toEqual(full);
    expect([...builtinLeafIndex().leaves.values()].map((leaf) => [leaf.path, leaf.cardinality])).toEqual(full);
  });
});
