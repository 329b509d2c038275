// Hand-written material for the conversational recall evaluation (see README.md): five people
// who talk to an assistant over ten sessions each. generate.mjs weaves it into dialogues.
// Values are given per person, in the order of PEOPLE. A question never copies its turn's wording.

export const PEOPLE = [
  { name: 'Maya', start: '2023-03-06' },
  { name: 'Tom', start: '2023-01-16' },
  { name: 'Priya', start: '2023-05-01' },
  { name: 'Lukas', start: '2022-10-03' },
  { name: 'Aiko', start: '2023-08-14' },
];

/**
 * Facts stated once: `say` (how the person says it, one picked), `ask` (a question worded
 * differently), `v` (the value for each person; an array fills {a}, {b}).
 */
export const FACTS = [
  {
    key: 'pet',
    say: [
      'My dog {a} just turned three, she is a {b} and completely mad',
      'I have a {b} called {a}, she sleeps on my feet every night',
    ],
    ask: ['What kind of dog does {name} own?', "What is the name of {name}'s dog?"],
    v: [
      ['Pepper', 'border collie'],
      ['Biscuit', 'beagle'],
      ['Luna', 'labrador'],
      ['Fritz', 'dachshund'],
      ['Mochi', 'shiba inu'],
    ],
  },
  {
    key: 'sibling',
    say: [
      'My {a} {b} is coming to stay with me for a few days',
      'I was on the phone with my {a} {b} for two hours last night',
    ],
    ask: ["Who is {name}'s sibling?", "What is the name of {name}'s brother or sister?"],
    v: [
      ['sister', 'Elin'],
      ['brother', 'Callum'],
      ['sister', 'Anjali'],
      ['brother', 'Jonas'],
      ['sister', 'Haruka'],
    ],
  },
  {
    key: 'job',
    say: ['I work as a {v}, which keeps me busier than I would like', 'Being a {v} means my days are never the same'],
    ask: ['What does {name} do for a living?', "What is {name}'s profession?"],
    v: ['landscape architect', 'paramedic', 'data journalist', 'sound engineer', 'pastry chef'],
  },
  {
    key: 'employer',
    say: ['The company I am at, {v}, just got a new CEO', 'Things at {v} have been hectic since the merger'],
    ask: ['Which firm employs {name}?', 'Where does {name} work?'],
    v: [
      'Greenline Studio',
      'the county ambulance service',
      'the Daily Ledger',
      'Klangwerk Berlin',
      'Patisserie Hanami',
    ],
  },
  {
    key: 'allergy',
    say: ["I can't eat anything with {v}, I end up in hospital", 'Note that I am seriously allergic to {v}'],
    ask: ['Is there any food {name} must avoid?', 'What food gives {name} a bad reaction?'],
    v: ['peanuts', 'shellfish', 'sesame', 'kiwi fruit', 'buckwheat'],
  },
  {
    key: 'diet',
    say: ['I stopped eating meat about {v} ago', 'I have been vegetarian for {v} now'],
    ask: ['How long has {name} been off meat?', 'Since how long is {name} a vegetarian?'],
    v: ['six years', 'eighteen months', 'my whole life', 'two years', 'four years'],
  },
  {
    key: 'coffee',
    say: ['Every morning I have a {v}, nothing else wakes me up', 'A {v} is the only way I can start the day'],
    ask: ['What does {name} drink to wake up?', "Which drink is part of {name}'s morning routine?"],
    v: ['flat white with oat milk', 'double espresso', 'masala chai', 'black filter coffee', 'matcha latte'],
  },
  {
    key: 'book',
    say: [
      "I am halfway through {v} and I can't put it down",
      'Reading {v} on the train at the moment, it is brilliant',
    ],
    ask: ['Which novel is {name} in the middle of?', 'What is {name} reading currently?'],
    v: ['The Overstory', 'Project Hail Mary', 'The God of Small Things', 'Der Process', 'Kafka on the Shore'],
  },
  {
    key: 'band',
    say: ['I have listened to {v} non-stop this month', 'Honestly {v} is the only thing on my playlist'],
    ask: ['Which musicians has {name} had on repeat?', 'What music does {name} keep playing?'],
    v: ['Khruangbin', 'Arctic Monkeys', 'A. R. Rahman', 'Kraftwerk', 'Ryuichi Sakamoto'],
  },
  {
    key: 'sport',
    say: ['I play {v} twice a week with some friends from work', 'Tuesday and Friday evenings are for {v}'],
    ask: ['Which sport does {name} practise regularly?', 'What game does {name} do with colleagues?'],
    v: ['five-a-side football', 'squash', 'badminton', 'table tennis', 'volleyball'],
  },
  {
    key: 'car',
    say: ['My old {v} broke down on the motorway again', 'I finally got the {v} back from the garage'],
    ask: ['What vehicle does {name} drive?', 'Which car model does {name} have?'],
    v: ['Volvo V70', 'Ford Fiesta', 'Honda Jazz', 'VW Golf', 'Toyota Prius'],
  },
  {
    key: 'instrument',
    say: [
      'I have started learning the {v} again after twenty years',
      'Practising the {v} in the evenings keeps me sane',
    ],
    ask: ['Which musical instrument is {name} learning?', 'What does {name} play in the evenings to relax?'],
    v: ['cello', 'bass guitar', 'sitar', 'trumpet', 'piano'],
  },
  {
    key: 'hometown',
    say: [
      'I grew up in {v}, a tiny place nobody has heard of',
      'Back in {v}, where I was born, everyone knows everyone',
    ],
    ask: ['Where is {name} originally from?', 'In which town did {name} spend their childhood?'],
    v: ['Kiruna', 'Portree', 'Udaipur', 'Hallstatt', 'Hakodate'],
  },
  {
    key: 'partner',
    say: ['My partner {v} cooked an amazing dinner for us', '{v} and I have been together for nine years'],
    ask: ["What is the name of {name}'s other half?", 'Who is {name} in a relationship with?'],
    v: ['Jonah', 'Ruth', 'Dev', 'Mareike', 'Kenji'],
  },
  {
    key: 'kids',
    say: ['My {v} keep me up at night, but I love them', 'Getting the {v} to school is a daily battle'],
    ask: ['Does {name} have children?', 'How many kids does {name} have?'],
    v: ['two boys', 'three girls', 'twins', 'son and daughter', 'two daughters'],
  },
  {
    key: 'fear',
    say: ["I am terrified of {v}, I can't even look at pictures", 'The one thing I truly panic about is {v}'],
    ask: ['What is {name} scared of?', 'What phobia does {name} have?'],
    v: ['spiders', 'deep water', 'heights', 'flying', 'snakes'],
  },
  {
    key: 'language',
    say: [
      'I am taking {v} lessons on Duolingo, day 120 of my streak',
      'I have been trying to learn {v} for my holiday',
    ],
    ask: ['Which foreign language is {name} studying?', 'What language does {name} practise on an app?'],
    v: ['Portuguese', 'Japanese', 'French', 'Spanish', 'Italian'],
  },
  {
    key: 'holiday',
    say: ['We are planning a trip to {v} in the summer', 'I have booked flights to {v} for our next holiday'],
    ask: ['Where is {name} going on vacation?', 'Which destination did {name} pick for the next trip?'],
    v: ['Lisbon', 'Iceland', 'Bali', 'Crete', 'Vancouver'],
  },
  {
    key: 'tv',
    say: ['We finally finished watching {v} last weekend, what an ending', 'I am obsessed with {v} right now'],
    ask: ['Which series has {name} been watching?', 'What show did {name} binge?'],
    v: ['Succession', 'The Bear', 'Severance', 'Dark', 'Shogun'],
  },
  {
    key: 'food',
    say: ['Nothing beats a good bowl of {v} for me', 'If I could eat one thing forever it would be {v}'],
    ask: ["What is {name}'s favourite dish?", 'Which meal does {name} love most?'],
    v: ['ramen', 'lasagne', 'biryani', 'schnitzel with potato salad', 'okonomiyaki'],
  },
  {
    key: 'birthday',
    say: ['My birthday is on {v}, so the party is that weekend', 'I turn another year older on {v}'],
    ask: ["When is {name}'s birthday?", 'On what date was {name} born?'],
    v: ['14 July', '2 February', '23 November', '30 September', '5 May'],
  },
  {
    key: 'team',
    say: ['Did you see {v} lost again on Saturday? I was furious', 'Supporting {v} is pure suffering'],
    ask: ['Which club does {name} support?', 'What football team does {name} follow?'],
    v: ['Hammarby', 'Celtic', 'Chennaiyin', 'Borussia Dortmund', 'Kashima Antlers'],
  },
  {
    key: 'commute',
    say: ['My commute is {v} each way, I listen to podcasts', 'It takes me {v} to get to work'],
    ask: ["How long is {name}'s journey to the office?", 'How much time does {name} spend travelling to work?'],
    v: [
      'forty minutes by bike',
      'an hour on the bus',
      'twenty minutes on the metro',
      'half an hour by tram',
      'fifteen minutes on foot',
    ],
  },
  {
    key: 'garden',
    say: ['I grow {v} on my balcony, it is the only green thing I have', 'My little garden is full of {v} this year'],
    ask: ['What plants does {name} cultivate?', 'What is {name} growing at home?'],
    v: ['tomatoes and basil', 'strawberries', 'chillies', 'herbs and lettuce', 'bonsai trees'],
  },
  {
    key: 'hobby',
    say: ['On weekends I do {v}, it clears my head', 'My big passion outside work is {v}'],
    ask: ['What does {name} do in free time?', 'What pastime is {name} keen on?'],
    v: ['bouldering', 'birdwatching', 'watercolour painting', 'woodworking', 'calligraphy'],
  },
  {
    key: 'injury',
    say: ['I hurt my {v} playing sport and it still aches', 'The physio says my {v} needs another month'],
    ask: ['What injury is {name} recovering from?', 'Which body part has been giving {name} trouble?'],
    v: ['left knee', 'shoulder', 'ankle', 'lower back', 'wrist'],
  },
  {
    key: 'friend',
    say: [
      'My best friend {v} is getting married in June',
      'I have known {v} since primary school, she is my closest friend',
    ],
    ask: ["Who is {name}'s best mate?", 'Whose wedding is {name} going to?'],
    v: ['Sofia', 'Hannah', 'Meera', 'Clara', 'Yui'],
  },
  {
    key: 'degree',
    say: ['I studied {v} at university, a long time ago', 'My degree is in {v}, not that I use it much'],
    ask: ["What was {name}'s major?", 'What subject did {name} read at college?'],
    v: ['botany', 'biochemistry', 'economics', 'physics', 'art history'],
  },
  {
    key: 'phone',
    say: ['My {v} is dying, the battery lasts half a day', 'I dropped my {v} in the sink this morning'],
    ask: ['What mobile does {name} use?', 'Which handset does {name} have?'],
    v: ['iPhone 11', 'Pixel 6', 'Samsung Galaxy S21', 'Fairphone 4', 'iPhone 13 mini'],
  },
  {
    key: 'sleep',
    say: ['I go to bed at {v} most nights, I need my sleep', 'Lights out at {v} for me, even on weekends'],
    ask: ['What time does {name} usually turn in?', 'When does {name} go to sleep?'],
    v: ['half past ten', 'midnight', 'eleven', 'ten', 'one in the morning'],
  },
  {
    key: 'volunteer',
    say: ['I help out at {v} every other Sunday', 'Volunteering at {v} is the best part of my month'],
    ask: ['Where does {name} do volunteer work?', 'Which charity does {name} give time to?'],
    v: ['the food bank', 'an animal shelter', 'a literacy charity', 'the local hospice', 'a beach clean-up group'],
  },
  {
    key: 'colour',
    say: ['I painted the whole kitchen {v}, it looks fantastic', 'Everything I buy ends up being {v}'],
    ask: ["What is {name}'s favourite colour?", 'Which shade does {name} like best?'],
    v: ['sage green', 'navy blue', 'mustard yellow', 'charcoal grey', 'coral pink'],
  },
  {
    key: 'mentor',
    say: [
      'An older colleague, {v}, has been coaching me on how to lead a team',
      '{v} from the other department meets me every month to talk about my career',
    ],
    ask: ['Who is mentoring {name}?', 'Who gives {name} career guidance?'],
    v: ['Ingrid', 'Malcolm', 'Rohan', 'Birgit', 'Takeshi'],
  },
  {
    key: 'podcast',
    say: ['I never miss an episode of {v}', 'I listen to {v} while I cook'],
    ask: ['Which podcast is {name} a fan of?', 'What audio show does {name} follow?'],
    v: ['Radiolab', 'The Rest Is History', 'Freakonomics', 'Lage der Nation', 'Hardcore History'],
  },
  {
    key: 'grandparent',
    say: ['My grandmother taught me to make {v} when I was six', "Every Christmas we still make my granny's {v}"],
    ask: ['What recipe did {name} learn from a grandparent?', "Which family dish comes from {name}'s grandmother?"],
    v: ['cinnamon buns', 'shortbread', 'gulab jamun', 'apple strudel', 'mochi'],
  },
  {
    key: 'gym',
    say: [
      'I have joined {v} near the station, the classes are great',
      'My membership at {v} finally paid off, I did a pull-up',
    ],
    ask: ['Which fitness club is {name} a member of?', 'Where does {name} work out?'],
    v: ['FitHub', 'PureGym', 'Cult.fit', 'McFit', 'Anytime Fitness'],
  },
  {
    key: 'wine',
    say: ['I only drink {v} when we go out', 'A glass of {v} on a Friday is my treat'],
    ask: ['What does {name} order at the bar?', 'What alcoholic drink does {name} prefer?'],
    v: ['Rioja', 'whisky sours', 'gin and tonic', 'Riesling', 'sake'],
  },
  {
    key: 'charity_run',
    say: ['I signed up for a {v} to raise money for charity', 'Training for the {v} is harder than I thought'],
    ask: ['What race is {name} training for?', 'Which running event did {name} enter?'],
    v: ['half marathon', '10k in Hyde Park', 'marathon', 'Berlin 25k', 'ekiden relay'],
  },
  {
    key: 'laptop',
    say: ['My work gave me a {v} and I hate the keyboard', 'I do everything on my {v}, it is ancient'],
    ask: ['What computer does {name} use?', 'Which notebook does {name} work on?'],
    v: ['ThinkPad X1', 'MacBook Air', 'Dell XPS', 'Framework laptop', 'Surface Pro'],
  },
  {
    key: 'neighbour',
    say: ['My neighbour {v} keeps parking in front of my gate', 'The man next door, {v}, plays drums at midnight'],
    ask: ['Who lives next door to {name}?', 'Which neighbour annoys {name}?'],
    v: ['Mr Berg', 'Gary', 'Mr Kapoor', 'Herr Vogel', 'Mr Sato'],
  },
  {
    key: 'tattoo',
    say: ['I got a small {v} tattoo on my wrist', "My first tattoo is a {v}, my mum still doesn't know"],
    ask: ['What body art does {name} have?', 'What design is inked on {name}?'],
    v: ['swallow', 'compass', 'lotus', 'anchor', 'crane'],
  },
  {
    key: 'cooking',
    say: ['I am trying to get better at {v}, my last attempt was a disaster', 'This year I want to master {v}'],
    ask: ['Which culinary skill is {name} working on?', 'What kind of cooking is {name} practising?'],
    v: ['sourdough baking', 'making fresh pasta', 'dosa batter', 'smoking meat', 'French pastry'],
  },
  {
    key: 'game',
    say: ['I have sunk a hundred hours into {v} already', 'Late at night I play {v} to switch off'],
    ask: ['Which video game does {name} play?', 'What game is {name} addicted to?'],
    v: ['Stardew Valley', 'Elden Ring', 'Zelda', 'Factorio', 'Animal Crossing'],
  },
  {
    key: 'pet_peeve',
    say: ['What drives me crazy is people who {v}', 'Nothing annoys me more than people who {v}'],
    ask: ["What is {name}'s pet peeve?", 'Which habit of others irritates {name}?'],
    v: [
      'chew with their mouth open',
      'walk slowly in the middle of the pavement',
      'talk during films',
      'are late',
      'leave dishes in the sink',
    ],
  },
  {
    key: 'medication',
    say: ['I take {v} every morning for my condition', 'The doctor put me on {v}'],
    ask: ['What medicine is {name} on?', 'Which pills was {name} prescribed?'],
    v: ['levothyroxine', 'an inhaler', 'metformin', 'beta blockers', 'iron tablets'],
  },
  {
    key: 'dream',
    say: ['One day I want to {v}', 'My big dream is to {v} before I am fifty'],
    ask: ["What is {name}'s lifelong ambition?", 'What does {name} hope to achieve someday?'],
    v: [
      'open a small bookshop',
      'sail across the Atlantic',
      'write a novel',
      'build my own house',
      'run a bakery in Paris',
    ],
  },
];

