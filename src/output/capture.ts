import type { CaptureOptions, CaptureResult } from '../app/capture.js';
import type * as api from '../library/api.js';
import type { Context } from '../runtime/context.js';
import { addJson, reportAdd } from './add.js';
import { json, plural } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

export function captureJson(result: CaptureResult): api.CaptureResult {
  return {
    conversation: result.conversation,
    proposals: result.proposals.map((p) => ({ text: p.text, turn: p.turn, source: p.source })),
    // a turn that held a secret: its number and what was found, never its text
    refusedTurns: result.refusedTurns,
    setAside: result.setAside,
    extraction: result.extraction,
    dismissed: result.dismissed,
    ...addJson(result),
  };
}

/**
 * What capture did: the conversation read and what was proposed from it (stderr), then what add
 * reports of the facts (staged, committed, duplicates, held for review).
 */
export function reportCapture(
  context: Context,
  options: CaptureOptions & { quiet?: boolean },
  result: CaptureResult,
): void {
  if (options.json) {
    context.io.out(json(captureJson(result)));
    return;
  }
  const { conversation, proposals, refusedTurns, dismissed } = escapeData({
    conversation: result.conversation,
    proposals: result.proposals,
    refusedTurns: result.refusedTurns,
    setAside: result.setAside,
    extraction: result.extraction,
    dismissed: result.dismissed,
  });
  const { status } = sayFor(context, options);
  const e = context.palette('err');
  const by = result.extraction.extractor === 'offline' ? '' : ` by ${result.extraction.extractor}`;
  const aside = result.setAside > 0 ? `, ${plural(result.setAside, 'sentence')} of chit-chat set aside` : '';
  status(
    `memoir: ${plural(conversation.turns, 'turn')} of ${conversation.id} read (${conversation.shape}); ${plural(proposals.length, 'fact')} proposed${by}${aside}`,
  );
  for (const refused of refusedTurns)
    context.io.err(
      `${e.warn('refused')}: turn ${refused.turn} (${refused.speaker}) holds ${refused.found}; no fact was taken from it\n`,
    );
  if (dismissed > 0) status(`memoir: ${plural(dismissed, 'proposal')} rejected on screen`);
  reportAdd(context, { ...options, yes: false, lineWord: 'turn' }, result);
}
