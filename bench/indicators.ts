// bench/indicators: the indicators of the whole country, on PostgreSQL 15 and
// on PGlite. Village rows for every village of the region list (~83,760) ×
// 24 months are inserted directly (plausible counts, no raw tables), then
// timed:
//   (a) rollUpIndicators of one month, nationwide: kecamatan, kabupaten,
//       provinces and the nation from the village rows (done for every month,
//       so the reads below have every level);
//   (b) coverageReport of all 514 districts (target ≤ 1 s), and of every
//       village of the country for comparison;
//   (c) regionIndicators of a district (Merangin, 15.02): its row, 24
//       kecamatan ranked, 24 months of trend, segments, reasons.
//   npm run bench:indicators [-- --periods N] [-- --only pglite|postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { LOCAL_SYSTEM } from '../src/access/actor.ts';
import type { Database } from '../src/db/database.ts';
import type { DB } from '../src/db/schema.ts';
import { rollUpIndicators } from '../src/indicators/indicators.repository.ts';
import { coverageReport, regionIndicators } from '../src/indicators/indicators.service.ts';
import { startDatabase } from '../src/start.ts';
import { startPostgres } from './pg-server.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const PERIODS = Number(arg('--periods') ?? 24);
const ONLY = arg('--only');

/** PERIODS months ending 2025-12, oldest first. */
const periods = Array.from({ length: PERIODS }, (_, i) => {
  const m = 2025 * 12 + 11 - (PERIODS - 1 - i);
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
});

/**
 * One month of village rows for every village, counts from a hash of the
 * code (stable across months) and the month's index (coverage creeping up).
 */
