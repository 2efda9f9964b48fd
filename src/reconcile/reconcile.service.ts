// Petakan: one month's reconciliation of a region, from the registers and
// the extract to outcomes, discrepancies and indicators, in one transaction:
// a run that fails or is killed leaves the previous results as they were.
import { type Actor, requirePermission } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers, narrow } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import { type FieldworkFollowUp, followUpReconciliation } from '../fieldwork/targets.service.ts';
import { rebuildIndicators } from '../indicators/indicators.repository.ts';
import { formatRegionCode, normaliseRegionCode } from '../regions/codes.ts';
import { nameKey } from './name-key.ts';
import {
  assignPairs,
  clearResults,
  countRunResults,
  findCandidates,
  findRowsWithoutNameKey,
  findRuns,
  finishRun,
  insertRun,
  linkCertain,
  prepareSides,
  type RunCounts,
  scorePairs,
  sizeRun,
  tuneRun,
  updateNameKeys,
  writeDiscrepancies,
  writeOutcomes,
} from './reconcile.repository.ts';
import {
  DEFAULT_SETTINGS,
  type ReconcileRequest,
  reconcileRequestSchema,
  type Settings,
  settingsSchema,
} from './reconcile.schema.ts';

/** A request the caller can correct (400 over HTTP, one line on the CLI). */
export class ReconcileInputError extends Error {
  readonly statusCode = 400;
}

/** The steps of a run, in order, for a progress bar. */
export const RECONCILE_STEPS = [
  'kunci nama',
  'siapkan data',
  'blok kandidat',
  'skor pasangan',
  'pasangkan',
  'tulis hasil',
  'selisih data',
  'sasaran',
  'indikator',
] as const;
export type ReconcileStep = (typeof RECONCILE_STEPS)[number];

export interface ReconcileSummary extends RunCounts {
  runId: number;
  period: string;
  /** Dotted region code, or '' for everything. */
  within: string;
  residentsInScope: number;
  membersInScope: number;
  /** Links by a unique NIK that no other pair could contest (not blocked or scored). */
  certainLinks: number;
  /** Candidate and scored pairs among the residents and members left after those. */
  candidatePairs: number;
  scoredPairs: number;
  rounds: number;
  indicatorRegions: number;
  /** Sisir and Registrasi: targets opened, updated, closed; proposals confirmed or overdue. */
  fieldwork: FieldworkFollowUp;
  seconds: number;
  /** What the period lacks, in words (Indonesian), for the summary. */
  missing: string[];
}

function settingsFor(request: ReconcileRequest): Settings {
  const merged = {
    ...DEFAULT_SETTINGS,
    ...(request.matchThreshold !== undefined ? { matchThreshold: request.matchThreshold } : {}),
    ...(request.reviewThreshold !== undefined ? { reviewThreshold: request.reviewThreshold } : {}),
  };
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ReconcileInputError(parsed.error.issues.map((i) => i.message).join('; '));
  }
  return parsed.data;
}

/**
 * The region a run covers: the one asked for (inside the caller's grants for
 * reconcile:run), or the caller's whole area when it is a single region.
 */
function scopeFor(actor: Actor, within: string | undefined): string {
  const allowed = requirePermission(actor, 'reconcile:run');
  if (within === undefined) {
    if (allowed.everywhere) return '';
    if (allowed.prefixes.length === 1) return allowed.prefixes[0] ?? '';
    throw new ReconcileInputError(
      `--within: choose one of your regions (${allowed.prefixes.join(', ')})`,
    );
  }
  const code = normaliseRegionCode(within)?.code;
  if (code === undefined) throw new ReconcileInputError(`within ${within}: not a region code`);
  if (!covers(allowed, code)) {
    // A province asked of a district user: not narrowed silently.
    const inside = narrow(allowed, code);
    throw new AccessDenied(
      inside === null || inside.everywhere
        ? `region ${within}: outside your area`
        : `region ${within}: you may reconcile only ${inside.prefixes.join(', ')} inside it`,
    );
  }
  return code;
}

const dotted = formatRegionCode;

