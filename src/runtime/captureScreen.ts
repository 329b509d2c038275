import type { CaptureReviewer } from '../app/capture.js';
import type { Context } from './context.js';
import { loadScreens } from './screens.js';

/**
 * Asks a person, in the capture screen, what becomes of each fact proposed from a
 * conversation: the items come with their turn and the classifier's suggestions as the use case
 * built them (each with its leaf's description, and the value it replaces where it gave one),
 * and the path editor completes against the taxonomy's leaves. The command passes it on when it
 * has a terminal; Ink loads only here, on first use.
 */
export const captureOnScreen =
  (context: Pick<Context, 'io' | 'endProgress'>): CaptureReviewer =>
  async (items, taxonomy) => {
    const { reviewCaptures } = await loadScreens();
    // the screen takes the terminal: the progress line of the extracting and classifying goes first
    context.endProgress();
    return reviewCaptures(
      items,
      [...taxonomy.leaves.values()].map((l) => ({ path: l.path, description: l.description })),
      { color: context.io.color },
    );
  };
