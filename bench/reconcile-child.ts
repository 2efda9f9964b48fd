// One measured reconciliation in a process of its own (its peak RSS is its
// own): opens the database, imports the generated files (timed apart),
// reconciles the period, then times a bare exact-NIK join of the same tables
// for comparison. Prints one JSON line.
// With NEXT, the same files come in again as the following month and that
// month is reconciled too (its targets are updated, not opened: the
// recurring cost of the targets step).
//   node --import tsx bench/reconcile-child.ts DIR DATA_DIR [DATABASE_URL] [next]
import { sql } from 'kysely';
import { LOCAL_SYSTEM } from '../src/access/actor.ts';
import { runReconciliation } from '../src/reconcile/reconcile.service.ts';
import { startDatabase } from '../src/start.ts';
import { importGenerated } from './linkage-data.ts';

const [dir, dataDir, databaseUrl, next] = process.argv.slice(2);
if (!dir || !dataDir) throw new Error('usage: reconcile-child DIR DATA_DIR [DATABASE_URL]');
const PERIOD = '2024-06';
const NEXT_PERIOD = '2024-07';
const database = await startDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
try {
  let t = process.hrtime.bigint();
  await importGenerated(database, dir, PERIOD);
  const importSeconds = seconds(t);
  // The import has gathered the tables' statistics (ANALYZE) itself. Its
  // pages are written out first, as the checkpointer (every 5 minutes) would
  // have by the time an operator runs the month.
  await sql`CHECKPOINT`.execute(database.db);

  t = process.hrtime.bigint();
  const { summary, steps } = await timedRun(PERIOD);
  const reconcileSeconds = seconds(t);

  t = process.hrtime.bigint();
  const bare = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM residents r JOIN members m ON m.nik = r.nik
    WHERE r.period = ${PERIOD} AND m.period = ${PERIOD}`.execute(database.db);
  const bareSeconds = seconds(t);
  let nextMonth: unknown = null;
  if (next === 'next') {
    await importGenerated(database, dir, NEXT_PERIOD);
    await sql`CHECKPOINT`.execute(database.db);
    t = process.hrtime.bigint();
    const run = await timedRun(NEXT_PERIOD);
    nextMonth = { seconds: seconds(t), steps: run.steps, targets: run.summary.fieldwork.targets };
  }
  process.stdout.write(
    `${JSON.stringify({
      nextMonth,
      residents: summary.residentsInScope,
      members: summary.membersInScope,
      certainLinks: summary.certainLinks,
      targetsOpened: summary.fieldwork.targets.opened,
      steps,
      candidatePairs: summary.candidatePairs,
      statuses: summary.residents,
      importSeconds,
      seconds: reconcileSeconds,
      rowsPerSecond: Math.round(summary.residentsInScope / reconcileSeconds),
      bareSeconds,
      bareRows: bare.rows[0]?.n ?? 0,
      ratio: reconcileSeconds / bareSeconds,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
} finally {
  await database.close();
}

/** One reconciliation, with the seconds of each step. */
async function timedRun(period: string) {
  const steps: Record<string, number> = {};
  let stepName = '';
  let stepStart = process.hrtime.bigint();
  const summary = await runReconciliation(database, LOCAL_SYSTEM, { period }, (name) => {
    if (stepName) steps[stepName] = Math.round(seconds(stepStart) * 10) / 10;
    stepName = name;
    stepStart = process.hrtime.bigint();
  });
  if (stepName) steps[stepName] = Math.round(seconds(stepStart) * 10) / 10;
  return { summary, steps };
}
