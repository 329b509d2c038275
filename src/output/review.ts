import type { ReviewResult } from '../app/review.js';
import type { Context } from '../runtime/context.js';
import { reportCommit, commitJson } from './commit.js';
import { factJson } from './facts.js';
import { alignColumns, json, plainRecord, plural } from './format.js';
import { escapeData } from './escape.js';
import { sayFor } from './say.js';

export function reviewJson(result: ReviewResult): unknown {
  const waiting = result.waiting.map((i) => ({
    id: i.id,
    text: i.text,
    source: i.source,
    recordedAt: i.recordedAt,
    classifier: i.classifier,
    candidates: i.candidates,
  }));
  if (result.listed) return waiting;
  return {
    staged: result.accepted.filter((o) => o.kind === 'staged').map((o) => factJson(o.fact)),
    rejected: result.rejected.map((i) => ({ id: i.id, text: i.text })),
    waiting,
    commit: result.commit ? commitJson(result.commit) : null,
  };
}

/** The queue as data (a listing), or what a settling run did (its result on stdout, what still waits on stderr). */
export function reportReview(
  context: Context,
  options: { json?: boolean; quiet?: boolean },
  result: ReviewResult,
): void {
  const { io } = context;
  if (options.json) return void io.out(json(reviewJson(result)));
  // shown to a person: every string of the result escaped (see escapeData)
  result = escapeData(result);
  if (result.listed) {
    if (result.waiting.length === 0) return void io.err('memoir: nothing is waiting for review\n');
    if (!io.stdoutIsTTY) {
      io.out(
        result.waiting
          .map((i) =>
            plainRecord([i.id, i.text, ...i.candidates.slice(0, 3).flatMap((c) => [c.path, c.confidence.toFixed(3)])]),
          )
          .join(''),
      );
    } else {
      const p = context.palette();
      io.out(
        alignColumns(
          result.waiting.map((i) => [
            p.id(i.id),
            i.text,
            p.dim(
              i.candidates
                .slice(0, 3)
                .map((c) => `${c.path} ${Math.round(c.confidence * 100)}%`)
                .join(', '),
            ),
          ]),
        )
          .map((l) => l + '\n')
          .join(''),
      );
    }
    io.err(
      `memoir: ${plural(result.waiting.length, 'fact')} waiting; settle them with "memoir review" in a terminal, or --accept ID [--path LEAF], --reject ID, --accept-all, --reject-all\n`,
    );
    return;
  }
  const p = context.palette('out');
  const say = sayFor(context, options);
  for (const o of result.accepted) {
    if (o.kind === 'staged')
      say.result(`staged ${p.path(o.fact.path)}: ${o.fact.text} ${p.dim(`(${o.fact.id}, ${o.fact.how})`)}`);
    else say.status(`already remembered at ${o.fact.path}: "${o.existing.text}"; not staged again`);
  }
  for (const i of result.rejected) say.result(`dropped: ${i.text} ${p.dim(`(${i.id})`)}`);
  if (result.waiting.length > 0) say.status(`${plural(result.waiting.length, 'fact')} still waiting for review`);
  if (result.commit) reportCommit(context, { quiet: options.quiet }, result.commit);
}
