import type { Conversation, Proposal, Turn } from './types.js';
import { firstPersonAs, secondPersonAs } from './thirdPerson.js';
import { absoluteDates } from './relativeDates.js';
import { relationsIn, withRelations } from './relations.js';
import { WEEKDAYS } from '../core/dateMention.js';
import { namesIn, TITLE, withSubjectNamed } from './names.js';

/*
 * The offline extraction: a conversation's turns cut into sentences (Intl.Segmenter), the
 * sentences that state something kept, each said again about its speaker ("I moved to Porto" →
 * "Ana moved to Porto") where a rule can do it safely, else kept as said with the speaker named.
 * Deterministic, and without a model: the classifier's no-leaf-fits judgment runs afterwards
 * (app/capture.ts), on what these rules let through.
 *
 * Only people's turns propose facts: an assistant's replies are its own words (plans, code,
 * advice), and what it confirms ("Noted: your dentist is on Wednesday") the person said first.
 * A question it asks is read only as the context of the short answer that follows.
 */

export interface ExtractOptions {
  /** Read the assistant's turns too (off: see above). */
  assistant?: boolean;
}

export function extractFacts(conversation: Conversation, options: ExtractOptions = {}): Proposal[] {
  const proposals: Proposal[] = [];
  // "Work's been mad" opens with a capital and "'s" too: a name at a sentence's start must be seen elsewhere
  const names = new Set(conversation.turns.flatMap((turn) => [...namesIn(turn.text, { possessiveFirst: false })]));
  const relations = relationsIn(conversation.turns);
  let previous: Turn | undefined;
  for (const turn of conversation.turns) {
    const asked = previous;
    previous = turn;
    if (turn.role === 'assistant' && !options.assistant) continue;
    const seen = new Set<string>();
    const answer = answerTo(asked, turn);
    if (answer) proposals.push(answer.proposal);
    for (const sentence of statements(turn.text, names, answer ? 1 : 0)) {
      const said = withRelations(sentence, relations, turn.speaker);
      const text = restated(said, turn, conversation.shape === 'agent' ? 'the project' : undefined);
      const key = text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      proposals.push({ text, turn: turn.number, said });
    }
  }
  return proposals;
}

/**
 * "How old is she now?" — "Five going on fifteen": an answer of a few words with no subject or
 * verb of its own says nothing without the question it answers, asked just before by someone
 * else. The question goes with it, said of the one who answers ('Darnell, asked "How old is she
 * now?": Five going on fifteen'), and the two are classified together.
 */
function answerTo(asked: Turn | undefined, turn: Turn): { proposal: Proposal } | undefined {
  // only a turn that ends in a question is cut into sentences (an assistant's reply can be long)
  if (!asked || asked.speaker === turn.speaker || !/\?\s*$/.test(asked.text)) return undefined;
  const question = withoutLeadIn(sentencesOf(asked.text).at(-1) ?? '');
  // what a wh-question asks is a fact; "how's it going?" or "can you swim?" asks for a mood or a yes
  if (!question.endsWith('?') || countWords(question) > 20 || !ASKS_FOR_A_FACT.test(question)) return undefined;
  const first = withoutLeadIn(sentencesOf(turn.text)[0] ?? '').replace(/[\s!.]+$/, '');
  if (
    countWords(first) === 0 ||
    first === asked.speaker || // "Farah!! good to hear from you": a greeting, not an answer
    countWords(first) > 8 ||
    SUBJECT_OR_VERB.test(first) ||
    FILLER.test(first) ||
    REQUEST.test(first) ||
    first.endsWith('?')
  )
    return undefined;
  const dated = turn.at ? absoluteDates(first, new Date(turn.at)) : first;
  const answer = firstPersonAs(dated, turn.speaker) ?? dated;
  const about = secondPersonAs(question, turn.speaker);
  return {
    proposal: { text: `${turn.speaker}, asked "${about}": ${answer}`, turn: turn.number, said: `${question} ${first}` },
  };
}

// made on first use: loading ICU's sentence rules costs ~9 ms, paid by every command whose code shares this chunk
let segmenter: Intl.Segmenter | undefined;

