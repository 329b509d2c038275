import type { RecallResult } from '../app/recall.js';
import type * as api from '../library/api.js';
import type { Renderer } from '../runtime/emit.js';
import { plainRecord, shortOid } from './format.js';

/** One hit as `recall --json` documents it: `when` is the date the fact tells of (resolved when it was added), `recordedAt` when it was said. */
export function hitJson(hit: RecallResult['hits'][number]): api.RecallHit {
  return {
    path: hit.fact.path,
    text: hit.fact.text,
    score: hit.score,
    id: hit.fact.id,
    commit: hit.fact.commit ?? null,
    recordedAt: hit.fact.recordedAt || null,
    when: hit.fact.when ?? null,
    ...(hit.fact.supersededBy ? { supersededBy: hit.fact.supersededBy } : {}),
  };
}

/** "· 2023-05-01 · recorded 2023-05-31": the fact's dates, so that a "when" question reads its answer. */
function dates(fact: RecallResult['hits'][number]['fact']): string {
  return `${fact.when ? ` · ${fact.when}` : ''}${fact.recordedAt ? ` · recorded ${fact.recordedAt.slice(0, 10)}` : ''}`;
}

export const recallRenderer: Renderer<RecallResult, api.RecallHit[]> = {
  human(result, p) {
    return result.hits
      .map(
        (h, i) =>
          `${p.dim(`${i + 1}.`)} ${h.fact.text}\n   ${p.path(h.fact.path)} ${p.dim(`· ${h.fact.id}${h.fact.commit ? ` · ${shortOid(h.fact.commit)}` : ''}${dates(h.fact)}${h.fact.supersededBy ? ` · replaced by ${h.fact.supersededBy}` : ''} · score ${h.score}`)}\n`,
      )
      .join('');
  },
  // score, id, path, text, commit, when, the id of the fact that replaced it: every field present, one hit a line (new fields last: older scripts cut the first five)
  plain: (result) =>
    result.hits
      .map((h) =>
        plainRecord([h.score, h.fact.id, h.fact.path, h.fact.text, h.fact.commit, h.fact.when, h.fact.supersededBy]),
      )
      .join(''),
  json: (result) => result.hits.map(hitJson),
};
