/*
 * "I went to a support group yesterday", said on 8 May 2023, is stored as "... on 7 May 2023":
 * read a year later, "yesterday" would be wrong. Only the words whose date is certain from the
 * day the turn was said are replaced; the rest ("on Tuesday", "in a while") stay as said, and the
 * date they name is still resolved into the fact's `when` when it is stored (core/factDates.ts).
 */

import { capitalisedWords, MONTHS } from '../core/dateMention.js';

const MONTH_NAMES = capitalisedWords(MONTHS).split('|');

const DAY_MS = 86_400_000;
const dayOf = (date: Date, offset = 0) => new Date(date.getTime() + offset * DAY_MS);
const format = (date: Date) => `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
const monthOf = (date: Date, offset: number) => {
  const month = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
  return `${MONTH_NAMES[month.getUTCMonth()]} ${month.getUTCFullYear()}`;
};

const NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };

/** Each relative date whose day is certain, as the absolute one; everything else as said. */
export function absoluteDates(sentence: string, said: Date): string {
  if (Number.isNaN(said.getTime())) return sentence;
  return (
    sentence
      .replace(/\b(?:earlier |)today\b(?!'s)/gi, () => `on ${format(said)}`)
      .replace(
        /\bthis (morning|afternoon|evening)\b/gi,
        (_, part: string) => `on the ${part.toLowerCase()} of ${format(said)}`,
      )
      .replace(/\btonight\b(?!'s)/gi, () => `on the evening of ${format(said)}`)
      .replace(/\blast night\b/gi, () => `on the night of ${format(dayOf(said, -1))}`)
      .replace(/\b(?:the day before yesterday)\b/gi, () => `on ${format(dayOf(said, -2))}`)
      .replace(/\byesterday\b(?!'s)/gi, () => `on ${format(dayOf(said, -1))}`)
      .replace(/\b(?:the day after tomorrow)\b/gi, () => `on ${format(dayOf(said, 2))}`)
      .replace(/\btomorrow\b(?!'s)/gi, () => `on ${format(dayOf(said, 1))}`)
      .replace(/\b(a|an|one|two|three|four|five|six|seven|\d{1,2}) days? ago\b/gi, (_, n: string) => {
        const days = NUMBERS[n.toLowerCase()] ?? Number(n);
        return `on ${format(dayOf(said, -days))}`;
      })
      .replace(/\blast week\b/gi, () => `in the week before ${format(said)}`)
      .replace(/\bnext week\b/gi, () => `in the week after ${format(said)}`)
      .replace(/\blast month\b/gi, () => `in ${monthOf(said, -1)}`)
      .replace(/\bthis month\b/gi, () => `in ${monthOf(said, 0)}`)
      .replace(/\bnext month\b/gi, () => `in ${monthOf(said, 1)}`)
      .replace(/\blast year\b/gi, () => `in ${said.getUTCFullYear() - 1}`)
      .replace(/\bthis year\b/gi, () => `in ${said.getUTCFullYear()}`)
      .replace(/\bnext year\b/gi, () => `in ${said.getUTCFullYear() + 1}`)
      // "since last year" is "since 2022", not "since in 2022"
      .replace(/\b(since|until|till|by|before|after|from|of|on|in) (?:on|in) /gi, '$1 ')
  );
}
