// The read side of the indicators: the coverage report of a level (ranked
// within each parent, UHC status against the thresholds of the month, gaps,
// change from the month before), one region's page, and the periods
// available. Everything is read from the `indicators` table (raw counts per
// region and month, rebuilt by the reconciliation); ratios, ranks and gaps
// come out of SQL. Indicators are counts, not people: every role reads them
// for every region (roles.policy.ts), so nothing here narrows by grants.
import type { Kysely } from 'kysely';
import { type Actor, requirePermission } from '../access/actor.ts';
import type { DB, IndicatorLevel } from '../db/schema.ts';
import { formatRegionCode, normaliseRegionCode } from '../regions/codes.ts';
import {
  CHILD_LEVEL,
  CODE_LENGTH,
  type CoverageRowRaw,
  findCoverageRows,
  findInactiveReasons,
  findPeriods,
  findSegments,
  findTrend,
  findVerified,
  hasIndicators,
} from './indicators.repository.ts';
import {
  type CoverageQuery,
  type CoverageReport,
  type CoverageRow,
  coverageQuerySchema,
  periodSchema,
  type RegionIndicators,
} from './indicators.schema.ts';
import { previousPeriod } from './periods.ts';

/** A request the caller can correct (400 over HTTP, one line on the CLI). */
export class IndicatorInputError extends Error {
  readonly statusCode = 400;
}

/** The one-sentence explanation of official versus verified coverage. */
export const OFFICIAL_VS_VERIFIED =
  'Angka resmi membagi semua peserta JKN yang berdomisili di wilayah ini menurut data BPJS Kesehatan dengan jumlah penduduk, sedangkan angka terverifikasi hanya menghitung penduduk hidup dalam data desa yang berhasil dicocokkan dengan data peserta BPJS, sehingga selisihnya adalah peserta yang belum dikonfirmasi oleh data desa (belum tercatat di desa, tercatat di desa lain, atau masih menunggu verifikasi).';

export function noIndicatorsMessage(period: string | null): string {
  return period === null
    ? 'Belum ada indikator: jalankan `pesiar reconcile --period YYYY-MM`'
    : `Belum ada indikator untuk periode ${period}: jalankan \`pesiar reconcile --period ${period}\``;
}

const num = (value: string | null): number | null => (value === null ? null : Number(value));

function present(r: CoverageRowRaw): CoverageRow {
  return {
    ...r,
    code: formatRegionCode(r.code),
    parent_code: r.parent_code === null ? null : formatRegionCode(r.parent_code),
    coverage_pct: num(r.coverage_pct),
    activity_pct: num(r.activity_pct),
    active_population_pct: num(r.active_population_pct),
    uhc_coverage_threshold: num(r.uhc_coverage_threshold),
    uhc_activity_threshold: num(r.uhc_activity_threshold),
    gap_coverage: num(r.gap_coverage),
    gap_activity: num(r.gap_activity),
    coverage_pct_change: num(r.coverage_pct_change),
  };
}

function inputError(issue: { path: PropertyKey[]; message: string } | undefined): never {
  throw new IndicatorInputError(
    `${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`,
  );
}

async function latestPeriod(db: Kysely<DB>): Promise<string | null> {
  return (await findPeriods(db)).at(-1) ?? null;
}

/**
 * The coverage report: the regions of `level` (default kabupaten) inside
 * `within`, each with its counts, ratios, UHC status, gaps, rank among its
 * siblings and change from the month before. An empty period says so in
 * `message`.
 */
export async function coverageReport(
  db: Kysely<DB>,
  actor: Actor,
  query: CoverageQuery,
): Promise<CoverageReport> {
  requirePermission(actor, 'indicators:read');
  const parsed = coverageQuerySchema.safeParse(query);
  if (!parsed.success) inputError(parsed.error.issues[0]);
  const { level } = parsed.data;
  let within = '';
  if (parsed.data.within !== undefined) {
    const region = normaliseRegionCode(parsed.data.within);
    if (!region) throw new IndicatorInputError(`within ${parsed.data.within}: not a region code`);
    if (region.code.length > CODE_LENGTH[level]) {
      throw new IndicatorInputError(
        `within ${parsed.data.within}: a ${region.level}, below the ${level} level; choose a wider region or a lower level`,
      );
    }
    within = region.code;
  }
  const period = parsed.data.period ?? (await latestPeriod(db));
  const answer = { level, within: within === '' ? null : formatRegionCode(within) };
  if (period === null) {
    return { ...answer, period, rows: [], message: noIndicatorsMessage(null) };
  }
  const rows = await findCoverageRows(db, {
    period,
    previous: previousPeriod(period),
    level,
    within,
  });
  const empty = rows.length === 0 && !(await hasIndicators(db, period));
  return {
    ...answer,
    period,
    rows: rows.map(present),
    message: empty ? noIndicatorsMessage(period) : null,
  };
}

