// The secret guard's coverage on its generated corpus (bench/secrets/generate.mjs): refused %
// on the held-in and held-out thirds, false alarms on the look-alikes and on memoir's training
// facts, and the misses per family.   npm run bench:secrets [-- --seed N] [-- --show]
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateGuard, percent } from './secrets/evaluate.mjs';
import { generateCorpus } from './secrets/generate.mjs';
import { loadGuard } from './secrets/load.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const seedAt = process.argv.indexOf('--seed');
const show = process.argv.includes('--show');
const { findSecrets } = await loadGuard();
const { samples, ungenerated } = generateCorpus(seedAt > 0 ? { seed: Number(process.argv[seedAt + 1]) } : {});
const r = evaluateGuard(findSecrets, samples);

const digest = createHash('sha256')
  .update(samples.map((s) => JSON.stringify(s)).join('\n'))
  .digest('hex')
  .slice(0, 12);
console.log(
  `secret guard: ${r.all.total} secrets of ${r.families.size} families, ${r.lookalikes} look-alikes (corpus ${digest}, seed ${seedAt > 0 ? process.argv[seedAt + 1] : 'default'})`,
);
console.log(`  refused, held-in:  ${percent(r.heldIn).padStart(6)}  (${r.heldIn.refused}/${r.heldIn.total})`);
console.log(`  refused, held-out: ${percent(r.heldOut).padStart(6)}  (${r.heldOut.refused}/${r.heldOut.total})`);
console.log(`  refused, all:      ${percent(r.all).padStart(6)}  (${r.all.refused}/${r.all.total})`);
console.log(`  false alarms:      ${r.falseAlarms.length} of ${r.lookalikes} look-alikes`);
const training = readdirSync(join(root, 'data', 'training'))
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(root, 'data', 'training', f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).text),
  );
const flagged = training.filter((t) => findSecrets(t).length > 0);
console.log(`  false alarms:      ${flagged.length} of ${training.length} training facts`);
if (ungenerated.length) console.log(`  not generated: ${ungenerated.join(', ')}`);
if (r.misses.size) {
  console.log('\nmisses per family:');
  for (const [family, missed] of [...r.misses].sort()) {
    console.log(
      `  ${family}: ${missed.length} (${missed.map((s) => `${s.heldOut ? 'held-out' : 'held-in'} template ${s.template}`).join(', ')})`,
    );
    if (show) for (const s of missed) console.log(`      ${JSON.stringify(s.text)}`);
  }
}
for (const s of r.falseAlarms) console.log(`false alarm: ${JSON.stringify(s.text)}`);
if (show)
  for (const t of flagged)
    console.log(`training fact flagged: ${JSON.stringify(t)} → ${JSON.stringify(findSecrets(t).map((f) => f.ruleId))}`);