export async function runReconciliation(
  database: Database,
  actor: Actor,
  input: ReconcileRequest,
  onStep: (step: ReconcileStep, index: number) => void = () => {},
): Promise<ReconcileSummary> {
  const request = reconcileRequestSchema.parse(input);
  const settings = settingsFor(request);
  const scope = scopeFor(actor, request.within);
  const s = { period: request.period, scope };
  const startedAt = new Date();
  let index = 0;
  const step = (name: ReconcileStep) => onStep(name, index++);

  return database.transaction(async (tx) => {
    const db = tx.db;
    await tuneRun(db);
    step('kunci nama');
    for (const table of ['residents', 'members'] as const) {
      for (;;) {
        const rows = await findRowsWithoutNameKey(db, table, s, 5000);
        if (rows.length === 0) break;
        await updateNameKeys(
          db,
          table,
          rows.map((r) => ({ import_id: r.import_id, row_no: r.row_no, key: nameKey(r.nama) })),
        );
      }
    }
    const runId = await insertRun(db, {
      period: s.period,
      scope,
      runBy: actor.name,
      startedAt,
      settings,
    });
    step('siapkan data');
    const sides = await prepareSides(db, s);
    await sizeRun(db, sides);
    step('blok kandidat');
    const certainLinks = await linkCertain(db, settings, sides);
    const candidatePairs = await findCandidates(db);
    step('skor pasangan');
    const scoredPairs = await scorePairs(db, settings);
    step('pasangkan');
    const { rounds } = await assignPairs(db, settings);
    step('tulis hasil');
    await clearResults(db, s);
    await writeOutcomes(db, s, runId);
    step('selisih data');
    await writeDiscrepancies(db, s, runId);
    step('sasaran');
    const fieldwork = await followUpReconciliation(db, { ...s, runId });
    step('indikator');
    const indicators = await rebuildIndicators(db, { period: s.period, scope, runId });
    const counts = await countRunResults(db, s);

    const missing: string[] = [];
    if (sides.residents === 0) missing.push('data penduduk desa belum diimpor untuk periode ini');
    if (sides.members === 0) missing.push('data peserta BPJS belum diimpor untuk periode ini');
    if (sides.residents > 0 && counts.districtsWithoutExtract.length > 0) {
      missing.push(
        `tanpa data peserta BPJS (status penduduk tidak ditentukan): ${counts.districtsWithoutExtract.map(dotted).join(', ')}`,
      );
    }
    if (sides.residents > 0 && counts.villagesWithoutRegister > 0) {
      missing.push(
        `${counts.villagesWithoutRegister} desa punya peserta BPJS tetapi belum punya data penduduk`,
      );
    }
    if (sides.members > 0 && counts.villagesWithoutExtract > 0) {
      missing.push(
        `${counts.villagesWithoutExtract} desa punya data penduduk tetapi tanpa peserta BPJS`,
      );
    }
    if (fieldwork.targets.skippedBecause) missing.push(fieldwork.targets.skippedBecause);
    const finishedAt = new Date();
    const summary: ReconcileSummary = {
      runId,
      period: s.period,
      within: scope === '' ? '' : dotted(scope),
      residentsInScope: sides.residents,
      membersInScope: sides.members,
      certainLinks,
      candidatePairs,
      scoredPairs,
      rounds,
      indicatorRegions: indicators.regions,
      fieldwork,
      ...counts,
      seconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      missing,
    };
    await finishRun(db, runId, {
      finishedAt,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      summary,
    });
    await recordAudit(db, actor, {
      action: 'reconcile',
      subject: 'residents+members',
      query: { within: scope, runId },
      period: s.period,
      rowCount: sides.residents + sides.members,
    });
    return summary;
  });
}

/** Recent runs (who ran what, when, with which settings and result). */
export async function listRuns(
  database: Database,
  actor: Actor,
  filter: { period?: string | undefined; limit: number },
) {
  const scope = requirePermission(actor, 'reconcile:run');
  const runs = await findRuns(database.db, filter);
  // A run is shown to those whose area it touched.
  return runs.filter(
    (r) =>
      scope.everywhere ||
      scope.prefixes.some((p) => r.scope.startsWith(p) || p.startsWith(r.scope)),
  );
}
