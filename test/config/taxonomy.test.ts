import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { parseTaxonomyYaml } from '../../src/config/taxonomyFile.js';
import { SEGMENT } from '../../src/core/taxonomy.js';

const LEAVES = [
  'profile.identity.name', 'profile.identity.age', 'profile.identity.birthday', 'profile.identity.pronouns',
  'profile.location.home', 'profile.location.hometown', 'profile.location.timezone', 'profile.languages.spoken',
  'preferences.ui.theme', 'preferences.ui.font', 'preferences.tools.editor', 'preferences.tools.shell',
  'preferences.coding.languages', 'preferences.coding.style', 'preferences.communication.tone', 'preferences.communication.format',
  'preferences.food.cuisine', 'preferences.food.drinks', 'preferences.entertainment.music', 'preferences.entertainment.books',
  'preferences.entertainment.movies', 'preferences.travel.destinations',
  'relationships.family.partner', 'relationships.family.children', 'relationships.family.parents', 'relationships.friends.close',
  'relationships.work.manager', 'relationships.work.teammates', 'relationships.pets.animals',
  'work.employment.employer', 'work.employment.role', 'work.schedule.hours', 'work.history.past_jobs', 'work.skills.technical',
  'education.degrees.university', 'education.certifications.earned',
  'health.diet.restrictions', 'health.diet.allergies', 'health.fitness.exercise', 'health.sleep.schedule', 'health.conditions.medical',
  'goals.career.aspirations', 'goals.learning.skills', 'goals.personal.life',
  'routine.daily.morning', 'routine.weekly.activities',
  'beliefs.values.principles', 'beliefs.opinions.technology',
  'project.stack.frameworks', 'project.stack.databases', 'project.architecture.design', 'project.infrastructure.deployment',
  'workflow.git.branching', 'workflow.testing.practices', 'workflow.review.process', 'workflow.ci.pipelines',
  'knowledge.technical.gotchas',
  'events.upcoming.appointments', 'events.past.trips',
  'finance.income.salary',
];

describe('the built-in taxonomy', () => {
  const taxonomy = builtinTaxonomy();

  it('lists 60 distinct leaves in this test', () => {
    expect(LEAVES).toHaveLength(60);
    expect(new Set(LEAVES).size).toBe(60);
  });

  it('has exactly these 60 leaves', () => {
    expect([...taxonomy.leaves.keys()].sort()).toEqual([...LEAVES].sort());
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
    for (const leaf of taxonomy.leaves.values()) {
      for (const [ref] of leaf.description.matchAll(/\b[a-z_]+\.[a-z_]+\.[a-z_*]+/g)) {
        if (ref.endsWith('*')) expect(LEAVES.some((l) => l.startsWith(ref.slice(0, -1))), `${leaf.path}: ${ref}`).toBe(true);
        else expect(taxonomy.leaves.has(ref), `${leaf.path}: ${ref}`).toBe(true);
      }
    }
  });
});
