import type { Progress } from '../store/remote/pktLine.js';
import type { Context } from './context.js';

/**
 * Progress of a long transfer for a person at a terminal: one line on stderr, redrawn in place
 * (`Receiving objects: 45% (9/20)`), cleared when the command is done. Nothing in a pipe, with
 * --json or -q. The phase comes from the remote: only letters, digits and spaces of it are shown.
 */
function progressFor(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
): { onProgress?: (p: Progress) => void; done(): void } {
  const draw = context.io.progress;
  if (!draw || options.json || options.quiet) return { done: () => undefined };
  let shown = false;
  return {
    onProgress: (p) => {
      const phase = p.phase.replace(/[^\p{L}\p{N} ]/gu, '').slice(0, 40);
      const counts = p.total ? `${Math.floor((100 * p.loaded) / p.total)}% (${p.loaded}/${p.total})` : `${p.loaded}`;
      draw(`${phase}: ${counts}`);
      shown = true;
    },
    done: () => {
      if (shown) draw(undefined);
    },
  };
}

/** Runs a transfer with its progress line, cleared before anything else is printed (result or error). */
export async function withProgress<R>(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  transfer: (onProgress?: (p: Progress) => void) => Promise<R>,
): Promise<R> {
  const progress = progressFor(context, options);
  try {
    return await transfer(progress.onProgress);
  } finally {
    progress.done();
  }
}
