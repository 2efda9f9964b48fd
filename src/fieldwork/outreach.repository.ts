// All SQL of outreach events (sosialisasi): village meetings counted by
// attendance, naming no one but the agent who held them.
import { type Kysely, type SqlBool, sql } from 'kysely';
import { likeAny } from '../access/personal-data.repository.ts';
import type { Scope } from '../access/roles.policy.ts';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB>;

export interface OutreachRow {
  id: string;
  desa_code: string;
  agent_id: number | null;
  agent_nama: string | null;
  held_on: string;
  place: string;
  audience: string;
  attendance: number;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface NewOutreach {
  id: string;
  kabupaten_code: string;
  desa_code: string;
  agent_id: number | null;
  held_on: string;
  place: string;
  audience: string;
  attendance: number;
  note: string | null;
  recorded_by: string;
}

function selectOutreach(db: Db) {
  return db
    .selectFrom('outreach_events as o')
    .leftJoin('agents', 'agents.id', 'o.agent_id')
    .select([
      'o.id',
      'o.desa_code',
      'o.agent_id',
      'agents.nama as agent_nama',
      'o.held_on',
      'o.place',
      'o.audience',
      'o.attendance',
      'o.note',
      'o.recorded_by',
      'o.recorded_at',
    ]);
}

export function findOutreachById(db: Db, id: string): Promise<OutreachRow | undefined> {
  return selectOutreach(db).where('o.id', '=', id).executeTakeFirst();
}

/** Stores the event unless its id is already stored; true when it was stored now. */
export async function insertOutreach(db: Db, row: NewOutreach): Promise<boolean> {
  const r = await db
    .insertInto('outreach_events')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export interface OutreachFilter {
  scope: Scope;
  from?: string | undefined;
  to?: string | undefined;
  agentId?: number | undefined;
}

function whereFilter(filter: OutreachFilter) {
  const conditions = [likeAny('o.desa_code', filter.scope)];
  if (filter.from !== undefined) conditions.push(sql<SqlBool>`o.held_on >= ${filter.from}::date`);
  if (filter.to !== undefined) conditions.push(sql<SqlBool>`o.held_on <= ${filter.to}::date`);
  if (filter.agentId !== undefined) conditions.push(sql<SqlBool>`o.agent_id = ${filter.agentId}`);
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}

/** Events inside the scope, newest first. */
export function findOutreach(
  db: Db,
  filter: OutreachFilter,
  page: { limit: number; offset: number },
): Promise<OutreachRow[]> {
  return selectOutreach(db)
    .where(whereFilter(filter))
    .orderBy('o.held_on', 'desc')
    .orderBy('o.recorded_at', 'desc')
    .orderBy('o.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countOutreach(db: Db, filter: OutreachFilter): Promise<number> {
  const r = await db
    .selectFrom('outreach_events as o')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(whereFilter(filter))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
