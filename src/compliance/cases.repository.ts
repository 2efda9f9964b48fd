// Compliance cases and their steps: the employer's case file, no person's data.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Scope } from '../access/roles.policy.ts';
import type { ComplianceStep, DB } from '../db/schema.ts';

type Db = Kysely<DB>;

/**
 * The employer's district overlaps the scope: it lies inside it (a province
 * user's districts), or contains it (a kecamatan or village asked for: the
 * cases of its district).
 */
export function kabupatenOverlaps(column: string, scope: Scope) {
  if (scope.everywhere) return sql<SqlBool>`true`;
  const prefixes = scope.prefixes;
  return sql<SqlBool>`(${sql.ref(column)} LIKE ANY(${prefixes.map((p) => `${p}%`)}::text[])
    OR EXISTS (SELECT 1 FROM unnest(${prefixes}::text[]) p WHERE p LIKE ${sql.ref(column)} || '%'))`;
}

export interface CaseRow {
  id: number;
  employer_id: number;
  kabupaten_code: string;
  employer: string;
  employer_key: string;
  alamat: string | null;
  opened_on: string;
  opened_by: string;
  status: 'OPEN' | 'CLOSED';
  closed_on: string | null;
  closed_by: string | null;
  close_outcome: 'PATUH' | 'DITUTUP_LAINNYA' | null;
  note: string | null;
  close_note: string | null;
}

export interface StepRow {
  id: number;
  case_id: number;
  step: ComplianceStep;
  started_on: string;
  due_on: string | null;
  done_on: string | null;
  outcome: string | null;
  note: string | null;
  recorded_by: string;
  done_by: string | null;
}

function selectCases(db: Db) {
  return db
    .selectFrom('compliance_cases as c')
    .innerJoin('employers as e', 'e.id', 'c.employer_id')
    .select([
      'c.id',
      'c.employer_id',
      'e.kabupaten_code',
      'e.nama as employer',
      'e.nama_kunci as employer_key',
      'e.alamat',
      'c.opened_on',
      'c.opened_by',
      'c.status',
      'c.closed_on',
      'c.closed_by',
      'c.close_outcome',
      'c.note',
      'c.close_note',
    ]);
}

export async function findCaseById(
  db: Db,
  id: number,
  lock: 'for update' | 'no lock' = 'no lock',
): Promise<CaseRow | undefined> {
  let q = selectCases(db).where('c.id', '=', id);
  if (lock === 'for update') q = q.forUpdate('c');
  return q.executeTakeFirst();
}

export async function findOpenCaseOfEmployer(db: Db, employerId: number) {
  return db
    .selectFrom('compliance_cases')
    .select(['id', 'opened_on'])
    .where('employer_id', '=', employerId)
    .where('status', '=', 'OPEN')
    .executeTakeFirst();
}

export async function findCases(
  db: Db,
  filter: {
    scope: Scope;
    status?: 'OPEN' | 'CLOSED' | undefined;
    /** Only open cases with a step due before this date and not done. */
    overdueOn?: string | undefined;
  },
): Promise<CaseRow[]> {
  let q = selectCases(db).where(kabupatenOverlaps('e.kabupaten_code', filter.scope));
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.overdueOn !== undefined) {
    const today = filter.overdueOn;
    q = q
      .where('c.status', '=', 'OPEN')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('compliance_steps as s')
            .select('s.id')
            .whereRef('s.case_id', '=', 'c.id')
            .where('s.done_on', 'is', null)
            .where('s.due_on', '<', today),
        ),
      );
  }
  return q.orderBy('c.status', 'desc').orderBy('c.opened_on').orderBy('c.id').execute();
}

/** The open cases of the employers whose district overlaps the scope. */
export async function findOpenCasesOverlapping(db: Db, scope: Scope): Promise<CaseRow[]> {
  return findCases(db, { scope, status: 'OPEN' });
}

export async function findStepsOfCases(db: Db, caseIds: readonly number[]): Promise<StepRow[]> {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('compliance_steps')
    .select([
      'id',
      'case_id',
      'step',
      'started_on',
      'due_on',
      'done_on',
      'outcome',
      'note',
      'recorded_by',
      'done_by',
    ])
    .where('case_id', 'in', [...caseIds])
    .orderBy('case_id')
    .orderBy('started_on')
    .orderBy('id')
    .execute();
}

export async function insertCase(
  db: Db,
  row: { employer_id: number; opened_on: string; opened_by: string; note: string | null },
): Promise<number> {
  const r = await db
    .insertInto('compliance_cases')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertStep(
  db: Db,
  row: {
    case_id: number;
    step: ComplianceStep;
    started_on: string;
    due_on: string | null;
    note: string | null;
    recorded_by: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('compliance_steps')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateStepDone(
  db: Db,
  id: number,
  done: { done_on: string; outcome: string; done_by: string },
): Promise<void> {
  await db.updateTable('compliance_steps').set(done).where('id', '=', id).execute();
}

export async function updateCaseClosed(
  db: Db,
  id: number,
  close: {
    closed_on: string;
    closed_by: string;
    close_outcome: 'PATUH' | 'DITUTUP_LAINNYA';
    close_note: string | null;
  },
): Promise<void> {
  await db
    .updateTable('compliance_cases')
    .set({ ...close, status: 'CLOSED' })
    .where('id', '=', id)
    .execute();
}
