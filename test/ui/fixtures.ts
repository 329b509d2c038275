import { stripVTControlCharacters } from 'node:util';
import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';
import type { Proposal } from '../../src/core/consolidate.js';
import type { Fact } from '../../src/core/fact.js';
import type { LeafInfo, ReviewItem } from '../../src/ui/types.js';

// The leaves of memoir's own taxonomy.yaml (a snapshot: the screen takes whatever it is given).
const LEAF_ROWS: Array<[string, string]> = [
  ['profile.identity.name', "The user's name or the name they want to be called by."],
  ['profile.identity.age', "The user's current age in years (a birth date goes to profile.identity.birthday)."],
  ['profile.identity.birthday', "The user's date of birth or the day they celebrate their birthday."],
  ['profile.identity.pronouns', 'The pronouns the user uses for themselves.'],
  ['profile.location.home', 'The city or region where the user lives now.'],
  [
    'profile.location.hometown',
    'Where the user grew up or comes from (where they live now goes to profile.location.home).',
  ],
  ['profile.location.timezone', 'The time zone the user works and lives in.'],
  [
    'profile.languages.spoken',
    'Natural languages the user speaks, reads or is learning to speak (programming languages go to preferences.coding.languages).',
  ],
  ['preferences.ui.theme', 'Preferred colour theme or appearance of apps and editors (dark, light, a named theme).'],
  ['preferences.ui.font', 'Preferred typeface and font size for code, terminals and reading.'],
  ['preferences.tools.editor', 'The editor or IDE the user prefers to write code or text in.'],
  ['preferences.tools.shell', 'The command-line shell and terminal the user prefers.'],
  ['preferences.coding.languages', 'Programming languages the user prefers or likes to work in.'],
  [
    'preferences.coding.style',
    'Personal coding style preferences - naming, formatting, patterns the user likes or avoids.',
  ],
  [
    'preferences.communication.tone',
    'The tone or register the user wants in replies (formal, casual, terse, friendly).',
  ],
  [
    'preferences.communication.format',
    'How replies should be laid out - length, bullet points, code blocks, emojis, language of replies.',
  ],
  ['preferences.food.cuisine', 'Cuisines, dishes and foods the user likes or dislikes.'],
  ['preferences.food.drinks', 'Beverages the user likes - coffee, tea, wine, soft drinks - and how they take them.'],
  ['preferences.entertainment.music', 'Music genres, artists and songs the user likes.'],
  ['preferences.entertainment.books', 'Books, authors and genres the user reads or likes.'],
  ['preferences.entertainment.movies', 'Films, series, directors and genres the user watches or likes.'],
  [
    'preferences.travel.destinations',
    'Places the user wants to visit or loves going back to (trips already taken go to events.past.trips).',
  ],
  ['relationships.family.partner', "The user's spouse or partner - name and facts about them."],
  ['relationships.family.children', "The user's children - names, ages, facts about them."],
  ['relationships.family.parents', "The user's parents and step-parents."],
  ['relationships.friends.close', "The user's close friends - names and facts about them."],
  ['relationships.work.manager', 'Who the user reports to at work.'],
  ['relationships.work.teammates', 'Colleagues and teammates - names, roles, facts about them.'],
  ['relationships.pets.animals', "The user's pets - species, names, facts about them."],
  ['work.employment.employer', 'The company or organisation the user works for now.'],
  ['work.employment.role', "The user's current job title or role."],
  ['work.schedule.hours', "The user's working hours and days."],
  ['work.history.past_jobs', 'Jobs and employers the user had before the current one.'],
  [
    'work.skills.technical',
    'Technical skills and expertise the user has (what they want to learn goes to goals.learning.skills).',
  ],
  ['education.degrees.university', 'Degrees, universities and fields of study.'],
  ['education.certifications.earned', 'Certifications and licences the user holds.'],
  [
    'health.diet.restrictions',
    'Diets the user follows or foods they avoid by choice (vegetarian, halal, no sugar); allergies go to health.diet.allergies.',
  ],
  ['health.diet.allergies', 'Allergies and intolerances to foods, medicines or materials.'],
  ['health.fitness.exercise', 'Sports and exercise the user does and how often.'],
  ['health.sleep.schedule', 'When the user goes to bed and wakes up, and how much they sleep.'],
  ['health.conditions.medical', 'Medical conditions, medications and treatments the user mentions.'],
  ['goals.career.aspirations', 'Where the user wants their career to go - roles, promotions, companies, ventures.'],
  ['goals.learning.skills', 'Skills, languages or subjects the user wants to learn or is learning now.'],
  ['goals.personal.life', 'Personal life goals - family, home, health targets, experiences, habits to build.'],
  ['routine.daily.morning', 'What the user does in the morning, every day.'],
  ['routine.weekly.activities', 'Things the user does on particular days every week.'],
  ['beliefs.values.principles', 'Principles and values the user lives or works by.'],
  ['beliefs.opinions.technology', "The user's opinions about technologies, tools and tech trends."],
  ['project.stack.frameworks', 'Frameworks and major libraries the project uses (React, Django, Spring).'],
  ['project.stack.databases', 'Databases, caches and data stores the project uses.'],
  ['project.architecture.design', 'Architectural decisions, module boundaries and patterns the project follows.'],
  [
    'project.infrastructure.deployment',
    'How and where the project is deployed - hosting, environments, release steps.',
  ],
  ['workflow.git.branching', 'Branch naming, branching model, commit message and merge rules.'],
  ['workflow.testing.practices', 'How the project is tested - frameworks, coverage rules, what must be tested.'],
  ['workflow.review.process', 'Code review rules - approvals, reviewers, what reviewers check.'],
  ['workflow.ci.pipelines', 'CI/CD pipelines, their jobs, and the rules they enforce.'],
  [
    'knowledge.technical.gotchas',
    'Pitfalls, surprising behaviours and workarounds discovered in tools, libraries or the codebase.',
  ],
  ['events.upcoming.appointments', 'Scheduled appointments, meetings, deadlines and events to come.'],
  ['events.past.trips', 'Trips and journeys the user has already taken.'],
  ['finance.income.salary', "The user's salary or income."],
];

