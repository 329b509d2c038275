import { describe, expect, it } from 'vitest';
import {
  loadChrono,
  mayMentionDate,
  mentionedDate,
  needsChrono,
  plainDate,
  spanOfLabel,
} from '../../src/core/dateMention.js';

// noon UTC: the same calendar day in every time zone the suite may run in
const WEDNESDAY = new Date('2023-05-31T12:00:00Z');

describe('mentionedDate', () => {
  const cases: Array<[string, string | undefined]> = [
    ['I went for a run yesterday', '2023-05-30'],
    ['I started a pottery class last month, my first bowl was wonky', '2023-04'],
    ['We fly to Lisbon next Tuesday', '2023-06-06'],
    ['I got my results on May 3rd', '2023-05-03'],
    ['I got a new bike two weeks ago', '2023-05-17'],
    ['we finished the show last weekend', '2023-05-27/2023-05-28'],
    ['I was so busy last week', '2023-05-22/2023-05-28'],
    ['we climbed the hill on Sunday, the view was unreal', '2023-05-28'],
    ['we moved here in March 2021', '2021-03'],
    ['maybe I should get an EV next year', '2024'],
    ['the meeting is from June 3 to June 5', '2023-06-03/2023-06-05'],
    ['brought home a rescue parrot this morning', '2023-05-31'],
    // not dates: a habit, a duration, a time of day, a verb, a bare abbreviation
    ['I go swimming every Monday', undefined],
    ['I help at the food bank every other Sunday', undefined],
    ['we have been together for nine years', undefined],
    ['call me at 5', undefined],
    ['I march on regardless', undefined],
    ['Sun is out', undefined],
    ['I may go there', undefined],
    ['I like tea', undefined],
  ];
  it.each(cases)('%s → %s', async (text, label) => {
    expect(mentionedDate(text, WEDNESDAY, await loadChrono())?.label).toBe(label);
  });

  it('reads the plain forms without chrono, as chrono would', async () => {
    const chrono = await loadChrono();
    for (const text of [
      'I ran yesterday',
      'it rained last week',
      'we met two weeks ago',
      'we moved last month',
      'tonight we cook',
      'a couple of days ago I fell',
    ]) {
      expect(needsChrono(text)).toBe(false);
      expect(plainDate(text, WEDNESDAY)?.label).toBe(mentionedDate(text, WEDNESDAY, chrono)?.label);
    }
    expect(needsChrono('on May 3rd')).toBe(true);
    expect(needsChrono('last Saturday')).toBe(true);
  });

  it('keeps chrono away from text without a date-like word', () => {
    for (const text of ['Good to see you again!', 'The yellow one is nicer', 'I prefer dark mode'])
      expect(mayMentionDate(text)).toBe(false);
  });

  it('passes a number to chrono only where chrono reads a date in it: joined by a separator', async () => {
    const chrono = await loadChrono();
    // a number alone is no date to chrono: these never needed it
    for (const text of ['the user mentioned item 4965', 'I moved to Porto in 2019', 'room 2001']) {
      expect(mayMentionDate(text)).toBe(false);
      expect(mentionedDate(text, WEDNESDAY, chrono)).toBeUndefined();
    }
    for (const [text, label] of [
      ['the launch was on 2019-05-03', '2019-05-03'],
      ['signed on 3.5.2019', '2019-03-05'],
      ['due 05-03-2019', '2019-05-03'],
    ]) {
      expect(mayMentionDate(text)).toBe(true);
      expect(mentionedDate(text, WEDNESDAY, chrono)?.label).toBe(label);
    }
  });
});

describe('spanOfLabel', () => {
  it('reads what mentionedDate writes, and refuses anything else', () => {
    expect(spanOfLabel('2023-05-07')).toEqual({ from: '2023-05-07', to: '2023-05-07', label: '2023-05-07' });
    expect(spanOfLabel('2023-02')).toEqual({ from: '2023-02-01', to: '2023-02-28', label: '2023-02' });
    expect(spanOfLabel('2024')).toEqual({ from: '2024-01-01', to: '2024-12-31', label: '2024' });
    expect(spanOfLabel('2023-05-22/2023-05-28')).toMatchObject({ from: '2023-05-22', to: '2023-05-28' });
    for (const bad of ['', 'yesterday', '2023-13', '2023-02-30', '2023-05-28/2023-05-22', '2023-05-07T10:00:00Z'])
      expect(spanOfLabel(bad)).toBeUndefined();
  });
});
