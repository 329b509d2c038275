import type { ConsolidateReviewer } from '../app/consolidate.js';
import type { Context } from './context.js';
import { loadScreens } from './screens.js';

/**
 * Asks a person, on the consolidation screen, what becomes of each proposal: accept, reject,
 * edit (a merged fact's text, a refiled fact's leaf), keep one of two contradicting facts, or
 * leave it for later (found again by the next run). The command passes it on when it has a
 * terminal; Ink loads only here, on first use.
 */
export const consolidateOnScreen =
  (context: Pick<Context, 'io' | 'endProgress'>): ConsolidateReviewer =>
  async (proposals, taxonomy) => {
    const { reviewConsolidation } = await loadScreens();
    context.endProgress();
    return reviewConsolidation(
      proposals,
      [...taxonomy.leaves.values()].map((l) => ({ path: l.path, description: l.description })),
      { color: context.io.color },
    );
  };
