// All SQL of the indicators: the rebuild of a period's raw counts per region
// (villages from the raw tables, every level above from the level below), and
// the reads of the coverage report and the region page, with every ratio,
// rank and gap computed in SQL from the stored counts.
//
// This file names residents and members in queries, for aggregates only
// (counts per village); no row of a person ever leaves the database here
// (see the allow-list in src/access/architecture.test.ts).
//
// Population, the coverage denominator (also in README and docs/glossary.md):
// - official figure: per region, the civil registry's figure from the most
//   recent committed population_figures import whose period is not after the
//   indicator's period (figures come per semester; a later import of the same
//   region wins, then the later import id);
// - a village without an official figure: its living residents in the
//   period's registers ('register', a flagged fallback), else none;
// - a kecamatan, kabupaten or province without an official figure: the sum
//   of its children's population, whatever their source ('children'), when at
//   least one child has one; else none. The nation: always the children's sum.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB, IndicatorLevel } from '../db/schema.ts';
import { PERIOD_PATTERN } from './periods.ts';

export type RegionLevel = Exclude<IndicatorLevel, 'nasional'>;

/** Code length of each level ('' is the nation). */
export const CODE_LENGTH: Record<IndicatorLevel, number> = {
  nasional: 0,
  provinsi: 2,
  kabupaten: 4,
  kecamatan: 6,
  desa: 10,
};

/** The level below each level above the village. */
export const CHILD_LEVEL: Record<Exclude<IndicatorLevel, 'desa'>, RegionLevel> = {
  nasional: 'provinsi',
  provinsi: 'kabupaten',
  kabupaten: 'kecamatan',
  kecamatan: 'desa',
};

/** The counts every level carries; a parent's are the sum of its children's. */
const COUNT_COLUMNS = [
  'residents',
  'registered',
  'active',
  'inactive',
  'inactive_tunggakan',
  'inactive_pbi_nonaktif',
  'inactive_ppu_berhenti',
  'inactive_meninggal',
  'inactive_pindah',
  'inactive_lainnya',
  'registered_pbi_apbn',
  'registered_pbi_apbd',
  'registered_ppu',
  'registered_pbpu',
  'registered_bp',
  'active_pbi_apbn',
  'active_pbi_apbd',
  'active_ppu',
  'active_pbpu',
  'active_bp',
  'verified_registered',
  'verified_active',
  'review_pending',
  'members_not_in_register',
  'villages_with_register',
  'villages_with_extract',
] as const;

// Constant identifiers only (never input), joined into the statements below.
const insertColumns = sql.raw(
  [
    'period',
    'region_code',
    'level',
    'parent_code',
    'population',
    'population_source',
    ...COUNT_COLUMNS,
    'run_id',
  ].join(', '),
);
const sumOfChildren = sql.raw(COUNT_COLUMNS.map((c) => `sum(c.${c})::int AS ${c}`).join(', '));
const countsOf = (alias: string) =>
  sql.raw(COUNT_COLUMNS.map((c) => `coalesce(${alias}.${c}, 0)`).join(', '));

const SCOPE = /^(?:|\d{2}|\d{4}|\d{6}|\d{10})$/;

function checkInput(period: string, scope: string): void {
  if (!PERIOD_PATTERN.test(period))
    throw new Error(`indicators: period ${period}: expected YYYY-MM`);
  if (!SCOPE.test(scope)) throw new Error(`indicators: scope ${scope}: expected a plain code`);
}

/**
 * The official figure per region of one level under a prefix: the row of the
 * most recent committed figures import not after the period.
 */
function officialFigures(period: string, level: RegionLevel, prefix: string) {
  return sql`
    SELECT DISTINCT ON (pf.region_code) pf.region_code AS code, pf.jumlah_penduduk AS population
    FROM population_figures pf
    JOIN imports i ON i.id = pf.import_id
    WHERE i.kind = 'population_figures' AND i.status = 'committed' AND i.period <= ${period}
      AND pf.level = ${level} AND starts_with(pf.region_code, ${prefix})
    ORDER BY pf.region_code, i.period DESC, i.id DESC, pf.row_no DESC`;
}

