import type { Sample } from './generate.mjs';

export interface Part { refused: number; total: number }
export interface Evaluation {
  heldIn: Part;
  heldOut: Part;
  all: Part;
  falseAlarms: Sample[];
  lookalikes: number;
  misses: Map<string, Sample[]>;
  families: Set<string>;
}
export function evaluateGuard(findSecrets: (text: string) => unknown[], samples: Sample[]): Evaluation;
export function rate(part: Part): number;
export function percent(part: Part): string;
