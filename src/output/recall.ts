import type { RecallResult } from '../app/recall.js';
import type { Renderer } from '../runtime/emit.js';
import { plainRecord, shortOid } from './format.js';

/** One hit as `recall --json` documents it. */
export function hitJson(hit: RecallResult['hits'][number]) {
  return { path: hit.fact.path, text: hit.fact.text, score: hit.score, id: hit.fact.id, commit: hit.fact.commit ?? null, ...(hit.fact.supersededBy ? { supersededBy: hit.fact.supersededBy } : {}) };
}

export const recallRenderer: Renderer<RecallResult> = {
  human(result, p) {
    return result.hits
      .map((h, i) => `${p.dim(`${i + 1}.`)} ${h.fact.text}\n   ${p.path(h.fact.path)} ${p.dim(`· ${h.fact.id}${h.fact.commit ? ` · ${shortOid(h.fact.commit)}` : ''}${h.fact.supersededBy ? ` · replaced by ${h.fact.supersededBy}` : ''} · score ${h.score}`)}\n`)
      .join('');
  },
  // score, id, path, text, commit, the id of the fact that replaced it: every field present, one hit a line
  plain: (result) => result.hits.map((h) => plainRecord([h.score, h.fact.id, h.fact.path, h.fact.text, h.fact.commit, h.fact.supersededBy])).join(''),
  json: (result) => result.hits.map(hitJson),
};
