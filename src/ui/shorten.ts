/** A text cut at a word to what fits in `lines` lines of `width`, with … where it was cut. */
export function shorten(text: string, width: number, lines: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // a line wraps at a word, so it holds a little less than its width
  const budget = Math.max(20, lines * Math.max(10, width) - lines * 8);
  if (flat.length <= budget) return flat;
  const cut = flat.slice(0, budget - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > budget / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
