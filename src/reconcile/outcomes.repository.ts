// Reads of the reconciliation's results: links, outcomes per resident, the
// discrepancy list and the review queue. They are personal data (a person's
// insurance status by identifier), so every read here is filtered to the
// caller's regions, masks identifiers where the role does not need them, and
// is audited before rows leave — the same rules as the personal-data gateway,
// whose helpers it uses.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { identifierAs, likeAny } from '../access/personal-data.repository.ts';
import type { Scope } from '../access/roles.policy.ts';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB>;
export type Row = Record<string, unknown>;

export type ResultKind = 'links' | 'residents' | 'discrepancies';

export const RESULT_COLUMNS: Record<ResultKind, readonly string[]> = {
  links: ['id', 'noka', 'method', 'score', 'decision'],
  residents: [
    'id',
    'status',
    'noka',
    'reason',
    'bulan_tunggakan',
    'segmen',
    'kode_desa',
    'method',
    'score',
    'decision',
  ],
  discrepancies: ['kind', 'kode_desa', 'id', 'noka', 'register_value', 'extract_value'],
};

const BATCH = 5_000;

/** Where a page ends: village, register import and row, and the finding's rank. */
type Cursor = [string, number, number, number];

function scoreText(v: unknown): string | null {
  // numeric(6,2) arrives as text: print it without trailing zeros (9.00 → 9).
  return v === null || v === undefined ? null : String(Number(v));
}

/** How many rows an export of the period and scope holds. */
export async function countExportRows(
  db: Db,
  kind: ResultKind,
  period: string,
  scope: Scope,
): Promise<number> {
  const table = kind === 'discrepancies' ? 'discrepancies' : 'resident_outcomes';
  let q = db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('period', '=', period)
    .where(likeAny('desa_code', scope));
  if (kind === 'links') q = q.where('noka', 'is not', null);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The rows of an export in batches, by village and then in register order
 * (import, row): two runs on the same data give the same file. Keyset paging
 * on the outcome tables' key keeps memory flat.
 */
export async function* resultBatches(
  db: Db,
  actor: Actor,
  kind: ResultKind,
  period: string,
  scope: Scope,
): AsyncIterable<Row[]> {
  let after: Cursor = ['', 0, 0, 0];
  for (;;) {
    const rows = await resultPage(db, actor, kind, period, scope, after);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1] as Row;
    after = [String(last._d), Number(last._i), Number(last._r), Number(last._k ?? 0)];
    for (const row of rows) {
      delete row._d;
      delete row._i;
      delete row._r;
      delete row._k;
      if ('score' in row) row.score = scoreText(row.score);
    }
    yield rows;
  }
}

async function resultPage(
  db: Db,
  actor: Actor,
  kind: ResultKind,
  period: string,
  scope: Scope,
  after: Cursor,
): Promise<Row[]> {
  if (kind === 'discrepancies') {
    // Several findings per resident: the kind's position orders them.
    const r = await sql<Row>`
      SELECT d.kind, d.desa_code AS kode_desa, o.source_id AS id,
        ${identifierAs(actor, 'o.noka', 'd.desa_code')} AS noka,
        CASE WHEN d.kind IN ('NIK_BERBEDA', 'NIK_GANDA', 'NIK_TIDAK_VALID')
          THEN ${identifierAs(actor, 'd.register_value', 'd.desa_code')} ELSE d.register_value END AS register_value,
        CASE WHEN d.kind IN ('NIK_BERBEDA', 'NIK_TIDAK_VALID')
          THEN ${identifierAs(actor, 'd.extract_value', 'd.desa_code')} ELSE d.extract_value END AS extract_value,
        d.desa_code AS _d, d.resident_import_id AS _i, d.resident_row_no AS _r, k.ord AS _k
      FROM discrepancies d
      JOIN resident_outcomes o ON o.period = d.period AND o.desa_code = d.desa_code
        AND o.resident_import_id = d.resident_import_id AND o.resident_row_no = d.resident_row_no
      JOIN (VALUES ('NIK_BERBEDA', 1), ('NAMA_BERBEDA', 2), ('TANGGAL_LAHIR_BERBEDA', 3),
        ('JENIS_KELAMIN_BERBEDA', 4), ('DESA_BERBEDA', 5), ('NIK_GANDA', 6),
        ('NIK_TIDAK_VALID', 7)) AS k(kind, ord) ON k.kind = d.kind
      WHERE d.period = ${period} AND ${likeAny('d.desa_code', scope)}
        AND (d.desa_code, d.resident_import_id, d.resident_row_no, k.ord)
          > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]})
      ORDER BY d.desa_code, d.resident_import_id, d.resident_row_no, k.ord
      LIMIT ${BATCH}`.execute(db);
    return r.rows;
  }
  const links = kind === 'links';
  const r = await sql<Row>`
    SELECT o.source_id AS id,
      ${links ? sql`` : sql`o.status,`}
      ${identifierAs(actor, 'o.noka')} AS noka,
      ${
        links
          ? sql`o.method, o.score, o.decision,`
          : sql`o.alasan_nonaktif AS reason, o.bulan_tunggakan, o.segmen, o.desa_code AS kode_desa,
              o.method, o.score, o.decision,`
      }
      o.desa_code AS _d, o.resident_import_id AS _i, o.resident_row_no AS _r
    FROM resident_outcomes o
    WHERE o.period = ${period} AND ${likeAny('o.desa_code', scope)}
      ${links ? sql`AND o.noka IS NOT NULL` : sql``}
      AND (o.desa_code, o.resident_import_id, o.resident_row_no) > (${after[0]}, ${after[1]}, ${after[2]})
    ORDER BY o.desa_code, o.resident_import_id, o.resident_row_no
    LIMIT ${BATCH}`.execute(db);
  return r.rows;
}

