// The indicators on a real database: raw rows made in SQL (committed and
// other imports, outcomes of a reconciliation), rebuilt per period and read
// through the report and the region page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, bearerFor, injectWith } from '../access/access.testing.ts';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';
import { rebuildIndicators } from './indicators.repository.ts';
import type { CoverageRow } from './indicators.schema.ts';
import { availablePeriods, coverageReport, regionIndicators } from './indicators.service.ts';
import {
  addFigures,
  addImport,
  addMembers,
  addResidentOutcomes,
  addResidents,
  addUnlinkedMembers,
} from './indicators.testing.ts';

// Jambi (15): Merangin (1502) with Pangkalan Jambu (150217) and Jangkat
// (150201); Sarolangun (1503). Jawa Barat (32): Bogor (3201).
const A1 = '1502172006'; // Sungai Jering
const A2 = '1502172003'; // Birun
const A3 = '1502172004'; // Tiga Alur
const B1 = '1502012001'; // Renah Kemumu, Jangkat
const C1 = '1503102001'; // Kampung Tujuh, Sarolangun
const D1 = '3201112008'; // Cibinong, Gunung Sindur, Bogor

type Kdb = import('kysely').Kysely<DB>;

const byCode = (rows: CoverageRow[]) => new Map(rows.map((r) => [r.code, r]));

async function indicatorRow(db: Kdb, period: string, code: string) {
  return db
    .selectFrom('indicators')
    .selectAll()
    .where('period', '=', period)
    .where('region_code', '=', code)
    .executeTakeFirst();
}

/**
 * 2024-06: the month under test; 2024-05: the month before (Merangin only).
 * Figures: A1 120 (2024-01; an older 999, a later 500 and a replaced 777 are
 * ignored), A3 30, Sarolangun 250.
 */
async function buildMonths(db: Kdb) {
  const members = await addImport(db, 'membership', '2024-06');
  await addMembers(db, members, A1, 30, { segmen: 'PBPU' });
  await addMembers(db, members, A1, 50, { segmen: 'PBI_APBN' });
  await addMembers(db, members, A1, 10, {
    segmen: 'PBPU',
    status: 'NONAKTIF',
    alasan: 'TUNGGAKAN',
  });
  await addMembers(db, members, A1, 5, { segmen: 'PBPU', status: 'NONAKTIF', alasan: null });
  await addMembers(db, members, A1, 5, { segmen: 'PBPU', status: 'NONAKTIF', alasan: 'PINDAH' });
  await addMembers(db, members, A2, 50, { segmen: 'PPU' });
  await addMembers(db, members, B1, 10, { segmen: 'BP' });
  await addMembers(db, members, C1, 200, { segmen: 'PBI_APBD' });
  await addMembers(db, members, D1, 5);
  // Rows of imports that are not committed never count.
  const failed = await addImport(db, 'membership', '2024-06', 'replaced');
  await addMembers(db, failed, A1, 1000);

  const register = await addImport(db, 'population', '2024-06');
  await addResidents(db, register, A1, 110);
  await addResidents(db, register, A1, 5, false);
  await addResidents(db, register, A2, 40);
  await addResidents(db, register, C1, 210);
  await addResidents(db, register, D1, 5);
  const oldRegister = await addImport(db, 'population', '2024-06', 'replaced');
  await addResidents(db, oldRegister, A2, 500);

  await addFigures(db, await addImport(db, 'population_figures', '2023-07'), { [A1]: 999 });
  await addFigures(db, await addImport(db, 'population_figures', '2024-01'), {
    [A1]: 120,
    [A3]: 30,
    '1503': 250,
  });
  await addFigures(db, await addImport(db, 'population_figures', '2024-03', 'replaced'), {
    [A1]: 777,
  });
  await addFigures(db, await addImport(db, 'population_figures', '2024-07'), { [A1]: 500 });

  // A reconciliation of A1 (others have none: their counts are 0).
  const o = { period: '2024-06', desa: A1 };
  await addResidentOutcomes(db, { ...o, n: 60, status: 'AKTIF', decision: 'match' });
  await addResidentOutcomes(db, { ...o, n: 10, status: 'NONAKTIF', decision: 'match' });
  await addResidentOutcomes(db, { ...o, n: 2, status: 'AKTIF', decision: 'match', hidup: false });
  await addResidentOutcomes(db, { ...o, n: 3, status: 'PERLU_VERIFIKASI', decision: 'review' });
  await addResidentOutcomes(db, { ...o, n: 5, status: 'BELUM_TERDAFTAR' });
  await addUnlinkedMembers(db, { ...o, n: 7, status: 'TIDAK_ADA_DI_DATA_DESA' });
  await addUnlinkedMembers(db, { ...o, n: 4, status: 'DATA_DESA_BELUM_ADA' });

  const may = await addImport(db, 'membership', '2024-05');
  await addMembers(db, may, A1, 90);
  await addMembers(db, may, A1, 10, { status: 'NONAKTIF', alasan: 'TUNGGAKAN' });
  await addMembers(db, may, C1, 150, { segmen: 'PBI_APBD' });
}