export const LEAVES: LeafInfo[] = LEAF_ROWS.map(([path, description]) => ({ path, description }));

const describe = (path: string): string => {
  const leaf = LEAVES.find((l) => l.path === path);
  if (!leaf) throw new Error(`fixture: no leaf ${path}`);
  return leaf.description;
};
const candidate = (path: string, confidence: number, supersedes?: string) => ({
  path,
  confidence,
  description: describe(path),
  ...(supersedes ? { supersedes } : {}),
});

/** Three facts as the classifier would rank them; the first one's top leaf holds a value it would replace. */
export const ITEMS: ReviewItem[] = [
  {
    text: 'I moved from VS Code to Neovim last spring and use it for everything now',
    candidates: [
      candidate('preferences.tools.editor', 0.74, 'Uses VS Code with the Vim extension'),
      candidate('preferences.tools.shell', 0.41),
      candidate('preferences.ui.font', 0.22),
      candidate('work.skills.technical', 0.12),
    ],
  },
  {
    text: 'My daughter Ada starts school in September',
    candidates: [
      candidate('relationships.family.children', 0.81),
      candidate('events.upcoming.appointments', 0.37),
      candidate('goals.personal.life', 0.15),
    ],
  },
  {
    text: 'We deploy to Fly.io from main after the CI pipeline passes',
    candidates: [
      candidate('project.infrastructure.deployment', 0.66),
      candidate('workflow.ci.pipelines', 0.52),
      candidate('workflow.git.branching', 0.48),
      candidate('project.stack.frameworks', 0.09),
      candidate('knowledge.technical.gotchas', 0.05),
    ],
  },
];

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/**
 * Ink reads input asynchronously: give it a moment after each key. Then let the tasks queued
 * by now (React renders in a setImmediate task) run: on a loaded machine the timer alone can
 * fire before them.
 */
export async function settle(ms = 20): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Waits until a condition holds: Ink starts listening for keys, redraws, and reports the outcome,
 * in effects that run later on a busy machine (seconds later when two test runs share two cores).
 */