export interface ReviewPair {
  desa: string;
  id: string;
  noka: string;
  score: number;
  agreement: Record<string, string | null>;
  resident: Row;
  member: Row;
}

/** The review queue: pairs awaiting a reviewer, side by side, page by page. */
export async function findReviewPairs(
  db: Db,
  actor: Actor,
  filter: { period: string; scope: Scope; limit: number; offset: number },
): Promise<{ total: number; pairs: ReviewPair[] }> {
  const where = sql<SqlBool>`o.period = ${filter.period} AND o.status = 'PERLU_VERIFIKASI'
    AND ${likeAny('o.desa_code', filter.scope)}`;
  const total = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM resident_outcomes o WHERE ${where}`.execute(db);
  const r = await sql<Row>`
    SELECT o.desa_code, o.source_id, o.noka AS noka_whole, o.score, o.nik_cmp, o.nama_cmp,
      o.lahir_cmp, o.jk_cmp, o.desa_cmp,
      ${identifierAs(actor, 'r.nik', 'r.desa_code')} AS r_nik,
      ${identifierAs(actor, 'r.no_kk', 'r.desa_code')} AS r_no_kk,
      r.nama_raw AS r_nama, r.tanggal_lahir AS r_tanggal_lahir, r.jenis_kelamin AS r_jenis_kelamin,
      r.desa_code AS r_desa, r.alamat AS r_alamat,
      ${identifierAs(actor, 'm.noka', 'r.desa_code')} AS m_noka,
      ${identifierAs(actor, 'm.nik', 'r.desa_code')} AS m_nik,
      m.nama_raw AS m_nama, m.tanggal_lahir AS m_tanggal_lahir, m.jenis_kelamin AS m_jenis_kelamin,
      m.desa_code AS m_desa, m.segmen AS m_segmen, m.status AS m_status, m.alamat AS m_alamat,
      r.nik AS _nik
    FROM resident_outcomes o
    JOIN residents r ON r.import_id = o.resident_import_id AND r.row_no = o.resident_row_no
    JOIN members m ON m.import_id = o.member_import_id AND m.row_no = o.member_row_no
    WHERE ${where}
    ORDER BY o.desa_code, o.score DESC, o.resident_import_id, o.resident_row_no
    LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(db);
  const niks = r.rows.map((row) => row._nik).filter((n): n is string => typeof n === 'string');
  await recordAudit(db, actor, {
    action: 'list',
    subject: 'review_queue',
    query: { limit: filter.limit, offset: filter.offset },
    scope: filter.scope,
    period: filter.period,
    rowCount: r.rows.length,
    niks,
  });
  const pick = (row: Row, prefix: string) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    );
  return {
    total: total.rows[0]?.n ?? 0,
    pairs: r.rows.map((row) => ({
      desa: String(row.desa_code),
      id: String(row.source_id),
      // The reviewer decides on this pair: the noka names it even when shown masked.
      noka: String(row.noka_whole),
      score: Number(row.score),
      agreement: {
        nik: row.nik_cmp as string | null,
        nama: row.nama_cmp as string | null,
        lahir: row.lahir_cmp as string | null,
        jk: row.jk_cmp as string | null,
        desa: row.desa_cmp as string | null,
      },
      resident: pick(row, 'r_'),
      member: pick(row, 'm_'),
    })),
  };
}

/** The outcome row of a register record in a period, with the member it is paired with. */
export async function findOutcome(
  db: Db,
  key: { period: string; desa: string; id: string },
): Promise<{
  resident_import_id: number;
  resident_row_no: number;
  kabupaten_code: string;
  status: string;
  noka: string | null;
  member_import_id: number | null;
  member_row_no: number | null;
} | null> {
  const r = await db
    .selectFrom('resident_outcomes')
    .select([
      'resident_import_id',
      'resident_row_no',
      'kabupaten_code',
      'status',
      'noka',
      'member_import_id',
      'member_row_no',
    ])
    .where('period', '=', key.period)
    .where('desa_code', '=', key.desa)
    .where('source_id', '=', key.id)
    .orderBy('resident_import_id')
    .orderBy('resident_row_no')
    .executeTakeFirst();
  return r ?? null;
}

