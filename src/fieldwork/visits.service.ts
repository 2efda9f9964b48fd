// Advokasi: the visits agents log (from the phone, or from a paper form an
// operator enters for them) and the outreach events (sosialisasi) they hold.
// Every record carries the client's id: sent again, the stored record is the
// answer (created: false); sent again with other content, a 409.
import type { Kysely } from 'kysely';
import { type Actor, requirePermission } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers } from '../access/roles.policy.ts';
import type { DB } from '../db/schema.ts';
import { resolveAgent } from './agents.service.ts';
import {
  countOutreach,
  findOutreach,
  findOutreachById,
  insertOutreach,
  type NewOutreach,
  type OutreachRow,
} from './outreach.repository.ts';
import {
  Conflict,
  dotted,
  type FieldworkOptions,
  InvalidRequest,
  narrowScope,
  parseRequest,
  todayInJakarta,
  villageCode,
} from './requests.ts';
import {
  countVisits,
  findTargetPlace,
  findVisitById,
  findVisits,
  insertVisit,
  isHouseholdOnWorklist,
  type NewVisit,
  type VisitRow,
} from './visits.repository.ts';
import {
  type Outreach,
  type OutreachListQuery,
  outreachListQuerySchema,
  type RecordOutreachInput,
  type RecordVisitInput,
  type RefusalReason,
  recordOutreachSchema,
  recordVisitSchema,
  type Visit,
  type VisitListQuery,
  visitListQuerySchema,
} from './visits.schema.ts';

/** The village a record is for, inside the actor's visits:write area. */
function writableVillage(actor: Actor, desaText: string): string {
  const desa = villageCode(desaText);
  const scope = requirePermission(actor, 'visits:write');
  if (!covers(scope, desa)) throw new AccessDenied(`desa ${dotted(desa)}: outside your area`);
  return desa;
}

/** The fields whose stored value differs from the one sent again. */
function differences<T extends object>(stored: T, sent: T, fields: readonly (keyof T)[]) {
  return fields.filter((f) => stored[f] !== sent[f]).map(String);
}

// Visits

