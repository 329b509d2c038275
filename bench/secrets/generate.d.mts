export interface Sample {
  family: string;
  text: string;
  /** a secret to refuse, or a look-alike to let through */
  secret: boolean;
  /** the secret as it stands in the text (absent for a look-alike) */
  value?: string;
  /** made from a held-out template: the guard was not tuned on it */
  heldOut: boolean;
  template: number;
}
export const RULE_FILES: string[];
export function seeded(seed: number): () => number;
export function generateCorpus(options?: { seed?: number }): { samples: Sample[]; ungenerated: string[] };