/**
 * Facts that change: `before` in an early session, `after` in a later one. Asked for the
 * current value (`ask`, the `after` turn) and for the earlier one (`askBefore`, the `before` turn).
 */
export const CHANGES = [
  {
    key: 'home',
    before: ['I live in {a}, right by the river', 'Life in {a} is expensive but I love my flat'],
    after: ['Big news, we moved to {b} last month', 'We have finally settled in {b}, the boxes are all unpacked'],
    ask: ['Which city does {name} live in now?', 'Where is {name} based these days?'],
    askBefore: ['Where did {name} live before relocating?'],
    v: [
      ['Paris', 'Lyon'],
      ['Glasgow', 'Edinburgh'],
      ['Mumbai', 'Bangalore'],
      ['Munich', 'Hamburg'],
      ['Osaka', 'Kyoto'],
    ],
  },
  {
    key: 'role',
    before: ['I am a {a} on the platform team', "As {a} I mostly review other people's work"],
    after: ['I got promoted, I am now {b}', 'Starting Monday my title is {b}'],
    ask: ["What is {name}'s current position?", 'What title does {name} hold at work now?'],
    askBefore: ['What role did {name} have before the promotion?'],
    v: [
      ['junior designer', 'senior designer'],
      ['crew member', 'shift supervisor'],
      ['reporter', 'data editor'],
      ['assistant engineer', 'head of studio'],
      ['commis', 'sous chef'],
    ],
  },
  {
    key: 'relationship',
    before: ['I am single and not looking, thanks', 'Dating apps are a nightmare, I am happy on my own'],
    after: ["I am seeing someone new, {b}, we met at a friend's party", 'Things with {b} are getting serious'],
    ask: ['Is {name} dating anyone at the moment?'],
    askBefore: [],
    v: [
      [null, 'Oskar'],
      [null, 'Fiona'],
      [null, 'Arjun'],
      [null, 'Lena'],
      [null, 'Ren'],
    ],
  },
  {
    key: 'run',
    before: ['I can run {a} without stopping now', 'My best so far is {a} of running'],
    after: ['I ran {b} this weekend, a new record', 'New personal best: {b}'],
    ask: ['What is the furthest {name} has run?'],
    askBefore: [],
    v: [
      ['5 km', '15 km'],
      ['3 miles', '10 miles'],
      ['4 km', '12 km'],
      ['10 km', '21 km'],
      ['6 km', '18 km'],
    ],
  },
  {
    key: 'tea',
    before: ['I drink {a} in the afternoon', 'Afternoons are for a cup of {a}'],
    after: ['I gave up caffeine, now it is {b} after lunch', 'These days I switched to {b}'],
    ask: ['What does {name} have as an afternoon drink nowadays?'],
    askBefore: [],
    v: [
      ['Earl Grey', 'rooibos'],
      ["builder's tea", 'peppermint tea'],
      ['ginger chai', 'chamomile'],
      ['black tea', 'fennel tea'],
      ['sencha', 'barley tea'],
    ],
  },
  {
    key: 'car_plan',
    before: ['I am thinking of buying an electric car', 'Maybe I should get an EV next year'],
    after: ['I have decided against a car, I bought a {b} instead', 'Forget the car, I got a {b}'],
    ask: ['What did {name} end up buying instead of a car?'],
    askBefore: [],
    v: [
      [null, 'cargo bike'],
      [null, 'e-scooter'],
      [null, 'motorbike'],
      [null, 'second-hand bike'],
      [null, 'rail pass'],
    ],
  },
];