export async function until(condition: () => boolean, what: string, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await settle(5);
  }
}

/**
 * A screen rendered and driven as a person would: `press` sends keys one at a time, `type` a
 * text a character at a time; `finished` waits for the outcome, which the screen reports in an
 * effect after the last key. `screen` makes the element from the outcome's sink.
 */
export async function openScreen<O>(screen: (onDone: (outcome: O) => void) => ReactElement) {
  const outcomes: O[] = [];
  const ui = render(screen((outcome) => outcomes.push(outcome)));
  await until(() => ui.stdin.listenerCount('readable') > 0, 'the screen to listen for keys');
  return {
    outcomes,
    raw: () => ui.lastFrame() ?? '',
    frame: () => stripVTControlCharacters(ui.lastFrame() ?? ''),
    async press(...keys: string[]) {
      for (const key of keys) {
        ui.stdin.write(key);
        await settle();
      }
    },
    async type(text: string) {
      for (const ch of text) {
        ui.stdin.write(ch);
        await settle(5);
      }
      await settle();
    },
    async finished() {
      await until(() => outcomes.length > 0, 'the outcome');
      return outcomes;
    },
  };
}

/** A fact as the consolidation screen shows it; recorded by the CLI on 2 January 2024 unless told otherwise. */
export const fact = (id: string, path: string, text: string, extra: Partial<Fact> = {}): Fact => ({
  id,
  path,
  text,
  recordedAt: '2024-01-02T10:00:00Z',
  source: 'cli',
  classifier: 'manual',
  ...extra,
});

/**
 * One proposal of each kind, in the order consolidate sorts them (dedupe, retire, contradiction,
 * refile, stale): a safe dedupe of a text said twice, a dedupe a person must judge, an ended fact,
 * two values for one slot, a fact the classifier now places elsewhere, an old `one` value.
 */
export const PROPOSALS: Proposal[] = [
  {
    id: 'd00000001',
    kind: 'dedupe',
    safe: true,
    reason: 'the same text twice',
    keep: fact('a000000001', 'preferences.tools.editor', 'Uses Neovim for everything'),
    drop: [fact('a000000002', 'preferences.tools.editor', 'Uses Neovim for everything.', { source: 'mcp' })],
    score: 1,
  },
  {
    id: 'd00000002',
    kind: 'dedupe',
    safe: false,
    reason: 'three ways of saying one thing',
    keep: fact('b000000001', 'preferences.food.drinks', 'Dana drinks her coffee black'),
    drop: [
      fact('b000000002', 'preferences.food.drinks', 'Dana takes coffee without milk'),
      fact('b000000003', 'preferences.food.cuisine', 'Coffee: black, no sugar'),
    ],
    score: 0.84,
  },
  {
    id: 'r00000001',
    kind: 'retire',
    safe: true,
    reason: 'valid until 2024-03-31',
    fact: fact('c000000001', 'work.employment.employer', 'Works at Acme', { validUntil: '2024-03-31T00:00:00Z' }),
  },
  {
    id: 'c00000001',
    kind: 'contradiction',
    safe: false,
    reason: 'two values for one thing, and nothing says which is current',
    facts: [
      fact('e000000001', 'project.infrastructure.deployment', 'We deploy on Tuesdays'),
      fact('e000000002', 'project.infrastructure.deployment', 'We deploy every Friday', {
        recordedAt: '2024-05-06T09:00:00Z',
      }),
    ],
  },
  {
    id: 'f00000001',
    kind: 'refile',
    safe: false,
    reason: 'the classifier now places it at preferences.ui.theme (91%)',
    fact: fact('f000000001', 'preferences.ui.font', 'Dana prefers a light theme', {
      classifier: 'offline',
      confidence: 0.55,
      how: 'auto',
    }),
    to: 'preferences.ui.theme',
    confidence: 0.91,
  },
  {
    id: 's00000001',
    kind: 'stale',
    safe: false,
    reason: 'recorded 400 days ago (consolidate.staleAfter: 365)',
    fact: fact('g000000001', 'profile.location.home', 'Lives in Lisbon'),
    ageDays: 400,
  },
];
