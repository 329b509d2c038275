export class UntranslatableRegex extends Error {}
export function translateGoRegex(go: string): {
  source: string;
  flags: string;
  groups: Array<{ goStart: number; outStart: number; outEnd: number }>;
};
