// All SQL of Advokasi visits, and the worklist checks a visit needs. Visits
// name households: read only here, inside the caller's scope, with the
// household masked for roles that do not work with identifiers (the service
// writes the audit entry).
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { identifierAs, likeAny } from '../access/personal-data.repository.ts';
import type { Scope } from '../access/roles.policy.ts';
import type { DB, VisitOutcome } from '../db/schema.ts';

type Db = Kysely<DB>;

export interface VisitRow {
  id: string;
  desa_code: string;
  household: string;
  target_id: number | null;
  agent_id: number | null;
  agent_nama: string | null;
  visited_on: string;
  outcome: VisitOutcome;
  refusal_reason: string | null;
  refusal_note: string | null;
  next_visit_on: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface NewVisit {
  id: string;
  kabupaten_code: string;
  desa_code: string;
  household: string;
  target_id: number | null;
  agent_id: number | null;
  visited_on: string;
  outcome: VisitOutcome;
  refusal_reason: string | null;
  refusal_note: string | null;
  next_visit_on: string | null;
  note: string | null;
  recorded_by: string;
}

const VISIT_COLUMNS = [
  'visits.id',
  'visits.desa_code',
  'visits.target_id',
  'visits.agent_id',
  'agents.nama as agent_nama',
  'visits.visited_on',
  'visits.outcome',
  'visits.refusal_reason',
  'visits.refusal_note',
  'visits.next_visit_on',
  'visits.note',
  'visits.recorded_by',
  'visits.recorded_at',
] as const;

/** One visit as stored (household in full: for its writer, who sent it). */
export function findVisitById(db: Db, id: string): Promise<VisitRow | undefined> {
  return db
    .selectFrom('visits')
    .leftJoin('agents', 'agents.id', 'visits.agent_id')
    .select([...VISIT_COLUMNS, 'visits.household'])
    .where('visits.id', '=', id)
    .executeTakeFirst();
}

/** Stores the visit unless its id is already stored; true when it was stored now. */
export async function insertVisit(db: Db, row: NewVisit): Promise<boolean> {
  const r = await db
    .insertInto('visits')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * The household is on the village's worklist for the month of a visit: it
 * has a target that is open, or that a reconciliation of that month or later
 * closed (the visit may reach the server after the month's run).
 */
export async function isHouseholdOnWorklist(
  db: Db,
  place: { desa: string; household: string; month: string },
): Promise<boolean> {
  const r = await db
    .selectFrom('targets')
    .select('id')
    .where('desa_code', '=', place.desa)
    .where('household', '=', place.household)
    .where((eb) => eb.or([eb('closed_period', 'is', null), eb('closed_period', '>=', place.month)]))
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Where a target lives: its village and household. */
export function findTargetPlace(
  db: Db,
  id: number,
): Promise<{ desa_code: string; household: string } | undefined> {
  return db
    .selectFrom('targets')
    .select(['desa_code', 'household'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface VisitFilter {
  scope: Scope;
  from?: string | undefined;
  to?: string | undefined;
  agentId?: number | undefined;
}

function whereFilter(filter: VisitFilter) {
  const conditions: ReturnType<typeof likeAny>[] = [likeAny('visits.desa_code', filter.scope)];
  if (filter.from !== undefined) {
    conditions.push(sql<SqlBool>`visits.visited_on >= ${filter.from}::date`);
  }
  if (filter.to !== undefined)
    conditions.push(sql<SqlBool>`visits.visited_on <= ${filter.to}::date`);
  if (filter.agentId !== undefined) {
    conditions.push(sql<SqlBool>`visits.agent_id = ${filter.agentId}`);
  }
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}

/** Visits inside the scope, newest first; household masked as the actor may see it. */
export function findVisits(
  db: Db,
  actor: Actor,
  filter: VisitFilter,
  page: { limit: number; offset: number },
): Promise<VisitRow[]> {
  return db
    .selectFrom('visits')
    .leftJoin('agents', 'agents.id', 'visits.agent_id')
    .select([
      ...VISIT_COLUMNS,
      identifierAs(actor, 'visits.household', 'visits.desa_code').as('household'),
    ])
    .where(whereFilter(filter))
    .orderBy('visits.visited_on', 'desc')
    .orderBy('visits.recorded_at', 'desc')
    .orderBy('visits.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute() as Promise<VisitRow[]>;
}

export async function countVisits(db: Db, filter: VisitFilter): Promise<number> {
  const r = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(whereFilter(filter))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
