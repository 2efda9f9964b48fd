// All SQL of the imports feature. Row tables are filled by COPY in the
// service; here: the import history, replacement, and set-based checks.
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, ImportKind, ImportsTable } from '../db/schema.ts';

export const ROW_TABLE: Record<ImportKind, 'residents' | 'members' | 'population_figures'> = {
  population: 'residents',
  membership: 'members',
  population_figures: 'population_figures',
};

/** The key that must be unique within one import, per kind (null: none). */
const UNIQUE_KEY: Record<ImportKind, 'noka' | 'region_code' | null> = {
  population: null,
  membership: 'noka',
  population_figures: 'region_code',
};

export async function findCommittedImport(
  db: Kysely<DB>,
  kind: ImportKind,
  period: string,
  source: string,
) {
  return db
    .selectFrom('imports')
    .select(['id', 'rows_accepted'])
    .where('kind', '=', kind)
    .where('period', '=', period)
    .where('source', '=', source)
    .where('status', '=', 'committed')
    .executeTakeFirst();
}

/** Removes an import's rows and marks it replaced (inside the new import's transaction). */
export async function replaceImport(db: Kysely<DB>, kind: ImportKind, importId: number) {
  await db.deleteFrom(ROW_TABLE[kind]).where('import_id', '=', importId).execute();
  await db.updateTable('imports').set({ status: 'replaced' }).where('id', '=', importId).execute();
}

export type NewImport = Omit<Insertable<ImportsTable>, 'columns' | 'options'> & {
  columns: Record<string, unknown>;
  options: Record<string, unknown>;
};

export async function insertImport(db: Kysely<DB>, row: NewImport): Promise<number> {
  const inserted = await db
    .insertInto('imports')
    .values({ ...row, columns: JSON.stringify(row.columns), options: JSON.stringify(row.options) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateImport(
  db: Kysely<DB>,
  id: number,
  patch: Pick<
    Updateable<ImportsTable>,
    | 'finished_at'
    | 'duration_ms'
    | 'rows_read'
    | 'rows_accepted'
    | 'rows_rejected'
    | 'rows_flagged'
    | 'rejects_file'
  >,
) {
  await db.updateTable('imports').set(patch).where('id', '=', id).execute();
}

/** Rows whose key already appeared on an earlier row of the same import. */
export async function findDuplicateRows(
  db: Kysely<DB>,
  kind: ImportKind,
  importId: number,
): Promise<{ row_no: number; key: string; first_row_no: number }[]> {
  const key = UNIQUE_KEY[kind];
  if (key === null) return [];
  const table = ROW_TABLE[kind];
  const result = await sql<{ row_no: number; key: string; first_row_no: number }>`
    SELECT row_no, key, first_row_no FROM (
      SELECT row_no, ${sql.ref(key)} AS key,
             min(row_no) OVER (PARTITION BY ${sql.ref(key)}) AS first_row_no
      FROM ${sql.table(table)} WHERE import_id = ${importId}
    ) d
    WHERE row_no <> first_row_no
    ORDER BY row_no
  `.execute(db);
  return result.rows;
}

export async function deleteRows(
  db: Kysely<DB>,
  kind: ImportKind,
  importId: number,
  rowNos: readonly number[],
) {
  if (rowNos.length === 0) return;
  await sql`DELETE FROM ${sql.table(ROW_TABLE[kind])}
    WHERE import_id = ${importId} AND row_no = ANY(${[...rowNos]}::int[])`.execute(db);
}

/**
 * Fresh statistics for a table a file was just loaded into. PGlite has no
 * autovacuum to gather them, and a PostgreSQL server's would come minutes
 * later: without them the month's reconciliation and indicators plan their
 * joins blind (measured on PGlite at 400,000 residents: 65 s instead of 30 s).
 * ANALYZE reads a sample, not the table; it sees this transaction's rows.
 */
export async function analyzeLoaded(db: Kysely<DB>, table: string): Promise<void> {
  await sql`ANALYZE ${sql.table(table)}`.execute(db);
}

export async function findImports(
  db: Kysely<DB>,
  filter: { period?: string | undefined; kind?: ImportKind | undefined; limit: number },
) {
  let q = db.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.period) q = q.where('period', '=', filter.period);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return q.execute();
}

export async function findImportById(db: Kysely<DB>, id: number) {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Removes the rows of committed and replaced imports of the kinds before the period. */
export async function purgeBefore(
  db: Kysely<DB>,
  kinds: readonly ImportKind[],
  beforePeriod: string,
  at: Date,
): Promise<{ imports: number; rows: number }> {
  const doomed = await db
    .selectFrom('imports')
    .select(['id', 'kind'])
    .where('kind', 'in', [...kinds])
    .where('period', '<', beforePeriod)
    .where('status', 'in', ['committed', 'replaced'])
    .execute();
  let rows = 0;
  for (const kind of kinds) {
    const ids = doomed.filter((d) => d.kind === kind).map((d) => d.id);
    if (ids.length === 0) continue;
    const r = await db.deleteFrom(ROW_TABLE[kind]).where('import_id', 'in', ids).executeTakeFirst();
    rows += Number(r.numDeletedRows);
  }
  if (doomed.length > 0) {
    await db
      .updateTable('imports')
      .set({ status: 'purged', purged_at: at })
      .where(
        'id',
        'in',
        doomed.map((d) => d.id),
      )
      .execute();
  }
  return { imports: doomed.length, rows };
}

export async function findRegionLevels(db: Kysely<DB>) {
  return db.selectFrom('regions').select(['code', 'level']).execute();
}
