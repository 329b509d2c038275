import type { GetResult } from '../app/get.js';
import type { Fact } from '../core/fact.js';
import type { Renderer } from '../runtime/emit.js';
import { factJson } from './facts.js';
import { plainRecord, relativeTime } from './format.js';

export function provenance(fact: Fact): string {
  const confidence = fact.confidence === undefined ? '' : ` ${Math.round(fact.confidence * 100)}%`;
  return `${fact.source} · ${fact.classifier}${confidence}`;
}

/** "valid 2024-03-01 – 2026-06-30", for a fact with a validity interval; empty otherwise. */
export function validity(fact: Fact): string {
  if (!fact.validFrom && !fact.validUntil) return '';
  const day = (iso?: string) => (iso ? iso.slice(0, 10) : '…');
  return ` · valid ${day(fact.validFrom)} – ${day(fact.validUntil)}`;
}

export function factPlain(fact: Fact): string {
  return plainRecord([
    fact.id,
    fact.path,
    fact.text,
    fact.recordedAt,
    fact.source,
    fact.classifier,
    fact.confidence,
    fact.validFrom,
    fact.validUntil,
  ]);
}

export const getRenderer: Renderer<GetResult> = {
  human(result, p, context) {
    if (result.facts.length === 0) return '';
    const header = `${p.path(result.leaf.path)} ${p.dim(`(${result.leaf.cardinality})`)}\n`;
    return (
      header +
      result.facts
        .map(
          (f) =>
            `  ${f.text}\n    ${p.dim(`${f.id} · ${relativeTime(new Date(f.recordedAt), context.now())} · ${provenance(f)}${validity(f)}`)}\n`,
        )
        .join('')
    );
  },
  plain: (result) => result.facts.map(factPlain).join(''),
  json: (result) => result.facts.map(factJson),
};
