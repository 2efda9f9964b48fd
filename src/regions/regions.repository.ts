// All SQL about regions.
import { type Kysely, sql } from 'kysely';
import type { DB, RegionsTable } from '../db/schema.ts';

export type RegionRow = Omit<RegionsTable, 'name_search'>;

export interface NewRegion {
  code: string;
  level: RegionsTable['level'];
  parent_code: string | null;
  name: string;
  desa_kind: RegionsTable['desa_kind'];
}

export async function findRegionSource(db: Kysely<DB>, source: string) {
  return db
    .selectFrom('region_sources')
    .selectAll()
    .where('source', '=', source)
    .executeTakeFirst();
}

/** Upserts a batch (parents before children); name_search is derived in SQL. */
export async function upsertRegions(db: Kysely<DB>, rows: readonly NewRegion[]): Promise<void> {
  await sql`
    INSERT INTO regions (code, level, parent_code, name, name_search, desa_kind)
    SELECT code, level, parent_code, name, lower(unaccent(name)), desa_kind
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS r(code text, level text, parent_code text, name text, desa_kind text)
    ON CONFLICT (code) DO UPDATE SET
      level = excluded.level, parent_code = excluded.parent_code, name = excluded.name,
      name_search = excluded.name_search, desa_kind = excluded.desa_kind
  `.execute(db);
}

export async function upsertRegionSource(
  db: Kysely<DB>,
  row: { source: string; version: string; licence: string; region_count: number },
): Promise<void> {
  await db
    .insertInto('region_sources')
    .values({ ...row, loaded_at: new Date() })
    .onConflict((oc) =>
      oc.column('source').doUpdateSet({
        version: row.version,
        licence: row.licence,
        region_count: row.region_count,
        loaded_at: new Date(),
      }),
    )
    .execute();
}

const regionColumns = ['code', 'level', 'parent_code', 'name', 'desa_kind'] as const;

export async function findRegionByCode(
  db: Kysely<DB>,
  code: string,
): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').select(regionColumns).where('code', '=', code).executeTakeFirst();
}

export async function findRegionsByCodes(
  db: Kysely<DB>,
  codes: readonly string[],
): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('regions').select(regionColumns).where('code', 'in', codes).execute();
}

/**
 * Case- and accent-insensitive name search: exact names first, then names
 * that start with the text, then names containing it, then close spellings
 * (trigram similarity), each in code order.
 */
export async function searchRegionsByName(
  db: Kysely<DB>,
  text: string,
  opts: { level?: RegionsTable['level'] | undefined; limit: number },
): Promise<RegionRow[]> {
  const needle = sql<string>`lower(unaccent(${text}))`;
  const rank = sql<number>`CASE
    WHEN name_search = ${needle} THEN 0
    WHEN regexp_replace(name_search, '^(kabupaten|kota|kab\\.?) ', '') = ${needle} THEN 0
    WHEN name_search LIKE ${needle} || '%' THEN 1
    WHEN strpos(name_search, ${needle}) > 0 THEN 2
    ELSE 3 END`;
  let query = db
    .selectFrom('regions')
    .select(regionColumns)
    .where((eb) =>
      eb.or([
        eb(sql`strpos(name_search, ${needle})`, '>', 0),
        eb(sql`similarity(name_search, ${needle})`, '>=', 0.45),
      ]),
    );
  if (opts.level) query = query.where('level', '=', opts.level);
  return query
    .orderBy(rank)
    .orderBy(sql`similarity(name_search, ${needle})`, 'desc')
    .orderBy('code')
    .limit(opts.limit)
    .execute();
}

/** Number of regions below a code, by level and village kind. */
export async function countDescendants(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('regions')
    .select(['level', 'desa_kind', sql<number>`count(*)::int`.as('n')])
    .where('code', 'like', `${code}%`)
    .where('code', '<>', code)
    .groupBy(['level', 'desa_kind'])
    .execute();
}

/** Every code of one level, for validating a file's rows in memory. */
export async function findCodesAtLevel(
  db: Kysely<DB>,
  level: RegionsTable['level'],
): Promise<string[]> {
  const rows = await db.selectFrom('regions').select('code').where('level', '=', level).execute();
  return rows.map((r) => r.code);
}
