import { decideConflicts } from '../app/merge.js';
import type { MergeOutcome } from '../app/mergeSteps.js';
import type { Context } from './context.js';
import { loadScreens } from './screens.js';

/** In a terminal, conflicts go to the conflict screen; its decisions are saved, and the merge commit written once all are made. */
export async function settleOnScreen(
  started: MergeOutcome,
  options: { strategy?: string; json?: boolean },
  context: Context,
): Promise<MergeOutcome> {
  if (started.kind !== 'conflicts' || options.strategy === 'fail' || !context.io.canPrompt || options.json)
    return started;
  const state = (await context.memory()).readMerge()!;
  const { resolveConflicts } = await loadScreens();
  context.endProgress();
  const { decisions, done } = await resolveConflicts(state.conflicts, {
    decisions: state.decisions,
    color: context.io.color,
  });
  return decideConflicts(started, decisions, done, context);
}