async function seedMonth(db: Kysely<DB>, period: string, index: number): Promise<void> {
  await sql`
    WITH b AS (
      SELECT r.code, r.parent_code,
        600 + abs(hashtext(r.code)) % 4000 AS population,
        abs(hashtext(r.code || 'x')) % 1000 AS h
      FROM regions r WHERE r.level = 'desa'
    ), c AS (
      SELECT b.*, b.population * (820 + b.h % 200 + 2 * ${index}::int) / 1000 AS registered
      FROM b
    ), d AS (
      SELECT c.*, c.registered * (700 + c.h % 250) / 1000 AS active FROM c
    )
    INSERT INTO indicators (period, region_code, level, parent_code, population,
      population_source, residents, registered, active, inactive,
      inactive_tunggakan, inactive_pbi_nonaktif, inactive_ppu_berhenti, inactive_meninggal,
      inactive_pindah, inactive_lainnya,
      registered_pbi_apbn, registered_pbi_apbd, registered_ppu, registered_pbpu, registered_bp,
      active_pbi_apbn, active_pbi_apbd, active_ppu, active_pbpu, active_bp,
      verified_registered, verified_active, review_pending, members_not_in_register,
      villages_with_register, villages_with_extract, run_id)
    SELECT ${period}, d.code, 'desa', d.parent_code, d.population, 'official',
      d.population * 97 / 100, d.registered, d.active, d.registered - d.active,
      (d.registered - d.active) / 2, (d.registered - d.active) / 5, (d.registered - d.active) / 10,
      (d.registered - d.active) / 20, (d.registered - d.active) / 20,
      (d.registered - d.active) - (d.registered - d.active) / 2 - (d.registered - d.active) / 5
        - (d.registered - d.active) / 10 - 2 * ((d.registered - d.active) / 20),
      d.registered * 40 / 100, d.registered * 15 / 100, d.registered * 20 / 100,
      d.registered * 20 / 100,
      d.registered - d.registered * 40 / 100 - d.registered * 15 / 100
        - 2 * (d.registered * 20 / 100),
      d.active * 40 / 100, d.active * 15 / 100, d.active * 20 / 100, d.active * 20 / 100,
      d.active - d.active * 40 / 100 - d.active * 15 / 100 - 2 * (d.active * 20 / 100),
      d.registered * 8 / 10, d.active * 8 / 10, d.h % 7, d.h % 13, 1, 1, NULL
    FROM d`.execute(db);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(0)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function run(label: string, database: Database): Promise<void> {
  const db = database.db;
  const villages = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('level', '=', 'desa')
    .executeTakeFirstOrThrow();
  await sql`DELETE FROM indicators`.execute(db);

  const seeded = await timed(async () => {
    for (const [i, period] of periods.entries()) await seedMonth(db, period, i);
  });
  await sql`ANALYZE indicators`.execute(db);
  console.log(
    `${label}: ${Number(villages.n).toLocaleString('en-US')} villages × ${periods.length} months of village rows inserted in ${seconds(seeded.ms)}`,
  );

  // (a) The rollup of each month nationwide, as the reconciliation runs it
  // (inside a transaction).
  const rollups: number[] = [];
  let regions = 0;
  for (const period of periods) {
    const r = await timed(() =>
      database.transaction((tx) => rollUpIndicators(tx.db, { period, scope: '' })),
    );
    rollups.push(r.ms);
    regions = r.value.regions;
  }
  await sql`ANALYZE indicators`.execute(db);
  const sorted = [...rollups].sort((a, b) => a - b);
  console.log(
    `  (a) rollUpIndicators, one month nationwide (${regions.toLocaleString('en-US')} rows above the villages): median ${seconds(sorted[Math.floor(sorted.length / 2)] ?? 0)}, max ${seconds(sorted.at(-1) ?? 0)}`,
  );

  const last = periods.at(-1) ?? '2025-12';
  // (b) Every district of the country.
  const reports: number[] = [];
  let districts = 0;
  for (let i = 0; i < 3; i++) {
    const r = await timed(() =>
      coverageReport(db, LOCAL_SYSTEM, { period: last, level: 'kabupaten' }),
    );
    reports.push(r.ms);
    districts = r.value.rows.length;
  }
  console.log(
    `  (b) coverageReport kabupaten, ${districts} districts: first ${millis(reports[0] ?? 0)}, best ${millis(Math.min(...reports))} (target ≤ 1 s)`,
  );
  const district = await timed(() =>
    coverageReport(db, LOCAL_SYSTEM, { period: last, level: 'desa', within: '1502' }),
  );
  console.log(
    `      coverageReport desa within 15.02, ${district.value.rows.length} villages: ${millis(district.ms)}`,
  );
  const desa = await timed(() => coverageReport(db, LOCAL_SYSTEM, { period: last, level: 'desa' }));
  console.log(
    `      coverageReport desa, all ${desa.value.rows.length.toLocaleString('en-US')} villages: ${millis(desa.ms)}`,
  );

  // (c) One district's page.
  const pages: number[] = [];
  let trend = 0;
  let children = 0;
  for (let i = 0; i < 3; i++) {
    const r = await timed(() => regionIndicators(db, LOCAL_SYSTEM, { period: last, code: '1502' }));
    pages.push(r.ms);
    trend = r.value?.trend.length ?? 0;
    children = r.value?.children.length ?? 0;
  }
  console.log(
    `  (c) regionIndicators 15.02 (${children} kecamatan, ${trend} months of trend): first ${millis(pages[0] ?? 0)}, best ${millis(Math.min(...pages))}`,
  );
}

if (ONLY !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'pesiar-bench-indicators-'));
  try {
    const database = await startDatabase({ dataDir: dir, role: 'bench' });
    try {
      await run('PGlite', database);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (ONLY !== 'pglite') {
  const pg = await startPostgres();
  if (!pg) {
    console.log('PostgreSQL: skipped (no /usr/lib/postgresql/15/bin and no BENCH_DATABASE_URL)');
  } else {
    try {
      const database = await startDatabase({ databaseUrl: pg.url, dataDir: null });
      try {
        await run('PostgreSQL', database);
      } finally {
        await database.close();
      }
    } finally {
      pg.stop();
    }
  }
}
