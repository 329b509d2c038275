import { describe, expect, it } from 'vitest';
import { extractFacts, states, statements } from '../../src/capture/extract.js';
import { absoluteDates } from '../../src/capture/relativeDates.js';
import { firstPersonAs, secondPersonAs, thirdPersonVerb } from '../../src/capture/thirdPerson.js';
import type { Turn } from '../../src/capture/types.js';

describe('firstPersonAs', () => {
  it.each([
    ["I'm lactose intolerant", 'Rosa is lactose intolerant'],
    ['I live in Porto now', 'Ana lives in Porto now'],
    ['I really like jazz', 'Ana really likes jazz'],
    ['I moved to Porto last month', 'Ana moved to Porto last month'],
    ["I don't eat meat", "Ana doesn't eat meat"],
    ['I have two cats', 'Ana has two cats'],
    ["I've finished 9 spreads", 'Ana has finished 9 spreads'],
    ['I can swim', 'Ana can swim'],
    ['My kids love the zoo', "Ana's kids love the zoo"],
    ['i watch a lot of anime', 'Ana watches a lot of anime'],
    ['I study German', 'Ana studies German'],
    ['The dog sleeps on my bed', "The dog sleeps on Ana's bed"],
  ])('%j said by its speaker', (said, about) => {
    const name = about.split(/[ ']/)[0] === 'The' ? 'Ana' : about.split(/[ ']/)[0];
    expect(firstPersonAs(said, name)).toBe(about);
  });

  it.each([
    'We adopted a dog in December', // who is "we"?
    "I'd rather not", // had or would?
    'You said I should rest', // about the other person too
    'The zoo opens at nine', // no first person at all
    "I'm Ana, she/her, a nurse", // Ana introducing herself: not "Ana is Ana"
  ])('leaves %j to be quoted as said', (said) => {
    expect(firstPersonAs(said, 'Ana')).toBeUndefined();
  });

  it('keeps the verb of two subjects as it is', () => {
    expect(firstPersonAs('Jonah and I have been together for nine years', 'Ana')).toBe(
      'Jonah and Ana have been together for nine years',
    );
  });

  it('says "we" as who it is where the conversation makes it clear (a coding session: the project)', () => {
    expect(firstPersonAs('we deploy on tuesdays', 'Ezra', 'the project')).toBe('the project deploys on tuesdays');
    expect(firstPersonAs("we're on pnpm and our CI runs on GitHub", 'Ezra', 'the project')).toBe(
      "the project is on pnpm and the project's CI runs on GitHub",
    );
    expect(firstPersonAs('I need a plan', 'Kwame')).toBe('Kwame needs a plan');
  });

  it('says a question asked of someone as asked about them', () => {
    expect(secondPersonAs('What do you play in the band?', 'Ana')).toBe('What does Ana play in the band?');
    expect(secondPersonAs("Which airline are you taking, and what's your seat?", 'Ana')).toBe(
      "Which airline is Ana taking, and what's Ana's seat?",
    );
    expect(secondPersonAs('How old is she now?', 'Ana')).toBe('How old is she now?');
  });

  it('puts present-tense verbs in the third person', () => {
    expect(['go', 'do', 'have', 'watch', 'fix', 'try', 'play', 'miss', 'like'].map(thirdPersonVerb)).toEqual([
      'goes',
      'does',
      'has',
      'watches',
      'fixes',
      'tries',
      'plays',
      'misses',
      'likes',
    ]);
  });
});

describe('absoluteDates', () => {
  const said = new Date('2023-05-08T13:56:00Z');
  it.each([
    ['I went to a support group yesterday', 'I went to a support group on 7 May 2023'],
    ['we fly tomorrow', 'we fly on 9 May 2023'],
    ['I moved here last month', 'I moved here in April 2023'],
    ['I started two days ago', 'I started on 6 May 2023'],
    ['I have lived here since last year', 'I have lived here since 2022'],
    ['I ran this morning', 'I ran on the morning of 8 May 2023'],
    ['see you on Tuesday', 'see you on Tuesday'],
  ])('%j → %j', (text, absolute) => {
    expect(absoluteDates(text, said)).toBe(absolute);
  });
});