export async function upsertReviewDecision(
  db: Db,
  row: {
    desa: string;
    id: string;
    noka: string;
    decision: 'accept' | 'reject';
    by: string;
    period: string;
    note: string | null;
  },
): Promise<void> {
  await db
    .insertInto('review_decisions')
    .values({
      desa_code: row.desa,
      source_id: row.id,
      noka: row.noka,
      decision: row.decision,
      decided_by: row.by,
      decided_at: new Date(),
      period: row.period,
      note: row.note,
    })
    .onConflict((oc) =>
      oc.columns(['desa_code', 'source_id', 'noka']).doUpdateSet((eb) => ({
        decision: eb.ref('excluded.decision'),
        decided_by: eb.ref('excluded.decided_by'),
        decided_at: eb.ref('excluded.decided_at'),
        period: eb.ref('excluded.period'),
        note: eb.ref('excluded.note'),
      })),
    )
    .execute();
}

/**
 * Applies a decision to the period's current results at once: accepted, the
 * resident takes the member's status (AKTIF / NONAKTIF) and the member is
 * linked; rejected, the two part (BELUM_TERDAFTAR; the member no longer
 * linked). The next run applies it again from review_decisions.
 */
export async function applyDecision(
  db: Db,
  period: string,
  outcome: {
    /** The resident's village (the outcome key leads with it). */
    desa: string;
    resident_import_id: number;
    resident_row_no: number;
    member_import_id: number;
    member_row_no: number;
  },
  decision: 'accept' | 'reject',
): Promise<void> {
  if (decision === 'accept') {
    await sql`
      UPDATE resident_outcomes o SET status = m.status, decision = 'match', method = 'peninjau',
        alasan_nonaktif = CASE WHEN m.status = 'NONAKTIF' THEN coalesce(m.alasan_nonaktif, 'LAINNYA') END,
        bulan_tunggakan = m.bulan_tunggakan, segmen = m.segmen
      FROM members m
      WHERE m.import_id = ${outcome.member_import_id} AND m.row_no = ${outcome.member_row_no}
        AND o.period = ${period} AND o.desa_code = ${outcome.desa}
        AND o.resident_import_id = ${outcome.resident_import_id}
        AND o.resident_row_no = ${outcome.resident_row_no}`.execute(db);
    // The member is paired now: it leaves the unlinked list if it was there.
    await sql`
      DELETE FROM unlinked_members u USING members m
      WHERE m.import_id = ${outcome.member_import_id} AND m.row_no = ${outcome.member_row_no}
        AND u.period = ${period} AND u.desa_code = m.desa_code
        AND u.member_import_id = m.import_id AND u.member_row_no = m.row_no`.execute(db);
    return;
  }
  await sql`
    UPDATE resident_outcomes SET status = 'BELUM_TERDAFTAR', decision = NULL, method = NULL,
      member_import_id = NULL, member_row_no = NULL, noka = NULL, score = NULL, nik_cmp = NULL,
      nama_cmp = NULL, lahir_cmp = NULL, jk_cmp = NULL, desa_cmp = NULL, alasan_nonaktif = NULL,
      bulan_tunggakan = NULL, segmen = NULL
    WHERE period = ${period} AND desa_code = ${outcome.desa}
      AND resident_import_id = ${outcome.resident_import_id}
      AND resident_row_no = ${outcome.resident_row_no}`.execute(db);
  // The member is no one's now: it joins the unlinked list of its village.
  await sql`
    INSERT INTO unlinked_members (period, run_id, kabupaten_code, desa_code, member_import_id,
      member_row_no, noka, status)
    SELECT ${period}, o.run_id, m.kabupaten_code, m.desa_code, m.import_id, m.row_no, m.noka,
      CASE WHEN EXISTS (
          SELECT 1 FROM resident_outcomes x WHERE x.period = ${period} AND x.desa_code = m.desa_code)
        THEN 'TIDAK_ADA_DI_DATA_DESA' ELSE 'DATA_DESA_BELUM_ADA' END
    FROM members m
    JOIN resident_outcomes o ON o.period = ${period} AND o.desa_code = ${outcome.desa}
      AND o.resident_import_id = ${outcome.resident_import_id}
      AND o.resident_row_no = ${outcome.resident_row_no}
    WHERE m.import_id = ${outcome.member_import_id} AND m.row_no = ${outcome.member_row_no}
    ON CONFLICT DO NOTHING`.execute(db);
}

export async function auditExport(
  db: Db,
  actor: Actor,
  entry: { kind: ResultKind; period: string; scope: Scope; count: number; purpose: string },
): Promise<void> {
  await recordAudit(db, actor, {
    action: 'export',
    subject: entry.kind === 'residents' ? 'resident_outcomes' : entry.kind,
    ctx: { purpose: entry.purpose },
    query: { format: 'csv' },
    scope: entry.scope,
    period: entry.period,
    rowCount: entry.count,
  });
}
