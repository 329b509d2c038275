import { capitalisedWords, MONTHS, WEEKDAYS } from '../core/dateMention.js';

/*
 * Names in what people say, for capture's offline rules: which capitalised words name someone
 * or something, and whom "he", "she" or "it" at a clause's start stands for.
 */

/** A title and its full stop: "Prof. Baird" (the segmenter would end a sentence there). */
export const TITLE = /\b(Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Mt)\.(?=\s+\p{Lu})/giu;

/** Capitalised words that are not names: words that open sentences, days, months, kin said as a name. */
export const NOT_A_NAME = new RegExp(
  `^(?:I|The|That|This|These|Those|It|He|She|They|We|You|My|Our|Your|His|Her|Their|Its|And|But|So|Or|If|When|What|Why|How|Where|Who|Which|There|Here|Yes|No|Not|Oh|Ah|Ok|Okay|Haha|Lol|Thanks|Hi|Hey|Just|Also|Well|Now|Then|${capitalisedWords(WEEKDAYS)}|${capitalisedWords(MONTHS)}|Mum|Mom|Dad|God|Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Mt)$`,
);

/**
 * The names a text holds: capitalised words not at a sentence's start (or there, with "'s").
 * The one name said before a "he", "she" or "it" is whom it means ("add Ola as a reviewer, she
 * owns billing"); a conversation's names tell "Femi owns that package" from "Busy but good" at a
 * sentence's start.
 */
export function namesIn(text: string, { possessiveFirst = true } = {}): Set<string> {
  const names = new Set<string>();
  const said = text.replace(TITLE, '$1');
  // someone who starts sentences in small letters ("looks right. the parsers are in ...")
  // capitalises a name even there: "Femi owns that package"
  const starts = [...said.matchAll(/(?:^|[.!?]\s+)(\p{L})/gu)].map((m) => m[1]);
  const small = starts.filter((c) => c === c.toLowerCase()).length;
  const namesOpen = small >= 2 && small > starts.length - small;
  for (const m of said.matchAll(/(^|[.!?]\s+|\s)(\p{Lu}\p{Ll}+)(?=('s\b)|[^\p{L}'’]|$)/gu)) {
    const atStart = m[1] === '' || /[.!?]/.test(m[1]);
    if ((atStart && !namesOpen && !(possessiveFirst && m[3])) || NOT_A_NAME.test(m[2])) continue;
    names.add(m[2]);
  }
  return names;
}

/** A clause that opens with "he", "she" or "it", said of the name it means: "she owns billing" → "Ola owns billing". */
export function withSubjectNamed(clause: string, name: string | undefined): string {
  if (!name) return clause;
  // "it" only before a verb of its own ("It runs visual regression"): "it's", "it is" are seldom a name
  return clause
    .replace(/^(?:she|he)'s\s+(?=(got|been|done|had|gone|made|taken|left)\b)/i, `${name} has `)
    .replace(/^(?:she|he)'s\s+/i, `${name} is `)
    .replace(
      /^(?:she|he)(?=\s)|^it(?=\s+(?!(?:is|was|has|does|seems|looks|sounds|feels|works|makes|takes|gets)\b)[a-z]+s\b)/i,
      name,
    );
}