describe('indicators of a month', () => {
  let database: Database;
  let db: Kdb;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await buildMonths(db);
    await rebuildIndicators(db, { period: '2024-05', scope: '', runId: null });
    const rebuilt = await database.transaction((tx) =>
      rebuildIndicators(tx.db, { period: '2024-06', scope: '', runId: null }),
    );
    // 6 villages, 4 kecamatan, 3 kabupaten, 2 provinces, the nation.
    expect(rebuilt.regions).toBe(16);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('counts a village from the raw rows of committed imports and its outcomes', async () => {
    const a1 = await indicatorRow(db, '2024-06', A1);
    expect(a1).toMatchObject({
      level: 'desa',
      parent_code: '150217',
      population: 120,
      population_source: 'official',
      residents: 110,
      registered: 100,
      active: 80,
      inactive: 20,
      inactive_tunggakan: 10,
      inactive_pindah: 5,
      inactive_lainnya: 5,
      inactive_pbi_nonaktif: 0,
      registered_pbpu: 50,
      registered_pbi_apbn: 50,
      active_pbpu: 30,
      active_pbi_apbn: 50,
      verified_registered: 70,
      verified_active: 60,
      review_pending: 3,
      members_not_in_register: 7,
      villages_with_register: 1,
      villages_with_extract: 1,
      run_id: 1,
    });
  });

  it('falls back to the register for a village without an official figure, else none', async () => {
    expect(await indicatorRow(db, '2024-06', A2)).toMatchObject({
      population: 40,
      population_source: 'register',
      registered: 50,
      residents: 40,
      verified_registered: 0,
      run_id: null,
    });
    expect(await indicatorRow(db, '2024-06', A3)).toMatchObject({
      population: 30,
      population_source: 'official',
      registered: 0,
      villages_with_register: 0,
      villages_with_extract: 0,
    });
    expect(await indicatorRow(db, '2024-06', B1)).toMatchObject({
      population: null,
      population_source: 'none',
      registered: 10,
      villages_with_extract: 1,
      villages_with_register: 0,
    });
  });

  it('sums kecamatan, kabupaten, province and nation from the level below', async () => {
    expect(await indicatorRow(db, '2024-06', '150217')).toMatchObject({
      level: 'kecamatan',
      parent_code: '1502',
      population: 190,
      population_source: 'children',
      registered: 150,
      active: 130,
      residents: 150,
      villages_with_register: 2,
      villages_with_extract: 2,
      verified_registered: 70,
      run_id: 1,
    });
    expect(await indicatorRow(db, '2024-06', '150201')).toMatchObject({
      population: null,
      population_source: 'none',
      registered: 10,
    });
    expect(await indicatorRow(db, '2024-06', '1502')).toMatchObject({
      level: 'kabupaten',
      parent_code: '15',
      population: 190,
      population_source: 'children',
      registered: 160,
      active: 140,
      inactive: 20,
      registered_bp: 10,
      registered_ppu: 50,
    });
    expect(await indicatorRow(db, '2024-06', '1503')).toMatchObject({
      population: 250,
      population_source: 'official',
      registered: 200,
      active: 200,
    });
    expect(await indicatorRow(db, '2024-06', '15')).toMatchObject({
      level: 'provinsi',
      parent_code: '',
      population: 440,
      population_source: 'children',
      registered: 360,
      active: 340,
      villages_with_extract: 4,
    });
    expect(await indicatorRow(db, '2024-06', '')).toMatchObject({
      level: 'nasional',
      parent_code: null,
      population: 445,
      population_source: 'children',
      registered: 365,
      active: 345,
      residents: 365,
    });
  });

  it('reports a level with ratios, ranks among siblings, gaps and the change from the month before', async () => {
    const report = await coverageReport(db, LOCAL_SYSTEM, {
      period: '2024-06',
      level: 'kabupaten',
      within: '15',
    });
    expect(report.message).toBeNull();
    const rows = byCode(report.rows);
    expect([...rows.keys()]).toEqual(['15.02', '15.03']);
    expect(rows.get('15.02')).toMatchObject({
      name: 'KABUPATEN MERANGIN',
      parent_code: '15',
      coverage_pct: 84.21, // 160 / 190
      activity_pct: 87.5, // 140 / 160
      active_population_pct: 73.68, // 140 / 190
      rank: 1,
      rank_of: 2,
      uhc: false,
      uhc_coverage_threshold: 98,
      uhc_activity_threshold: 75,
      gap_coverage: 187 - 160, // ceil(0.98 × 190) = 187
      gap_activity: 0,
      previous_period: '2024-05',
      registered_change: 60, // 100 in May (A1 only)
      active_change: 140 - 90,
      coverage_pct_change: 17.54, // 66.67 (100 / (120 + 30)) → 84.21
    });
    expect(rows.get('15.03')).toMatchObject({
      coverage_pct: 80,
      activity_pct: 100,
      rank: 2,
      rank_of: 2,
      gap_coverage: 245 - 200,
      registered_change: 50,
      coverage_pct_change: 20, // 60.00 → 80.00
    });

    // Villages of Pangkalan Jambu: above 100 % is shown as it is.
    const villages = await coverageReport(db, LOCAL_SYSTEM, {
      period: '2024-06',
      level: 'desa',
      within: '15.02.17',
    });
    expect(villages.rows.map((r) => [r.code, r.coverage_pct, r.rank, r.rank_of])).toEqual([
      ['15.02.17.2003', 125, 1, 3],
      ['15.02.17.2006', 83.33, 2, 3],
      ['15.02.17.2004', 0, 3, 3],
    ]);
    // The rank is among all siblings, also when `within` names one of them.
    const one = await coverageReport(db, LOCAL_SYSTEM, {
      period: '2024-06',
      level: 'kabupaten',
      within: '1503',
    });
    expect(one.rows.map((r) => [r.code, r.rank, r.rank_of])).toEqual([['15.03', 2, 2]]);
    // Provinces rank among themselves (parent: Indonesia, '').
    const provinces = await coverageReport(db, LOCAL_SYSTEM, {
      period: '2024-06',
      level: 'provinsi',
    });
    expect(provinces.rows.map((r) => [r.code, r.parent_code, r.rank, r.rank_of])).toEqual([
      ['32', '', 1, 2],
      ['15', '', 2, 2],
    ]);
  });

  it('says so when a period has no indicators', async () => {
    const report = await coverageReport(db, LOCAL_SYSTEM, { period: '2023-01' });
    expect(report.rows).toEqual([]);
    expect(report.message).toBe(
      'Belum ada indikator untuk periode 2023-01: jalankan `pesiar reconcile --period 2023-01`',
    );
    await expect(
      coverageReport(db, LOCAL_SYSTEM, { period: '2024-06', level: 'kabupaten', within: '150217' }),
    ).rejects.toThrow(/within 150217: a kecamatan, below the kabupaten level/);
  });

  it("shows a region's page: children, extremes, trend, segments, reasons, official vs verified", async () => {
    const page = await regionIndicators(db, LOCAL_SYSTEM, { period: '2024-06', code: '15.02' });
    expect(page).not.toBeNull();
    if (!page) return;
    expect(page).toMatchObject({ code: '15.02', registered: 160, rank: 1, rank_of: 2 });
    expect(page.children.map((c) => c.code)).toEqual(['15.02.17', '15.02.01']);
    expect(page.highest_child?.code).toBe('15.02.17');
    // Jangkat has no population: not ranked by coverage.
    expect(page.lowest_child?.code).toBe('15.02.17');
    expect(page.highest_child_by_activity?.code).toBe('15.02.01'); // 10 of 10
    expect(page.lowest_child_by_activity?.code).toBe('15.02.17');
    expect(page.trend).toEqual([
      expect.objectContaining({ period: '2024-05', registered: 100, active: 90 }),
      expect.objectContaining({
        period: '2024-06',
        registered: 160,
        active: 140,
        coverage_pct: 84.21,
        activity_pct: 87.5,
      }),
    ]);
    expect(page.by_segment).toEqual([
      { segmen: 'PBI_APBN', registered: 50, active: 50, activity_pct: 100, share_pct: 31.25 },
      { segmen: 'PBI_APBD', registered: 0, active: 0, activity_pct: null, share_pct: 0 },
      { segmen: 'PPU', registered: 50, active: 50, activity_pct: 100, share_pct: 31.25 },
      { segmen: 'PBPU', registered: 50, active: 30, activity_pct: 60, share_pct: 31.25 },
      { segmen: 'BP', registered: 10, active: 10, activity_pct: 100, share_pct: 6.25 },
    ]);
    expect(page.inactive_by_reason).toEqual([
      { alasan: 'TUNGGAKAN', inactive: 10, share_pct: 50 },
      { alasan: 'PBI_NONAKTIF', inactive: 0, share_pct: 0 },
      { alasan: 'PPU_BERHENTI', inactive: 0, share_pct: 0 },
      { alasan: 'MENINGGAL', inactive: 0, share_pct: 0 },
      { alasan: 'PINDAH', inactive: 5, share_pct: 25 },
      { alasan: 'LAINNYA', inactive: 5, share_pct: 25 },
    ]);
    expect(page.official_vs_verified).toMatchObject({
      official: { population: 190, registered: 160, coverage_pct: 84.21 },
      verified: {
        residents: 150,
        verified_registered: 70,
        verified_active: 60,
        verified_coverage_pct: 46.67,
        verified_activity_pct: 85.71,
      },
      difference: 90,
    });
    expect(page.official_vs_verified.explanation).toMatch(/terverifikasi/);

    const nation = await regionIndicators(db, LOCAL_SYSTEM, {
      period: '2024-06',
      code: 'nasional',
    });
    expect(nation).toMatchObject({ code: '', name: 'Indonesia', level: 'nasional', rank: 1 });
    expect(nation?.children.map((c) => c.code)).toEqual(['32', '15']);
    const village = await regionIndicators(db, LOCAL_SYSTEM, { code: A1 });
    expect(village).toMatchObject({ period: '2024-06', code: '15.02.17.2006', children: [] });
    expect(
      await regionIndicators(db, LOCAL_SYSTEM, { period: '2024-06', code: '1101' }),
    ).toBeNull();
    expect(await availablePeriods(db, LOCAL_SYSTEM)).toEqual({ periods: ['2024-05', '2024-06'] });
  });

  it('answers over HTTP, every field through its schema', async () => {
    const rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-indicators-'));
    const app = await buildApp({ database, rejectsDir });
    try {
      await addTestUser(db, 'agen-indikator', [{ role: 'agen', region: A1 }]);
      const inject = injectWith(app, await bearerFor(db, 'agen-indikator', 'agen', [A1]));
      // An agent of one village reads every region's counts.
      const report = await inject({
        method: 'GET',
        url: '/api/v1/indicators/coverage',
        query: { period: '2024-06', level: 'provinsi' },
      });
      expect(report.statusCode, report.body).toBe(200);
      expect(report.json()).toMatchObject({
        period: '2024-06',
        level: 'provinsi',
        within: null,
        message: null,
        rows: [{ code: '32' }, { code: '15', coverage_pct: 81.82, rank: 2, rank_of: 2 }],
      });
      const page = await inject({ method: 'GET', url: '/api/v1/indicators/regions/nasional' });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json()).toMatchObject({ code: '', period: '2024-06', registered: 365 });
      const district = await inject({
        method: 'GET',
        url: '/api/v1/indicators/regions/15.02',
        query: { period: '2024-05' },
      });
      expect(district.json()).toMatchObject({ code: '15.02', registered: 100, trend: [{}, {}] });
      const none = await inject({ method: 'GET', url: '/api/v1/indicators/regions/11.01' });
      expect(none.statusCode).toBe(404);
      const bad = await inject({
        method: 'GET',
        url: '/api/v1/indicators/coverage',
        query: { level: 'dusun' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatch(/^level: /);
      const periods = await inject({ method: 'GET', url: '/api/v1/indicators/periods' });
      expect(periods.json()).toEqual({ periods: ['2024-05', '2024-06'] });
    } finally {
      await app.close();
      rmSync(rejectsDir, { recursive: true, force: true });
    }
  });

  it("rebuilds one district, leaving the others' rows and setting the province total right", async () => {
    // New rows in both districts; only Sarolangun is rebuilt.
    const more = await addImport(db, 'membership', '2024-06');
    await addMembers(db, more, C1, 50, { segmen: 'PBI_APBD' });
    await addMembers(db, more, A1, 20);
    const before = await indicatorRow(db, '2024-06', '1502');
    const rebuilt = await rebuildIndicators(db, { period: '2024-06', scope: '1503', runId: 42 });
    // Village, kecamatan and district of Sarolangun; Jambi; the nation.
    expect(rebuilt.regions).toBe(5);
    expect(await indicatorRow(db, '2024-06', '1503')).toMatchObject({
      registered: 250,
      run_id: 42,
    });
    expect(await indicatorRow(db, '2024-06', C1)).toMatchObject({ registered: 250, run_id: 42 });
    expect(await indicatorRow(db, '2024-06', '1502')).toEqual(before);
    expect(await indicatorRow(db, '2024-06', A1)).toMatchObject({ registered: 100 });
    expect(await indicatorRow(db, '2024-06', '15')).toMatchObject({
      registered: 160 + 250,
      population: 440,
      run_id: 42,
    });
    expect(await indicatorRow(db, '2024-06', '')).toMatchObject({ registered: 415 });

    // A village's rebuild (after a review decision) carries its ancestors along.
    await rebuildIndicators(db, { period: '2024-06', scope: A1, runId: null });
    expect(await indicatorRow(db, '2024-06', A1)).toMatchObject({ registered: 120, run_id: 1 });
    expect(await indicatorRow(db, '2024-06', '150217')).toMatchObject({ registered: 170 });
    expect(await indicatorRow(db, '2024-06', '1502')).toMatchObject({ registered: 180 });
    expect(await indicatorRow(db, '2024-06', '15')).toMatchObject({ registered: 430 });
    expect(await indicatorRow(db, '2024-06', '')).toMatchObject({ registered: 435 });
    // The other month is untouched.
    expect(await indicatorRow(db, '2024-05', '')).toMatchObject({ registered: 250 });
  });
});

describe('UHC against the thresholds of the month', () => {
  let database: Database;
  let db: Kdb;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    // Bogor: 990 members of 1,000 people (99.00 %), 780 active (78.79 %).
    for (const period of ['2023-12', '2024-06', '2025-01']) {
      const members = await addImport(db, 'membership', period);
      await addMembers(db, members, D1, 780);
      await addMembers(db, members, D1, 210, { status: 'NONAKTIF', alasan: 'TUNGGAKAN' });
    }
    await addFigures(db, await addImport(db, 'population_figures', '2023-07'), { '3201': 1000 });
    for (const period of ['2023-12', '2024-06', '2025-01']) {
      await rebuildIndicators(db, { period, scope: '', runId: null });
    }
  });

  afterAll(async () => {
    await database?.close();
  });

  const bogor = async (period: string, level: 'kabupaten' | 'desa' = 'kabupaten') => {
    const report = await coverageReport(db, LOCAL_SYSTEM, { period, level, within: '32' });
    const row = report.rows.find((r) => r.code.startsWith('32.01'));
    if (!row) throw new Error(`no row for Bogor in ${period}`);
    return row;
  };

  it('is UHC until 2023 (95/75) and in 2024 (98/75), not from 2025 (98/80)', async () => {
    expect(await bogor('2023-12')).toMatchObject({
      coverage_pct: 99,
      activity_pct: 78.79,
      uhc: true,
      uhc_coverage_threshold: 95,
      uhc_activity_threshold: 75,
      gap_coverage: 0,
      gap_activity: 0,
    });
    expect(await bogor('2024-06')).toMatchObject({
      uhc: true,
      uhc_coverage_threshold: 98,
      uhc_activity_threshold: 75,
    });
    expect(await bogor('2025-01')).toMatchObject({
      uhc: false,
      uhc_coverage_threshold: 98,
      uhc_activity_threshold: 80,
      gap_coverage: 0,
      gap_activity: 792 - 780, // ceil(0.80 × 990) = 792
    });
  });

  it('judges villages by the UHC-Desa rule when one is in force, else by the district rule', async () => {
    // The village has no figure: its population is none, so it cannot be UHC.
    expect(await bogor('2025-01', 'desa')).toMatchObject({
      population_source: 'none',
      uhc: false,
      uhc_coverage_threshold: 98,
      uhc_activity_threshold: 80,
      gap_coverage: null,
    });
    await db
      .insertInto('uhc_thresholds')
      .values({ level: 'desa', valid_from: '2025-01-01', coverage_pct: 90, activity_pct: 70 })
      .execute();
    expect(await bogor('2025-01', 'desa')).toMatchObject({
      uhc_coverage_threshold: 90,
      uhc_activity_threshold: 70,
    });
    // Before its date, and for districts, the district rule.
    expect(await bogor('2024-06', 'desa')).toMatchObject({ uhc_coverage_threshold: 98 });
    expect(await bogor('2025-01')).toMatchObject({ uhc_activity_threshold: 80 });
  });
});

