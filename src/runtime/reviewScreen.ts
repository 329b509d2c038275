import type { FactReviewer } from '../app/deps.js';
import type { ReviewItem } from '../ui/types.js';
import type { Context } from './context.js';
import { loadScreens } from './screens.js';

/**
 * Asks a person, in the review screen, where each fact goes. Each suggestion shows its leaf's
 * description and, for a `one` leaf that holds a value, the fact it would replace. The CLI
 * passes it to the use cases that place facts (add, review) when it has a terminal; Ink loads
 * only here, on first use.
 */
export const reviewOnScreen =
  (context: Pick<Context, 'io' | 'endProgress'>): FactReviewer =>
  async (items, taxonomy, memory) => {
    const head = await memory.head();
    const oneLeaves = new Set(
      items
        .flatMap((c) => c.candidates.map((x) => x.path))
        .filter((p) => taxonomy.leaves.get(p)?.cardinality === 'one'),
    );
    const current = await memory.readLeaves(head.oid, oneLeaves);
    const reviewItems: ReviewItem[] = items.map((c) => ({
      text: c.text,
      candidates: c.candidates.map((x) => ({
        ...x,
        description: taxonomy.leaves.get(x.path)?.description ?? '',
        supersedes: current.get(x.path)?.at(-1)?.text,
      })),
    }));
    const { reviewClassifications } = await loadScreens();
    // the screen takes the terminal: the progress line of the classifying goes first
    context.endProgress();
    return reviewClassifications(
      reviewItems,
      [...taxonomy.leaves.values()].map((l) => ({ path: l.path, description: l.description })),
      { color: context.io.color },
    );
  };