/**
 * Things that happened at a time given relative to the session's date (`rel`, resolved by
 * generate.mjs); asked with "when".
 */
export const EVENTS = [
  {
    key: 'pottery',
    say: 'I started a {v} class {rel}, my first bowl was wonky',
    ask: 'When did {name} begin the {v} course?',
    v: ['pottery', 'ceramics', 'clay modelling', 'wheel throwing', 'raku pottery'],
  },
  {
    key: 'concert',
    say: 'I went to see {v} live {rel}, my ears are still ringing',
    ask: 'When was {name} at the {v} gig?',
    v: ['Fontaines D.C.', 'Biffy Clyro', 'Prateek Kuhad', 'Moderat', 'Perfume'],
  },
  {
    key: 'interview',
    say: 'I had a job interview at {v} {rel}, fingers crossed',
    ask: 'When did {name} interview with {v}?',
    v: ['Arup', 'NHS 24', 'the Hindu', 'Hansa Studios', 'Tsujicho'],
  },
  {
    key: 'dentist',
    say: 'Had a {v} at the dentist {rel}, my whole face is numb',
    ask: "When was {name}'s {v} done?",
    v: ['filling', 'root canal', 'wisdom tooth removed', 'crown fitted', 'tooth extraction'],
  },
  {
    key: 'hike',
    say: 'We climbed {v} {rel}, the view from the top was unreal',
    ask: 'When did {name} go up {v}?',
    v: ['Kebnekaise', 'Ben Nevis', 'Kalsubai', 'the Zugspitze', 'Mount Fuji'],
  },
  {
    key: 'accident',
    say: 'Someone reversed into my {v} {rel}, so annoying',
    ask: "When was {name}'s {v} damaged?",
    v: ['bike', 'parked car', 'scooter', 'van', 'moped'],
  },
  {
    key: 'wedding',
    say: "We went to my cousin {v}'s wedding {rel}, I danced all night",
    ask: "When did {name} attend {v}'s wedding?",
    v: ['Astrid', 'Rory', 'Kavya', 'Felix', 'Sakura'],
  },
  {
    key: 'adopt',
    say: 'We brought home a rescue {v} {rel}, he is settling in',
    ask: 'When did {name} adopt the {v}?',
    v: ['kitten', 'rabbit', 'parrot', 'tortoise', 'hamster'],
  },
];

