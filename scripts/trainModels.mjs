// The offline classifier's trained files for the built-in taxonomy, made at build time so that
// no command trains at run time. scripts/build.mjs bundles this file into one, with the sources,
// packages and data it imports: those bytes and the word vectors it reads when it runs
// (data/embeddings/) are everything the files are made from, so they are the files' cache key.
// Training is seeded: the same inputs make the same bytes, in a worker thread or not.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { calibrationSplit, fitCalibration } from '../src/classify/calibration.ts';
import { loadEmbeddings } from '../src/classify/embeddings.ts';
import { trainLinearModel } from '../src/classify/linear.ts';
import { DEFAULT_WEIGHTS, leafTexts, trainOfflineModel } from '../src/classify/model.ts';
import { OfflineClassifier } from '../src/classify/offline.ts';
import { noMemoryTexts, trainingFacts } from '../src/classify/training.ts';
import { buildWordIndex } from '../src/classify/wordIndex.ts';
import { builtinTaxonomy } from '../src/config/taxonomy.ts';
import { leafModelKey, leafTexts as recallLeafTexts } from '../src/app/recallModel.ts';
import { buildLeafModel } from '../src/core/recallLeaves.ts';

const taxonomy = builtinTaxonomy();
const training = trainingFacts();
const embeddings = loadEmbeddings();
// the calibration's classifier is trained as the shipped one is, without a held-out slice of the facts
const split = calibrationSplit(taxonomy, training, noMemoryTexts());

/** The offline model (src/classify/model.ts), as JSON. */
export function offlineModel() {
  return JSON.stringify(trainOfflineModel(taxonomy, training, DEFAULT_WEIGHTS, embeddings));
}

/** A linear model (src/classify/linear.ts) as JSON: the 'shipped' one or the calibration's 'held-out' one (~20 s each). */
export function linearModel(which) {
  const from = which === 'shipped' ? { taxonomy, training } : split;
  const texts = [...from.taxonomy.leaves.values()].flatMap((leaf) => leafTexts(leaf, from.training, DEFAULT_WEIGHTS));
  return JSON.stringify(trainLinearModel(texts, [...from.taxonomy.leaves.keys()], embeddings));
}

/** The confidence calibration (src/classify/calibration.ts), fitted on how the held-out classifier classifies the held-out facts. */
export function calibration(heldOutLinear) {
  const classifier = new OfflineClassifier(split.taxonomy, {
    training: split.training,
    embeddings,
    linear: JSON.parse(heldOutLinear),
    noMemory: split.noMemory,
  });
  const answers = split.held.map(({ text, path }) => {
    const top = classifier.topSuggestion(text);
    return { top, correct: path !== undefined && top.ranked[0]?.path === path };
  });
  return JSON.stringify(fitCalibration(answers));
}

/** The word vectors' lookup table, so that loading them builds no Map (see src/classify/wordIndex.ts). */
export function wordIndex(words) {
  return buildWordIndex(words);
}

/** Recall's leaf model for the built-in taxonomy, with its key (src/app/recallModel.ts): the first recall of a memory builds none. */
export async function recallLeaves() {
  const model = buildLeafModel(await recallLeafTexts(taxonomy), { meanings: embeddings });
  return JSON.stringify({ key: leafModelKey(taxonomy, embeddings), meanings: embeddings !== undefined, model });
}

// started as a worker thread by scripts/build.mjs: trains one linear model and posts its JSON
if (!isMainThread) parentPort.postMessage(linearModel(workerData));
