// The review queue and the exports of a run's results. A reviewer's word on a
// pair is stored (review_decisions), applied to the month at once, and
// applied again by every later run in which the same register record meets
// the same noka.
import { type Actor, requirePermission } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { personalData } from '../access/personal-data.repository.ts';
import { covers, type Scope } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import { rebuildIndicators } from '../indicators/indicators.repository.ts';
import { normaliseRegionCode } from '../regions/codes.ts';
import {
  applyDecision,
  auditExport,
  countExportRows,
  findOutcome,
  findReviewPairs,
  RESULT_COLUMNS,
  type ResultKind,
  type Row,
  resultBatches,
  upsertReviewDecision,
} from './outcomes.repository.ts';
import { PERIOD, type ReviewDecisionInput, reviewDecisionSchema } from './reconcile.schema.ts';
import { ReconcileInputError } from './reconcile.service.ts';

/** Where the permission reaches, narrowed to the region asked for (the gateway's rule). */
function regionScope(
  database: Database,
  actor: Actor,
  permission: 'persons:export' | 'reconcile:review',
  region?: string,
): Scope {
  if (region === undefined) return requirePermission(actor, permission);
  const code = normaliseRegionCode(region)?.code;
  if (code === undefined) throw new ReconcileInputError(`region ${region}: not a region code`);
  return personalData(database.db, actor).scopeFor(permission, code);
}

function checkPeriod(period: string): string {
  const parsed = PERIOD.safeParse(period);
  if (!parsed.success) throw new ReconcileInputError('period must be YYYY-MM');
  return parsed.data;
}

export interface ResultExport {
  columns: readonly string[];
  count: number;
  batches: AsyncIterable<Row[]>;
}

/** links | residents | discrepancies of a period, inside the caller's area; audited. */
export async function exportResults(
  database: Database,
  actor: Actor,
  kind: ResultKind,
  filter: { period: string; region?: string | undefined; purpose: string },
): Promise<ResultExport> {
  const period = checkPeriod(filter.period);
  const scope = regionScope(database, actor, 'persons:export', filter.region);
  const count = await countExportRows(database.db, kind, period, scope);
  await auditExport(database.db, actor, { kind, period, scope, count, purpose: filter.purpose });
  return {
    columns: RESULT_COLUMNS[kind],
    count,
    batches: resultBatches(database.db, actor, kind, period, scope),
  };
}

export async function listReviewQueue(
  database: Database,
  actor: Actor,
  filter: { period: string; region?: string | undefined; limit: number; offset: number },
) {
  const period = checkPeriod(filter.period);
  const scope = regionScope(database, actor, 'reconcile:review', filter.region);
  return findReviewPairs(database.db, actor, {
    period,
    scope,
    limit: filter.limit,
    offset: filter.offset,
  });
}

/**
 * Accept or reject the pair of a register record and a noka. Accept: only
 * the pair the record is currently paired with (in review or linked).
 * Reject: any current pair, including a link a field visit proved wrong.
 */
export async function decideReview(
  database: Database,
  actor: Actor,
  input: ReviewDecisionInput,
  decision: 'accept' | 'reject',
): Promise<{ status: string }> {
  const parsed = reviewDecisionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReconcileInputError(
      `${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const desa = normaliseRegionCode(parsed.data.desa);
  if (desa === null || desa.level !== 'desa') {
    throw new ReconcileInputError(`desa ${parsed.data.desa}: not a village code`);
  }
  const scope = requirePermission(actor, 'reconcile:review');
  if (!covers(scope, desa.code))
    throw new AccessDenied(`desa ${parsed.data.desa}: outside your area`);
  const { period, id, noka } = parsed.data;

  return database.transaction(async (tx) => {
    const outcome = await findOutcome(tx.db, { period, desa: desa.code, id });
    if (outcome === null) {
      throw new ReconcileInputError(
        `record ${id} of desa ${parsed.data.desa}: not in the ${period} results`,
      );
    }
    if (
      outcome.noka !== noka ||
      outcome.member_import_id === null ||
      outcome.member_row_no === null
    ) {
      throw new ReconcileInputError(
        `record ${id} is not paired with noka ${noka} in ${period} (run the reconciliation again?)`,
      );
    }
    await upsertReviewDecision(tx.db, {
      desa: desa.code,
      id,
      noka,
      decision,
      by: actor.name,
      period,
      note: parsed.data.note ?? null,
    });
    await applyDecision(
      tx.db,
      period,
      {
        desa: desa.code,
        resident_import_id: outcome.resident_import_id,
        resident_row_no: outcome.resident_row_no,
        member_import_id: outcome.member_import_id,
        member_row_no: outcome.member_row_no,
      },
      decision,
    );
    await rebuildIndicators(tx.db, { period, scope: desa.code, runId: null });
    await recordAudit(tx.db, actor, {
      action: `review_${decision}`,
      subject: 'review_queue',
      query: { desa: desa.code, id },
      period,
      rowCount: 1,
    });
    const after = await findOutcome(tx.db, { period, desa: desa.code, id });
    return { status: after?.status ?? 'unknown' };
  });
}