/** How an event's time is said, and its offset in days from the session's date (weekday names resolved by the generator). */
export const RELATIVE = [
  { say: 'yesterday', days: -1 },
  { say: 'two days ago', days: -2 },
  { say: 'last week', days: -7 },
  { say: 'this morning', days: 0 },
  { say: 'last Saturday', weekday: 6 },
  { say: 'on Sunday', weekday: 0 },
  { say: 'three weeks ago', days: -21 },
  { say: 'last month', days: -30 },
];

/** Openings and closings of a session, by the user and the assistant. */
export const GREET_USER = [
  'Hi there!',
  'Hey, good morning',
  'Hello again',
  "Hiya, it's me",
  'Good evening!',
  'Hey hey',
  'Morning!',
  'Hi, got a minute?',
  'Good to see you again!',
  'Hello hello',
];
export const GREET_BOT = [
  'Hi {name}! How have you been?',
  "Hello {name}, nice to hear from you. What's new?",
  "Hey {name}! What's on your mind today?",
  'Good to see you, {name}. How was your week?',
  'Hi! Always happy to chat. How are things?',
];
export const HOW_USER = [
  'Pretty good, thanks for asking',
  'Not bad, a bit tired',
  'Honestly, a bit of a rollercoaster',
  'All good here',
  'Busy, as always',
  "Can't complain",
  'Oh you know, same old',
  'Great actually!',
];
export const HOW_BOT = [
  'Glad to hear it',
  'Oh? What happened?',
  'I hear you',
  'Nice! Anything new?',
  'Tell me everything',
];
export const CLOSE_USER = [
  'Thanks, that helped a lot',
  'Anyway, I should get going',
  'Thank you so much!',
  'Ok, talk soon',
  'Cheers, bye for now',
  'Right, time for bed. Night!',
  'Thanks for listening',
  'Gotta run, speak later',
];
export const CLOSE_BOT = [
  'Any time! Take care',
  'Bye {name}, have a lovely evening',
  'Talk soon!',
  'Glad I could help. See you next time',
  'Sleep well!',
  'Take care of yourself',
];