function visitOf(row: VisitRow): Visit {
  return {
    id: row.id,
    desa: row.desa_code,
    household: row.household,
    targetId: row.target_id,
    agentId: row.agent_id,
    agentNama: row.agent_nama,
    visitedOn: row.visited_on,
    outcome: row.outcome,
    refusalReason: row.refusal_reason as RefusalReason | null,
    refusalNote: row.refusal_note,
    nextVisitOn: row.next_visit_on,
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** What makes two sendings the same visit (not who sent it, nor when it arrived). */
const VISIT_CONTENT = [
  'desa_code',
  'household',
  'target_id',
  'agent_id',
  'visited_on',
  'outcome',
  'refusal_reason',
  'refusal_note',
  'next_visit_on',
  'note',
] as const satisfies readonly (keyof NewVisit & keyof VisitRow)[];

function repeatedVisit(stored: VisitRow, sent: NewVisit): { created: false; visit: Visit } {
  const differ = differences<Pick<NewVisit, (typeof VISIT_CONTENT)[number]>>(
    stored,
    sent,
    VISIT_CONTENT,
  );
  if (differ.length > 0) {
    throw new Conflict(
      `visit ${sent.id}: already recorded with other ${differ.join(', ')}; a different visit needs a new id`,
    );
  }
  return { created: false, visit: visitOf(stored) };
}

export interface RecordedVisit {
  /** false: this id was already stored with the same content (a repeat). */
  created: boolean;
  visit: Visit;
}

/**
 * Logs a visit to a household on the village's worklist. Sent again with
 * the same id and content, the stored visit is answered (created: false).
 */
export async function recordVisit(
  db: Kysely<DB>,
  actor: Actor,
  input: RecordVisitInput,
  options: FieldworkOptions = {},
): Promise<RecordedVisit> {
  const data = parseRequest(recordVisitSchema, input);
  const today = options.today ?? todayInJakarta();
  const desa = writableVillage(actor, data.desa);
  if (data.visitedOn > today) {
    throw new InvalidRequest(`visitedOn: ${data.visitedOn} is in the future (today ${today})`);
  }
  if (data.outcome === 'MENOLAK' && data.refusalReason === undefined) {
    throw new InvalidRequest('refusalReason: required when the outcome is MENOLAK');
  }
  if (data.outcome !== 'MENOLAK' && data.refusalReason !== undefined) {
    throw new InvalidRequest('refusalReason: only for the outcome MENOLAK');
  }
  if (data.refusalReason === undefined && data.refusalNote !== undefined) {
    throw new InvalidRequest('refusalNote: only with a refusal reason');
  }
  if (data.refusalReason === 'LAINNYA' && data.refusalNote === undefined) {
    throw new InvalidRequest('refusalNote: required when the refusal reason is LAINNYA');
  }
  if (data.nextVisitOn !== undefined && data.nextVisitOn < data.visitedOn) {
    throw new InvalidRequest('nextVisitOn: before visitedOn');
  }
  const agentId = await resolveAgent(db, actor, {
    desa,
    agentId: data.agentId,
    on: data.visitedOn,
    required: true,
    permission: 'visits:write',
  });
  const row: NewVisit = {
    id: data.id.toLowerCase(),
    kabupaten_code: desa.slice(0, 4),
    desa_code: desa,
    household: data.household,
    target_id: data.targetId ?? null,
    agent_id: agentId,
    visited_on: data.visitedOn,
    outcome: data.outcome,
    refusal_reason: data.refusalReason ?? null,
    refusal_note: data.refusalNote ?? null,
    next_visit_on: data.nextVisitOn ?? null,
    note: data.note ?? null,
    recorded_by: actor.name,
  };
  // A repeat is answered before the worklist checks: the month's
  // reconciliation may have closed the target since the first sending.
  const stored = await findVisitById(db, row.id);
  if (stored) return repeatedVisit(stored, row);

  if (data.targetId !== undefined) {
    const target = await findTargetPlace(db, data.targetId);
    if (target?.desa_code !== desa || target.household !== data.household) {
      throw new InvalidRequest(
        `targetId ${data.targetId}: not a person of household ${data.household} in desa ${dotted(desa)}`,
      );
    }
  }
  const month = data.visitedOn.slice(0, 7);
  if (!(await isHouseholdOnWorklist(db, { desa, household: data.household, month }))) {
    throw new InvalidRequest(
      `household ${data.household}: not on the worklist of desa ${dotted(desa)}`,
    );
  }
  const created = await insertVisit(db, row);
  // Not created: the same id arrived twice at once and the other one won.
  const now = await findVisitById(db, row.id);
  if (!now) throw new Error(`visit ${row.id}: not found after insert`);
  return created ? { created: true, visit: visitOf(now) } : repeatedVisit(now, row);
}

/** Visits in the caller's area (or a region of it), newest first; the read is audited. */
export async function listVisits(
  db: Kysely<DB>,
  actor: Actor,
  query: VisitListQuery,
): Promise<{ total: number; visits: Visit[] }> {
  const data = parseRequest(visitListQuerySchema, query);
  const scope = narrowScope(requirePermission(actor, 'visits:read'), data.within);
  if (data.from !== undefined && data.to !== undefined && data.from > data.to) {
    throw new InvalidRequest('from: after to');
  }
  const filter = { scope, from: data.from, to: data.to, agentId: data.agentId };
  const page = { limit: data.limit, offset: data.offset };
  const total = await countVisits(db, filter);
  const rows = await findVisits(db, actor, filter, page);
  await recordAudit(db, actor, {
    action: 'list',
    subject: 'visits',
    query: { within: data.within, from: data.from, to: data.to, agentId: data.agentId, ...page },
    scope,
    rowCount: rows.length,
  });
  return { total, visits: rows.map(visitOf) };
}

// Outreach events

function outreachOf(row: OutreachRow): Outreach {
  return {
    id: row.id,
    desa: row.desa_code,
    agentId: row.agent_id,
    agentNama: row.agent_nama,
    heldOn: row.held_on,
    place: row.place,
    audience: row.audience,
    attendance: row.attendance,
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
  };
}

const OUTREACH_CONTENT = [
  'desa_code',
  'agent_id',
  'held_on',
  'place',
  'audience',
  'attendance',
  'note',
] as const satisfies readonly (keyof NewOutreach & keyof OutreachRow)[];

function repeatedOutreach(stored: OutreachRow, sent: NewOutreach) {
  const differ = differences<Pick<NewOutreach, (typeof OUTREACH_CONTENT)[number]>>(
    stored,
    sent,
    OUTREACH_CONTENT,
  );
  if (differ.length > 0) {
    throw new Conflict(
      `outreach ${sent.id}: already recorded with other ${differ.join(', ')}; a different event needs a new id`,
    );
  }
  return { created: false, event: outreachOf(stored) };
}

/**
 * Logs an outreach event. An agent's own, or one village staff enter, with
 * or without the agent who held it.
 */
export async function recordOutreach(
  db: Kysely<DB>,
  actor: Actor,
  input: RecordOutreachInput,
  options: FieldworkOptions = {},
): Promise<{ created: boolean; event: Outreach }> {
  const data = parseRequest(recordOutreachSchema, input);
  const today = options.today ?? todayInJakarta();
  const desa = writableVillage(actor, data.desa);
  if (data.heldOn > today) {
    throw new InvalidRequest(`heldOn: ${data.heldOn} is in the future (today ${today})`);
  }
  const agentId = await resolveAgent(db, actor, {
    desa,
    agentId: data.agentId,
    on: data.heldOn,
    required: false,
    permission: 'visits:write',
  });
  const row: NewOutreach = {
    id: data.id.toLowerCase(),
    kabupaten_code: desa.slice(0, 4),
    desa_code: desa,
    agent_id: agentId,
    held_on: data.heldOn,
    place: data.place,
    audience: data.audience,
    attendance: data.attendance,
    note: data.note ?? null,
    recorded_by: actor.name,
  };
  const created = await insertOutreach(db, row);
  const stored = await findOutreachById(db, row.id);
  if (!stored) throw new Error(`outreach ${row.id}: not found after insert`);
  return created ? { created: true, event: outreachOf(stored) } : repeatedOutreach(stored, row);
}

/** Outreach events in the caller's area (or a region of it), newest first. */
export async function listOutreach(
  db: Kysely<DB>,
  actor: Actor,
  query: OutreachListQuery,
): Promise<{ total: number; events: Outreach[] }> {
  const data = parseRequest(outreachListQuerySchema, query);
  const scope = narrowScope(requirePermission(actor, 'visits:read'), data.within);
  if (data.from !== undefined && data.to !== undefined && data.from > data.to) {
    throw new InvalidRequest('from: after to');
  }
  const filter = { scope, from: data.from, to: data.to, agentId: data.agentId };
  const page = { limit: data.limit, offset: data.offset };
  const total = await countOutreach(db, filter);
  const rows = await findOutreach(db, filter, page);
  return { total, events: rows.map(outreachOf) };
}
