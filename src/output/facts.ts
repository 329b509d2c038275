import type { Fact } from '../core/fact.js';
import type * as api from '../library/api.js';

/** A fact as JSON: stable, documented field names (absent metadata is null, not missing). */
export function factJson(fact: Fact): api.Fact {
  return {
    id: fact.id,
    path: fact.path,
    text: fact.text,
    recordedAt: fact.recordedAt,
    source: fact.source,
    classifier: fact.classifier,
    confidence: fact.confidence ?? null,
    confirmed: fact.how ?? null,
    supersedesId: fact.supersedes ?? null,
    validFrom: fact.validFrom ?? null,
    validUntil: fact.validUntil ?? null,
    when: fact.when ?? null,
    ...(fact.extra ? { extra: fact.extra } : {}),
  };
}
