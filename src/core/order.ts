/**
 * Orders strings by UTF-16 code unit, as git orders names (bytes, for the ASCII of paths, ids and
 * ref names). Not localeCompare: its first call starts ICU's collator, 10–15 ms of a command's
 * start-up, and its order differs from git's ("diet_plan" before "diet.x").
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
