import type { Deps } from './deps.js';
import type { RecallHit } from '../core/recall.js';
import * as path from 'node:path';
import type { Memory } from '../store/memory.js';
import { requirePrefix } from '../core/taxonomy.js';
import { ClassifierError, UsageError } from '../errors/index.js';
import { searchMemory } from './recallModel.js';
import { pointInTime } from './pointInTime.js';
import { parseCount } from '../core/count.js';

/** What `memoir recall` found: the result its renderers read. */
export interface RecallResult {
  question: string;
  /** The commit whose facts were searched; undefined on a branch with no commits. */
  commit?: string;
  hits: RecallHit[];
  reranked: boolean;
}

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
export async function runRecall(question: string, options: RecallOptions, context: Deps): Promise<RecallResult> {
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
    progress: context.progress,
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

async function reranker(context: Deps, taxonomy: Awaited<ReturnType<Deps['taxonomy']>>, memory: Memory) {
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
