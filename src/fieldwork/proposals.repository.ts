// Registrasi's SQL: proposals, their people and every transition, the closed
// loop run by each reconciliation (confirm people the extract shows active,
// flag registrations that have not appeared), and the district's PBI budget.
import { type Kysely, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { identifierAs, likeAny } from '../access/personal-data.repository.ts';
import type { Scope } from '../access/roles.policy.ts';
import type { DB, ProposalStatus, Segmen } from '../db/schema.ts';
import { inScope } from './targets.repository.ts';

type Db = Kysely<DB>;

export const OPEN_STATUSES: readonly ProposalStatus[] = ['DIAJUKAN', 'DIVERIFIKASI', 'TERDAFTAR'];

export interface NewProposal {
  id: string;
  kabupatenCode: string;
  desaCode: string;
  household: string;
  kind: 'ORANG' | 'KELUARGA';
  pathway: string;
  segmen: Segmen;
  kelas: number | null;
  documents: Record<string, boolean>;
  basePeriod: string;
  agentId: number | null;
  proposedOn: string;
  proposedBy: string;
  note: string | null;
  people: { targetId: number; sourceId: string; noka: string | null }[];
}

/** Inserts the proposal, its people and its first event; false when the id exists. */
export async function insertProposal(db: Db, p: NewProposal): Promise<boolean> {
  const inserted = await db
    .insertInto('proposals')
    .values({
      id: p.id,
      kabupaten_code: p.kabupatenCode,
      desa_code: p.desaCode,
      household: p.household,
      kind: p.kind,
      pathway: p.pathway,
      segmen: p.segmen,
      kelas: p.kelas,
      documents: JSON.stringify(p.documents),
      status: 'DIAJUKAN',
      base_period: p.basePeriod,
      agent_id: p.agentId,
      proposed_on: p.proposedOn,
      proposed_by: p.proposedBy,
      note: p.note,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await db
    .insertInto('proposal_people')
    .values(
      p.people.map((person) => ({
        proposal_id: p.id,
        target_id: person.targetId,
        desa_code: p.desaCode,
        source_id: person.sourceId,
        noka: person.noka,
      })),
    )
    .execute();
  await insertEvent(db, p.id, p.proposedBy, null, 'DIAJUKAN', p.note);
  return true;
}

export async function insertEvent(
  db: Db,
  proposalId: string,
  actor: string,
  from: string | null,
  to: string,
  note: string | null,
): Promise<void> {
  await db
    .insertInto('proposal_events')
    .values({ proposal_id: proposalId, actor, from_status: from, to_status: to, note })
    .execute();
}

/** Targets among these that already sit in an open proposal. */
export async function findTargetsInOpenProposals(
  db: Db,
  targetIds: readonly number[],
): Promise<number[]> {
  if (targetIds.length === 0) return [];
  const rows = await db
    .selectFrom('proposal_people as pp')
    .innerJoin('proposals as p', 'p.id', 'pp.proposal_id')
    .select('pp.target_id')
    .where('pp.target_id', 'in', [...targetIds])
    .where('p.status', 'in', [...OPEN_STATUSES])
    .execute();
  return rows.map((r) => r.target_id);
}

export type ProposalRow = Awaited<ReturnType<typeof findProposalRow>>;

/** The proposal's own row (no personal fields), for the workflow. */
export async function findProposalRow(db: Db, id: string) {
  return db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The proposal's people with their names (identifiers as the actor may see them). */
export async function findProposalPeople(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('proposal_people as pp')
    .innerJoin('targets as t', 't.id', 'pp.target_id')
    .leftJoin('residents as r', (j) =>
      j
        .onRef('r.import_id', '=', 't.resident_import_id')
        .onRef('r.row_no', '=', 't.resident_row_no'),
    )
    .select(['pp.target_id', 'pp.confirmed_period', 'r.nama', 'r.tanggal_lahir', 't.status'])
    .select(identifierAs(actor, 'r.nik', 'pp.desa_code').as('nik'))
    .select(identifierAs(actor, 'pp.noka', 'pp.desa_code').as('noka'))
    .select(sql<string | null>`r.nik`.as('_nik'))
    .where('pp.proposal_id', '=', id)
    .orderBy('pp.target_id')
    .execute();
}

export async function findProposalEvents(db: Db, id: string) {
  return db
    .selectFrom('proposal_events')
    .select(['at', 'actor', 'from_status', 'to_status', 'note'])
    .where('proposal_id', '=', id)
    .orderBy('id')
    .execute();
}

/** Proposals inside the scope, newest first (no personal fields: ids, counts, status). */
export async function findProposals(
  db: Db,
  q: { scope: Scope; status?: ProposalStatus | undefined; limit: number; offset: number },
) {
  let query = db
    .selectFrom('proposals as p')
    .select([
      'p.id',
      'p.desa_code',
      'p.household',
      'p.kind',
      'p.pathway',
      'p.segmen',
      'p.kelas',
      'p.status',
      'p.base_period',
      'p.agent_id',
      'p.proposed_on',
      'p.registered_on',
      'p.expected_period',
      'p.confirmed_period',
      'p.overdue_period',
      'p.rejected_reason',
    ])
    .select((eb) =>
      eb
        .selectFrom('proposal_people as pp')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('pp.proposal_id', '=', 'p.id')
        .as('people'),
    )
    .where(likeAny('p.desa_code', q.scope));
  if (q.status) query = query.where('p.status', '=', q.status);
  return query
    .orderBy('p.proposed_on', 'desc')
    .orderBy('p.created_at', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}

/** Moves a proposal from one status to another, if it is still in `from`; false otherwise. */
export async function updateProposalStatus(
  db: Db,
  id: string,
  from: ProposalStatus,
  set: {
    status: ProposalStatus;
    verified_by?: string;
    verified_at?: Date;
    registered_on?: string;
    expected_period?: string;
    rejected_reason?: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('proposals')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setPersonNoka(
  db: Db,
  proposalId: string,
  targetId: number,
  noka: string,
): Promise<void> {
  await db
    .updateTable('proposal_people')
    .set({ noka })
    .where('proposal_id', '=', proposalId)
    .where('target_id', '=', targetId)
    .execute();
}

/** Whether the district is UHC Prioritas on the date. */
export async function isUhcPrioritas(db: Db, kabupaten: string, on: string): Promise<boolean> {
  const r = await db
    .selectFrom('uhc_prioritas')
    .select('kabupaten_code')
    .where('kabupaten_code', '=', kabupaten)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', on)]))
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertUhcPrioritas(
  db: Db,
  row: { kabupaten: string; validFrom: string; validUntil: string | null; note: string | null },
): Promise<void> {
  await db
    .insertInto('uhc_prioritas')
    .values({
      kabupaten_code: row.kabupaten,
      valid_from: row.validFrom,
      valid_until: row.validUntil,
      note: row.note,
    })
    .onConflict((oc) =>
      oc
        .columns(['kabupaten_code', 'valid_from'])
        .doUpdateSet({ valid_until: row.validUntil, note: row.note }),
    )
    .execute();
}

export async function findUhcPrioritas(db: Db, scope: Scope) {
  return db
    .selectFrom('uhc_prioritas')
    .selectAll()
    .where(likeAny('kabupaten_code', scope))
    .orderBy('kabupaten_code')
    .orderBy('valid_from')
    .execute();
}

// ---------------------------------------------------------------------------
// The closed loop, inside a reconciliation's transaction.

export interface LoopResult {
  /** People the month's extract shows active, of open proposals made from earlier data. */
  peopleConfirmed: number;
  /** Proposals all of whose people are now confirmed: TERKONFIRMASI_AKTIF. */
  proposalsConfirmed: number;
  /** Registrations expected active by this month and not seen: flagged. */
  proposalsOverdue: number;
}

/**
 * A person of an open proposal is confirmed when the month's reconciliation
 * finds their register record active, or the extract has their registered
 * noka active (wherever the insurer has them living).
 */
export async function closeLoop(
  db: Db,
  s: { period: string; scope: string },
  actorName: string,
): Promise<LoopResult> {
  const people = await sql`
    UPDATE proposal_people pp SET confirmed_period = ${s.period}
    FROM proposals p
    WHERE pp.proposal_id = p.id AND pp.confirmed_period IS NULL
      AND p.status IN ('DIAJUKAN', 'DIVERIFIKASI', 'TERDAFTAR') AND p.base_period < ${s.period}
      AND ${inScope('pp.desa_code', s.scope)}
      AND (EXISTS (
            SELECT 1 FROM resident_outcomes ro
            WHERE ro.period = ${s.period} AND ro.desa_code = pp.desa_code
              AND ro.source_id = pp.source_id AND ro.status = 'AKTIF')
        OR pp.noka IN (
            -- The month's extract by its imports (the row key leads with the
            -- import), only for the nokas of open proposals.
            SELECT m.noka FROM members m
            WHERE m.import_id IN (
                SELECT id FROM imports
                WHERE kind = 'membership' AND status = 'committed' AND period = ${s.period})
              AND m.status = 'AKTIF'
              AND m.noka IN (
                SELECT q.noka FROM proposal_people q JOIN proposals o ON o.id = q.proposal_id
                WHERE q.noka IS NOT NULL AND q.confirmed_period IS NULL
                  AND o.status IN ('DIAJUKAN', 'DIVERIFIKASI', 'TERDAFTAR'))))`.execute(db);
  const confirmed = await sql<{ id: string; status: string }>`
    WITH done AS (
      SELECT p.id, p.status FROM proposals p
      WHERE p.status IN ('DIAJUKAN', 'DIVERIFIKASI', 'TERDAFTAR') AND ${inScope('p.desa_code', s.scope)}
        AND NOT EXISTS (
          SELECT 1 FROM proposal_people pp WHERE pp.proposal_id = p.id AND pp.confirmed_period IS NULL)
        AND EXISTS (SELECT 1 FROM proposal_people pp WHERE pp.proposal_id = p.id)
      FOR UPDATE
    )
    UPDATE proposals p SET status = 'TERKONFIRMASI_AKTIF', confirmed_period = ${s.period},
      updated_at = now()
    FROM done WHERE p.id = done.id
    RETURNING p.id, done.status`.execute(db);
  if (confirmed.rows.length > 0) {
    await db
      .insertInto('proposal_events')
      .values(
        confirmed.rows.map((r) => ({
          proposal_id: r.id,
          actor: actorName,
          from_status: r.status,
          to_status: 'TERKONFIRMASI_AKTIF',
          note: `aktif di data peserta BPJS periode ${s.period}`,
        })),
      )
      .execute();
  }
  const overdue = await sql`
    UPDATE proposals SET overdue_period = ${s.period}, updated_at = now()
    WHERE status = 'TERDAFTAR' AND overdue_period IS NULL AND expected_period <= ${s.period}
      AND ${inScope('desa_code', s.scope)}`.execute(db);
  return {
    peopleConfirmed: Number(people.numAffectedRows ?? 0),
    proposalsConfirmed: confirmed.rows.length,
    proposalsOverdue: Number(overdue.numAffectedRows ?? 0),
  };
}

// ---------------------------------------------------------------------------
// The district budget: district-paid (PBI APBD) proposals and their cost.

export interface BudgetRow {
  id: string;
  desa_code: string;
  desa: string;
  kind: string;
  status: ProposalStatus;
  people: number;
  proposed_on: string;
  start_period: string;
  months: number;
  confirmed: boolean;
}

/**
 * PBI APBD proposals (not rejected) that cost the year something: from the
 * month they are expected active (for one not yet registered: the month after
 * it was proposed) to December; one begun in an earlier year costs all twelve.
 */
export async function findBudgetRows(db: Db, scope: Scope, year: number): Promise<BudgetRow[]> {
  const r = await sql<BudgetRow>`
    WITH p AS (
      SELECT p.id, p.desa_code, p.kind, p.status, p.proposed_on::text AS proposed_on,
        coalesce(p.expected_period,
          to_char(date_trunc('month', p.proposed_on) + interval '1 month', 'YYYY-MM')) AS start_period,
        (SELECT count(*)::int FROM proposal_people pp WHERE pp.proposal_id = p.id) AS people
      FROM proposals p
      WHERE p.segmen = 'PBI_APBD' AND p.status <> 'DITOLAK' AND ${likeAny('p.desa_code', scope)}
    )
    SELECT p.id, p.desa_code, coalesce(g.name, '') AS desa, p.kind, p.status, p.people,
      p.proposed_on, p.start_period,
      CASE WHEN left(p.start_period, 4)::int < ${year} THEN 12
        ELSE 13 - right(p.start_period, 2)::int END AS months,
      p.status = 'TERKONFIRMASI_AKTIF' AS confirmed
    FROM p LEFT JOIN regions g ON g.code = p.desa_code
    WHERE left(p.start_period, 4)::int <= ${year}
    ORDER BY p.desa_code, p.proposed_on, p.id`.execute(db);
  return r.rows;
}
