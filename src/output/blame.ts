import type { BlameResult } from '../app/blame.js';
import type * as api from '../library/api.js';
import type { Renderer } from '../runtime/emit.js';
import { personDate, subjectOf } from './commits.js';
import { factJson } from './facts.js';
import { alignColumns, plainRecord, shortOid } from './format.js';
import { provenance } from './get.js';

export const blameRenderer: Renderer<BlameResult, api.BlameEntry[]> = {
  human(result, p) {
    let out = '';
    let leaf: string | undefined;
    const rows = result.attributions.map(({ fact, commit }) => [
      p.id(shortOid(commit.oid)),
      commit.author.name,
      personDate(commit.author).slice(0, 10),
      fact.text,
    ]);
    const lines = alignColumns(rows);
    result.attributions.forEach(({ fact }, i) => {
      if (fact.path !== leaf) out += `${p.path((leaf = fact.path))}\n`;
      out += `  ${lines[i]}\n    ${p.dim(`${fact.id} · ${provenance(fact)}${fact.how ? ` · ${fact.how}` : ''}`)}\n`;
    });
    return out;
  },
  plain: (result) =>
    result.attributions
      .map(({ fact, commit }) =>
        plainRecord([
          fact.id,
          fact.path,
          commit.oid,
          commit.author.name,
          personDate(commit.author),
          fact.source,
          fact.classifier,
          fact.confidence,
          fact.how,
          fact.text,
        ]),
      )
      .join(''),
  json: (result) =>
    result.attributions.map(({ fact, commit }) => ({
      ...factJson(fact),
      commit: commit.oid,
      author: { name: commit.author.name, email: commit.author.email },
      date: personDate(commit.author),
      message: subjectOf(commit.message),
    })),
};
