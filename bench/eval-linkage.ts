// npm run eval:linkage [-- --residents 20000,400000] [--within 1502] [--db pglite|postgres]
// Generates a district with known truth, imports it, reconciles it, and
// prints precision, recall, F1 and the review-queue share of the linkage,
// with the misses and false links by kind of noise.
//   precision = correct links / links made (decision 'match')
//   recall    = correct links / people present on both sides
//   review    = pairs sent to review / residents
// Targets (issue 4): precision ≥ 0.998, recall ≥ 0.995, review ≤ 1 %.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReconciliation } from '../src/reconcile/reconcile.service.ts';
import { exportResults } from '../src/reconcile/review.service.ts';
import { startDatabase } from '../src/start.ts';
import { EVALUATOR, generated, importGenerated, readTruth } from './linkage-data.ts';
import { startPostgres } from './pg-server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SIZES = arg('residents', '20000').split(',').map(Number);
const WITHIN = arg('within', '1502');
const DB = arg('db', 'pglite');
const PERIOD = '2024-06';

async function evaluate(residents: number) {
  const dir = generated(WITHIN, residents, PERIOD);
  const pg = DB === 'postgres' ? await startPostgres() : null;
  if (DB === 'postgres' && pg === null) throw new Error('PostgreSQL 15 binaries not found');
  const dataDir = mkdtempSync(join(tmpdir(), 'pesiar-eval-'));
  const database = await startDatabase({ databaseUrl: pg?.url, dataDir });
  try {
    await importGenerated(database, dir, PERIOD);
    const summary = await runReconciliation(database, EVALUATOR, { period: PERIOD });
    const links = await exportResults(database, EVALUATOR, 'links', {
      period: PERIOD,
      purpose: 'eval',
    });
    const truth = readTruth(dir);

    let made = 0;
    let correct = 0;
    let review = 0;
    let reviewCorrect = 0;
    const linked = new Map<string, string>();
    const falseByNoise = new Map<string, number>();
    for await (const batch of links.batches) {
      for (const row of batch) {
        const id = String(row.id);
        const noka = String(row.noka);
        const t = truth.get(id);
        if (row.decision === 'review') {
          review++;
          if (t?.noka === noka) reviewCorrect++;
          continue;
        }
        made++;
        linked.set(id, noka);
        if (t?.noka === noka) correct++;
        else {
          const key = t?.noise || (t?.noka ? 'none' : 'not insured');
          falseByNoise.set(key, (falseByNoise.get(key) ?? 0) + 1);
        }
      }
    }
    let present = 0;
    const missedByNoise = new Map<string, number>();
    for (const [id, t] of truth) {
      if (t.noka === '') continue;
      present++;
      if (linked.get(id) !== t.noka) {
        const key = t.noise || 'none';
        missedByNoise.set(key, (missedByNoise.get(key) ?? 0) + 1);
      }
    }
    const precision = made === 0 ? 0 : correct / made;
    const recall = present === 0 ? 0 : correct / present;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const share = review / summary.residentsInScope;
    const ok = precision >= 0.998 && recall >= 0.995 && share <= 0.01;
    console.log(
      `\n${residents.toLocaleString('en-US')} residents (${DB}): precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  F1 ${f1.toFixed(4)}  review ${(share * 100).toFixed(2)}% (${review}, of which ${reviewCorrect} true)  ${ok ? 'targets met' : 'TARGETS MISSED'}`,
    );
    console.log(
      `  links ${made}, correct ${correct}, people on both sides ${present}; reconcile ${summary.seconds.toFixed(1)} s, ${summary.candidatePairs} candidate pairs`,
    );
    const top = (m: Map<string, number>) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, n]) => `${k}: ${n}`)
        .join('; ');
    if (missedByNoise.size > 0) console.log(`  missed by noise: ${top(missedByNoise)}`);
    if (falseByNoise.size > 0) console.log(`  false links by noise: ${top(falseByNoise)}`);
    return ok;
  } finally {
    await database.close();
    pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let allOk = true;
for (const n of SIZES) allOk = (await evaluate(n)) && allOk;
process.exitCode = allOk ? 0 : 1;
