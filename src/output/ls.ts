import type { LsEntry } from '../app/ls.js';
import type * as api from '../library/api.js';
import type { Renderer } from '../runtime/emit.js';
import { alignColumns, plainRecord } from './format.js';

export const lsRenderer: Renderer<LsEntry[], api.LeafCount[]> = {
  human(entries, p) {
    return alignColumns(entries.map((e) => [p.path(e.path), String(e.count), p.dim(e.cardinality)]))
      .map((l) => l + '\n')
      .join('');
  },
  plain: (entries) => entries.map((e) => plainRecord([e.path, e.count])).join(''),
  json: (entries) => entries,
};