const committedImports = (kind: 'population' | 'membership', period: string) => sql`
  SELECT id FROM imports WHERE kind = ${kind} AND period = ${period} AND status = 'committed'`;

// Names "indicators of one period" among advisory locks (with the period's hash).
const PERIOD_LOCK_KEY = 7_364_202;

/**
 * Serialises rebuilds of one period until the caller's transaction ends: two
 * district runs at once on PostgreSQL would both rewrite their province's and
 * the nation's rows, each from a snapshot without the other's district. After
 * the lock, each statement (READ COMMITTED) sees the other's committed rows.
 */
async function lockPeriod(db: Kysely<DB>, period: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${PERIOD_LOCK_KEY}::int, hashtext(${period}))`.execute(db);
}

async function insertedCount(db: Kysely<DB>, statement: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ n: number }>`
    WITH inserted AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM inserted`.execute(
    db,
  );
  return result.rows[0]?.n ?? 0;
}

/**
 * Deletes and recomputes the indicators of `period` for every region inside
 * `scope` ('' for everything, else a plain code of any level), from the raw
 * tables of committed imports and the period's reconciliation outcomes, then
 * the scope's ancestors from their children's rows (so a district re-run
 * leaves other districts' rows as they were, and the province and national
 * totals right). Runs inside the caller's transaction: only `db` is used.
 *
 * run_id: the run given; for a rebuild outside a run (a review decision), the
 * latest run whose outcomes the village's counts include; above a village,
 * the latest run_id among its children.
 */
export async function rebuildIndicators(
  db: Kysely<DB>,
  input: { period: string; scope: string; runId: number | null },
): Promise<{ regions: number }> {
  const { period, scope, runId } = input;
  checkInput(period, scope);
  await lockPeriod(db, period);
  await sql`
    DELETE FROM indicators
    WHERE period = ${period} AND level = 'desa' AND starts_with(region_code, ${scope})`.execute(db);
  const villages = await insertVillageRows(db, period, scope, runId);
  const above = await rollUpIndicators(db, { period, scope });
  return { regions: villages + above.regions };
}

/** Village rows: one aggregate per source table, grouped by village. */
async function insertVillageRows(
  db: Kysely<DB>,
  period: string,
  scope: string,
  runId: number | null,
): Promise<number> {
  const inactiveFor = (reason: string) =>
    sql.raw(
      `count(*) FILTER (WHERE m.status = 'NONAKTIF' AND coalesce(m.alasan_nonaktif, 'LAINNYA') = '${reason}')`,
    );
  const segment = (segmen: string, activeOnly: boolean) =>
    sql.raw(
      `count(*) FILTER (WHERE m.segmen = '${segmen}'${activeOnly ? " AND m.status = 'AKTIF'" : ''})`,
    );
  const statement = sql`
    WITH m AS (
      SELECT m.desa_code AS code,
        count(*) AS registered,
        count(*) FILTER (WHERE m.status = 'AKTIF') AS active,
        count(*) FILTER (WHERE m.status = 'NONAKTIF') AS inactive,
        ${inactiveFor('TUNGGAKAN')} AS inactive_tunggakan,
        ${inactiveFor('PBI_NONAKTIF')} AS inactive_pbi_nonaktif,
        ${inactiveFor('PPU_BERHENTI')} AS inactive_ppu_berhenti,
        ${inactiveFor('MENINGGAL')} AS inactive_meninggal,
        ${inactiveFor('PINDAH')} AS inactive_pindah,
        ${inactiveFor('LAINNYA')} AS inactive_lainnya,
        ${segment('PBI_APBN', false)} AS registered_pbi_apbn,
        ${segment('PBI_APBD', false)} AS registered_pbi_apbd,
        ${segment('PPU', false)} AS registered_ppu,
        ${segment('PBPU', false)} AS registered_pbpu,
        ${segment('BP', false)} AS registered_bp,
        ${segment('PBI_APBN', true)} AS active_pbi_apbn,
        ${segment('PBI_APBD', true)} AS active_pbi_apbd,
        ${segment('PPU', true)} AS active_ppu,
        ${segment('PBPU', true)} AS active_pbpu,
        ${segment('BP', true)} AS active_bp
      FROM members m
      WHERE m.import_id IN (${committedImports('membership', period)})
        AND starts_with(m.desa_code, ${scope})
      GROUP BY m.desa_code
    ), r AS (
      SELECT r.desa_code AS code, count(*) FILTER (WHERE r.hidup) AS residents
      FROM residents r
      WHERE r.import_id IN (${committedImports('population', period)})
        AND starts_with(r.desa_code, ${scope})
      GROUP BY r.desa_code
    ), ro AS (
      SELECT o.desa_code AS code,
        count(*) FILTER (
          WHERE o.hidup AND o.decision = 'match' AND o.status IN ('AKTIF', 'NONAKTIF')
        ) AS verified_registered,
        count(*) FILTER (
          WHERE o.hidup AND o.decision = 'match' AND o.status = 'AKTIF'
        ) AS verified_active,
        count(*) FILTER (WHERE o.status = 'PERLU_VERIFIKASI') AS review_pending,
        max(o.run_id) AS run_id
      FROM resident_outcomes o
      WHERE o.period = ${period} AND starts_with(o.desa_code, ${scope})
      GROUP BY o.desa_code
    ), mo AS (
      SELECT o.desa_code AS code,
        count(*) FILTER (WHERE o.status = 'TIDAK_ADA_DI_DATA_DESA') AS members_not_in_register,
        max(o.run_id) AS run_id
      FROM unlinked_members o
      WHERE o.period = ${period} AND starts_with(o.desa_code, ${scope})
      GROUP BY o.desa_code
    ), f AS (
      ${officialFigures(period, 'desa', scope)}
    ), codes AS (
      SELECT code FROM m UNION SELECT code FROM r UNION SELECT code FROM f
    ), v AS (
      SELECT codes.code,
        coalesce(r.residents, 0) AS residents,
        m.registered, m.active, m.inactive, m.inactive_tunggakan, m.inactive_pbi_nonaktif,
        m.inactive_ppu_berhenti, m.inactive_meninggal, m.inactive_pindah, m.inactive_lainnya,
        m.registered_pbi_apbn, m.registered_pbi_apbd, m.registered_ppu, m.registered_pbpu,
        m.registered_bp, m.active_pbi_apbn, m.active_pbi_apbd, m.active_ppu, m.active_pbpu,
        m.active_bp,
        ro.verified_registered, ro.verified_active, ro.review_pending,
        mo.members_not_in_register,
        CASE WHEN r.code IS NULL THEN 0 ELSE 1 END AS villages_with_register,
        CASE WHEN m.code IS NULL THEN 0 ELSE 1 END AS villages_with_extract,
        f.population AS official,
        greatest(ro.run_id, mo.run_id) AS outcome_run_id
      FROM codes
      LEFT JOIN m ON m.code = codes.code
      LEFT JOIN r ON r.code = codes.code
      LEFT JOIN ro ON ro.code = codes.code
      LEFT JOIN mo ON mo.code = codes.code
      LEFT JOIN f ON f.code = codes.code
    )
    INSERT INTO indicators (${insertColumns})
    SELECT ${period}, g.code, 'desa', g.parent_code,
      CASE WHEN v.official IS NOT NULL THEN v.official WHEN v.residents > 0 THEN v.residents END,
      CASE WHEN v.official IS NOT NULL THEN 'official' WHEN v.residents > 0 THEN 'register'
        ELSE 'none' END,
      ${countsOf('v')},
      coalesce(${runId}::bigint, v.outcome_run_id)
    FROM v
    JOIN regions g ON g.code = v.code AND g.level = 'desa'`;
  return insertedCount(db, statement);
}

/**
 * Recomputes the rows above the village level of `period` inside `scope` and
 * the scope's ancestors up to the nation, from the rows of the level below:
 * one aggregate statement per level. rebuildIndicators calls it after the
 * village rows; the bench times it on its own.
 */
export async function rollUpIndicators(
  db: Kysely<DB>,
  input: { period: string; scope: string },
): Promise<{ regions: number }> {
  const { period, scope } = input;
  checkInput(period, scope);
  await lockPeriod(db, period);
  // The scope's own rows above the village, and its ancestors' ('' included).
  await sql`
    DELETE FROM indicators
    WHERE period = ${period} AND level <> 'desa'
      AND (starts_with(region_code, ${scope}) OR starts_with(${scope}, region_code))`.execute(db);
  let regions = 0;
  for (const level of ['kecamatan', 'kabupaten', 'provinsi'] as const) {
    // Inside the scope: every region of the level under it; above it: the
    // one ancestor. Either way, the regions whose code starts with this.
    const prefix = scope.slice(0, CODE_LENGTH[level]);
    regions += await insertParentRows(db, period, level, prefix);
  }
  regions += await insertedCount(
    db,
    sql`
      INSERT INTO indicators (${insertColumns})
      SELECT ${period}, '', 'nasional', NULL,
        CASE WHEN count(c.population) > 0 THEN sum(c.population) END,
        CASE WHEN count(c.population) > 0 THEN 'children' ELSE 'none' END,
        ${sumOfChildren},
        max(c.run_id)
      FROM indicators c
      WHERE c.period = ${period} AND c.level = 'provinsi'
      HAVING count(*) > 0`,
  );
  return { regions };
}

/**
 * The rows of one level (kecamatan, kabupaten, provinsi) whose code starts
 * with `prefix`: every region with a child row or an official figure.
 */
function insertParentRows(
  db: Kysely<DB>,
  period: string,
  level: Exclude<RegionLevel, 'desa'>,
  prefix: string,
): Promise<number> {
  return insertedCount(
    db,
    sql`
      WITH k AS (
        SELECT c.parent_code AS code, ${sumOfChildren},
          sum(c.population) AS children_population,
          count(c.population) AS children_with_population,
          max(c.run_id) AS run_id
        FROM indicators c
        WHERE c.period = ${period} AND c.level = ${CHILD_LEVEL[level]}
          AND starts_with(c.region_code, ${prefix})
        GROUP BY c.parent_code
      ), f AS (
        ${officialFigures(period, level, prefix)}
      )
      INSERT INTO indicators (${insertColumns})
      SELECT ${period}, g.code, g.level, coalesce(g.parent_code, ''),
        CASE WHEN f.code IS NOT NULL THEN f.population
          WHEN k.children_with_population > 0 THEN k.children_population END,
        CASE WHEN f.code IS NOT NULL THEN 'official'
          WHEN k.children_with_population > 0 THEN 'children' ELSE 'none' END,
        ${countsOf('k')},
        k.run_id
      FROM k
      FULL JOIN f ON f.code = k.code
      JOIN regions g ON g.code = coalesce(k.code, f.code) AND g.level = ${level}`,
  );
}

// ---------------------------------------------------------------------------
// Reads

/** One region's indicators as the report shows them (numeric as strings). */
export interface CoverageRowRaw {
  code: string;
  name: string;
  level: IndicatorLevel;
  parent_code: string | null;
  population: number | null;
  population_source: 'official' | 'children' | 'register' | 'none';
  residents: number;
  registered: number;
  active: number;
  inactive: number;
  coverage_pct: string | null;
  activity_pct: string | null;
  active_population_pct: string | null;
  verified_registered: number;
  verified_active: number;
  review_pending: number;
  members_not_in_register: number;
  villages_with_register: number;
  villages_with_extract: number;
  uhc: boolean;
  uhc_coverage_threshold: string | null;
  uhc_activity_threshold: string | null;
  gap_coverage: string | null;
  gap_activity: string | null;
  rank: number;
  rank_of: number;
  activity_rank: number;
  previous_period: string | null;
  registered_change: number | null;
  active_change: number | null;
  coverage_pct_change: string | null;
}

const pct = (num: string, den: string) =>
  sql.raw(`round(${num}::numeric * 100 / nullif(${den}, 0), 2)`);
const ratio = (num: string, den: string) => sql.raw(`${num}::numeric / nullif(${den}, 0)`);

/**
 * The rows of `level` whose code starts with `within`, each ranked among its
 * siblings (same parent; all of them, also those outside `within`) by
 * coverage, then activity (both from the raw counts), then code; with the
 * UHC thresholds valid on the first day of the period, the gaps to them, and
 * the change from `previous`.
 *
 * UHC and the gaps use the raw counts (registered × 100 ≥ threshold ×
 * population), not the rounded percentages: a region is UHC exactly when
 * both its gaps are 0.
 */
export async function findCoverageRows(
  db: Kysely<DB>,
  q: { period: string; previous: string; level: IndicatorLevel; within: string },
): Promise<CoverageRowRaw[]> {
  const firstDay = `${q.period}-01`;
  const parentLength = q.level === 'nasional' ? 0 : CODE_LENGTH[q.level] - stepOf(q.level);
  const siblings = q.within.slice(0, parentLength);
  const result = await sql<CoverageRowRaw>`
    WITH t AS (
      SELECT coverage_pct, activity_pct
      FROM uhc_thresholds
      WHERE valid_from <= ${firstDay}::date
        AND level = CASE
          WHEN ${q.level} = 'desa' AND EXISTS (
            SELECT 1 FROM uhc_thresholds d WHERE d.level = 'desa' AND d.valid_from <= ${firstDay}::date
          ) THEN 'desa' ELSE 'kabupaten' END
      ORDER BY valid_from DESC
      LIMIT 1
    ), s AS (
      SELECT i.*,
        row_number() OVER (
          PARTITION BY i.parent_code
          ORDER BY ${ratio('i.registered', 'i.population')} DESC NULLS LAST,
            ${ratio('i.active', 'i.registered')} DESC NULLS LAST, i.region_code
        ) AS rank,
        count(*) OVER (PARTITION BY i.parent_code) AS rank_of,
        row_number() OVER (
          PARTITION BY i.parent_code
          ORDER BY ${ratio('i.active', 'i.registered')} DESC NULLS LAST,
            ${ratio('i.registered', 'i.population')} DESC NULLS LAST, i.region_code
        ) AS activity_rank
      FROM indicators i
      WHERE i.period = ${q.period} AND i.level = ${q.level}
        AND starts_with(i.region_code, ${siblings})
    )
    SELECT s.region_code AS code,
      coalesce(g.name, 'Indonesia') AS name,
      s.level, s.parent_code, s.population, s.population_source,
      s.residents, s.registered, s.active, s.inactive,
      ${pct('s.registered', 's.population')} AS coverage_pct,
      ${pct('s.active', 's.registered')} AS activity_pct,
      ${pct('s.active', 's.population')} AS active_population_pct,
      s.verified_registered, s.verified_active, s.review_pending, s.members_not_in_register,
      s.villages_with_register, s.villages_with_extract,
      coalesce(
        s.population > 0 AND s.registered > 0
          AND s.registered::numeric * 100 >= t.coverage_pct * s.population
          AND s.active::numeric * 100 >= t.activity_pct * s.registered,
        false) AS uhc,
      t.coverage_pct AS uhc_coverage_threshold,
      t.activity_pct AS uhc_activity_threshold,
      CASE WHEN s.population IS NOT NULL
        THEN greatest(0, ceil(t.coverage_pct * s.population / 100) - s.registered) END
        AS gap_coverage,
      greatest(0, ceil(t.activity_pct * s.registered / 100) - s.active) AS gap_activity,
      s.rank, s.rank_of, s.activity_rank,
      p.period AS previous_period,
      s.registered - p.registered AS registered_change,
      s.active - p.active AS active_change,
      ${pct('s.registered', 's.population')} - ${pct('p.registered', 'p.population')}
        AS coverage_pct_change
    FROM s
    LEFT JOIN t ON true
    LEFT JOIN regions g ON g.code = s.region_code
    LEFT JOIN indicators p ON p.period = ${q.previous} AND p.region_code = s.region_code
    WHERE starts_with(s.region_code, ${q.within})
    ORDER BY s.parent_code, s.rank`.execute(db);
  return result.rows;
}

/** How many digits a level adds to its parent's code. */
function stepOf(level: RegionLevel): number {
  return level === 'desa' ? 4 : 2;
}

/** Whether the period has any indicator row (the nation's row is in every such period). */
export async function hasIndicators(db: Kysely<DB>, period: string): Promise<boolean> {
  const row = await db
    .selectFrom('indicators')
    .select('period')
    .where('period', '=', period)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The periods with indicators, ascending. */
export async function findPeriods(db: Kysely<DB>): Promise<string[]> {
  // Every period with rows has the nation's row (region_code ''): one index range.
  const rows = await db
    .selectFrom('indicators')
    .select('period')
    .where('region_code', '=', '')
    .orderBy('period')
    .execute();
  return rows.map((r) => r.period);
}

export interface TrendRowRaw {
  period: string;
  population: number | null;
  registered: number;
  active: number;
  coverage_pct: string | null;
  activity_pct: string | null;
  active_population_pct: string | null;
  verified_registered: number;
}

/** One region's counts and ratios in every period with a row, ascending. */
export async function findTrend(db: Kysely<DB>, code: string): Promise<TrendRowRaw[]> {
  const result = await sql<TrendRowRaw>`
    SELECT i.period, i.population, i.registered, i.active,
      ${pct('i.registered', 'i.population')} AS coverage_pct,
      ${pct('i.active', 'i.registered')} AS activity_pct,
      ${pct('i.active', 'i.population')} AS active_population_pct,
      i.verified_registered
    FROM indicators i
    WHERE i.region_code = ${code}
    ORDER BY i.period`.execute(db);
  return result.rows;
}

export interface SegmentRowRaw {
  segmen: string;
  registered: number;
  active: number;
  activity_pct: string | null;
  share_pct: string | null;
}

/** Registered and active per membership segment, with activity and share of the registered. */
export async function findSegments(
  db: Kysely<DB>,
  period: string,
  code: string,
): Promise<SegmentRowRaw[]> {
  const result = await sql<SegmentRowRaw>`
    SELECT s.segmen, s.registered, s.active,
      ${pct('s.active', 's.registered')} AS activity_pct,
      ${pct('s.registered', 'i.registered')} AS share_pct
    FROM indicators i
    CROSS JOIN LATERAL (VALUES
      (1, 'PBI_APBN', i.registered_pbi_apbn, i.active_pbi_apbn),
      (2, 'PBI_APBD', i.registered_pbi_apbd, i.active_pbi_apbd),
      (3, 'PPU', i.registered_ppu, i.active_ppu),
      (4, 'PBPU', i.registered_pbpu, i.active_pbpu),
      (5, 'BP', i.registered_bp, i.active_bp)
    ) AS s(n, segmen, registered, active)
    WHERE i.period = ${period} AND i.region_code = ${code}
    ORDER BY s.n`.execute(db);
  return result.rows;
}

export interface ReasonRowRaw {
  alasan: string;
  inactive: number;
  share_pct: string | null;
}

/** Inactive members per reason, with the share of all inactive. */
export async function findInactiveReasons(
  db: Kysely<DB>,
  period: string,
  code: string,
): Promise<ReasonRowRaw[]> {
  const result = await sql<ReasonRowRaw>`
    SELECT a.alasan, a.inactive, ${pct('a.inactive', 'i.inactive')} AS share_pct
    FROM indicators i
    CROSS JOIN LATERAL (VALUES
      (1, 'TUNGGAKAN', i.inactive_tunggakan),
      (2, 'PBI_NONAKTIF', i.inactive_pbi_nonaktif),
      (3, 'PPU_BERHENTI', i.inactive_ppu_berhenti),
      (4, 'MENINGGAL', i.inactive_meninggal),
      (5, 'PINDAH', i.inactive_pindah),
      (6, 'LAINNYA', i.inactive_lainnya)
    ) AS a(n, alasan, inactive)
    WHERE i.period = ${period} AND i.region_code = ${code}
    ORDER BY a.n`.execute(db);
  return result.rows;
}

export interface VerifiedRowRaw {
  residents: number;
  verified_registered: number;
  verified_active: number;
  verified_coverage_pct: string | null;
  verified_activity_pct: string | null;
}

/** The verified side: residents of the registers matched to an insurer record. */
export async function findVerified(
  db: Kysely<DB>,
  period: string,
  code: string,
): Promise<VerifiedRowRaw | undefined> {
  const result = await sql<VerifiedRowRaw>`
    SELECT i.residents, i.verified_registered, i.verified_active,
      ${pct('i.verified_registered', 'i.residents')} AS verified_coverage_pct,
      ${pct('i.verified_active', 'i.verified_registered')} AS verified_activity_pct
    FROM indicators i
    WHERE i.period = ${period} AND i.region_code = ${code}`.execute(db);
  return result.rows[0];
}
