/**
 * How far long work has got: `done` items of `total` (when known) in `phase`, a few words of
 * memoir's own ("classifying", "writing leaves"). Long work (bulk add, classify, commit, the
 * recall index, transfers) calls it as it goes, and a front end shows it or not: the command
 * line draws one line on a terminal's stderr (runtime/progress.ts); MCP and scripts pass none.
 *
 * Call it per item, with a constant phase: it must stay cheap (no object, no string built per
 * call), because what reaches the screen is throttled by the renderer, not by the caller.
 * @example for (const [i, text] of texts.entries()) { classifyOne(text); progress?.('classifying', i + 1, texts.length); }
 */
export type ProgressSink = (phase: string, done: number, total?: number) => void;
