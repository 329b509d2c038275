/*
 * What the one-at-a-time screens (capture, consolidation) share of their verdicts: an entry
 * per item, undefined while it is pending.
 */

/** How many items are still pending. */
export const pendingIn = (verdicts: readonly unknown[]): number => verdicts.filter((v) => v === undefined).length;

/** The first pending item after `from`, round the end; undefined when none is left. */
export function nextPendingIndex(verdicts: readonly unknown[], from: number): number | undefined {
  const count = verdicts.length;
  return [...Array(count).keys()].map((k) => (from + 1 + k) % count).find((i) => verdicts[i] === undefined);
}