/** What the assistant says back to a fact: generic, or asking for more. */
export const ACK = [
  'Oh nice!',
  'That sounds lovely',
  'Wow, tell me more',
  'Ha, I can imagine',
  'That is great to hear',
  'Oh no, that sounds rough',
  'Interesting! How do you feel about it?',
  'Good for you!',
  'Noted, I will remember that',
  'I see',
  'That makes sense',
  'Really? How come?',
  'Fair enough',
  'Haha, classic',
  'I love that',
];

/** Small talk that carries no memory, as a user line and the assistant's answer. */
export const SMALL_TALK = [
  ['The weather is awful today', 'Rain again? Stay dry!'],
  ['Ugh, Mondays', 'Hang in there, it gets better'],
  ['I am so tired, slept badly', 'Sorry to hear that. Maybe an early night?'],
  ['Lol', 'Haha'],
  ['Ok', 'Anything else on your mind?'],
  ['Yeah, totally', 'Exactly'],
  ['Hmm, not sure', 'Take your time'],
  ['The yellow one is nicer', 'Good choice'],
  ['What do you think?', 'I think it depends on what matters most to you'],
  ['Sorry, I got distracted', 'No problem at all'],
  ['Hold on a sec', 'Sure, take your time'],
  ['Right, where was I', 'You were telling me about your week'],
  ['It is what it is', 'True enough'],
  ['Can you believe it is already Friday?', 'Time flies!'],
  ['I need a holiday', "Don't we all"],
  ['Haha yes', 'Glad that made you laugh'],
  ['That is a good point', 'Thanks'],
  ['No worries', 'Great'],
  ['Sounds good to me', 'Perfect'],
  ['Let me think about it', 'Of course'],
  ['Anyway, enough about that', 'Sure, what else is new?'],
  ['It has been a long day', 'You deserve a rest'],
  ['Exactly what I thought', 'Great minds think alike'],
  ['Did I tell you this already?', "I don't think so, go ahead"],
];

/** How a fact is slipped into the conversation: before or after the fact itself. */
export const IN_PASSING = [
  'Oh, by the way, ',
  'Random thing, but ',
  'Speaking of which, ',
  'Funny story: ',
  'Also, ',
  'Ha, ',
  '',
];
