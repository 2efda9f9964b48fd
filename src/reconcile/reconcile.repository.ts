// The monthly linkage as set operations: every statement works on the whole
// scope at once, inside the run's one transaction (the caller's handle).
//
//   1. prepare   the period's residents and members of the scope, with the
//                NIK's own date and sex standing in for missing ones
//   2. block     candidate pairs from a few cheap equi-joins (same NIK, same
//                village and birth date, same name key and birthday, NIK
//                halves), never all pairs of a district
//   3. score     each pair field by field (agreement codes + points)
//   4. assign    one-to-one by rounds of mutual best pairs (deterministic:
//                ties broken by row identity); reviewers' decisions first
//   5. write     outcomes per resident and member, the discrepancy list
//
// Temporary tables live until the transaction ends (ON COMMIT DROP). Their
// text keys use the C collation: codes, NIKs and name keys are compared
// byte by byte, which is what they mean and several times faster.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Settings, Weights } from './reconcile.schema.ts';

type Db = Kysely<DB>;

export interface RunScope {
  period: string;
  /** Plain region code prefix; '' for everything. */
  scope: string;
}

/** Names counted for the very common words of a scope (a deterministic sample above it). */
const COMMON_WORD_SAMPLE = 100_000;

const like = (s: RunScope) => `${s.scope}%`;
const refYear = (s: RunScope) => Number(s.period.slice(0, 4));

/**
 * Memory for the run's hash joins and sorts: a few large set operations,
 * once a month, should not spill to disk at the default 4 MB. Lasts until
 * the transaction ends.
 */
export async function tuneRun(db: Db): Promise<void> {
  await sql`SET LOCAL work_mem = '64MB'`.execute(db);
  // The blocks are equi-joins of two large unsorted tables: hashing them is
  // linear, while a merge join sorts both sides on text keys (measured: 6 s
  // of a 13 s candidate step on PostgreSQL at 400,000 residents).
  await sql`SET LOCAL enable_mergejoin = off`.execute(db);
  // A month's run is a dozen statements: compiling them costs more than it saves.
  await sql`SET LOCAL jit = off`.execute(db);
  // The working tables' statistics only steer a few hash joins: a small
  // sample does (ANALYZE of 400,000 rows: 0.35 s at the default 100, a
  // tenth of that at 10).
  await sql`SET LOCAL default_statistics_target = 10`.execute(db);
}

/**
 * A province's run (millions of rows a side) hashes tables several times the
 * size of a district's: give its joins room, so they do not spill to disk in
 * batches (measured on 10 million rows: about 20 s of 270 s). Only what a
 * join needs is taken, and a district's run stays within the 64 MB.
 */
export async function sizeRun(
  db: Db,
  sides: { residents: number; members: number },
): Promise<void> {
  if (sides.residents + sides.members > 2_000_000) {
    await sql`SET LOCAL work_mem = '256MB'`.execute(db);
  }
}

/** Rows of the scope whose name key predates migration 004 (a one-time backfill). */
export async function findRowsWithoutNameKey(
  db: Db,
  table: 'residents' | 'members',
  s: RunScope,
  limit: number,
): Promise<{ import_id: number; row_no: number; nama: string }[]> {
  const r = await sql<{ import_id: number; row_no: number; nama: string }>`
    SELECT import_id, row_no, nama FROM ${sql.table(table)}
    WHERE period = ${s.period} AND desa_code LIKE ${like(s)} AND nama_kunci IS NULL
    ORDER BY import_id, row_no LIMIT ${limit}`.execute(db);
  return r.rows;
}

