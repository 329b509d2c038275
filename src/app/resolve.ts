import type { Deps } from './deps.js';
import { decisionProblem, type Decision } from '../core/merge.js';
import { cleanFactText } from '../core/fact.js';
import { refuseControlCharacters } from '../core/controlChars.js';
import { MemoirError, UsageError } from '../errors/index.js';
import type { MergeConflict } from '../store/mergeState.js';
import { unsettled } from './mergeSteps.js';
import { refuseSecretIn } from '../core/guardText.js';

export interface ResolveOptions {
  ours?: boolean;
  theirs?: boolean;
  both?: boolean;
  text?: string;
  json?: boolean;
}

export interface ResolveResult {
  resolved: Array<{ conflict: MergeConflict; decision: Decision }>;
  /** Conflicts still without a decision. */
  remaining: MergeConflict[];
}

function decisionOf(options: ResolveOptions): Decision {
  const chosen = [
    options.ours && 'ours',
    options.theirs && 'theirs',
    options.both && 'both',
    options.text !== undefined && 'text',
  ].filter(Boolean);
  if (chosen.length !== 1)
    throw new UsageError(
      'choose-one',
      chosen.length
        ? `choose one of ${chosen.map((c) => `--${c}`).join(', ')}`
        : 'say how to settle it: --ours, --theirs, --both or --text "..."',
    );
  if (options.text !== undefined) {
    refuseSecretIn(options.text, 'the text', 'nothing was recorded');
    refuseControlCharacters(options.text, 'the text', { lineBreaks: true });
    return { kind: 'text', text: cleanFactText(options.text) };
  }
  return { kind: chosen[0] as 'ours' | 'theirs' | 'both' };
}

/** Records a decision for one conflict (by id or id prefix) or every conflict at a leaf. */
export async function runResolve(target: string, options: ResolveOptions, context: Deps): Promise<ResolveResult> {
  const decision = decisionOf(options);
  const memory = await context.memory();
  return context.locked(memory, async () => {
    const state = memory.readMerge();
    if (!state)
      throw new MemoirError('no-merge', 'there is no merge in progress', {
        hint: 'conflicts come from "memoir merge <branch>"',
      });
    const byId = state.conflicts.filter((c) => c.id.startsWith(target));
    const matched =
      byId.length > 0 && /^[0-9a-f]{4,}$/.test(target) ? byId : state.conflicts.filter((c) => c.path === target);
    if (matched.length === 0)
      throw new UsageError('unknown-conflict', `no conflict "${target}" in the merge of ${state.theirsName}`, {
        hint: '"memoir status" lists the conflicts with their ids',
      });
    if (byId.length > 1 && matched === byId)
      throw new UsageError(
        'ambiguous-id',
        `conflict id "${target}" is ambiguous: ${byId.map((c) => c.id).join(', ')}`,
        { hint: 'give more digits' },
      );
    if (decision.kind === 'text' && matched.length > 1)
      throw new UsageError('ambiguous-leaf', `${target} has ${matched.length} conflicts: --text settles one`, {
        hint: `name one by id: ${matched.map((c) => c.id).join(', ')}`,
      });
    for (const c of matched) {
      const problem = decisionProblem(c, decision);
      if (problem)
        throw new UsageError('invalid-decision', `conflict ${c.id}: ${problem}`, {
          hint: 'use --ours, --theirs or --text "..."',
        });
    }
    const decisions = { ...state.decisions };
    for (const c of matched) decisions[c.id] = decision;
    const updated = { ...state, decisions };
    memory.writeMerge(updated);
    return { resolved: matched.map((conflict) => ({ conflict, decision })), remaining: unsettled(updated) };
  });
}
