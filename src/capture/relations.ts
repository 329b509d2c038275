import { NOT_A_NAME } from './names.js';
import type { Turn } from './types.js';

/*
 * Who a name is, where the conversation says so: "my daughter Kiara", "Elin, my daughter",
 * "my dog's name is Biscuit". A later "Kiara loves the zoo" says nothing of whose daughter she
 * is: the fact is stored as "Darnell's daughter Kiara loves the zoo", so the classifier files it
 * with the children and recall finds it for "what does Darnell's daughter love?".
 */

const RELATION = String.raw`(?:son|daughter|kid|child|baby|wife|husband|partner|boyfriend|girlfriend|fianc[ée]e?|mum|mom|mother|dad|father|brother|sister|grandma|granny|grandmother|grandpa|grandad|grandfather|aunt|auntie|uncle|cousin|niece|nephew|stepson|stepdaughter|stepmum|stepmom|stepdad|best friend|friend|boss|manager|colleague|coworker|co-worker|flatmate|roommate|housemate|neighbour|neighbor|dog|cat|puppy|kitten|horse|rabbit|teacher|supervisor|therapist|doctor|dentist|physio|coach|tutor|mentor|agent|lawyer|accountant)`;
const QUALIFIER = String.raw`(?:(?:little|eldest|oldest|youngest|older|younger|big|baby|twin|new|old)\s+)?`;
const NAME = String.raw`(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)`;

const INTRODUCTIONS = [
  // "my daughter Kiara", "my best friend, Jess"
  new RegExp(String.raw`\b[Mm]y\s+(${QUALIFIER}${RELATION}),?\s+${NAME}`, 'gu'),
  // "my dog's name is Biscuit", "my manager is called Petter"
  new RegExp(
    String.raw`\b[Mm]y\s+(${QUALIFIER}${RELATION})(?:'s name is| is called| is named| goes by)\s+${NAME}`,
    'gu',
  ),
];
// "Elin, my daughter, gave me", "Petter (my manager)": the name first
const NAME_FIRST = new RegExp(String.raw`${NAME}(?:,\s*|\s+\()my\s+(${QUALIFIER}${RELATION})\b`, 'gu');

export interface Relation {
  /** Who said it: whose daughter, whose manager. */
  speaker: string;
  /** As they said it: "daughter", "little brother". */
  relation: string;
}

/** Each name the conversation's people introduce with who it is to them; a name two ways, neither. */
export function relationsIn(turns: readonly Turn[]): Map<string, Relation> {
  const found = new Map<string, Relation | null>();
  const note = (name: string, relation: string, speaker: string) => {
    if (NOT_A_NAME.test(name)) return;
    const said = { speaker, relation: relation.toLowerCase().replace(/\s+/g, ' ') };
    const known = found.get(name);
    if (known === undefined) found.set(name, said);
    else if (known && (known.speaker !== said.speaker || known.relation !== said.relation)) found.set(name, null);
  };
  for (const turn of turns) {
    if (turn.role === 'assistant') continue;
    for (const pattern of INTRODUCTIONS) for (const m of turn.text.matchAll(pattern)) note(m[2], m[1], turn.speaker);
    for (const m of turn.text.matchAll(NAME_FIRST)) note(m[1], m[2], turn.speaker);
  }
  return new Map([...found].filter((entry): entry is [string, Relation] => entry[1] !== null));
}

/**
 * The sentence with the first name it holds said with who it is ("Kiara loves the zoo" →
 * "my daughter Kiara loves the zoo" said by Darnell, "Darnell's daughter Kiara" said by anyone
 * else), unless the sentence already says it.
 */
export function withRelations(sentence: string, relations: ReadonlyMap<string, Relation>, speaker: string): string {
  for (const [name, { speaker: whose, relation }] of relations) {
    const at = new RegExp(String.raw`(?<![\p{L}'’])${name}(?![\p{L}])`, 'u').exec(sentence);
    if (!at) continue;
    const near = sentence.slice(Math.max(0, at.index - 40), at.index + name.length + 40).toLowerCase();
    if (near.includes(relation)) return sentence;
    const owner = whose === speaker ? 'my' : `${whose}'s`;
    return `${sentence.slice(0, at.index)}${owner} ${relation} ${sentence.slice(at.index)}`;
  }
  return sentence;
}