export async function updateNameKeys(
  db: Db,
  table: 'residents' | 'members',
  rows: { import_id: number; row_no: number; key: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  // A key of '' marks a name with nothing left (only a title): not NULL, so
  // the backfill does not visit it again.
  await sql`
    UPDATE ${sql.table(table)} t SET nama_kunci = v.key
    FROM unnest(${rows.map((r) => r.import_id)}::bigint[], ${rows.map((r) => r.row_no)}::int[],
                ${rows.map((r) => r.key ?? '')}::text[]) AS v(import_id, row_no, key)
    WHERE t.import_id = v.import_id AND t.row_no = v.row_no`.execute(db);
}

/** Step 1: the two sides of the scope, as compact working tables (one pass each). */
export async function prepareSides(
  db: Db,
  s: RunScope,
): Promise<{ residents: number; members: number }> {
  const year = refYear(s);
  // The NIK's own birth date and sex stand in for missing ones (a NIK the
  // importer found impossible is not read); bday (MMDD) and the day/month
  // swap are blocking keys.
  // (date_part, not extract: its float is several times cheaper than
  // extract's numeric, and exact for the parts of a date.)
  const derived = sql`
    date_part('month', dob_e)::int * 100 + date_part('day', dob_e)::int AS bday,
    CASE WHEN date_part('day', dob_e) <= 12 AND date_part('day', dob_e) <> date_part('month', dob_e)
      THEN make_date(date_part('year', dob_e)::int, date_part('day', dob_e)::int,
                     date_part('month', dob_e)::int) END AS dob_swap`;
  const nikValid = sql`nik IS NOT NULL AND NOT 'NIK_INVALID_DATE' = ANY (flags)`;
  await sql`
    CREATE TEMP TABLE rc_r ON COMMIT DROP AS
    SELECT x.*, ${derived} FROM (
      SELECT (import_id::bigint << 32) | row_no AS rid, import_id, row_no,
        kabupaten_code COLLATE "C" AS kab, desa_code COLLATE "C" AS desa, source_id, hidup,
        nik COLLATE "C" AS nik, no_kk, nullif(nama_kunci, '') COLLATE "C" AS nk, tanggal_lahir AS dob, jenis_kelamin AS jk,
        coalesce(tanggal_lahir, CASE WHEN ${nikValid} THEN pesiar_nik_lahir(nik, ${year}) END) AS dob_e,
        coalesce(jenis_kelamin, CASE WHEN ${nikValid} THEN pesiar_nik_jk(nik) END) AS jk_e,
        flags && ARRAY['NIK_SEX_MISMATCH', 'NIK_BIRTHDATE_MISMATCH'] AS nik_odd,
        flags, nik_raw, nama_raw
      FROM residents WHERE period = ${s.period} AND desa_code LIKE ${like(s)}
    ) x`.execute(db);
  await sql`
    CREATE TEMP TABLE rc_m ON COMMIT DROP AS
    SELECT x.*, ${derived} FROM (
      SELECT (import_id::bigint << 32) | row_no AS mid, import_id, row_no,
        kabupaten_code COLLATE "C" AS kab, desa_code COLLATE "C" AS desa, noka,
        nik COLLATE "C" AS nik, nullif(nama_kunci, '') COLLATE "C" AS nk, tanggal_lahir AS dob, jenis_kelamin AS jk,
        coalesce(tanggal_lahir, CASE WHEN ${nikValid} THEN pesiar_nik_lahir(nik, ${year}) END) AS dob_e,
        coalesce(jenis_kelamin, CASE WHEN ${nikValid} THEN pesiar_nik_jk(nik) END) AS jk_e,
        status, alasan_nonaktif, bulan_tunggakan, segmen, nama_raw
      FROM members WHERE period = ${s.period} AND desa_code LIKE ${like(s)}
    ) x`.execute(db);
  // A NIK that two residents of the scope share, or that contradicts its
  // holder's own birth date or sex (nik_odd), is doubtful: often a family
  // member's. The shared ones are few; they are looked up, not stamped on
  // every row.
  await sql`
    CREATE TEMP TABLE rc_shared ON COMMIT DROP AS
    SELECT nik FROM rc_r WHERE nik IS NOT NULL GROUP BY nik HAVING count(*) > 1`.execute(db);
  await sql`ANALYZE rc_shared`.execute(db);
  await sql`ANALYZE rc_r`.execute(db);
  await sql`ANALYZE rc_m`.execute(db);
  const counts = await sql<{ residents: number; members: number }>`
    SELECT (SELECT count(*) FROM rc_r)::int AS residents,
      (SELECT count(*) FROM rc_m)::int AS members`.execute(db);
  return counts.rows[0] ?? { residents: 0, members: 0 };
}

/**
 * The agreement code of each field for a pair `r`–`m` (aliases of rc_r and
 * rc_m rows; `c` is rc_common, the scope's very common name words).
 */
const comparisons = sql`
  CASE
    WHEN r.nik IS NULL OR m.nik IS NULL THEN 'KOSONG'
    WHEN r.nik = m.nik THEN CASE WHEN r.nik_doubt THEN 'SAMA_DIRAGUKAN' ELSE 'SAMA' END
    WHEN levenshtein(r.nik, m.nik) <= 2 THEN 'MIRIP'
    WHEN r.nik_doubt THEN 'BEDA_DIRAGUKAN'
    ELSE 'BEDA'
  END AS nik_cmp,
  CASE
    WHEN r.nk IS NULL OR m.nk IS NULL THEN 'KOSONG'
    WHEN r.nk = m.nk THEN
      CASE WHEN position(' ' IN r.nk) = 0 AND r.nk = ANY (c.words) THEN 'SAMA_UMUM' ELSE 'SAMA' END
    ELSE pesiar_name_part(r.nk, m.nk, c.words)
  END AS nama_cmp,
  CASE
    WHEN r.dob_e IS NULL OR m.dob_e IS NULL THEN 'KOSONG'
    WHEN r.dob_e = m.dob_e THEN 'SAMA'
    WHEN r.dob_swap = m.dob_e THEN 'TERTUKAR'
    WHEN r.bday = m.bday AND abs(date_part('year', r.dob_e) - date_part('year', m.dob_e)) = 1
      THEN 'SETAHUN'
    ELSE 'BEDA'
  END AS lahir_cmp,
  CASE WHEN r.jk_e IS NULL OR m.jk_e IS NULL THEN 'KOSONG'
    WHEN r.jk_e = m.jk_e THEN 'SAMA' ELSE 'BEDA' END AS jk_cmp,
  CASE WHEN r.desa = m.desa THEN 'SAMA' ELSE 'BEDA' END AS desa_cmp`;

/** What a link keeps of its member for the outcome (alias `m`). */
const memberFields = sql`m.import_id AS m_import_id, m.row_no AS m_row_no, m.noka,
  m.status AS m_status, m.alasan_nonaktif, m.bulan_tunggakan, m.segmen`;

/** The columns of rc_links, in order. */
const LINK_COLUMNS = sql.raw(
  'rid, mid, score, forced, decision, nik_cmp, nama_cmp, lahir_cmp, jk_cmp, desa_cmp, ' +
    'm_import_id, m_row_no, noka, m_status, alasan_nonaktif, bulan_tunggakan, segmen',
);

/** The score of a row carrying the five agreement codes: the sum of their points. */
function scoreOf(w: Weights) {
  const points = (field: string, table: Record<string, number>) =>
    sql`CASE ${sql.ref(field)} ${sql.join(
      Object.entries(table).map(([code, p]) => sql`WHEN ${code} THEN ${p}::numeric`),
      sql` `,
    )} END`;
  return sql`(${points('nik_cmp', w.nik)} + ${points('nama_cmp', w.nama)}
    + ${points('lahir_cmp', w.lahir)} + ${points('jk_cmp', w.jk)} + ${points('desa_cmp', w.desa)})`;
}

/**
 * The most a pair can score without sharing the NIK: any other pair of a
 * resident or member linked by a unique NIK scores at most this.
 */
export function bestWithoutNik(w: Weights): number {
  const top = (t: Record<string, number>) => Math.max(...Object.values(t));
  const { SAMA: _same, SAMA_DIRAGUKAN: _doubted, ...otherNik } = w.nik;
  return top(otherNik) + top(w.nama) + top(w.lahir) + top(w.jk) + top(w.desa);
}

/**
 * Step 2a: the very common name words, and the links that nothing can
 * contest. A resident whose NIK is unique and not doubtful, and a member
 * whose NIK is unique in the extract, sharing it, are each other's only
 * pair with that NIK; when they score above anything a pair without a
 * common NIK could (bestWithoutNik) and above the match threshold, rounds
 * of mutual best pairs would take them first and call them a match, so
 * they are linked here at once, and neither side is blocked or scored
 * again. A reviewer's earlier word on either side sends them the long way.
 * Most of a month's people are linked here; the other steps work on the
 * rest (rc_ro, rc_mo).
 */
export async function linkCertain(
  db: Db,
  settings: Settings,
  sides: { residents: number; members: number },
): Promise<number> {
  const names = sides.residents + sides.members;
  // Very common name words (SITI, NUR, MUHAMAD, …) weigh less when they are
  // all two names share. Their shares are counted on every k-th name of a
  // large scope (at least 100,000 names, picked by row, so the same data
  // gives the same words): a share of 2% is well within a sample's precision,
  // and counting every word of a province's 10 million names is not.
  await sql`
    CREATE TEMP TABLE rc_common ON COMMIT DROP AS
    WITH total AS (
      SELECT ${names}::bigint AS n, ${Math.max(Math.floor(names / COMMON_WORD_SAMPLE), 1)}::int AS k
    ), words AS (
      SELECT unnest(string_to_array(r.nk, ' ')) AS word FROM rc_r r, total
      WHERE r.nk IS NOT NULL AND r.row_no % total.k = 0
      UNION ALL
      SELECT unnest(string_to_array(m.nk, ' ')) FROM rc_m m, total
      WHERE m.nk IS NOT NULL AND m.row_no % total.k = 0
    )
    SELECT coalesce(array_agg(word ORDER BY word), '{}') AS words FROM (
      SELECT word FROM words GROUP BY word
      -- …and at least 20 times, so a small village's every word is not "common".
      HAVING count(*) * (SELECT k FROM total)
        >= greatest((SELECT n FROM total) * ${settings.commonWordShare}::float8, 20)
    ) c`.execute(db);
  // A link carries what the outcome needs of its member, so writing the
  // outcomes does not join the extract again.
  await sql`
    CREATE TEMP TABLE rc_links (rid bigint NOT NULL, mid bigint NOT NULL,
      score numeric NOT NULL, forced text NOT NULL, decision text NOT NULL,
      nik_cmp text, nama_cmp text, lahir_cmp text, jk_cmp text, desa_cmp text,
      m_import_id bigint, m_row_no integer, noka text, m_status text, alasan_nonaktif text,
      bulan_tunggakan smallint, segmen text) ON COMMIT DROP`.execute(db);
  const linked = await sql<{ n: number }>`
    WITH certain AS (
      INSERT INTO rc_links (${LINK_COLUMNS})
      SELECT ${LINK_COLUMNS} FROM (
        SELECT x.*, ${scoreOf(settings.weights)} AS score, 'auto' AS forced, 'match' AS decision FROM (
          SELECT r.rid, m.mid, ${memberFields}, ${comparisons}
          FROM (
            SELECT *, false AS nik_doubt FROM rc_r
            WHERE NOT nik_odd AND nik NOT IN (SELECT nik FROM rc_shared)
          ) r
          JOIN rc_m m ON m.nik = r.nik
          CROSS JOIN rc_common c
          WHERE m.nik NOT IN (SELECT nik FROM rc_m WHERE nik IS NOT NULL GROUP BY nik HAVING count(*) > 1)
            AND NOT EXISTS (SELECT 1 FROM review_decisions d
              WHERE d.desa_code = r.desa AND d.source_id = r.source_id)
            AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.noka = m.noka)
          -- (a fence: the codes are computed once, not again inside the score)
          OFFSET 0
        ) x
      ) y
      WHERE score > ${bestWithoutNik(settings.weights)} AND score >= ${settings.matchThreshold}
      RETURNING 1
    ) SELECT count(*)::int AS n FROM certain`.execute(db);
  // What is left for blocking and scoring.
  await sql`
    CREATE TEMP TABLE rc_ro ON COMMIT DROP AS
    SELECT r.*, r.nik_odd OR s.nik IS NOT NULL AS nik_doubt
    FROM rc_r r LEFT JOIN rc_shared s ON s.nik = r.nik
    WHERE NOT EXISTS (SELECT 1 FROM rc_links l WHERE l.rid = r.rid)`.execute(db);
  await sql`
    CREATE TEMP TABLE rc_mo ON COMMIT DROP AS
    SELECT * FROM rc_m m WHERE NOT EXISTS (SELECT 1 FROM rc_links l WHERE l.mid = m.mid)`.execute(
    db,
  );
  await sql`ANALYZE rc_ro`.execute(db);
  await sql`ANALYZE rc_mo`.execute(db);
  return linked.rows[0]?.n ?? 0;
}

/**
 * Step 2b: candidate pairs among the residents and members still open. Each
 * block is an equi-join a hash join does in one pass; together they find a
 * person whose NIK is missing, mistyped or borrowed, whose name is spelled
 * otherwise, whose birth date slipped or who moved within the district —
 * without ever pairing a whole district.
 */
export async function findCandidates(db: Db): Promise<number> {
  await sql`
    CREATE TEMP TABLE rc_pairs ON COMMIT DROP AS
    SELECT r.rid, m.mid FROM rc_ro r JOIN rc_mo m ON m.nik = r.nik
    UNION
    SELECT r.rid, m.mid FROM rc_ro r JOIN rc_mo m ON m.desa = r.desa AND m.dob_e = r.dob_e
    UNION
    SELECT r.rid, m.mid FROM rc_ro r JOIN rc_mo m ON m.desa = r.desa AND m.dob_e = r.dob_swap
    UNION
    SELECT r.rid, m.mid FROM rc_ro r JOIN rc_mo m ON m.desa = r.desa AND m.nk = r.nk
    UNION
    -- A year slip and a spelling slip together: same village and birthday,
    -- names starting alike.
    SELECT r.rid, m.mid FROM rc_ro r JOIN rc_mo m
      ON m.desa = r.desa AND m.bday = r.bday AND left(m.nk, 2) = left(r.nk, 2)
    UNION
    SELECT r.rid, m.mid FROM rc_ro r JOIN rc_mo m ON m.kab = r.kab AND m.nk = r.nk AND m.bday = r.bday
    UNION
    -- A NIK typo in the serial of someone who moved: the same kecamatan of
    -- issue and birth date in the NIK, names starting alike.
    SELECT r.rid, m.mid FROM rc_ro r JOIN rc_mo m
      ON m.kab = r.kab AND left(m.nik, 12) = left(r.nik, 12) AND left(m.nk, 2) = left(r.nk, 2)
    UNION
    -- A pair a reviewer accepted is compared again whatever the blocks say.
    SELECT r.rid, m.mid FROM review_decisions d
      JOIN rc_ro r ON r.desa = d.desa_code AND r.source_id = d.source_id
      JOIN rc_mo m ON m.noka = d.noka
    WHERE d.decision = 'accept'`.execute(db);
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM rc_pairs`.execute(db);
  return n.rows[0]?.n ?? 0;
}

/** Step 3: field-by-field agreement and the score of every candidate pair. */
export async function scorePairs(db: Db, settings: Settings): Promise<number> {
  // A reviewer's earlier word on the pair: an accepted pair is kept whatever
  // its score, a rejected one never; only pairs that can still matter are
  // written.
  await sql`
    CREATE TEMP TABLE rc_scored ON COMMIT DROP AS
    SELECT y.* FROM (
      SELECT x.*, ${scoreOf(settings.weights)} AS score FROM (
        SELECT p.rid, p.mid, coalesce(d.decision, 'auto') AS forced, ${memberFields}, ${comparisons}
        FROM rc_pairs p
        JOIN rc_ro r ON r.rid = p.rid
        JOIN rc_mo m ON m.mid = p.mid
        CROSS JOIN rc_common c
        LEFT JOIN review_decisions d
          ON d.desa_code = r.desa AND d.source_id = r.source_id AND d.noka = m.noka
        -- (a fence: the codes are computed once, not again inside the score)
        OFFSET 0
      ) x
    ) y
    WHERE y.forced = 'accept' OR (y.forced = 'auto' AND y.score >= ${settings.reviewThreshold})`.execute(
    db,
  );
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM rc_scored`.execute(db);
  return n.rows[0]?.n ?? 0;
}

/**
 * Step 4: one member per resident and one resident per member, among the
 * scored pairs. Each round takes the pairs that are each other's best among
 * those still free (accepted by a reviewer first, then by score, then by row
 * identity, so two runs decide alike); the best remaining pair is always
 * mutual, so every round takes at least one. A pair is decided 'match' at or
 * above the match threshold unless its resident or member had another pair
 * as good (then a reviewer must choose), 'review' below it.
 */
export async function assignPairs(db: Db, settings: Settings): Promise<{ rounds: number }> {
  // How good each resident's and each member's best pair is, and how many
  // pairs reach it: a link is certain only when nothing else was as good.
  await sql`
    CREATE TEMP TABLE rc_best_r ON COMMIT DROP AS
    SELECT rid, max(score) AS top, count(*) FILTER (WHERE score = top_score) AS at_top FROM (
      SELECT rid, score, max(score) OVER (PARTITION BY rid) AS top_score FROM rc_scored WHERE forced = 'auto'
    ) x GROUP BY rid`.execute(db);
  await sql`
    CREATE TEMP TABLE rc_best_m ON COMMIT DROP AS
    SELECT mid, max(score) AS top, count(*) FILTER (WHERE score = top_score) AS at_top FROM (
      SELECT mid, score, max(score) OVER (PARTITION BY mid) AS top_score FROM rc_scored WHERE forced = 'auto'
    ) x GROUP BY mid`.execute(db);
  // The pairs still free, shrinking round by round.
  await sql`
    CREATE TEMP TABLE rc_free ON COMMIT DROP AS
    SELECT s.*, CASE WHEN forced = 'accept' THEN 1000 ELSE score END AS rank_key
    FROM rc_scored s`.execute(db);
  await sql`CREATE TEMP TABLE rc_taken (rid bigint, mid bigint) ON COMMIT DROP`.execute(db);
  let rounds = 0;
  for (;;) {
    rounds++;
    await sql`
      WITH taken AS (
        INSERT INTO rc_links (${LINK_COLUMNS})
        SELECT ${LINK_COLUMNS} FROM (
        SELECT f.*,
          CASE
            WHEN f.forced = 'accept' THEN 'match'
            WHEN f.score < ${settings.matchThreshold} THEN 'review'
            WHEN f.score < br.top OR br.at_top > 1 OR f.score < bm.top OR bm.at_top > 1 THEN 'review'
            ELSE 'match'
          END AS decision
        FROM (
          SELECT f.*,
            row_number() OVER (PARTITION BY f.rid ORDER BY f.rank_key DESC, f.mid) AS by_r,
            row_number() OVER (PARTITION BY f.mid ORDER BY f.rank_key DESC, f.rid) AS by_m
          FROM rc_free f
        ) f
        LEFT JOIN rc_best_r br ON br.rid = f.rid
        LEFT JOIN rc_best_m bm ON bm.mid = f.mid
        WHERE f.by_r = 1 AND f.by_m = 1
        ) f
        RETURNING rid, mid
      ) INSERT INTO rc_taken SELECT rid, mid FROM taken`.execute(db);
    await sql`ANALYZE rc_taken`.execute(db);
    const taken = await sql<{ n: number }>`SELECT count(*)::int AS n FROM rc_taken`.execute(db);
    if ((taken.rows[0]?.n ?? 0) === 0 || rounds >= 1000) break;
    // What this round took is no longer free, nor any pair of theirs (two
    // hash joins with the round's links, not with all links so far).
    await sql`DELETE FROM rc_free f USING rc_taken t WHERE t.rid = f.rid`.execute(db);
    await sql`DELETE FROM rc_free f USING rc_taken t WHERE t.mid = f.mid`.execute(db);
    await sql`TRUNCATE rc_taken`.execute(db);
  }
  // The writing steps join the links to both sides: let the planner know them.
  await sql`ANALYZE rc_links`.execute(db);
  return { rounds };
}

/** Step 5a: clear the scope's earlier results for the period (a re-run replaces them). */
export async function clearResults(db: Db, s: RunScope): Promise<void> {
  for (const table of ['resident_outcomes', 'unlinked_members', 'discrepancies'] as const) {
    await sql`DELETE FROM ${sql.table(table)} WHERE period = ${s.period} AND desa_code LIKE ${like(s)}`.execute(
      db,
    );
  }
}

/**
 * Step 5b: an outcome for every resident whose district has an extract this
 * period (or who is paired all the same), and a row for every member no
 * resident is paired with. Residents of a district without an extract get
 * none: their status cannot be known (the run's summary says so).
 */
export async function writeOutcomes(db: Db, s: RunScope, runId: number): Promise<void> {
  await sql`
    INSERT INTO resident_outcomes (period, run_id, kabupaten_code, desa_code, resident_import_id,
      resident_row_no, source_id, hidup, status, member_import_id, member_row_no, noka, method,
      score, decision, nik_cmp, nama_cmp, lahir_cmp, jk_cmp, desa_cmp, alasan_nonaktif,
      bulan_tunggakan, segmen)
    SELECT ${s.period}, ${runId}, r.kab, r.desa, r.import_id, r.row_no, r.source_id, r.hidup,
      CASE WHEN l.rid IS NULL THEN 'BELUM_TERDAFTAR'
        WHEN l.decision = 'review' THEN 'PERLU_VERIFIKASI'
        ELSE l.m_status END,
      l.m_import_id, l.m_row_no, l.noka,
      CASE WHEN l.rid IS NULL THEN NULL
        WHEN l.forced = 'accept' THEN 'peninjau'
        WHEN l.nik_cmp IN ('SAMA', 'SAMA_DIRAGUKAN') THEN 'nik'
        WHEN l.nik_cmp = 'MIRIP' THEN 'nik_mirip'
        ELSE 'nama_tanggal' END,
      l.score, l.decision, l.nik_cmp, l.nama_cmp, l.lahir_cmp, l.jk_cmp, l.desa_cmp,
      CASE WHEN l.decision = 'match' AND l.m_status = 'NONAKTIF' THEN coalesce(l.alasan_nonaktif, 'LAINNYA') END,
      CASE WHEN l.decision = 'match' THEN l.bulan_tunggakan END,
      CASE WHEN l.decision = 'match' THEN l.segmen END
    FROM rc_r r
    LEFT JOIN rc_links l ON l.rid = r.rid
    WHERE r.kab IN (SELECT DISTINCT kab FROM rc_m) OR l.rid IS NOT NULL`.execute(db);
  // The members no resident is paired with (a paired member's outcome is
  // its resident's row).
  await sql`
    INSERT INTO unlinked_members (period, run_id, kabupaten_code, desa_code, member_import_id,
      member_row_no, noka, status)
    SELECT ${s.period}, ${runId}, m.kab, m.desa, m.import_id, m.row_no, m.noka,
      CASE WHEN v.desa IS NOT NULL THEN 'TIDAK_ADA_DI_DATA_DESA' ELSE 'DATA_DESA_BELUM_ADA' END
    FROM rc_m m
    LEFT JOIN (SELECT DISTINCT desa FROM rc_r) v ON v.desa = m.desa
    WHERE NOT EXISTS (SELECT 1 FROM rc_links l WHERE l.mid = m.mid)`.execute(db);
}

/** The importer's flags that make a register's NIK invalid (NIK_TIDAK_VALID). */
const NIK_INVALID_FLAGS = sql`ARRAY['NIK_MISSING', 'NIK_TEMPORARY', 'NIK_MALFORMED',
  'NIK_INVALID_DATE', 'NIK_SEX_MISMATCH', 'NIK_BIRTHDATE_MISMATCH']`;

/**
 * Step 5c: the list for the monthly sync with Dukcapil and BPJS. Differences
 * are listed for linked pairs (decision 'match'); register-side findings
 * (NIK shared by two residents, NIK invalid or missing) for every resident.
 */
export async function writeDiscrepancies(db: Db, s: RunScope, runId: number): Promise<void> {
  // The few rows that can have a finding are set apart first (and measured),
  // so the joins below hash them and only scan the large working tables.
  // Only a link whose codes show a difference can have one: equal birth
  // dates or sexes by the codes are equal as recorded where recorded.
  await sql`
    CREATE TEMP TABLE rc_differ ON COMMIT DROP AS
    SELECT rid, mid, nama_cmp FROM rc_links
    WHERE decision = 'match' AND NOT (nik_cmp IN ('SAMA', 'SAMA_DIRAGUKAN', 'KOSONG')
      AND nama_cmp IN ('SAMA', 'SAMA_UMUM', 'KOSONG') AND lahir_cmp IN ('SAMA', 'KOSONG')
      AND jk_cmp IN ('SAMA', 'KOSONG') AND desa_cmp = 'SAMA')`.execute(db);
  await sql`
    CREATE TEMP TABLE rc_flagged ON COMMIT DROP AS
    SELECT r.rid, r.kab, r.desa, r.import_id, r.row_no, r.nik, r.nik_raw,
      r.nik IS NOT NULL AND s.nik IS NOT NULL AND NOT r.nik_odd AS shared,
      r.flags && ${NIK_INVALID_FLAGS} AS invalid
    FROM rc_r r LEFT JOIN rc_shared s ON s.nik = r.nik
    WHERE s.nik IS NOT NULL OR r.flags && ${NIK_INVALID_FLAGS}`.execute(db);
  await sql`ANALYZE rc_differ`.execute(db);
  await sql`ANALYZE rc_flagged`.execute(db);
  await sql`
    INSERT INTO discrepancies (period, run_id, kabupaten_code, desa_code, kind, resident_import_id,
      resident_row_no, member_import_id, member_row_no, register_value, extract_value)
    SELECT ${s.period}, ${runId}, r.kab, r.desa, d.kind, r.import_id, r.row_no, m.import_id, m.row_no,
      d.register_value, d.extract_value
    FROM rc_differ l
    JOIN rc_r r ON r.rid = l.rid
    JOIN rc_m m ON m.mid = l.mid
    CROSS JOIN LATERAL (VALUES
      ('NIK_BERBEDA', r.nik IS NOT NULL AND m.nik IS NOT NULL AND r.nik <> m.nik, r.nik, m.nik),
      ('NAMA_BERBEDA', l.nama_cmp NOT IN ('SAMA', 'SAMA_UMUM', 'KOSONG'), r.nama_raw, m.nama_raw),
      ('TANGGAL_LAHIR_BERBEDA', r.dob IS NOT NULL AND m.dob IS NOT NULL AND r.dob <> m.dob,
        r.dob::text, m.dob::text),
      ('JENIS_KELAMIN_BERBEDA', r.jk IS NOT NULL AND m.jk IS NOT NULL AND r.jk <> m.jk, r.jk, m.jk),
      ('DESA_BERBEDA', r.desa <> m.desa, r.desa, m.desa)
    ) AS d(kind, differs, register_value, extract_value)
    WHERE d.differs`.execute(db);
  await sql`
    INSERT INTO discrepancies (period, run_id, kabupaten_code, desa_code, kind, resident_import_id,
      resident_row_no, member_import_id, member_row_no, register_value, extract_value)
    SELECT ${s.period}, ${runId}, r.kab, r.desa, k.kind, r.import_id, r.row_no, m.import_id, m.row_no,
      coalesce(r.nik, r.nik_raw), m.nik
    FROM rc_flagged r
    LEFT JOIN rc_links l ON l.rid = r.rid AND l.decision = 'match'
    LEFT JOIN rc_m m ON m.mid = l.mid
    CROSS JOIN LATERAL (VALUES ('NIK_GANDA', r.shared), ('NIK_TIDAK_VALID', r.invalid))
      AS k(kind, applies)
    WHERE k.applies`.execute(db);
}

export interface RunCounts {
  residents: Record<string, number>;
  members: Record<string, number>;
  discrepancies: Record<string, number>;
  methods: Record<string, number>;
  /** Villages of the scope with extract rows but no register this period. */
  villagesWithoutRegister: number;
  /** Villages of the scope with a register but no extract rows. */
  villagesWithoutExtract: number;
  /** Districts whose residents got no outcome: no extract at all this period. */
  districtsWithoutExtract: string[];
}

export async function countRunResults(db: Db, s: RunScope): Promise<RunCounts> {
  const group = async (table: string, column: string) => {
    const r = await sql<{ k: string | null; n: number }>`
      SELECT ${sql.ref(column)} AS k, count(*)::int AS n FROM ${sql.table(table)}
      WHERE period = ${s.period} AND desa_code LIKE ${like(s)} GROUP BY 1 ORDER BY 1`.execute(db);
    return Object.fromEntries(r.rows.filter((x) => x.k !== null).map((x) => [x.k, x.n]));
  };
  // One pass over the residents' outcomes gives their statuses, the methods,
  // and the paired members (a paired member's outcome is its resident's:
  // linked, or awaiting review).
  const outcomes = await sql<{
    status: string;
    method: string | null;
    decision: string | null;
    n: number;
  }>`
    SELECT status, method, decision, count(*)::int AS n FROM resident_outcomes
    WHERE period = ${s.period} AND desa_code LIKE ${like(s)}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
  const tally = (key: (row: (typeof outcomes.rows)[number]) => string | null) => {
    const out: Record<string, number> = {};
    for (const row of outcomes.rows) {
      const k = key(row);
      if (k !== null) out[k] = (out[k] ?? 0) + row.n;
    }
    return out;
  };
  const paired = tally((r) =>
    r.decision === 'match' ? 'TERHUBUNG' : r.decision === 'review' ? 'PERLU_VERIFIKASI' : null,
  );
  // Which villages and districts have only one side: over the distinct
  // villages of each side, not over every row.
  const missing = await sql<{ no_register: number; no_extract: number; districts: string[] }>`
    WITH rv AS (SELECT DISTINCT desa, kab FROM rc_r), mv AS (SELECT DISTINCT desa, kab FROM rc_m)
    SELECT
      (SELECT count(*)::int FROM mv WHERE desa NOT IN (SELECT desa FROM rv)) AS no_register,
      (SELECT count(*)::int FROM rv WHERE desa NOT IN (SELECT desa FROM mv)) AS no_extract,
      (SELECT coalesce(array_agg(DISTINCT kab ORDER BY kab), '{}') FROM rv
        WHERE kab NOT IN (SELECT kab FROM mv)) AS districts`.execute(db);
  const m = missing.rows[0];
  return {
    residents: tally((r) => r.status),
    members: { ...paired, ...(await group('unlinked_members', 'status')) },
    discrepancies: await group('discrepancies', 'kind'),
    methods: tally((r) => r.method),
    villagesWithoutRegister: m?.no_register ?? 0,
    villagesWithoutExtract: m?.no_extract ?? 0,
    districtsWithoutExtract: m?.districts ?? [],
  };
}

export async function insertRun(
  db: Db,
  row: { period: string; scope: string; runBy: string; startedAt: Date; settings: Settings },
): Promise<number> {
  const r = await db
    .insertInto('reconcile_runs')
    .values({
      period: row.period,
      scope: row.scope,
      run_by: row.runBy,
      started_at: row.startedAt,
      finished_at: row.startedAt,
      duration_ms: 0,
      settings: JSON.stringify(row.settings),
      summary: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function finishRun(
  db: Db,
  id: number,
  row: { finishedAt: Date; durationMs: number; summary: unknown },
): Promise<void> {
  await db
    .updateTable('reconcile_runs')
    .set({
      finished_at: row.finishedAt,
      duration_ms: row.durationMs,
      summary: JSON.stringify(row.summary),
    })
    .where('id', '=', id)
    .execute();
}

export function findRuns(db: Db, filter: { period?: string | undefined; limit: number }) {
  let q = db.selectFrom('reconcile_runs').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.period) q = q.where('period', '=', filter.period);
  return q.execute();
}
