import type { ProgressSink } from '../core/progress.js';
import type { IO } from '../io/io.js';

/*
 * Progress of long work for a person at a terminal: one line on stderr, redrawn in place,
 *
 *   classifying: 45% (4,500/10,000) 3,200/s
 *
 * for every kind of long work alike (bulk add, classify, commit, the recall index, clone, fetch,
 * push, pull): the use cases report {phase, done, total} through Deps.progress as often as they
 * like, and this decides what reaches the screen. Nothing for work that is over within DELAY_MS
 * (a fast command never flickers; MEMOIR_PROGRESS_DELAY, in seconds, changes it, as
 * GIT_PROGRESS_DELAY does git's), then at most one redraw every INTERVAL_MS, and a phase's last
 * count (100%) once; the line is cleared when the command is done, and before anything else is
 * written to the terminal (io.ts). Where io.progress is absent (a pipe, --json, CI) or the
 * command was asked to be quiet, there is no sink at all and the use cases skip the calls.
 */

/** Work that ends sooner than this shows nothing. */
export const DELAY_MS = 500;
/** At most one redraw per this many milliseconds: five a second. */
export const INTERVAL_MS = 200;

export interface ProgressLine {
  /** The sink a use case reports to (Deps.progress); undefined where nothing is shown. */
  report?: ProgressSink;
  /** Clears the line, if it is shown; the next report starts over, delay included. */
  end(): void;
}

/** The delay before anything is shown: MEMOIR_PROGRESS_DELAY seconds when set to a number, else DELAY_MS. */
export function progressDelay(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.MEMOIR_PROGRESS_DELAY);
  return env.MEMOIR_PROGRESS_DELAY?.trim() && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DELAY_MS;
}

/** 12345 → "12,345": the same in every locale, as the counts of git's progress are. */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "classifying: 45% (4,500/10,000) 3,200/s"; the rate once it means something. */
export function progressText(phase: string, done: number, total: number | undefined, rate?: number): string {
  // memoir's own words, or a remote's ("Counting objects"): letters, digits and spaces of it only
  const name = phase.replace(/[^\p{L}\p{N} ]/gu, '').slice(0, 40);
  const counts =
    total !== undefined && total > 0
      ? `${Math.min(100, Math.floor((100 * done) / total))}% (${groupDigits(done)}/${groupDigits(total)})`
      : groupDigits(done);
  if (rate === undefined) return `${name}: ${counts}`;
  return `${name}: ${counts} ${rate >= 10 ? groupDigits(rate) : rate.toFixed(1)}/s`;
}

/**
 * The progress line drawn with `draw` (io.progress), on `now()`'s clock (milliseconds; a test's
 * fake one). Each report costs a clock read and a few comparisons; text is built only to draw.
 */
export function progressLine(
  draw: IO['progress'],
  now: () => number = () => performance.now(),
  timing: { delay: number; interval: number } = { delay: DELAY_MS, interval: INTERVAL_MS },
): ProgressLine {
  if (!draw) return { end: () => undefined };
  let started: number | undefined;
  let drawn = -Infinity;
  let shown = false;
  // the phase being reported: the rate counts from its first report; its end is drawn once
  let phase: string | undefined;
  let phaseStart = 0;
  let phaseFrom = 0;
  let phaseEnded = false;
  return {
    report(name, done, total) {
      const t = now();
      if (name !== phase || done < phaseFrom) {
        phase = name;
        phaseStart = t;
        phaseFrom = done;
        phaseEnded = false;
      }
      started ??= t;
      if (t - started < timing.delay) return;
      const ends = !phaseEnded && total !== undefined && done >= total;
      if (t - drawn < timing.interval && !ends) return;
      if (ends) phaseEnded = true;
      drawn = t;
      const seconds = (t - phaseStart) / 1000;
      const rate = t - phaseStart >= timing.interval && done > phaseFrom ? (done - phaseFrom) / seconds : undefined;
      draw(progressText(name, done, total, rate));
      shown = true;
    },
    end() {
      if (shown) draw(undefined);
      shown = false;
      started = undefined;
      phase = undefined;
      drawn = -Infinity;
    },
  };
}
