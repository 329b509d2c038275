/** Measures of how random a token looks, shared by the provider rules and the random-token detector. */

/** Shannon entropy in bits per character, as gitleaks computes it. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** At least two of lower case, upper case and digits: what a random key has and a word does not. */
export function mixesCharacterClasses(s: string): boolean {
  const lower = /[a-z]/.test(s),
    upper = /[A-Z]/.test(s),
    digit = /\d/.test(s);
  return Number(lower) + Number(upper) + Number(digit) >= 2;
}

/** Pieces of an identifier: camelCase words, upper-case runs, numbers. */
const PIECE = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

/** The most common letter pairs of English (and so of names and identifiers made of English words). */
const COMMON_PAIRS = new Set(
  (
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce ' +
    'li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ' +
    'ad ol rt po we na ul ni ts mo ow pa im mi ai sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ' +
    'ex ke fr oo av ag if ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa ef cu rn sc gi da yo cr cl du ga qu ue ff ba ey ls va ' +
    'um pp ua up lu go ht ru ug ds lt pi rc rr eg au ck ew mu br bi pt ak pu ui rg ib tl ny ki rk ys ob mm fu ph og ms ye ud mb ip ' +
    'ub oi rl gu dr hr cc tw ft wn nu af hu nn eo vo rv nf xp gn sm fl iz ok nl my gl aw ju oa eq sy sl ps jo lf nv je nk kn gs dy ' +
    'hy ze ks xt bs ik dd cy rp sk xi oe oy ws'
  ).split(' '),
);

/**
 * How much a token reads like words: the share of its neighbouring letters and digits that are
 * common English letter pairs inside one piece (camelCase word, upper-case run). Names and
 * identifiers (getUserSettings, ERR_PACKAGE_PATH_NOT_EXPORTED, CrashLoopBackOff) score 0.6 and
 * more; random keys, whose letters fall in short runs of unrelated letters, score under 0.45.
 */
export function englishness(s: string): number {
  const alnum = s.replace(/[^A-Za-z0-9]/g, '').length;
  if (alnum < 2) return 1;
  let common = 0;
  for (const piece of s.match(PIECE) ?? []) {
    const lower = piece.toLowerCase();
    for (let i = 1; i < lower.length; i++) if (COMMON_PAIRS.has(lower[i - 1] + lower[i])) common++;
  }
  return common / (alnum - 1);
}

/** A part of a compound id that is not random: a word, a number or hex (as ids are), a short piece (amd64, 4o), a name. */
function plainPart(part: string): boolean {
  return /^(?:[A-Za-z]+|[0-9a-f]+|[0-9A-F]+)$/.test(part) || part.length <= 5 || englishness(part) >= 0.5;
}

/**
 * Whether a token is an id made of plain parts joined by punctuation: api-7d9f8b6c5d-x2x9z,
 * sg-0123abcd4567ef890, gpt-4o-mini-2024-07-18, ubuntu-22.04-amd64-server. A random key has a
 * long random part.
 */
export function compoundOfPlainParts(s: string): boolean {
  const parts = s.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return parts.length >= 2 && parts.every(plainPart);
}
