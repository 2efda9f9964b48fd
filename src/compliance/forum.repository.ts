// Forum meetings and their action items: offices and dates, no person's data.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Scope } from '../access/roles.policy.ts';
import type { ActionStatus, DB, ForumOffice } from '../db/schema.ts';

type Db = Kysely<DB>;

/**
 * A meeting's region is seen from the scope when it lies inside it (a
 * district user sees its villages' forums) or contains it (and its province's
 * forum, and the national one).
 */
export function forumRegionSeen(column: string, scope: Scope) {
  if (scope.everywhere) return sql<SqlBool>`true`;
  const prefixes = scope.prefixes;
  return sql<SqlBool>`(${sql.ref(column)} LIKE ANY(${prefixes.map((p) => `${p}%`)}::text[])
    OR EXISTS (SELECT 1 FROM unnest(${prefixes}::text[]) p WHERE p LIKE ${sql.ref(column)} || '%'))`;
}

export interface MeetingRow {
  id: number;
  held_on: string;
  level: 'desa' | 'kecamatan' | 'kabupaten' | 'provinsi';
  region_code: string;
  region_name: string | null;
  offices_present: ForumOffice[];
  notes: string | null;
  created_by: string;
  actions: number;
  open_actions: number;
  overdue_actions: number;
}

const OPEN = sql<SqlBool>`a.status IN ('TERBUKA', 'PROSES')`;

export async function insertMeeting(
  db: Db,
  row: {
    held_on: string;
    level: MeetingRow['level'];
    region_code: string;
    offices_present: ForumOffice[];
    notes: string | null;
    created_by: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('forum_meetings')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Meetings seen from the scope, newest first, with their actions counted. */
export async function findMeetings(
  db: Db,
  filter: {
    scope: Scope;
    today: string;
    from?: string | undefined;
    to?: string | undefined;
    id?: number | undefined;
  },
): Promise<MeetingRow[]> {
  const { today } = filter;
  let q = db
    .selectFrom('forum_meetings as m')
    .leftJoin('regions as r', 'r.code', 'm.region_code')
    .select([
      'm.id',
      'm.held_on',
      'm.level',
      'm.region_code',
      'r.name as region_name',
      'm.offices_present',
      'm.notes',
      'm.created_by',
      sql<number>`(SELECT count(*)::int FROM action_items a WHERE a.meeting_id = m.id)`.as(
        'actions',
      ),
      sql<number>`(SELECT count(*)::int FROM action_items a WHERE a.meeting_id = m.id AND ${OPEN})`.as(
        'open_actions',
      ),
      sql<number>`(SELECT count(*)::int FROM action_items a
        WHERE a.meeting_id = m.id AND ${OPEN} AND a.due_on < ${today})`.as('overdue_actions'),
    ])
    .where(forumRegionSeen('m.region_code', filter.scope));
  if (filter.from) q = q.where('m.held_on', '>=', filter.from);
  if (filter.to) q = q.where('m.held_on', '<=', filter.to);
  if (filter.id !== undefined) q = q.where('m.id', '=', filter.id);
  return q.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').execute();
}

export async function findMeetingById(db: Db, id: number) {
  return db
    .selectFrom('forum_meetings')
    .select(['id', 'held_on', 'level', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface ActionRow {
  id: number;
  meeting_id: number;
  meeting_held_on: string;
  level: MeetingRow['level'];
  region_code: string;
  description: string;
  responsible_office: ForumOffice;
  due_on: string;
  status: ActionStatus;
  evidence: string | null;
  updated_at: Date;
  updated_by: string;
}

function selectActions(db: Db) {
  return db
    .selectFrom('action_items as a')
    .innerJoin('forum_meetings as m', 'm.id', 'a.meeting_id')
    .select([
      'a.id',
      'a.meeting_id',
      'm.held_on as meeting_held_on',
      'm.level',
      'm.region_code',
      'a.description',
      'a.responsible_office',
      'a.due_on',
      'a.status',
      'a.evidence',
      'a.updated_at',
      'a.updated_by',
    ]);
}

export async function insertAction(
  db: Db,
  row: {
    meeting_id: number;
    description: string;
    responsible_office: ForumOffice;
    due_on: string;
    status: ActionStatus;
    evidence: string | null;
    by: string;
  },
): Promise<number> {
  const { by, ...values } = row;
  const r = await db
    .insertInto('action_items')
    .values({ ...values, created_by: by, updated_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findActionById(
  db: Db,
  id: number,
  lock: 'for update' | 'no lock' = 'no lock',
): Promise<ActionRow | undefined> {
  let q = selectActions(db).where('a.id', '=', id);
  if (lock === 'for update') q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export async function updateAction(
  db: Db,
  id: number,
  change: { status?: ActionStatus; evidence?: string; due_on?: string; by: string },
): Promise<void> {
  const { by, ...set } = change;
  await db
    .updateTable('action_items')
    .set({ ...set, updated_by: by, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Actions of the meetings seen from the scope, by due date. */
export async function findActions(
  db: Db,
  filter: {
    scope: Scope;
    today: string;
    meetingId?: number | undefined;
    office?: ForumOffice | undefined;
    status?: ActionStatus | undefined;
    overdue?: boolean | undefined;
  },
): Promise<ActionRow[]> {
  let q = selectActions(db).where(forumRegionSeen('m.region_code', filter.scope));
  if (filter.meetingId !== undefined) q = q.where('a.meeting_id', '=', filter.meetingId);
  if (filter.office) q = q.where('a.responsible_office', '=', filter.office);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.overdue === true) {
    q = q.where(OPEN).where('a.due_on', '<', filter.today);
  } else if (filter.overdue === false) {
    q = q.where(sql<SqlBool>`NOT (${OPEN} AND a.due_on < ${filter.today})`);
  }
  return q.orderBy('a.due_on').orderBy('a.id').execute();
}
