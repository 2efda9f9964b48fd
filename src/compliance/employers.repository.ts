// Employers and the workers the reconciliation found unregistered or stopped
// there: the open targets (closed_period IS NULL) whose employer is named and
// whose pathway is employer registration or whose membership stopped because
// employment ended (PPU_BERHENTI). The workers are personal data: the only
// queries of targets and residents of this feature are here, filtered to the
// caller's scope, identifiers masked as the caller's role requires (the
// gateway's identifierAs); the service audits what leaves.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { identifierAs, likeAny } from '../access/personal-data.repository.ts';
import type { Scope } from '../access/roles.policy.ts';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB>;

/** The open targets that are an employer's business. */
const EMPLOYER_TARGET = sql<SqlBool>`t.closed_period IS NULL
  AND t.pemberi_kerja IS NOT NULL AND btrim(t.pemberi_kerja) <> ''
  AND (t.pathway = 'PENDAFTARAN_PPU' OR t.alasan_nonaktif = 'PPU_BERHENTI')`;

export interface EmployerNameCount {
  kabupaten_code: string;
  pemberi_kerja: string;
  workers: number;
  unregistered: number;
  stopped: number;
}

/**
 * Per district and spelling of the employer's name: the workers, those not
 * registered (employer registration pathway) and those stopped (PPU_BERHENTI).
 * Spellings are folded to one employer by the name key in the service: the
 * key is code, not SQL, and a district has hundreds of names, not millions.
 */
export async function countWorkersByEmployerName(
  db: Db,
  scope: Scope,
): Promise<EmployerNameCount[]> {
  const r = await sql<EmployerNameCount>`
    SELECT t.kabupaten_code, t.pemberi_kerja,
      count(*)::int AS workers,
      count(*) FILTER (WHERE t.status = 'BELUM_TERDAFTAR' AND t.pathway = 'PENDAFTARAN_PPU')::int
        AS unregistered,
      count(*) FILTER (WHERE t.alasan_nonaktif = 'PPU_BERHENTI')::int AS stopped
    FROM targets t
    WHERE ${EMPLOYER_TARGET} AND ${likeAny('t.desa_code', scope)}
    GROUP BY t.kabupaten_code, t.pemberi_kerja
    ORDER BY t.kabupaten_code, t.pemberi_kerja`.execute(db);
  return r.rows;
}

export interface WorkerRow {
  kabupaten_code: string;
  desa_code: string;
  nama: string | null;
  nik: string | null;
  noka: string | null;
  status: string;
  alasan_nonaktif: string | null;
  pathway: string;
  segmen: string | null;
  pemberi_kerja: string;
  /** The whole NIK, for the audit entry only (never shown). */
  nik_whole: string | null;
}

/** The workers of the employer spelt any of `names`, inside the scope; NIK and noka as the actor may see them. */
export async function findWorkersByEmployerNames(
  db: Db,
  actor: Actor,
  scope: Scope,
  names: readonly string[],
): Promise<WorkerRow[]> {
  if (names.length === 0) return [];
  const r = await sql<WorkerRow>`
    SELECT t.kabupaten_code, t.desa_code, r.nama_raw AS nama,
      ${identifierAs(actor, 'r.nik', 't.desa_code')} AS nik,
      ${identifierAs(actor, 't.noka', 't.desa_code')} AS noka,
      t.status, t.alasan_nonaktif, t.pathway, t.segmen, t.pemberi_kerja,
      r.nik AS nik_whole
    FROM targets t
    LEFT JOIN residents r ON r.import_id = t.resident_import_id AND r.row_no = t.resident_row_no
    WHERE ${EMPLOYER_TARGET} AND ${likeAny('t.desa_code', scope)}
      AND t.pemberi_kerja = ANY(${[...names]}::text[])
    ORDER BY t.desa_code, r.nama, t.id`.execute(db);
  return r.rows;
}

export interface EmployerRow {
  id: number;
  kabupaten_code: string;
  nama: string;
  nama_kunci: string;
  alamat: string | null;
}

/** The employer of the district with the key, created with this name if new. */
export async function findOrInsertEmployer(
  db: Db,
  employer: { kabupaten_code: string; nama: string; nama_kunci: string; alamat: string | null },
  by: string,
): Promise<EmployerRow & { created: boolean }> {
  const inserted = await db
    .insertInto('employers')
    .values({ ...employer, created_by: by })
    .onConflict((oc) => oc.columns(['kabupaten_code', 'nama_kunci']).doNothing())
    .returning(['id', 'kabupaten_code', 'nama', 'nama_kunci', 'alamat'])
    .executeTakeFirst();
  if (inserted) return { ...inserted, created: true };
  const found = await db
    .selectFrom('employers')
    .select(['id', 'kabupaten_code', 'nama', 'nama_kunci', 'alamat'])
    .where('kabupaten_code', '=', employer.kabupaten_code)
    .where('nama_kunci', '=', employer.nama_kunci)
    .executeTakeFirstOrThrow();
  // An address learnt later fills a blank one; a known one is not overwritten.
  if (found.alamat === null && employer.alamat !== null) {
    await db
      .updateTable('employers')
      .set({ alamat: employer.alamat })
      .where('id', '=', found.id)
      .execute();
    found.alamat = employer.alamat;
  }
  return { ...found, created: false };
}