describe('statements', () => {
  it('keeps what states something, and drops questions, greetings, thanks, requests and reactions', () => {
    expect(
      statements(
        "Hey! How are you? I'm allergic to peanuts. Thanks so much! Can you write me a recipe? That's great. Oh and my sister lives in Leeds.",
      ),
    ).toEqual(["I'm allergic to peanuts.", 'my sister lives in Leeds.']);
  });

  it('cuts a sentence where a new first-person clause starts', () => {
    expect(statements("I'm a nurse at St James's and I work nights mostly.")).toEqual([
      "I'm a nurse at St James's",
      'I work nights mostly.',
    ]);
  });

  it('keeps the statement before a short question at its end, and a lowercase sentence after a full stop', () => {
    expect(statements('I use neovim with lazyvim, any idea?')).toEqual(['I use neovim with lazyvim']);
    expect(statements('my sister turns 40 on 3 June, could you remind me the week before?')).toEqual([
      'my sister turns 40 on 3 June',
    ]);
    expect(statements('go with 2. we already keep sessions in memcached')).toEqual([
      'we already keep sessions in memcached',
    ]);
    expect(statements("I'm a nurse, 3 on 4 off. can you help me write a note?")).toEqual(["I'm a nurse, 3 on 4 off."]);
  });

  it('keeps standing instructions, and drops reactions and what is said about the listener', () => {
    expect(states('Never push to main directly')).toBe(true);
    expect(states('please keep replies short')).toBe(true);
    expect(states('That would suit you so much')).toBe(false);
    expect(states('Busy but good')).toBe(false);
    expect(states('Two weeks to go')).toBe(false);
    // how someone feels this minute, and a few words about something said before
    expect(states("I'm so tired lol")).toBe(false);
    expect(states('I had to google that')).toBe(false);
    expect(states("I'm allergic to cats")).toBe(true);
  });

  it('cuts at "so" before a new subject, never inside "so powerful", and keeps "I\'m vegan"', () => {
    expect(statements("It's Ramadan so I'm fasting")).toEqual(["I'm fasting"]);
    expect(statements('I went to a support group and it was so powerful.')).toEqual([
      'I went to a support group and it was so powerful.',
    ]);
    expect(statements("I'm vegan")).toEqual(["I'm vegan"]);
    expect(statements('sounds good')).toEqual([]);
  });

  it('drops a reaction, a joke, an offer and an invitation, and keeps what they leave of a fact', () => {
    // "I" is not a name that would make "I love that" say something
    expect(statements('Haha I love that')).toEqual([]);
    expect(statements("That's all I know lol")).toEqual([]);
    expect(statements("Oh no Farah, I'm so sorry.")).toEqual([]);
    expect(statements('my stomach does not like surprises anymore lol')).toEqual([]);
    expect(statements('We wanted to')).toEqual([]);
    expect(statements("I'll bring wine")).toEqual([]);
    expect(statements("I've got to run, see you later")).toEqual([]);
    expect(statements('You have to come!')).toEqual([]);
    expect(statements('Guess where I am')).toEqual([]);
    // talk about the message or the chat, and a reply to a suggestion
    expect(statements('just off a night shift so excuse typos')).toEqual([]);
    expect(statements("I'm reading this between seminars")).toEqual([]);
    expect(statements('I have big news')).toEqual([]);
    expect(statements("ok that's it for today, thanks")).toEqual([]);
    expect(statements('The Icelandic one sounds good')).toEqual([]);
    expect(statements("We'll bring wine")).toEqual([]);
    // what they leave: a name, a number or a liking keeps a light sentence; a rule stays a rule
    expect(statements('Year 2 nearly finished me this year lol')).toEqual(['Year 2 nearly finished me this year lol']);
    expect(statements('I hate coriander lol')).toEqual(['I hate coriander lol']);
    expect(statements("I'll be in Lisbon from 28 Oct")).toEqual(["I'll be in Lisbon from 28 Oct"]);
    expect(statements('ok I moved to Porto last year')).toEqual(['I moved to Porto last year']);
    expect(statements("I'm writing this book in Lisbon")).toEqual(["I'm writing this book in Lisbon"]);
    expect(statements('you have to run prettier before every commit')).toEqual([
      'you have to run prettier before every commit',
    ]);
  });

  it('keeps what follows a request: the reason, said as a fact, with "he" or "she" as the one name the turn holds', () => {
    expect(statements('run the seeds too, the demo login reads its users from db/seeds')).toEqual([
      'the demo login reads its users from db/seeds',
    ]);
    expect(statements('add Priya as a reviewer, she wrote the auth module')).toEqual(['Priya wrote the auth module']);
    // two names: whose "she" is not clear, and nothing is resolved
    expect(statements('add Priya or Tom as a reviewer, she wrote the auth module')).toEqual([]);
    // "he's" after a comma starts a clause of its own, said as the name it means
    expect(statements("every release is signed off by Tariq, he's our release manager")).toEqual([
      'every release is signed off by Tariq',
      'Tariq is our release manager',
    ]);
    // a name said after the pronoun is not what it means
    expect(statements('it needs three reviews before it can ship. add Priya as a reviewer')).toEqual([
      'it needs three reviews before it can ship.',
    ]);
    // someone who starts sentences in small letters capitalises a name there too
    expect(statements('looks good. the seeds live in db/seeds. Marta owns that folder')).toEqual([
      'the seeds live in db/seeds.',
      'Marta owns that folder',
    ]);
    expect(statements('Nice, Vercel will deploy it. It builds every branch.')).toEqual([
      'Nice, Vercel will deploy it.',
      'Vercel builds every branch.',
    ]);
  });

  it('keeps a request that holds for every later one', () => {
    expect(statements('can you always reply in Spanish?')).toEqual(['can you always reply in Spanish?']);
    expect(statements('run the tests with vitest, not jest')).toEqual(['run the tests with vitest, not jest']);
    expect(statements('run the tests please')).toEqual([]);
    expect(statements("write it again, not sure it's right")).toEqual([]);
  });

  it('joins a word or two to what follows, and a bare date to the statement before it', () => {
    expect(statements("no peanuts, I'm allergic")).toEqual(["no peanuts, I'm allergic"]);
    expect(statements('I booked a week in Crete! 4 to 11 September')).toEqual([
      'I booked a week in Crete, 4 to 11 September',
    ]);
    expect(statements('Which drives me mad because my landlord still has not fixed the boiler')).toEqual([
      'my landlord still has not fixed the boiler',
    ]);
    expect(statements('I need to renew my prescription. Sertraline, 50 mg, one a day')).toEqual([
      'I need to renew my prescription, Sertraline, 50 mg, one a day',
    ]);
    // after an instruction, a few words that narrow it
    expect(statements('one thing: never ping me on Slack after 6pm. email only')).toEqual([
      'never ping me on Slack after 6pm, email only',
    ]);
    // a sentence in brackets is said as an aside, and "so." or "it." ends a sentence too
    expect(statements('(staging is reset every night at 2am)')).toEqual(['staging is reset every night at 2am']);
    expect(statements('ok do it. every deploy goes through Argo')).toEqual(['every deploy goes through Argo']);
    expect(statements("no nuts btw, I'm allergic")).toEqual(["no nuts btw, I'm allergic"]);
    // a title's full stop ends no sentence
    expect(statements('my landlord Mr. Okafor fixed the boiler')).toEqual(['my landlord Mr. Okafor fixed the boiler']);
    expect(statements('glad you asked, our staging database is reset every Sunday')).toEqual([
      'our staging database is reset every Sunday',
    ]);
  });

  it("counts code paths, number words and the conversation's names as naming something in a short sentence", () => {
    expect(states('business logic lives in app/services')).toBe(true);
    expect(states('the gateway serves three apps')).toBe(true);
    expect(states('the gateway serves apps')).toBe(false);
    expect(states('Marta runs the release')).toBe(false);
    expect(states('Marta runs the release', new Set(['Marta']))).toBe(true);
  });

  it('keeps two subjects of one verb together, and drops the lead-ins and moods of chat', () => {
    expect(statements('Funny story: Jonah and I have been together for nine years')).toEqual([
      'Jonah and I have been together for nine years',
    ]);
    expect(statements("Random thing, but my laptop's battery lasts an hour")).toEqual([
      "my laptop's battery lasts an hour",
    ]);
    expect(statements("I'm so tired, slept badly")).toEqual([]);
    expect(statements('I should get going')).toEqual([]);
    expect(statements("I'm vegetarian these days, thanks!")).toEqual(["I'm vegetarian these days"]);
  });

  it('reads news told as a riddle as news', () => {
    expect(statements('Guess who swam 750m without stopping this morning')).toEqual([
      'I swam 750m without stopping this morning',
    ]);
    expect(statements('Guess whose truck passed the food safety inspection today')).toEqual([
      'my truck passed the food safety inspection today',
    ]);
    expect(statements('Guess who I met today')).toEqual([]);
  });

  it('keeps a fact after "remember that"', () => {
    expect(statements('Please remember that I take my coffee black.')).toEqual(['I take my coffee black.']);
    expect(states('ok')).toBe(false);
  });
});

