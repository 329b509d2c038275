import { cosine, type Meanings } from './recallMeaning.js';

/*
 * How two facts of one leaf line up, word by word: the frame they share (the same words, or forms
 * of one word) and the slot where they differ. "We deploy Tally on Tuesdays" and "Tally deploys
 * happen every Thursday" share a frame and differ in one slot, and the two fillers are of a kind
 * (two days): two values of one thing. "Olive eats wet food" and "Bramble eats dry food" differ in
 * two places (who, and what): two things. "I sleep badly if the bedroom is warm" and "A warm
 * bedroom ruins my sleep" differ in one place, but "badly" and "ruins" are not two values of a
 * kind: one thing said twice.
 */

/** A content word of a fact, in order. */
export interface Token {
  word: string;
  stem: string;
  /** A number, a day or a month. */
  value: boolean;
  /** A name (a capitalised word inside the sentence). */
  name: boolean;
}

export interface Alignment {
  /** The share of each fact's words found in the other as they are (0–1): the frame's weight. */
  shared: [number, number];
  /** The runs of words each fact has and the other lacks, in order. */
  runs: [Token[][], Token[][]];
  /** What differs is of a kind: two values, two names, or words near in meaning ("nurse", "teacher"). */
  parallel: boolean;
  /** One says "not" ("no", "never", "don't") and the other does not. */
  negationDiffers: boolean;
}

/** Words around a slot that say nothing of its value ("happen every Thursday"). */
const SLOT_NOISE = new Set(['everi', 'each', 'alwai', 'usual', 'still', 'now', 'current', 'normal', 'happen', 'onli']);

/** Fillers this near in meaning are two of a kind ("nurse", "teacher" 0.63; "quarterly", "weekly" 0.62); "run", "charge" (0.52) are not. */
const OF_A_KIND = 0.6;

/** "not" and its kin; "n't" only with its apostrophe or in the few forms written without one ("want" and "Sprint" end in "nt" too). */
const NEGATION =
  /\b(no|not|never|none|nothing|without|nor|neither|cannot|dont|doesnt|didnt|isnt|arent|wasnt|werent|wont|cant|couldnt|shouldnt|wouldnt|havent|hasnt)\b|n['’]t\b/i;

export const negated = (text: string) => NEGATION.test(text);

/** One word is the other, or a form of it ("allergic", "allergies"; "Postgres", "PostgreSQL"). */
export function sameWord(x: Token, y: Token): boolean {
  if (x.stem === y.stem) return true;
  const [a, b] = [x.word, y.word];
  return Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a));
}

/** The tokens at `positions`, in runs of consecutive positions. */
function runsOf(tokens: readonly Token[], positions: readonly number[]): Token[][] {
  const out: Token[][] = [];
  let last = -2;
  for (const p of positions) {
    if (p !== last + 1) out.push([]);
    out[out.length - 1]!.push(tokens[p]!);
    last = p;
  }
  return out;
}

export function alignFacts(
  a: { tokens: readonly Token[]; negated: boolean },
  b: { tokens: readonly Token[]; negated: boolean },
  meanings: Meanings | undefined,
): Alignment {
  // positions as said: a noise word between two differences keeps them two ("Sprint planning is every other Monday")
  const inOther = (side: readonly Token[], other: readonly Token[]) =>
    side.flatMap((t, i) => (SLOT_NOISE.has(t.stem) || other.some((u) => sameWord(t, u)) ? [] : [i]));
  const slotA = inOther(a.tokens, b.tokens);
  const slotB = inOther(b.tokens, a.tokens);
  // "9:30" is one value, however many digits it splits into
  const counted = (side: readonly Token[], i: number) =>
    !SLOT_NOISE.has(side[i]!.stem) && !(side[i]!.value && side[i - 1]?.value);
  const share = (side: readonly Token[], slot: readonly number[]) => {
    const said = side.filter((_, i) => counted(side, i)).length;
    const unshared = slot.filter((i) => counted(side, i)).length;
    return said === 0 ? 0 : (said - unshared) / said;
  };
  const runs: [Token[][], Token[][]] = [runsOf(a.tokens, slotA), runsOf(b.tokens, slotB)];
  let parallel: boolean | undefined;
  return {
    shared: [share(a.tokens, slotA), share(b.tokens, slotB)],
    runs,
    // asked of few pairs (those whose frame holds), and it reads word vectors
    get parallel() {
      parallel ??= runs[0].length > 0 && runs[1].length > 0 && ofAKind(runs[0].flat(), runs[1].flat(), meanings);
      return parallel;
    },
    negationDiffers: a.negated !== b.negated,
  };
}

/**
 * Two runs of words are of a kind: two values, two names, two words the vectors do not know
 * ("gp", "gl"), or words near in meaning ("nurse", "teacher").
 */
function ofAKind(x: readonly Token[], y: readonly Token[], meanings: Meanings | undefined): boolean {
  if (x.some((t) => t.value) && y.some((t) => t.value)) return true;
  if (x.some((t) => t.name) && y.some((t) => t.name)) return true;
  if (!meanings) return false;
  const vectorsOf = (run: readonly Token[]) => run.map((t) => meanings.embed(t.word));
  const vx = vectorsOf(x);
  const vy = vectorsOf(y);
  if (vx.some((v) => !v) && vy.some((v) => !v)) return true;
  return vx.some((v) => v !== undefined && vy.some((w) => w !== undefined && cosine(v, w) >= OF_A_KIND));
}
