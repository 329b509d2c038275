// Scores the secret guard on a corpus from generate.mjs: the share of secrets refused (all, and
// the held-in and held-out thirds), the look-alikes refused (false alarms), misses per family.

/**
 * @param {(text: string) => unknown[]} findSecrets
 * @param {Array<{ family: string, text: string, secret: boolean, heldOut: boolean }>} samples
 */
export function evaluateGuard(findSecrets, samples) {
  const part = () => ({ refused: 0, total: 0 });
  const result = { heldIn: part(), heldOut: part(), all: part(), falseAlarms: [], lookalikes: 0, misses: new Map(), families: new Set() };
  for (const s of samples) {
    const refused = findSecrets(s.text).length > 0;
    if (!s.secret) {
      result.lookalikes++;
      if (refused) result.falseAlarms.push(s);
      continue;
    }
    result.families.add(s.family);
    for (const p of [result.all, s.heldOut ? result.heldOut : result.heldIn]) {
      p.total++;
      if (refused) p.refused++;
    }
    if (!refused) result.misses.set(s.family, [...(result.misses.get(s.family) ?? []), s]);
  }
  return result;
}

export const rate = (p) => (p.total === 0 ? 1 : p.refused / p.total);
export const percent = (p) => `${(rate(p) * 100).toFixed(1)}%`;
