/*
 * "I moved to Porto" said by Ana is stored as "Ana moved to Porto": a fact read later, by
 * someone else or an agent, must say whom it is about. The rewrite is made only where a rule
 * gets it right: first-person singular pronouns, the verb after "I" put in the third person
 * (present tense: "I work" → "Ana works"; past tense and modals unchanged). A sentence that also
 * says "we" or "you", or "I'd" (had or would?), is left to its caller to quote as said.
 */

const UNSAFE = /\b(?:we|us|our|ours|ourselves|you|your|yours|yourself|y'all)\b|\bi'd\b/i;
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
  "'m": ' is',
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

/**
 * The sentence about `name` instead of its speaker, or undefined when it holds no first-person
 * pronoun or one no rule rewrites safely.
 * @example firstPersonAs("I'm lactose intolerant", 'Rosa') === 'Rosa is lactose intolerant'
 */
export function firstPersonAs(sentence: string, name: string): string | undefined {
  const text = sentence.replace(/[’‘]/g, "'");
  if (!FIRST_PERSON.test(text) || UNSAFE.test(text)) return undefined;
  const words = text.split(/(\s+)/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const bare = word.replace(/^[("']+|[)"',.!:;]+$/g, '');
    const lead = word.slice(0, word.indexOf(bare));
    const tail = word.slice(word.indexOf(bare) + bare.length);
    const lower = bare.toLowerCase();
    if (lower === "i'm" || lower === "i've" || lower === "i'll") {
      out.push(`${lead}${name} ${{ "i'm": 'is', "i've": 'has', "i'll": 'will' }[lower]}${tail}`);
    } else if (lower === 'i') {
      if (tail !== '') return undefined; // "I," "I." — not a subject before its verb
      // the verb: the first word after the adverbs
      let j = i + 2;
      while (j < words.length && ADVERB.test(words[j].replace(/[,.!]+$/, ''))) j += 2;
      const verbWord = words[j];
      if (verbWord === undefined) return undefined;
      const verb = verbWord.replace(/[,.!:;]+$/, '');
      if (!/^[a-z][a-z']*$/i.test(verb)) return undefined;
      const lowerVerb = verb.toLowerCase();
      out.push(`${lead}${name}`);
      for (let k = i + 1; k < j; k++) out.push(words[k]);
      if (UNCHANGED.has(lowerVerb) || lowerVerb.endsWith('ed') || (lowerVerb.endsWith("n't") && !IRREGULAR[lowerVerb]))
        out.push(verbWord);
      else out.push(thirdPersonVerb(verb) + verbWord.slice(verb.length));
      i = j;
    } else if (lower === 'my' || lower === 'mine') out.push(`${lead}${possessive(name)}${tail}`);
    else if (lower === 'me' || lower === 'myself') out.push(`${lead}${name}${tail}`);
    else out.push(word);
  }
  return out.join('');
}
