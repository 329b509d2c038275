/*
 * "I moved to Porto" said by Ana is stored as "Ana moved to Porto": a fact read later, by
 * someone else or an agent, must say whom it is about. The rewrite is made only where a rule
 * gets it right: first-person singular pronouns, the verb after "I" put in the third person
 * (present tense: "I work" → "Ana works"; past tense and modals unchanged). A sentence that also
 * says "we" or "you", or "I'd" (had or would?), is left to its caller to quote as said.
 */

const SECOND_PERSON = /\b(?:you|your|yours|yourself|y'all)\b|\bi'd\b|\bwe'd\b/i;
const FIRST_PLURAL = /\b(?:we|us|our|ours|ourselves)\b|\bwe'(?:re|ve|ll)\b/i;
const FIRST_PERSON = /\b(?:i|me|my|mine|myself)\b|\bi'(?:m|ve|ll)\b/i;

/** Words between "I" and its verb that stay as they are: "I really like" → "Ana really likes". */
const ADVERB =
  /^(?:really|just|also|still|usually|always|never|often|sometimes|actually|now|currently|mostly|only|even|totally|absolutely|definitely|kinda|kind of|sort of|finally|recently|normally|generally|probably|already|literally|honestly|basically|personally|rarely|seldom|def|hardly|especially|mainly)$/i;

/** Verbs after "I" that are past tense or modal: unchanged in the third person. */
const UNCHANGED = new Set(
  (
    'was had did went got made took saw came began bought brought caught felt found gave grew heard kept knew left ' +
    'lost met paid put ran said sent sold spent thought told won wrote drove ate drank flew forgot hurt quit set sat ' +
    'slept spoke stood swam taught threw understood woke wore built chose broke fell fought held led lent meant rode ' +
    'rang rose shot shut sang stole stuck swore tore became bit blew dug drew fed fled forgave froze hid hit let lit ' +
    'read rid shook shone sought split spread sprang stank stung strode struck swept swung wept wound ' +
    "can could will would shall should may might must can't cannot won't wouldn't couldn't shouldn't mustn't " +
    "didn't wasn't used ought"
  ).split(' '),
);

/** Present-tense verbs whose third person is not the regular one. */
const IRREGULAR: Record<string, string> = {
  am: 'is',
  have: 'has',
  do: 'does',
  go: 'goes',
  "don't": "doesn't",
  "haven't": "hasn't",
  are: 'is',
  were: 'was',
  "aren't": "isn't",
  "weren't": "wasn't",
};

/** The third person singular of a present-tense verb. */
export function thirdPersonVerb(verb: string): string {
  const lower = verb.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower];
  if (/(?:s|x|z|ch|sh|o)$/.test(lower)) return `${verb}es`;
  if (/[^aeiou]y$/.test(lower)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

const possessive = (name: string) => `${name}'s`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "I'm" and "we're" said of someone else: the subject and the verb it stands for. */
const CONTRACTED: Record<string, string> = { "'m": 'is', "'re": 'is', "'ve": 'has', "'ll": 'will' };

/**
 * The sentence about `name` instead of its speaker, or undefined when it holds no first-person
 * pronoun or one no rule rewrites safely. `we`: who "we" is, where the conversation makes it
 * clear (a coding agent's session: "the project"); otherwise a sentence with "we" is left alone.
 * @example firstPersonAs("I'm lactose intolerant", 'Rosa') === 'Rosa is lactose intolerant'
 */
export function firstPersonAs(sentence: string, name: string, we?: string): string | undefined {
  const text = sentence.replace(/[’‘]/g, "'");
  const plural = FIRST_PLURAL.test(text);
  if (SECOND_PERSON.test(text) || (plural && !we)) return undefined;
  if (!FIRST_PERSON.test(text) && !plural) return undefined;
  // "I'm Jules, they/them" said by Jules is not "Jules is Jules": quoted as said
  if (new RegExp(String.raw`\b(?:i'm|i am|my name is|my name's)\s+${escapeRegExp(name)}\b`, 'i').test(text))
    return undefined;
  const subjects: Record<string, string> = { i: name, ...(we ? { we } : {}) };
  const possessives: Record<string, string> = {
    my: possessive(name),
    mine: possessive(name),
    ...(we ? { our: possessive(we), ours: possessive(we) } : {}),
  };
  const objects: Record<string, string> = {
    me: name,
    myself: 'themselves',
    ...(we ? { us: we, ourselves: 'itself' } : {}),
  };
  const words = text.split(/(\s+)/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const bare = word.replace(/^[("']+|[)"',.!:;]+$/g, '');
    const lead = word.slice(0, word.indexOf(bare));
    const tail = word.slice(word.indexOf(bare) + bare.length);
    const lower = bare.toLowerCase();
    const contraction = /^(i|we)('m|'re|'ve|'ll)$/.exec(lower);
    if (contraction && subjects[contraction[1]]) {
      out.push(`${lead}${subjects[contraction[1]]} ${CONTRACTED[contraction[2]]}${tail}`);
    } else if (subjects[lower] !== undefined && lower === 'i' && words[i - 2]?.toLowerCase() === 'and') {
      // "Jonah and I have been together": one of two subjects, and the verb stays plural
      if (tail !== '') return undefined;
      out.push(`${lead}${name}`);
    } else if (subjects[lower] !== undefined) {
      if (tail !== '') return undefined; // "I," "I." — not a subject before its verb
      // the verb: the first word after the adverbs
      let j = i + 2;
      while (j < words.length && ADVERB.test(words[j].replace(/[,.!]+$/, ''))) j += 2;
      const verbWord = words[j];
      if (verbWord === undefined) return undefined;
      const verb = verbWord.replace(/[,.!:;]+$/, '');
      if (!/^[a-z][a-z']*$/i.test(verb)) return undefined;
      const lowerVerb = verb.toLowerCase();
      out.push(`${lead}${subjects[lower]}`);
      for (let k = i + 1; k < j; k++) out.push(words[k]);
      const past = lowerVerb.endsWith('ed') && !lowerVerb.endsWith('eed'); // "moved", not "need"
      if (IRREGULAR[lowerVerb]) out.push(IRREGULAR[lowerVerb] + verbWord.slice(verb.length));
      else if (UNCHANGED.has(lowerVerb) || past || lowerVerb.endsWith("n't")) out.push(verbWord);
      else out.push(thirdPersonVerb(verb) + verbWord.slice(verb.length));
      i = j;
    } else if (possessives[lower]) out.push(`${lead}${possessives[lower]}${tail}`);
    else if (objects[lower]) out.push(`${lead}${objects[lower]}${tail}`);
    else out.push(word);
  }
  return out.join('');
}

/** "you" after the verbs a question puts before its subject: "do you" → "does Ana". */
const ASKED_OF_YOU: Record<string, string> = { do: 'does', are: 'is', have: 'has', were: 'was' };

/**
 * A question said to someone, said of them instead: "What do you play?" asked of Ana is "What
 * does Ana play?", "your" is "Ana's". Used for the question an answer of a few words replies to.
 */
export function secondPersonAs(question: string, name: string): string {
  return question
    .replace(/\b(do|are|have|were|did|would|will|can|could|should)\s+(?:you|u)\b/gi, (_, verb: string) => {
      const said = ASKED_OF_YOU[verb.toLowerCase()] ?? verb;
      return `${verb[0] === verb[0].toUpperCase() ? said[0].toUpperCase() + said.slice(1) : said} ${name}`;
    })
    .replace(/\b(?:your|ur)\b/gi, possessive(name))
    .replace(/\b(?:yourself)\b/gi, 'themselves')
    .replace(/\b(?:you|u)\b/gi, name);
}
