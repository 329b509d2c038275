import * as path from 'node:path';
import type { Command } from 'commander';
import type { RecallResult } from '../app/recall.js';
import type { Memory } from '../store/memory.js';
import { requirePrefix } from '../core/taxonomy.js';
import { ClassifierError, UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { searchMemory } from '../runtime/recallModel.js';
import { pointInTime } from '../runtime/pointInTime.js';
import { recallRenderer } from '../output/recall.js';
import { parseCount } from './log.js';

export interface RecallOptions {
  k?: string;
  path?: string;
  at?: string;
  asOf?: string;
  rerank?: string;
  minScore?: string;
  json?: boolean;
}

/** --min-score: a number from 0 to 1. */
function parseMinScore(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const score = Number(value);
  if (value.trim() === '' || !Number.isFinite(score) || score < 0 || score > 1) {
    throw new UsageError('invalid-min-score', `--min-score must be a number from 0 to 1, not "${value}"`, {
      hint: 'e.g. --min-score 0.2; --min-score 0 returns every candidate',
    });
  }
  return score;
}

/** Candidates handed to the reranker: more than asked for, so it can promote from below the cut. */
const RERANK_POOL = 20;

/** The k current facts most relevant to a question, best first; no model unless --rerank llm. */
export async function runRecall(question: string, options: RecallOptions, context: Context): Promise<RecallResult> {
  if (!question.trim())
    throw new UsageError('missing-question', 'no question given', {
      hint: 'memoir recall "<question>", e.g. memoir recall "which editor do I use?"',
    });
  const k = parseCount(options.k, '-k') ?? 5;
  const minScore = parseMinScore(options.minScore);
  if (k === 0) throw new UsageError('invalid-count', '-k must be at least 1', { hint: 'the default is 5' });
  if (options.rerank !== undefined && options.rerank !== 'llm' && options.rerank !== 'none') {
    throw new UsageError('invalid-rerank', `--rerank must be "llm" or "none", not "${options.rerank}"`, {
      hint: 'memoir recall "<question>" --rerank llm (needs a configured model)',
    });
  }
  const taxonomy = await context.taxonomy();
  const prefix = options.path !== undefined ? requirePrefix(taxonomy, options.path) : undefined;
  const memory = await context.memory();
  const rerankModel = options.rerank === 'llm' ? await reranker(context, taxonomy, memory) : undefined;
  const head = await memory.head();
  const { commit, asOf } = await pointInTime(memory, options, context.now());
  if (!commit) return { question, commit, hits: [], reranked: false };
  // "last week" in the question counts from the moment the memory is looked at
  const reference = asOf ?? context.now();
  const hits = await searchMemory(memory, taxonomy, commit, commit === head.oid, question, {
    k: rerankModel ? Math.max(k, RERANK_POOL) : k,
    prefixes: prefix ? [prefix] : undefined,
    minScore,
    reference,
  });
  if (!rerankModel) return { question, commit, hits, reranked: false };
  const { rerank } = await import('../classify/rerank.js');
  try {
    return {
      question,
      commit,
      hits: (await rerank(question, hits, rerankModel.model, rerankModel.name)).slice(0, k),
      reranked: true,
    };
  } catch (error) {
    // reranking improves an order that is already there; it is never a dependency
    if (!(error instanceof ClassifierError)) throw error;
    const message = `not reranked: ${error.message}; the facts are in recall's own order`;
    context.io.err(
      context.io.json
        ? JSON.stringify({ warning: 'not-reranked', code: error.code, message }) + '\n'
        : `memoir: warning: ${message}\n`,
    );
    return { question, commit, hits: hits.slice(0, k), reranked: false };
  }
}

async function reranker(context: Context, taxonomy: Awaited<ReturnType<Context['taxonomy']>>, memory: Memory) {
  const config = await context.config();
  const { createReranker } = await import('../classify/rerank.js');
  const notice = (message: string) => void (context.io.json || context.io.err(`memoir: ${message}\n`));
  const model = createReranker({
    config,
    env: context.env,
    taxonomy,
    stateDir: path.join(memory.stateDir, 'cache'),
    notice,
  });
  return { model, name: model.name };
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('recall')
    .description(
      'Find the current facts most relevant to a question, best first, without a model (taxonomy navigation and word ranking)',
    )
    .argument('<question...>', 'the question, in your own words (quoting is optional)')
    .option('-k, --k <n>', 'how many facts to return (default 5)')
    .option('-p, --path <prefix>', 'only facts under this taxonomy prefix: a category, category.subcategory or a leaf')
    .option('--at <rev>', 'search the facts as they were at a revision (a commit id, branch, HEAD~3)')
    .option('--as-of <date>', 'search the facts as they were at a moment (2026-11-01, "3 days ago")')
    .option(
      '--rerank <mode>',
      "llm: let the configured model (classifier.provider: openai) reorder the candidates; the question and facts sent pass the secret guard; if the model fails, recall's own order, with a warning",
    )
    .option(
      '--min-score <n>',
      'only facts scoring at least n (0 to 1: how likely the fact answers the question); by default nothing is returned when even the best fact is unlikely to answer, and --min-score 0 returns every candidate',
    )
    .option(
      '--json',
      'print an array of {path, text, score, id, commit, recordedAt, when}, and supersededBy for a value a newer fact replaced',
    )
    .action(async (words: string[], options: RecallOptions) => {
      const result = await runRecall(words.join(' '), options, context);
      if (result.hits.length === 0 && !options.json)
        context.io.err(
          result.commit ? 'memoir: no fact matches the question\n' : 'memoir: no commits yet: nothing to recall\n',
        );
      emit(context, options, result, recallRenderer);
    });
  withExamples(command, [
    ['memoir recall "which theme does the user like?"', 'the five most relevant facts'],
    ['memoir recall "what does she drink in the morning" -k 1 --json', 'the best fact, as JSON'],
    ['memoir recall "how do we deploy" --path project', 'only facts about the project'],
    ['memoir recall "favourite editor" --at HEAD~5', 'as the memory was five commits ago'],
    ['memoir recall "allergies" --rerank llm', 'let the configured model reorder the candidates'],
    ['memoir recall "editor" --min-score 0', 'every candidate, however unlikely'],
  ]);
}