describe('extractFacts', () => {
  const turns: Turn[] = [
    { number: 1, speaker: 'Caroline', role: 'user', text: 'Hi Mel!', at: '2023-05-08T00:00:00.000Z' },
    {
      number: 2,
      speaker: 'Caroline',
      role: 'user',
      text: 'I went to a support group yesterday. It was really moving!',
      at: '2023-05-08T00:00:00.000Z',
    },
    { number: 3, speaker: 'assistant', role: 'assistant', text: 'I am an assistant and I live in the cloud.' },
    { number: 4, speaker: 'Melanie', role: 'user', text: 'My kids love the zoo.' },
  ];

  it('proposes facts about the speaker with the turn they came from, and the sentence as said; the assistant proposes none', () => {
    expect(extractFacts({ shape: 'transcript', turns })).toEqual([
      { text: 'Caroline went to a support group on 7 May 2023', turn: 2, said: 'I went to a support group yesterday.' },
      { text: "Melanie's kids love the zoo", turn: 4, said: 'My kids love the zoo.' },
    ]);
  });

  it('keeps an answer of a few words with the question it answers, said of the one who answers', () => {
    const chat = (question: string, answer: string): Turn[] => [
      { number: 1, speaker: 'Tom', role: 'user', text: question },
      { number: 2, speaker: 'Ana', role: 'user', text: answer },
    ];
    expect(
      extractFacts({
        shape: 'transcript',
        turns: chat('Nice! Which instrument do you play?', 'Cello!'),
      }),
    ).toEqual([
      {
        text: 'Ana, asked "Which instrument does Ana play?": Cello',
        turn: 2,
        said: 'Which instrument do you play? Cello',
      },
    ]);
    // a full statement needs no question; a mood, a yes or a greeting is no answer
    expect(extractFacts({ shape: 'transcript', turns: chat('Where do you live now?', 'I live in Leeds now') })).toEqual(
      [{ text: 'Ana lives in Leeds now', turn: 2, said: 'I live in Leeds now' }],
    );
    expect(extractFacts({ shape: 'transcript', turns: chat("How's the new job?", 'Exhausting but good') })).toEqual([]);
    expect(extractFacts({ shape: 'transcript', turns: chat('Can you swim?', 'Barely') })).toEqual([]);
    expect(
      extractFacts({ shape: 'transcript', turns: chat('What a day. Where are you?', 'Tom!! home at last') }),
    ).toEqual([]);
  });

  it('is deterministic', () => {
    expect(extractFacts({ shape: 'transcript', turns })).toEqual(extractFacts({ shape: 'transcript', turns }));
  });
});
