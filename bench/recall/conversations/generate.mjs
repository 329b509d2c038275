// Writes the conversational recall evaluation (dialogues.jsonl, questions.jsonl) from the
// hand-written material in material.mjs, with a fixed seed: the same files every run.
//   node bench/recall/conversations/generate.mjs
import { writeFileSync } from 'node:fs';
import {
  ACK,
  CHANGES,
  CLOSE_BOT,
  CLOSE_USER,
  EVENTS,
  FACTS,
  GREET_BOT,
  GREET_USER,
  HOW_BOT,
  HOW_USER,
  IN_PASSING,
  PEOPLE,
  RELATIVE,
  SMALL_TALK,
} from './material.mjs';

const SESSIONS = 10;
const SMALL_TALK_PER_SESSION = [5, 8];
const HELD_OUT_EVERY = 4;

/** mulberry32: a small seeded generator, so the files never change unless the material does. */
function seeded(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(14);
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
function shuffle(list) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
const fill = (template, value, name) => {
  const [a, b] = Array.isArray(value) ? value : [value, value];
  return template
    .replaceAll('{a}', a ?? '')
    .replaceAll('{b}', b ?? '')
    .replaceAll('{v}', a ?? '')
    .replaceAll('{name}', name);
};
const capitalise = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const isoDate = (d) => d.toISOString().slice(0, 10);
const addDays = (d, n) => new Date(d.getTime() + n * 86_400_000);

/** The date a relative expression points to, from the session's date. */
function resolve(rel, date) {
  if (rel.weekday === undefined) return addDays(date, rel.days);
  let back = (date.getUTCDay() - rel.weekday + 7) % 7;
  if (back === 0) back = 7;
  return addDays(date, -back);
}

const turns = [];
const questions = [];
PEOPLE.forEach((person, p) => {
  const conversation = person.name.toLowerCase();
  const name = person.name;
  // what each session talks about: changes' first values early, their new values late
  const plan = Array.from({ length: SESSIONS }, () => []);
  for (const fact of FACTS) plan[between(0, SESSIONS - 1)].push({ kind: 'fact', fact, value: fact.v[p] });
  for (const change of CHANGES) {
    plan[between(0, 3)].push({ kind: 'before', change, value: change.v[p] });
    plan[between(5, SESSIONS - 1)].push({ kind: 'after', change, value: change.v[p] });
  }
  for (const event of EVENTS)
    plan[between(1, SESSIONS - 1)].push({ kind: 'event', event, value: event.v[p], rel: pick(RELATIVE) });

  const evidence = new Map();
  let date = new Date(`${person.start}T00:00:00Z`);
  plan.forEach((topics, s) => {
    if (s > 0) date = addDays(date, between(4, 16));
    let t = 0;
    const say = (speaker, text) => {
      const id = `${conversation}-s${String(s + 1).padStart(2, '0')}-t${String(++t).padStart(3, '0')}`;
      turns.push({ id, conversation, session: s + 1, date: isoDate(date), speaker, text });
      return id;
    };
    say('user', pick(GREET_USER));
    say('assistant', fill(pick(GREET_BOT), '', name));
    say('user', pick(HOW_USER));
    say('assistant', pick(HOW_BOT));
    const talk = shuffle(SMALL_TALK).slice(0, between(...SMALL_TALK_PER_SESSION));
    const order = shuffle([...topics, ...talk.map((pair) => ({ kind: 'talk', pair }))]);
    for (const item of order) {
      if (item.kind === 'talk') {
        say('user', item.pair[0]);
        say('assistant', item.pair[1]);
        continue;
      }
      let text;
      if (item.kind === 'fact') text = fill(pick(item.fact.say), item.value, name);
      else if (item.kind === 'before') text = fill(pick(item.change.before), item.value, name);
      else if (item.kind === 'after') text = fill(pick(item.change.after), item.value, name);
      else text = fill(item.event.say, item.value, name).replace('{rel}', item.rel.say);
      const lead = pick(IN_PASSING);
      text = lead ? lead + text.charAt(0).toLowerCase() + text.slice(1) : text;
      // "I" stays capital after a lead-in
      text = capitalise(text.replace(/(^|\s)i(\s|')/g, '$1I$2'));
      const key =
        item.kind === 'fact'
          ? item.fact.key
          : item.kind === 'event'
            ? item.event.key
            : `${item.change.key}:${item.kind}`;
      evidence.set(key, { id: say('user', text), item, date: new Date(date) });
      say('assistant', pick(ACK));
    }
    say('user', pick(CLOSE_USER));
    say('assistant', fill(pick(CLOSE_BOT), '', name));
  });

  const asked = [];
  for (const fact of FACTS) {
    const value = fact.v[p];
    for (const q of fact.ask)
      asked.push({
        kind: 'fact',
        question: fill(q, value, name),
        evidence: [evidence.get(fact.key).id],
        answer: Array.isArray(value) ? value.join(' ') : value,
      });
  }
  for (const change of CHANGES) {
    const [before, after] = change.v[p];
    for (const q of change.ask)
      asked.push({
        kind: 'current',
        question: fill(q, change.v[p], name),
        evidence: [evidence.get(`${change.key}:after`).id],
        answer: after ?? '',
      });
    for (const q of change.askBefore)
      asked.push({
        kind: 'earlier',
        question: fill(q, change.v[p], name),
        evidence: [evidence.get(`${change.key}:before`).id],
        answer: before ?? '',
      });
  }
  for (const event of EVENTS) {
    const { id, item, date: said } = evidence.get(event.key);
    asked.push({
      kind: 'when',
      question: fill(event.ask, item.value, name),
      evidence: [id],
      answer: isoDate(resolve(item.rel, said)),
    });
  }
  shuffle(asked).forEach((q, i) =>
    questions.push({ id: `${conversation}-q${String(i + 1).padStart(3, '0')}`, conversation, ...q }),
  );
});
questions.forEach((q, i) => (q.heldOut = i % HELD_OUT_EVERY === HELD_OUT_EVERY - 1));

const jsonl = (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const here = (file) => new URL(file, import.meta.url);
writeFileSync(here('./dialogues.jsonl'), jsonl(turns));
writeFileSync(here('./questions.jsonl'), jsonl(questions));
console.log(
  `${turns.length} turns in ${PEOPLE.length * SESSIONS} sessions, ${questions.length} questions (${questions.filter((q) => q.heldOut).length} held out)`,
);
