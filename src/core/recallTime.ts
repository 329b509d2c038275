import { loadChrono, mayMentionDate, mentionedDate, needsChrono, spanOfLabel, type DateSpan } from './dateMention.js';
import type { Corpus, IndexedFact } from './recall.js';

/*
 * Time in recall. A question that asks "when ...?" prefers the facts that say when they
 * happened (a date resolved at write time, see factDates.ts); a question that names a time
 * ("what did she do last week?", "in May 2023") prefers the facts whose date, or a bound of
 * whose validity, falls in it, and a little the facts recorded then. Days are counted since
 * 1970-01-01 of the calendar (a fact's `when` is a calendar date, not an instant).
 */

/** What a question asks about time. */
export interface TimeQuestion {
  /** It asks when something happened. */
  asksWhen: boolean;
  /** The time it is about, resolved from the moment it is asked (now, or --as-of). */
  span?: DateSpan;
}

const ASKS_WHEN =
  /^\s*(when|since when|what (date|day|month|year)|which (date|day|month|year)|how long ago)\b|\b(remember|know|recall|tell me) when\b/i;

/*
 * A question that names a time ranks in tiers: first the facts dated in it (their `when`, or a
 * bound of their validity), then those recorded in it, then the rest, each tier in the order of
 * its other evidence. A time named is a strong wish; a weight in the blend would lose to a leaf
 * that the words "week" or "month" point to. A "when" question only weighs, in the blend, that a
 * fact says when it happened (the `dated` feature).
 */
/**
 * What the question asks about time; undefined when nothing. chrono loads only for a question
 * holding a date-like word beyond the plain forms.
 * @example await timeOfQuestion('what did she do last week?', new Date('2023-05-31T12:00:00Z')) // span 2023-05-22/2023-05-28
 */
export async function timeOfQuestion(question: string, reference: Date): Promise<TimeQuestion | undefined> {
  const asksWhen = ASKS_WHEN.test(question);
  const span = mayMentionDate(question)
    ? mentionedDate(question, reference, needsChrono(question) ? await loadChrono() : undefined)
    : undefined;
  return asksWhen || span ? { asksWhen, ...(span ? { span } : {}) } : undefined;
}

const DAY = 86_400_000;

function calendarDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
}

/** The spans of days a fact is dated by: its `when`, and each bound of its validity as one day. */
export function daySpans(fact: Pick<IndexedFact, 'when' | 'validFrom' | 'validUntil'>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const when = fact.when ? spanOfLabel(fact.when) : undefined;
  if (when) spans.push([calendarDay(when.from), calendarDay(when.to)]);
  for (const bound of [fact.validFrom, fact.validUntil]) {
    const t = bound ? Date.parse(bound) : NaN;
    if (!Number.isNaN(t)) spans.push([Math.floor(t / DAY), Math.floor(t / DAY)]);
  }
  return spans;
}

/** The facts that say when they happened or hold. */
export function datedFacts(corpus: Corpus): Set<number> {
  const dated = new Set<number>();
  for (let i = 0; i < corpus.dated.length; i += 3) dated.add(corpus.dated[i]);
  return dated;
}

/** For a time the question names: 2 for each fact dated in it, 1 for each recorded in it. */
export function timeTiers(corpus: Corpus, span: DateSpan): Map<number, number> {
  const { dated, recorded } = corpus;
  const [from, to] = [calendarDay(span.from), calendarDay(span.to)];
  const tier = new Map<number, number>();
  for (let doc = 0; doc < recorded.length; doc++) {
    const day = Math.floor(recorded[doc] / 86_400);
    if (recorded[doc] && day >= from && day <= to) tier.set(doc, 1);
  }
  for (let i = 0; i < dated.length; i += 3) if (dated[i + 1] <= to && dated[i + 2] >= from) tier.set(dated[i], 2);
  return tier;
}