/** The sentences of a turn that state something: no question, greeting, thanks, request or filler. */
export function statements(text: string, names: ReadonlySet<string> = new Set(), skip = 0): string[] {
  const kept: string[] = [];
  const known = new Set([...names, ...namesIn(text)]);
  // what was said before the clause: "he", "she" or "it" can only mean a name said before it
  let before = '';
  // whether the last clause read was kept: a date said after it belongs to it
  let lastKept = false;
  for (const [i, said] of sentencesOf(text).entries()) {
    if (i < skip) {
      before += ` ${said}`;
      continue;
    }
    for (const clause of clauses(said)) {
      const earlier = namesIn(before.trim());
      before += ` ${clause}`;
      const sentence = withSubjectNamed(withoutLeadIn(clause), earlier.size === 1 ? [...earlier][0] : undefined);
      const instructed = kept.some((k) => RULE.test(k));
      if (lastKept && isDetailOfTheLast(sentence, instructed)) {
        kept[kept.length - 1] = `${kept.at(-1)!.replace(/[\s!.:;,]+$/, '')}, ${sentence}`;
        continue;
      }
      lastKept = states(sentence, known);
      if (lastKept) kept.push(sentence);
    }
  }
  return kept;
}

const ASKS_FOR_A_FACT =
  /^(?:what|what's|whats|which|who|who's|whom|whose|where|where's|when|when's|how (?:old|many|much|long|often|far|big|tall))\b/i;

/** A turn's sentences as the segmenter cuts them, with the breaks chat leaves out (see withSentenceBreaks). */
function sentencesOf(text: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const said = withSentenceBreaks(text.replace(/\s+/g, ' '));
  return [...segmenter.segment(said)].map(({ segment }) => segment.replaceAll(TITLE_DOT, '.'));
}

