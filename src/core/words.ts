/** Words for messages and results: what every layer writes the same way. */

/** `1 fact`, `2 facts`; `many` for irregular plurals (`leaf`, `leaves`). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A commit id as people read it: its first seven digits, as git shows them. */
export function shortOid(oid: string): string {
  return oid.slice(0, 7);
}
