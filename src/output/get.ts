import type { GetResult } from '../commands/get.js';
import type { Fact } from '../core/fact.js';
import type { Renderer } from '../runtime/emit.js';
import { factJson } from './facts.js';
import { plainRecord, relativeTime } from './format.js';

export function provenance(fact: Fact): string {
  const confidence = fact.confidence === undefined ? '' : ` ${Math.round(fact.confidence * 100)}%`;
  return `${fact.source} · ${fact.classifier}${confidence}`;
}

export function factPlain(fact: Fact): string {
  return plainRecord([fact.id, fact.path, fact.text, fact.recordedAt, fact.source, fact.classifier, fact.confidence]);
}

export const getRenderer: Renderer<GetResult> = {
  human(result, p, context) {
    if (result.facts.length === 0) return '';
    const header = `${p.path(result.leaf.path)} ${p.dim(`(${result.leaf.cardinality})`)}\n`;
    return header + result.facts.map((f) => `  ${f.text}\n    ${p.dim(`${f.id} · ${relativeTime(new Date(f.recordedAt), context.now())} · ${provenance(f)}`)}\n`).join('');
  },
  plain: (result) => result.facts.map(factPlain).join(''),
  json: (result) => result.facts.map(factJson),
};