describe('coverage from raw counts (acceptance)', () => {
  it('is 100.93 % for 130,546 over 129,346 and 99.83 % for 241,733 over 242,146', async () => {
    const database = await createTestDatabase();
    try {
      const db = database.db;
      const members = await addImport(db, 'membership', '2024-06');
      await addMembers(db, members, A1, 130_546);
      await addMembers(db, members, C1, 241_733);
      await addFigures(db, await addImport(db, 'population_figures', '2024-01'), {
        '1502': 129_346,
        '1503': 242_146,
      });
      // No reconciliation has run: no outcomes at all.
      expect(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident_outcomes`.execute(db))
          .rows[0]?.n,
      ).toBe(0);
      await rebuildIndicators(db, { period: '2024-06', scope: '', runId: null });
      const report = await coverageReport(db, LOCAL_SYSTEM, { period: '2024-06', within: '15' });
      expect(report.rows.map((r) => [r.code, r.registered, r.population, r.coverage_pct])).toEqual([
        ['15.02', 130_546, 129_346, 100.93],
        ['15.03', 241_733, 242_146, 99.83],
      ]);
      const jambi = await regionIndicators(db, LOCAL_SYSTEM, { period: '2024-06', code: '15' });
      // (130,546 + 241,733) / (129,346 + 242,146) = 100.21 %, not an average of percentages.
      expect(jambi?.coverage_pct).toBe(100.21);
      expect(jambi?.verified_registered).toBe(0);
    } finally {
      await database.close();
    }
  });
});
