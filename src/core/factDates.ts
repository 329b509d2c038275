import type { Fact } from './fact.js';
import { loadChrono, mayMentionDate, mentionedDate, needsChrono } from './dateMention.js';
import type { ProgressSink } from './progress.js';

/**
 * Each fact that mentions a date relative to when it was said ("yesterday", "last month", "on
 * May 3rd") gets the absolute date in `when`, resolved from its `recordedAt`; its text is never
 * changed. A fact that already has a `when`, or mentions no date, is returned as it is. chrono
 * loads only when some fact's text holds a date-like word beyond the plain forms ("yesterday",
 * "last week", "two weeks ago") read without it.
 * @example (await withResolvedDates([{ ...fact, text: 'I ran yesterday', recordedAt: '2023-05-08T12:00:00Z' }]))[0].when === '2023-05-07'
 */
export async function withResolvedDates(facts: readonly Fact[], progress?: ProgressSink): Promise<Fact[]> {
  const dated = facts.map((f) => f.when === undefined && mayMentionDate(f.text));
  if (!dated.includes(true)) return [...facts];
  const full = facts.map((f, i) => dated[i] && needsChrono(f.text));
  const chrono = full.includes(true) ? await loadChrono() : undefined;
  return facts.map((fact, i) => {
    progress?.('reading dates', i, facts.length);
    const reference = dated[i] ? new Date(fact.recordedAt) : undefined;
    if (!reference || Number.isNaN(reference.getTime())) return fact;
    const span = mentionedDate(fact.text, reference, full[i] ? chrono : undefined);
    return span ? { ...fact, when: span.label } : fact;
  });
}