/** A subject or a verb of a sentence's own: what a detail or an answer of a few words lacks. */
const SUBJECT_OR_VERB =
  /\b(?:i|i'm|we|we're|you|he|she|they|it|it's|is|are|was|were|has|have|had|will|can|did|does)\b/i;

const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*`;
const DATE_IN_WORDS = new RegExp(
  String.raw`\b(?:\d{1,2}(?:st|nd|rd|th)? ${MONTH}|${MONTH} \d{1,2}(?:st|nd|rd|th)?|${WEEKDAYS}|\d{1,2}[:.]\d{2}|\d{1,2} ?(?:am|pm))\b`,
  'i',
);

/**
 * "I got an artist residency in Portland! 14 October to 15 November", "I need to remember my
 * tablets. Amlodipine, 5 mg, every morning": a sentence of a few words with a date or a number
 * and no subject or verb of its own says when, or which, of the statement before it.
 */
function isDetailOfTheLast(sentence: string, instructed: boolean): boolean {
  const words = countWords(sentence);
  if (words > 10 || SUBJECT_OR_VERB.test(sentence) || sentence.endsWith('?')) return false;
  // a date or a number; or, after an instruction, a few words that narrow it ("never call me. texts or email only")
  return (
    DATE_IN_WORDS.test(sentence) ||
    /\p{N}/u.test(sentence) ||
    (instructed && words >= 2 && words <= 4 && !FILLER.test(sentence))
  );
}

/**
 * Chat writes "3 on 4 off. can you help" with no capital: the segmenter reads one sentence, and a
 * question at its end would drop the statement before it. A line break after a word's full stop
 * (not "e.g.", "St.", "approx.") followed by a small letter makes two.
 */
function withSentenceBreaks(text: string): string {
  return (
    text
      // the segmenter ends a sentence at "Prof. Baird": the title's dot is hidden from it, and put back
      .replace(TITLE, `$1${TITLE_DOT}`)
      // an emoji between words ends what was said before it: "help with english 😅 I got a residency"
      .replace(/(?<=\S)\s*(?:\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\p{EMod})+\s+(?=\p{Lu})/gu, '\n')
      .replace(
        /(?<=(?:^|\s)(?:(?!(?:etc|approx|incl|vs|mr|mrs|ms|dr|st|no|pp)[.])[\p{L}\p{N}'’)]{2,}|\p{N}+)[.!?]+)\s+(?=\p{Ll})/gu,
        '\n',
      )
  );
}

// a character the segmenter reads as a letter (a dot of any kind would end the sentence again)
const TITLE_DOT = '\uE000';

/** Where a sentence holds two statements: before a new subject, at a semicolon or a dash. */
const CLAUSE_BREAK = new RegExp(
  [
    String.raw`\s*;\s*`, // "I'm vegan; my partner isn't"
    // "... and I work nights"; not "Jonah and I have been together", two subjects of one verb
    String.raw`,?\s+(?:and|but|plus)\s+(?=(?:I(?!\s+(?:have|are|were|both|each|met|got married)\b)|I'm|I've|I'll|my|we|our|we're|we've)\b)`,
    String.raw`,\s+(?=(?:I|I'm|I've|we|we're|we've|my|our)\s)`, // "run ruff too, we use ruff for lint"
    String.raw`,\s+(?=(?:he|she)(?:'s|\s+is)\s)`, // "reviewed by Hamid, he's our DBA"
    String.raw`,\s+so\s+`, // "my shell is fish, so skip bash-only syntax"
    String.raw`\s+so\s+(?=(?:I|I'm|I've|we|we're|my|our|the|he|she|they|it|it's|there)\b)`, // not "so powerful"
    String.raw`(?<=[a-z0-9)])\s+-{1,2}\s+|\s+—\s+`, // dashes between clauses
    // a request that follows the statement: "my mum's 70th is on 4 May, can you nudge me before"
    String.raw`,\s+(?=(?:(?:and |so )?(?:can|could|would|will) (?:you|u)|any (?:idea|ideas|tips|thoughts|suggestions)|any\s+\S+(?:\s+\S+)?\s+(?:you|u) can|what|how|which|do you|is there)\b)`,
  ].join('|'),
  'i',
);

/**
 * A sentence cut where a new clause with its own subject starts ("I'm a nurse at St James's and
 * I work nights" is two facts); a list joined by "and" without a new subject stays whole.
 */
function clauses(sentence: string): string[] {
  return sentence
    .split(CLAUSE_BREAK)
    .flatMap(withoutTagQuestion)
    .flatMap(afterTheRequest)
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .reduce(withShortOnesJoined, []);
}

/**
 * "no shellfish, I'm allergic", "no beef btw, I'm Hindu": a piece of one or two words is not a
 * statement on its own but part of the next one. Filler ("ok", "thanks") stays apart.
 */
function withShortOnesJoined(pieces: string[], piece: string): string[] {
  const last = pieces.at(-1);
  // "no beef btw": a word said in passing is no part of it
  const said = last === undefined ? '' : withoutLeadIn(last).replace(/\s+(?:btw|lol|tbh|haha|though|then)$/i, '');
  // "oh no Farah, I'm so sorry": a name last is someone spoken to, not part of what follows
  if (last !== undefined && said !== '' && countWords(said) < 3 && !FILLER.test(said) && !/\p{Lu}\p{Ll}*$/u.test(said))
    pieces[pieces.length - 1] = `${last}, ${piece}`;
  else pieces.push(piece);
  return pieces;
}

const countWords = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * "run make lint too, CI fails on any warning", "add Ola as a reviewer, she owns billing": what
 * follows a request's comma is often why, said as a fact; each part is judged alone. A request
 * that is itself a standing instruction stays whole.
 */
function afterTheRequest(clause: string): string[] {
  const request = withoutLeadIn(clause);
  if (!REQUEST.test(request) || RULE.test(request) || standing(request)) return [clause];
  return clause.split(/,\s+/);
}

/** "I use neovim with lazyvim, any idea?": the question at the end is the request, the rest a statement. */
function withoutTagQuestion(clause: string): string[] {
  const match = /^(.{12,}?),\s*((?:\S+\s*){1,5}\?+)$/.exec(clause);
  return match ? [`${match[1]}.`, match[2]] : [clause];
}

/** Words that open a sentence without adding to it: "oh and", "btw", "actually", "remember that". */
const LEAD_IN =
  /^(?:(?:(?:oh|ah|also|and|but|so|well|anyway|anyways|actually|btw|by the way|fyi|just so you know|for the record|honestly|basically|oh yeah|heads up|quick one|also random q|random q|update|correction|(?:one|one more|last|another|random) thing|funny story|fun story|speaking of which|(?:big |good |great |exciting |some )?news|fun fact|scratch that|oh wait|so yeah|(?:please |pls |can you |could you )?(?:remember|note|keep in mind|make a note|don't forget)(?: that| this)?)\b[\s,:!.-]*)|(?:(?:ok|okay|yeah|yes|yep|no|nope|hey|hi|hello|haha|lol|ha|aw+|omg|ooh|oh no|right|wait|hmm|um|uh)[,.!:-]+\s*)|(?:(?:ha(?:ha)+|lol|lmao|omg|aw+|ok|okay|hey|hi|hiya)\s+))+/i;

/** "which is killing me because the tiny house is half built": a reaction, then the fact it is about. */
const REACTION_BECAUSE = /^(?:which|that|this|it)(?:'s| is| was)?\b[^,.]{0,30}?\s(?:because|cos|cause|since)\s+/i;

/** "good that you checked, MSRV 1.75 is a hard rule": a word to the listener before the statement. */
const TO_THE_LISTENER_FIRST = /^[^,]{0,30}\b(?:you|u)\b[^,]{0,20},\s+(?=\S+\s+\S+\s+\S)/i;

function withoutLeadIn(sentence: string): string {
  const text = sentence
    // a sentence said in brackets, as an aside: "(everything is tracked in github issues)"
    .replace(/^\((.*)\)[.!]*$/, '$1')
    .replace(LEAD_IN, '')
    .replace(REACTION_BECAUSE, '')
    // "I'm single and not looking, thanks": the thanks is to the listener
    .replace(/,\s*(?:thanks|thank you|thx|ty|cheers)(?:\s+(?:so much|a lot))?[\s!.]*$/i, '')
    .replace(TO_THE_LISTENER_FIRST, '')
    .replace(ASIDE_TO_THE_LISTENER, '')
    .trim()
    // news told as a riddle: "guess who won best sourdough" is "I won best sourdough"
    .replace(/^guess who(?=\s+(?!(?:i|we|you|he|she|they|it)\b)\S)/i, 'I')
    .replace(/^guess whose\b/i, 'my');
  return text.replace(/^[\s,;:.!-]+/, '').replace(/[\s,;:]+$/, '');
}

/**
 * What a statement says in passing to the person listening: "if you need test data, the factories
 * are in ...", "... in case you give me paths", "... like you thought". The statement stays.
 */
const ASIDE_TO_THE_LISTENER =
  /^(?:if|in case|when|whenever) (?:you|u)\b[^,]*,\s*|,?\s+(?:in case|if|when|so that|so) (?:you|u)\b.*$|,?\s+(?:like|as) (?:you|u) (?:said|thought|suggested|mentioned|asked)\b[^,.]*/gi;

/** Whole sentences that are greetings, thanks, agreement or reactions. */
const FILLER =
  /^(?:hi|hey|hiya|hello|morning|good (?:morning|night|evening|afternoon)|thanks?(?: you)?(?: so much| a lot)?|thx|ty|cheers|bye|see (?:you|ya)|talk (?:soon|later)|take care|ok(?:ay)?|sure|cool|nice|great|awesome|perfect|lovely|amazing|wow|yay|haha+|lol|lmao|yes|yeah|yep|no|nope|got it|sounds good|no worries|np|of course|exactly|right|true|same|fair enough|makes sense|that's (?:great|amazing|awesome|cool|nice|lovely|so cool|wonderful|fair|true|right|it)|i see|i agree|i know|i guess|i think so|i hope so|me too|you too|will do|done|all good|good luck|congrats|congratulations)\b[\s!.,:)(-]*(?:\s*(?:thanks|thank you|man|mate|dude|so much|again|lol|haha|:\)|!)+)?[\s!.]*$/i;

/** A request to the assistant: what the person wants done, not something about them. */
const REQUEST =
  /^(?:send|come|guess|bring|call|book|pick|go with|get|look|stop|wait|hold|put|give|take|read|go ahead|start|open|ping|email|text|message|let me know|lmk|feel free|hit|push|merge|deploy|ship|revert|undo|commit|(?:can|could|would|will) (?:you|u)|please|pls|plz|let's|lets|help me|show me|tell me|give me|write|fix|add|run|make|create|update|change|refactor|explain|check|try|find|draft|suggest|list|summari[sz]e|rename|remove|delete|move|install|set up|generate|remind me|do you|did you|are you|is there|what|how|why|when|where|which|who|should i|could i|can i|do i|is it|any (?:idea|tips|thoughts)|i (?:need|want|would like|'d like) (?:you|help|to know|some help|a hand|advice|ideas|suggestions)|i was wondering|i wonder)\b/i;

/** Openings that talk about the conversation or the assistant, not about the world ("I've got to run", "I must correct myself"). */
const ABOUT_THE_CHAT =
  /^(?:you(?:'re|'ve| are| were| have)?|your|this (?:looks|sounds)|that (?:looks|sounds|works|helps|makes)|it (?:looks|sounds|works)|here(?:'s| is)|i (?:think|guess|mean|hope|suppose|wonder|feel like|appreciate|love|like) (?:it|that|this|so|you)|i(?:'m| am) (?:sure|not sure|glad|sorry|happy for you|so happy for you|good|fine|okay|ok|great|well|back|here|just wondering|curious)\b|i(?:'ve| have)? (?:got to|gotta|have to|need to|should|must) (?:run|go|get going|dash|head off|fly)\b|i (?:must|have to|need to|should) correct myself\b|i stand corrected\b|i(?: have|'ve got| got)? (?:some |big |great |exciting )?news\b|(?:no idea|not sure) why i (?:said|wrote|typed)\b|i was wrong\b)/i;

/**
 * Asides about the message itself, wherever they sit ("... so excuse typos", "bear with me",
 * "reading this between seminars"), and a reply to a suggestion ("the Icelandic one sounds good").
 */
const ABOUT_THE_MESSAGE =
  /\b(?:excuse (?:the |my |any )?(?:typos|spelling)|bear with me|sorry for the (?:long message|wall of text|typos)|if that makes sense|(?:reading|writing|typing|sending) this (?:on|from|between|in|at|while)\b|\b(?:sounds|looks) (?:good|great|perfect|lovely|nice|fine|amazing)[!.]*$)/i;

/**
 * A standing instruction ("never push to main", "keep replies short"): a rule to remember, "you" or
 * not; "you have to come", "you should try it" invite or recommend, and are not.
 */
const RULE =
  /^(?:(?:please |pls )?(?:don't|do not|never|always|avoid|make sure|keep|use|stick to|prefer|only|no more)\b|(?:you|u) (?:must|should|shouldn't|must not|mustn't|can't|cannot|need to|have to|always|never)\b(?! (?:come|see|try|visit|meet|join|watch|read|hear|check (?:it|this|that|them) out)\b))/i;

/**
 * A request that holds for every later one: "can you always answer in English", "run tests with
 * nextest, not cargo test" (an instruction that names what not to do instead).
 */
const STANDING =
  /\b(?:always|never|from now on|whenever|every time|any time|anytime|going forward|in future|in the future)\b|,\s*not\s+(?!(?:sure|yet|now|really|too|today|tonight|anymore|any more)\b)\S/i;

const standing = (request: string) =>
  STANDING.test(request) && /^(?:(?:please |pls )?[a-z]+\b|(?:can|could|would|will) (?:you|u)\b)/i.test(request);

/** How someone feels right now ("I'm so tired", "I'm terrified lol"): the moment, not a fact to keep. */
const MOMENT =
  /^i(?:'m| am)(?: (?:so|really|a bit|kinda|kind of|pretty|super|very|just|still|honestly|actually|literally))* (?:tired|exhausted|knackered|shattered|excited|terrified|nervous|sad|happy|glad|scared|stressed|relieved|proud|sorry|bored|annoyed|thrilled|devastated|obsessed|dying|dead|done|screaming|crying|freaking out|losing it)\b[^,.;]{0,20}(?:,[^,.;]{0,25})?[.!]*$/i;

/** What someone likes or cannot have: a fact however lightly it is said. */
const LIKING =
  /\b(?:i|we)(?: really| absolutely| just)? (?:hate|love|like|prefer|adore|can't stand|don't eat|can't eat|am allergic|'m allergic)\b/i;

/** The person spoken to: a sentence about them is about the listener, or a request ("send me the link"). */
const SECOND_PERSON = /\b(?:you|your|yours|yourself|u|ur)\b/i;
const FIRST_PERSON = /\b(?:i|me|my|mine|myself|we|us|our|ours)\b|\bi'/i;
/** What a sentence can be about when it is short or opens with "that", "it": a name, a number, a date (not the pronoun "I"). */
const NAMED = /(?:^|\s)(?!I(?:'(?:m|ve|ll|d))?\b)\S*\p{Lu}|\p{N}|[\p{L}\p{N}]+[/_.][\p{L}\p{N}]|\/(?=[\s,.;]|$)/u;
/** A number said in words counts as one: "six product teams build on it". */
const NUMBER_WORD =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|dozen)\b/i;

/** Whether a sentence states something worth keeping, by rule (the classifier judges what is left). */
export function states(sentence: string, names: ReadonlySet<string> = new Set()): boolean {
  if (REQUEST.test(sentence) && standing(sentence.replace(/\?+$/, ''))) return true;
  if (sentence.endsWith('?')) return false;
  const words = sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  // "I'm vegan" says something in two words; "sounds good" does not
  if (words.length < 2 || (words.length < 3 && !/^i(?:'m| am|'ve)\b/i.test(sentence))) return false;
  if (FILLER.test(sentence)) return false;
  if (RULE.test(sentence)) return true;
  if (REQUEST.test(sentence)) return false;
  if (ABOUT_THE_CHAT.test(sentence) || ABOUT_THE_MESSAGE.test(sentence)) return false;
  if (SECOND_PERSON.test(sentence)) return false;
  const self = FIRST_PERSON.test(sentence);
  // "Busy but good", "Two weeks to go", "That fixed it": a reaction, unless it names something
  const rest = sentence.slice(words[0].length);
  // what it names, a name it opens with included ("Femi owns that package")
  const naming = NAMED.test(rest) || NUMBER_WORD.test(rest) || names.has(words[0].replace(/['’]s$/, ''));
  if (!self && words.length < 6 && !naming) return false;
  if (!self && /^(?:that|this|it|these|those|which|she|he|they|them)\b/i.test(sentence) && !naming) return false;
  // "I did it", "I had to google that": about something said before, in a few words
  if (words.length <= 6 && /\b(?:that|it|this|them|those)[\s!.]*$/i.test(sentence) && !naming) return false;
  // "my stomach doesn't like surprises anymore lol": a joke, said for the moment
  if (/\b(?:lol|haha+|lmao|rofl)[\s!.]*$/i.test(sentence) && !naming && !LIKING.test(sentence)) return false;
  // "That's all I know lol", "that was close": a reaction to what was said before
  if (/^that(?:'s| is| was)\b/i.test(sentence) && !naming) return false;
  // "I'll bring wine", "we can go": an offer made in the conversation, not a plan to remember
  if (words.length <= 6 && /^(?:i|we)(?:'ll| will| can| could)\b/i.test(sentence) && !naming) return false;
  // "We wanted to", "I'd love to": the verb is in what was said before
  if (words.length <= 5 && /\bto[\s!.]*$/i.test(sentence)) return false;
  if (MOMENT.test(sentence)) return false;
  // a sentence of code or a path list, not a statement
  if (/[{}<>=]{2,}|^\W/.test(sentence)) return false;
  return true;
}

/** The sentence said about its speaker, its relative dates made absolute from when the turn was said. */
function restated(sentence: string, turn: Turn, we?: string): string {
  const dated = turn.at ? absoluteDates(sentence, new Date(turn.at)) : sentence;
  const third = firstPersonAs(dated, turn.speaker, we);
  const text = third ?? `${turn.speaker}: ${dated}`;
  return capitalised(text.replace(/[\s!.]+$/, ''));
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