function levelOf(code: string): IndicatorLevel {
  if (code === '') return 'nasional';
  const region = normaliseRegionCode(code);
  if (!region) throw new IndicatorInputError(`code ${code}: not a region code`);
  return region.level;
}

/**
 * One region's page: its own row, its children ranked, the lowest and
 * highest child (by coverage and by activity), its trend over every month
 * with indicators, registered and active per segment, inactive per reason,
 * and the official next to the verified figures. null when the region has no
 * indicators in the period. `code` '' or 'nasional' is Indonesia.
 */
export async function regionIndicators(
  db: Kysely<DB>,
  actor: Actor,
  input: { period?: string | undefined; code: string },
): Promise<RegionIndicators | null> {
  requirePermission(actor, 'indicators:read');
  if (input.period !== undefined) {
    const checked = periodSchema.safeParse(input.period);
    if (!checked.success)
      inputError({ path: ['period'], message: checked.error.issues[0]?.message ?? 'invalid' });
  }
  const raw = input.code.trim();
  const code =
    raw === '' || raw.toLowerCase() === 'nasional' ? '' : (normaliseRegionCode(raw)?.code ?? raw);
  const level = levelOf(code);
  const period = input.period ?? (await latestPeriod(db));
  if (period === null) return null;
  const previous = previousPeriod(period);

  const [own] = await findCoverageRows(db, { period, previous, level, within: code });
  if (!own) return null;
  const children =
    level === 'desa'
      ? []
      : (
          await findCoverageRows(db, { period, previous, level: CHILD_LEVEL[level], within: code })
        ).map(present);
  const [trend, segments, reasons, verified] = await Promise.all([
    findTrend(db, code),
    findSegments(db, period, code),
    findInactiveReasons(db, period, code),
    findVerified(db, period, code),
  ]);

  // Children come ordered by rank (coverage, nulls last); activity_rank is
  // their order by activity, from the same SQL.
  const byCoverage = children.filter((c) => c.coverage_pct !== null);
  const byActivity = children
    .filter((c) => c.activity_pct !== null)
    .sort((a, b) => a.activity_rank - b.activity_rank);
  const row = present(own);
  return {
    ...row,
    period,
    children,
    highest_child: byCoverage[0] ?? null,
    lowest_child: byCoverage.at(-1) ?? null,
    highest_child_by_activity: byActivity[0] ?? null,
    lowest_child_by_activity: byActivity.at(-1) ?? null,
    trend: trend.map((t) => ({
      ...t,
      coverage_pct: num(t.coverage_pct),
      activity_pct: num(t.activity_pct),
      active_population_pct: num(t.active_population_pct),
    })),
    by_segment: segments.map((s) => ({
      ...s,
      activity_pct: num(s.activity_pct),
      share_pct: num(s.share_pct),
    })),
    inactive_by_reason: reasons.map((r) => ({ ...r, share_pct: num(r.share_pct) })),
    official_vs_verified: {
      official: {
        population: row.population,
        population_source: row.population_source,
        registered: row.registered,
        active: row.active,
        coverage_pct: row.coverage_pct,
        activity_pct: row.activity_pct,
      },
      verified: {
        residents: verified?.residents ?? row.residents,
        verified_registered: verified?.verified_registered ?? row.verified_registered,
        verified_active: verified?.verified_active ?? row.verified_active,
        verified_coverage_pct: num(verified?.verified_coverage_pct ?? null),
        verified_activity_pct: num(verified?.verified_activity_pct ?? null),
      },
      difference: row.registered - row.verified_registered,
      explanation: OFFICIAL_VS_VERIFIED,
    },
  };
}

/** The months with indicators, ascending. */
export async function availablePeriods(
  db: Kysely<DB>,
  actor: Actor,
): Promise<{ periods: string[] }> {
  requirePermission(actor, 'indicators:read');
  return { periods: await findPeriods(db) };
}
