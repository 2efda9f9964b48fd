// Test data for the indicators, made in SQL (generate_series): imports of
// each kind and their rows, in any number, without going through files.
// Synthetic rows only: no names, NIKs or nokas of real people.
import { type Kysely, sql } from 'kysely';
import type { DB, ImportKind, ImportStatus } from '../db/schema.ts';

let sources = 0;

/** A row of `imports` (a fresh source each time, so any number may be committed). */
export async function addImport(
  db: Kysely<DB>,
  kind: ImportKind,
  period: string,
  status: ImportStatus = 'committed',
): Promise<number> {
  sources += 1;
  const row = await db
    .insertInto('imports')
    .values({
      kind,
      period,
      source: `uji-${sources}`,
      status,
      file_name: `uji-${sources}.csv`,
      columns: '{}',
      options: '{}',
      imported_by: 'system:local',
      started_at: new Date(),
      finished_at: new Date(),
      duration_ms: 0,
      rows_read: 0,
      rows_accepted: 0,
      rows_rejected: 0,
      rows_flagged: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** `n` members of one village in an import of the period. */
export async function addMembers(
  db: Kysely<DB>,
  importId: number,
  desa: string,
  n: number,
  member: {
    status?: 'AKTIF' | 'NONAKTIF';
    segmen?: 'PBI_APBN' | 'PBI_APBD' | 'PPU' | 'PBPU' | 'BP';
    alasan?: string | null;
  } = {},
): Promise<void> {
  await sql`
    INSERT INTO members (import_id, row_no, period, kabupaten_code, desa_code, noka, nama,
      nama_raw, segmen, status, alasan_nonaktif)
    SELECT i.id, base.n + g, i.period, left(${desa}, 4), ${desa},
      lpad((base.n + g)::text, 13, '0'), 'PESERTA UJI', 'PESERTA UJI',
      ${member.segmen ?? 'PBPU'}, ${member.status ?? 'AKTIF'}, ${member.alasan ?? null}
    FROM imports i
    CROSS JOIN (SELECT coalesce(max(row_no), 0) AS n FROM members WHERE import_id = ${importId}) base
    CROSS JOIN generate_series(1, ${n}::int) g
    WHERE i.id = ${importId}`.execute(db);
}

/** `n` residents of one village in a register import of the period. */
export async function addResidents(
  db: Kysely<DB>,
  importId: number,
  desa: string,
  n: number,
  hidup = true,
): Promise<void> {
  await sql`
    INSERT INTO residents (import_id, row_no, period, kabupaten_code, desa_code, source_id,
      nama, nama_raw, hidup)
    SELECT i.id, base.n + g, i.period, left(${desa}, 4), ${desa}, 'P' || (base.n + g),
      'Penduduk Uji', 'Penduduk Uji', ${hidup}
    FROM imports i
    CROSS JOIN (SELECT coalesce(max(row_no), 0) AS n FROM residents WHERE import_id = ${importId}) base
    CROSS JOIN generate_series(1, ${n}::int) g
    WHERE i.id = ${importId}`.execute(db);
}

const LEVEL_OF: Record<number, string> = {
  2: 'provinsi',
  4: 'kabupaten',
  6: 'kecamatan',
  10: 'desa',
};

/** Official population figures (region code → jumlah penduduk) in a figures import. */
export async function addFigures(
  db: Kysely<DB>,
  importId: number,
  figures: Record<string, number>,
): Promise<void> {
  const entries = Object.entries(figures);
  for (const [i, [code, jumlah]] of entries.entries()) {
    await sql`
      INSERT INTO population_figures (import_id, row_no, period, region_code, level,
        kabupaten_code, jumlah_penduduk)
      SELECT id, ${i + 1}::int, period, ${code}, ${LEVEL_OF[code.length] ?? 'desa'},
        ${code.length >= 4 ? code.slice(0, 4) : null}, ${jumlah}::int
      FROM imports WHERE id = ${importId}`.execute(db);
  }
}

/** Reconciliation outcomes of `n` residents of a village (no run needed: run_id as given). */
export async function addResidentOutcomes(
  db: Kysely<DB>,
  o: {
    period: string;
    desa: string;
    n: number;
    status: 'AKTIF' | 'NONAKTIF' | 'BELUM_TERDAFTAR' | 'PERLU_VERIFIKASI';
    decision?: 'match' | 'review' | null;
    hidup?: boolean;
    runId?: number;
  },
): Promise<void> {
  await sql`
    INSERT INTO resident_outcomes (period, run_id, kabupaten_code, desa_code, resident_import_id,
      resident_row_no, source_id, hidup, status, decision)
    SELECT ${o.period}, ${o.runId ?? 1}::bigint, left(${o.desa}, 4), ${o.desa}, 0,
      base.n + g, 'P' || (base.n + g), ${o.hidup ?? true}, ${o.status}, ${o.decision ?? null}
    FROM (SELECT coalesce(max(resident_row_no), 0) AS n FROM resident_outcomes
          WHERE period = ${o.period} AND resident_import_id = 0) base
    CROSS JOIN generate_series(1, ${o.n}::int) g`.execute(db);
}

/** `n` members of a village that no resident is paired with. */
export async function addUnlinkedMembers(
  db: Kysely<DB>,
  o: {
    period: string;
    desa: string;
    n: number;
    status: 'TIDAK_ADA_DI_DATA_DESA' | 'DATA_DESA_BELUM_ADA';
    runId?: number;
  },
): Promise<void> {
  await sql`
    INSERT INTO unlinked_members (period, run_id, kabupaten_code, desa_code, member_import_id,
      member_row_no, noka, status)
    SELECT ${o.period}, ${o.runId ?? 1}::bigint, left(${o.desa}, 4), ${o.desa}, 0, base.n + g,
      lpad((base.n + g)::text, 13, '0'), ${o.status}
    FROM (SELECT coalesce(max(member_row_no), 0) AS n FROM unlinked_members
          WHERE period = ${o.period} AND member_import_id = 0) base
    CROSS JOIN generate_series(1, ${o.n}::int) g`.execute(db);
}
