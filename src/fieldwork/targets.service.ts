// Sisir: the month's targets (made by each reconciliation, with the closed
// loop of Registrasi) and the household worklist the agents walk.
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { type WorklistQueryInput, worklistQuerySchema } from './fieldwork.schema.ts';
import { closeLoop, type LoopResult } from './proposals.repository.ts';
import { NotFound, requirePermissionWithin } from './requests.ts';
import {
  findTargetDetail,
  findWorklist,
  syncTargets,
  type TargetSync,
} from './targets.repository.ts';

export interface FieldworkFollowUp {
  targets: TargetSync;
  proposals: LoopResult;
}

/**
 * What a reconciliation does for the field, inside its transaction: open,
 * update and close the targets from the month's outcomes, then confirm the
 * proposals whose people the extract now shows active and flag the overdue.
 */
export async function followUpReconciliation(
  db: Kysely<DB>,
  s: { period: string; scope: string; runId: number },
): Promise<FieldworkFollowUp> {
  const targets = await syncTargets(db, s);
  // An older month run again says nothing new about who is active now.
  const proposals =
    targets.skippedBecause === null
      ? await closeLoop(db, s, `rekonsiliasi #${s.runId}`)
      : { peopleConfirmed: 0, proposalsConfirmed: 0, proposalsOverdue: 0 };
  return { targets, proposals };
}

/** The household worklist of the caller's villages (or one region of them). */
export async function getWorklist(database: Database, actor: Actor, query: WorklistQueryInput) {
  const q = worklistQuerySchema.parse(query);
  const scope = requirePermissionWithin(actor, 'targets:read', q.within);
  return findWorklist(
    database.db,
    actor,
    { scope, limit: q.limit, offset: q.offset },
    'daftar kerja sisir',
  );
}

/** One target, its facts, pathway, priority and month-by-month history. */
export async function getTarget(database: Database, actor: Actor, id: number) {
  const scope = requirePermissionWithin(actor, 'targets:read');
  const found = await findTargetDetail(database.db, actor, id);
  if (!found) throw new NotFound(`target ${id}: not found`);
  if (!covers(scope, found.target.desa_code)) {
    throw new AccessDenied(`target ${id}: outside your area`);
  }
  const { _nik, ...target } = found.target;
  await recordAudit(database.db, actor, {
    action: 'read',
    subject: 'targets',
    ctx: { purpose: 'lihat sasaran' },
    query: { id },
    scope: { everywhere: false, prefixes: [target.desa_code] },
    rowCount: 1,
    niks: typeof _nik === 'string' ? [_nik] : [],
  });
  return { target, history: found.history };
}
