// Sisir's SQL: the reconciliation turns the month's outcomes into targets
// (open, update, close, history: a few set statements over the whole scope,
// the rules of pathways.ts evaluated in the database), and the worklist reads
// them by household, scoped, masked and audited.
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { identifierAs, likeAny } from '../access/personal-data.repository.ts';
import type { Scope } from '../access/roles.policy.ts';
import type { DB } from '../db/schema.ts';
import {
  ELDERLY_AGE,
  PATHWAY_RULES,
  type PathwayRule,
  PRIORITY_RULES,
  type PriorityFlag,
  REST_PRIORITY,
  VULNERABLE,
  WAGE_OCCUPATIONS,
} from './pathways.ts';

type Db = Kysely<DB>;

/** A period and the region it covers ('' for everything). */
export interface SyncScope {
  period: string;
  scope: string;
}

export interface TargetSync {
  /** The sync did not run: a later period was already synced in the scope. */
  skippedBecause: string | null;
  opened: number;
  /** Open targets whose facts changed (the rest were left as they were). */
  changed: number;
  closedActive: number;
  closedLeft: number;
}

/** The column's region lies inside a run's scope (a region code; '' for everything). */
export const inScope = (column: string, scope: string) =>
  sql<SqlBool>`${sql.ref(column)} LIKE ${`${scope}%`}`;

/**
 * One rule's conditions as a SQL condition over tg_facts (alias f): each
 * value a bound parameter, so the table in pathways.ts stays data.
 */
function conditionOf(rule: PathwayRule) {
  const w = rule.when;
  const parts = [
    w.status && sql`f.status = ANY(${[...w.status]}::text[])`,
    w.alasan && sql`f.alasan_nonaktif = ANY(${[...w.alasan]}::text[])`,
    w.desilKnown !== undefined && sql`(f.desil IS NOT NULL) = ${w.desilKnown}`,
    w.desilMin !== undefined && sql`f.desil >= ${w.desilMin}::int`,
    w.desilMax !== undefined && sql`f.desil <= ${w.desilMax}::int`,
    w.bulanMin !== undefined && sql`coalesce(f.bulan_tunggakan, 0) >= ${w.bulanMin}::int`,
    w.nikBermasalah !== undefined && sql`f.nik_bermasalah = ${w.nikBermasalah}`,
    w.rentan !== undefined && sql`f.rentan = ${w.rentan}`,
    w.pekerjaUpah !== undefined && sql`f.pekerja_upah = ${w.pekerjaUpah}`,
  ].filter((part) => part !== undefined && part !== false);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` AND `);
}

/** The number (1-based) of the first rule that holds: a CASE, evaluated once per row. */
function firstRuleNumber() {
  return sql`CASE ${sql.join(
    PATHWAY_RULES.map((rule, i) => sql`WHEN ${conditionOf(rule)} THEN ${i + 1}::int`),
    sql` `,
  )} END`;
}

/** The rule table as rows (number, id, pathway, class, reason) for a join. */
function pathwayRulesJson(): string {
  return JSON.stringify(
    PATHWAY_RULES.map((r, i) => ({
      rank: i + 1,
      id: r.id,
      pathway: r.pathway,
      kelas_saran: r.kelasSaran ?? null,
      reason: r.reason,
    })),
  );
}

/** What each priority rule asks of tg_facts (alias f). */
const PRIORITY_CONDITIONS: Record<PriorityFlag, RawBuilder<unknown>> = {
  HAMIL: sql`f.hamil`,
  STUNTING: sql`f.stunting`,
  PHK: sql`f.phk`,
  DESIL_1_5: sql`coalesce(f.desil <= 5, false)`,
  LANSIA: sql`coalesce(f.umur >= ${ELDERLY_AGE}, false)`,
  DISABILITAS: sql`f.disabilitas`,
};

/** The facts the rules read, one row per target-to-be, in tg_facts. */
export async function loadFacts(db: Db, s: SyncScope): Promise<void> {
  await sql`DROP TABLE IF EXISTS tg_facts`.execute(db);
  await sql`
    CREATE TEMP TABLE tg_facts ON COMMIT DROP AS
    SELECT ro.kabupaten_code, ro.desa_code, ro.source_id, ro.resident_import_id, ro.resident_row_no,
      ro.status, ro.noka, ro.segmen, m.kelas, ro.alasan_nonaktif, ro.bulan_tunggakan,
      coalesce(r.no_kk, 'id:' || ro.source_id) AS household,
      coalesce(r.pemberi_kerja, m.badan_usaha) AS pemberi_kerja,
      r.dusun, r.rw, r.rt, r.desil, r.pekerjaan,
      coalesce(r.hamil, false) AS hamil, coalesce(r.stunting, false) AS stunting,
      coalesce(r.phk, false) AS phk, coalesce(r.disabilitas, false) AS disabilitas,
      extract(year FROM age(to_date(${s.period} || '-01', 'YYYY-MM-DD'), r.tanggal_lahir))::int AS umur,
      r.flags && ARRAY['NIK_MISSING', 'NIK_TEMPORARY', 'NIK_MALFORMED', 'NIK_INVALID_DATE'] AS nik_bermasalah
    FROM resident_outcomes ro
    JOIN residents r ON r.import_id = ro.resident_import_id AND r.row_no = ro.resident_row_no
    LEFT JOIN members m ON m.import_id = ro.member_import_id AND m.row_no = ro.member_row_no
    WHERE ro.period = ${s.period} AND ${inScope('ro.desa_code', s.scope)} AND ro.hidup
      AND ro.status IN ('BELUM_TERDAFTAR', 'NONAKTIF', 'PERLU_VERIFIKASI')`.execute(db);
}

/**
 * Evaluates the pathway and priority rules over tg_facts into tg_eval: the
 * first pathway rule whose every condition holds, and every priority rule
 * that applies (the most urgent sets the rank).
 */
export async function evaluateRules(db: Db): Promise<void> {
  // Ranks in order, so the first rule that applies gives the priority.
  const byRank = [...PRIORITY_RULES].sort((a, b) => a.rank - b.rank);
  await sql`DROP TABLE IF EXISTS tg_eval`.execute(db);
  await sql`
    CREATE TEMP TABLE tg_eval ON COMMIT DROP AS
    WITH occupations AS (
      -- A few dozen distinct occupations: matched once each, not once per person.
      SELECT DISTINCT pekerjaan,
        upper(pekerjaan) LIKE ANY(${WAGE_OCCUPATIONS.map((o) => `${o}%`)}::text[]) AS wage
      FROM tg_facts WHERE pekerjaan IS NOT NULL
    ), f AS (
      SELECT f.*,
        (${sql.join(
          VULNERABLE.map((id) => PRIORITY_CONDITIONS[id]),
          sql` OR `,
        )}) AS rentan,
        (f.pemberi_kerja IS NOT NULL OR coalesce(o.wage, false)) AS pekerja_upah
      FROM tg_facts f LEFT JOIN occupations o ON o.pekerjaan = f.pekerjaan
    ), j AS (
      SELECT f.*, ${firstRuleNumber()} AS rule_no,
        CASE ${sql.join(
          byRank.map((r) => sql`WHEN ${PRIORITY_CONDITIONS[r.id]} THEN ${r.rank}::int`),
          sql` `,
        )} ELSE ${REST_PRIORITY}::int END AS priority,
        array_remove(ARRAY[${sql.join(
          PRIORITY_RULES.map(
            (r) => sql`CASE WHEN ${PRIORITY_CONDITIONS[r.id]} THEN ${r.id}::text END`,
          ),
        )}], NULL) AS priority_reasons
      FROM f
    )
    SELECT j.*, r.id AS pathway_rule, r.pathway, r.kelas_saran,
      replace(replace(replace(r.reason,
        '{desil}', coalesce(j.desil::text, '?')),
        '{bulan}', coalesce(j.bulan_tunggakan::text, '?')),
        '{pemberi_kerja}', coalesce(j.pemberi_kerja, 'pemberi kerja')) AS pathway_reason
    FROM j
    JOIN jsonb_to_recordset(${pathwayRulesJson()}::jsonb)
      AS r(rank int, id text, pathway text, kelas_saran int, reason text) ON r.rank = j.rule_no`.execute(
    db,
  );
}

/**
 * The latest month reconciled for a region overlapping the scope ('' when
 * none): runs of the scope, of regions inside it, or of a region around it.
 */
export async function latestRunPeriod(db: Db, scope: string): Promise<string> {
  const r = await sql<{ latest: string | null }>`
    SELECT max(period) AS latest FROM reconcile_runs
    WHERE scope LIKE ${`${scope}%`} OR ${scope} LIKE scope || '%'`.execute(db);
  return r.rows[0]?.latest ?? '';
}

/** The facts a target keeps; a month that changes none of them writes nothing. */
const FACTS = [
  'status',
  'household',
  'noka',
  'segmen',
  'kelas',
  'alasan_nonaktif',
  'bulan_tunggakan',
  'pemberi_kerja',
  'dusun',
  'rw',
  'rt',
  'pathway',
  'pathway_rule',
  'pathway_reason',
  'kelas_saran',
  'priority',
  'priority_reasons',
] as const;
const factsOf = (alias: string) => sql.join(FACTS.map((f) => sql.ref(`${alias}.${f}`)));

/**
 * The month's targets from the month's outcomes (after writeOutcomes, in the
 * run's transaction), writing only what changed: a new target, a target whose
 * facts changed (its history gets a row when status, pathway or priority
 * did), a target closed. A month in which nothing changed for a person writes
 * nothing for them. A re-run of the same month first undoes that month's
 * writes (history rows, closures, and the state its changes replaced); a run
 * of a month older than one already reconciled leaves the targets alone.
 */
export async function syncTargets(db: Db, s: SyncScope): Promise<TargetSync> {
  const none = { opened: 0, changed: 0, closedActive: 0, closedLeft: 0 };
  const latest = await latestRunPeriod(db, s.scope);
  if (latest > s.period) {
    return { skippedBecause: `sasaran sudah diperbarui dengan periode ${latest}`, ...none };
  }
  // Undo an earlier run of this month: the state its changes replaced comes
  // back from the history, then its history rows and closures go.
  await sql`
    UPDATE targets t SET status = h.status, pathway = h.pathway, priority = h.priority
    FROM (
      SELECT DISTINCT ON (p.target_id) p.target_id, p.status, p.pathway, p.priority
      FROM target_history p
      JOIN target_history m ON m.target_id = p.target_id AND m.period = ${s.period}
      WHERE p.period < ${s.period} AND p.pathway IS NOT NULL
      ORDER BY p.target_id, p.period DESC
    ) h
    WHERE t.id = h.target_id AND ${inScope('t.desa_code', s.scope)}`.execute(db);
  await sql`
    DELETE FROM target_history h USING targets t
    WHERE h.target_id = t.id AND h.period = ${s.period} AND ${inScope('t.desa_code', s.scope)}`.execute(
    db,
  );
  await sql`
    UPDATE targets SET closed_period = NULL, close_reason = NULL
    WHERE closed_period = ${s.period} AND ${inScope('desa_code', s.scope)}`.execute(db);

  await loadFacts(db, s);
  await evaluateRules(db);
  await sql`ANALYZE tg_eval`.execute(db);

  // Open targets whose facts changed (the register pointer follows them, and
  // follows a pointer whose import was replaced or purged).
  const changed = await sql<{ n: number }>`
    WITH c AS (
      SELECT t.id, e.*, t.opened_period = ${s.period}
          OR (t.status, t.pathway, t.priority) IS DISTINCT FROM (e.status, e.pathway, e.priority)
          AS moved
      FROM targets t
      JOIN tg_eval e ON t.desa_code = e.desa_code AND t.source_id = e.source_id
      WHERE t.closed_period IS NULL
        AND (ROW(${factsOf('t')}) IS DISTINCT FROM ROW(${factsOf('e')})
          OR t.opened_period = ${s.period}
          OR t.resident_import_id NOT IN (SELECT id FROM imports WHERE status = 'committed'))
    ), u AS (
      UPDATE targets t SET last_period = ${s.period}, status = c.status, household = c.household,
        resident_import_id = c.resident_import_id, resident_row_no = c.resident_row_no,
        noka = c.noka, segmen = c.segmen, kelas = c.kelas, alasan_nonaktif = c.alasan_nonaktif,
        bulan_tunggakan = c.bulan_tunggakan, pemberi_kerja = c.pemberi_kerja,
        dusun = c.dusun, rw = c.rw, rt = c.rt, pathway = c.pathway, pathway_rule = c.pathway_rule,
        pathway_reason = c.pathway_reason, kelas_saran = c.kelas_saran, priority = c.priority,
        priority_reasons = c.priority_reasons
      FROM c WHERE t.id = c.id
      RETURNING t.id
    ), h AS (
      INSERT INTO target_history (target_id, period, status, pathway, priority)
      SELECT id, ${s.period}, status, pathway, priority FROM c WHERE moved
    )
    SELECT count(*)::int AS n FROM u`.execute(db);
  const opened = await sql<{ n: number }>`
    WITH i AS (
      INSERT INTO targets (kabupaten_code, desa_code, source_id, household, opened_period, last_period,
        status, resident_import_id, resident_row_no, noka, segmen, kelas, alasan_nonaktif,
        bulan_tunggakan, pemberi_kerja, dusun, rw, rt, pathway, pathway_rule, pathway_reason,
        kelas_saran, priority, priority_reasons)
      SELECT e.kabupaten_code, e.desa_code, e.source_id, e.household, ${s.period}, ${s.period},
        e.status, e.resident_import_id, e.resident_row_no, e.noka, e.segmen, e.kelas, e.alasan_nonaktif,
        e.bulan_tunggakan, e.pemberi_kerja, e.dusun, e.rw, e.rt, e.pathway, e.pathway_rule,
        e.pathway_reason, e.kelas_saran, e.priority, e.priority_reasons
      FROM tg_eval e
      WHERE NOT EXISTS (
        SELECT 1 FROM targets t
        WHERE t.closed_period IS NULL AND t.desa_code = e.desa_code AND t.source_id = e.source_id)
      RETURNING id, status, pathway, priority
    ), h AS (
      INSERT INTO target_history (target_id, period, status, pathway, priority)
      SELECT id, ${s.period}, status, pathway, priority FROM i
    )
    SELECT count(*)::int AS n FROM i`.execute(db);
  // Open targets the month did not list: active now, or gone from a village
  // whose register came in. A village without a register this month says
  // nothing about its people: its targets stay open.
  const closed = await sql<{ close_reason: 'AKTIF' | 'KELUAR'; n: number }>`
    WITH villages AS (
      SELECT DISTINCT desa_code FROM resident_outcomes
      WHERE period = ${s.period} AND ${inScope('desa_code', s.scope)}
    ), active AS (
      SELECT DISTINCT desa_code, source_id FROM resident_outcomes
      WHERE period = ${s.period} AND ${inScope('desa_code', s.scope)} AND hidup AND status = 'AKTIF'
    ), gone AS (
      SELECT t.id, CASE WHEN a.source_id IS NULL THEN 'KELUAR' ELSE 'AKTIF' END AS reason
      FROM targets t
      JOIN villages v ON v.desa_code = t.desa_code
      LEFT JOIN active a ON a.desa_code = t.desa_code AND a.source_id = t.source_id
      WHERE t.closed_period IS NULL AND ${inScope('t.desa_code', s.scope)}
        AND NOT EXISTS (
          SELECT 1 FROM tg_eval e WHERE e.desa_code = t.desa_code AND e.source_id = t.source_id)
    ), done AS (
      UPDATE targets t SET closed_period = ${s.period}, close_reason = g.reason
      FROM gone g WHERE t.id = g.id
      RETURNING t.id, t.close_reason
    ), h AS (
      INSERT INTO target_history (target_id, period, status)
      SELECT id, ${s.period}, close_reason FROM done
    )
    SELECT close_reason, count(*)::int AS n FROM done GROUP BY close_reason`.execute(db);
  const count = (reason: string) => closed.rows.find((r) => r.close_reason === reason)?.n ?? 0;
  return {
    skippedBecause: null,
    opened: opened.rows[0]?.n ?? 0,
    changed: changed.rows[0]?.n ?? 0,
    closedActive: count('AKTIF'),
    closedLeft: count('KELUAR'),
  };
}

/** Test and documentation aid: the rules' verdict for hand-made facts (same SQL as the sync). */
export async function evaluateFacts(
  db: Db,
  facts: readonly Record<string, unknown>[],
): Promise<
  {
    source_id: string;
    pathway: string;
    pathway_rule: string;
    pathway_reason: string;
    kelas_saran: number | null;
    priority: number;
    priority_reasons: string[];
  }[]
> {
  await sql`DROP TABLE IF EXISTS tg_facts`.execute(db);
  await sql`
    CREATE TEMP TABLE tg_facts ON COMMIT DROP AS
    SELECT * FROM jsonb_to_recordset(${JSON.stringify(facts)}::jsonb) AS f(
      kabupaten_code text, desa_code text, source_id text, resident_import_id bigint,
      resident_row_no int, status text, noka text, segmen text, kelas smallint,
      alasan_nonaktif text, bulan_tunggakan smallint, household text, pemberi_kerja text,
      dusun text, rw text, rt text, desil smallint, pekerjaan text, hamil boolean,
      stunting boolean, phk boolean, disabilitas boolean, umur int, nik_bermasalah boolean)`.execute(
    db,
  );
  await evaluateRules(db);
  const r = await sql<{
    source_id: string;
    pathway: string;
    pathway_rule: string;
    pathway_reason: string;
    kelas_saran: number | null;
    priority: number;
    priority_reasons: string[];
  }>`SELECT source_id, pathway, pathway_rule, pathway_reason, kelas_saran, priority, priority_reasons
     FROM tg_eval ORDER BY source_id`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------
// The worklist

const numberPart = (column: string) =>
  sql`nullif(regexp_replace(${sql.ref(column)}, '\\D', '', 'g'), '')::int`;

export interface WorklistQuery {
  scope: Scope;
  /** Only these villages (an agent's), if given. */
  villages?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

export interface WorklistPerson {
  targetId: number;
  nama: string | null;
  nik: string | null;
  tanggalLahir: string | null;
  jenisKelamin: string | null;
  status: string;
  noka: string | null;
  segmen: string | null;
  alasanNonaktif: string | null;
  bulanTunggakan: number | null;
  pathway: string;
  pathwayReason: string;
  kelasSaran: number | null;
  priority: number;
  priorityReasons: string[];
  openedPeriod: string;
}

export interface WorklistHousehold {
  desaCode: string;
  household: string;
  priority: number;
  dusun: string | null;
  rw: string | null;
  rt: string | null;
  alamat: string | null;
  lastVisitOn: string | null;
  lastOutcome: string | null;
  nextVisitOn: string | null;
  people: WorklistPerson[];
}

/**
 * Open targets by household: the most urgent household first, then by
 * dusun, RW and RT (numerically), so an agent can walk the list. Audited
 * with the NIKs shown.
 */
export async function findWorklist(
  db: Db,
  actor: Actor,
  q: WorklistQuery,
  purpose: string,
): Promise<{ total: number; households: WorklistHousehold[] }> {
  const villages = q.villages;
  const where = sql<SqlBool>`t.closed_period IS NULL AND ${likeAny('t.desa_code', q.scope)}
    ${villages ? sql`AND t.desa_code = ANY(${[...villages]}::text[])` : sql``}`;
  const total = await sql<{ n: number }>`
    SELECT count(DISTINCT (t.desa_code, t.household))::int AS n FROM targets t WHERE ${where}`.execute(
    db,
  );
  const rows = await sql<Record<string, unknown>>`
    WITH h AS (
      SELECT t.desa_code, t.household, min(t.priority) AS priority,
        min(t.dusun) AS dusun, min(t.rw) AS rw, min(t.rt) AS rt
      FROM targets t WHERE ${where}
      GROUP BY t.desa_code, t.household
      ORDER BY min(t.priority), min(t.dusun) NULLS LAST, min(${numberPart('t.rw')}) NULLS LAST,
        min(${numberPart('t.rt')}) NULLS LAST, t.desa_code, t.household
      LIMIT ${q.limit} OFFSET ${q.offset}
    ), ordered AS (
      SELECT h.*, row_number() OVER () AS h_order FROM h
    )
    SELECT h.h_order, h.desa_code, h.household, h.priority AS h_priority, h.dusun AS h_dusun,
      h.rw AS h_rw, h.rt AS h_rt,
      v.visited_on AS last_visit_on, v.outcome AS last_outcome, v.next_visit_on,
      t.id, r.nama, ${identifierAs(actor, 'r.nik', 't.desa_code')} AS nik, r.nik AS _nik,
      r.tanggal_lahir, r.jenis_kelamin, r.alamat, t.status, ${identifierAs(actor, 't.noka', 't.desa_code')} AS noka,
      t.segmen, t.alasan_nonaktif, t.bulan_tunggakan, t.pathway, t.pathway_reason, t.kelas_saran,
      t.priority, t.priority_reasons, t.opened_period
    FROM ordered h
    JOIN targets t ON t.desa_code = h.desa_code AND t.household = h.household AND t.closed_period IS NULL
    LEFT JOIN residents r ON r.import_id = t.resident_import_id AND r.row_no = t.resident_row_no
    LEFT JOIN LATERAL (
      SELECT visited_on, outcome, next_visit_on FROM visits
      WHERE visits.desa_code = h.desa_code AND visits.household = h.household
      ORDER BY visited_on DESC, recorded_at DESC LIMIT 1
    ) v ON true
    ORDER BY h.h_order, t.priority, r.tanggal_lahir NULLS LAST, t.id`.execute(db);

  const households: WorklistHousehold[] = [];
  const niks: string[] = [];
  for (const row of rows.rows) {
    let h = households.at(-1);
    if (!h || h.desaCode !== row.desa_code || h.household !== row.household) {
      h = {
        desaCode: row.desa_code as string,
        household: row.household as string,
        priority: row.h_priority as number,
        dusun: row.h_dusun as string | null,
        rw: row.h_rw as string | null,
        rt: row.h_rt as string | null,
        alamat: row.alamat as string | null,
        lastVisitOn: row.last_visit_on as string | null,
        lastOutcome: row.last_outcome as string | null,
        nextVisitOn: row.next_visit_on as string | null,
        people: [],
      };
      households.push(h);
    }
    if (typeof row._nik === 'string') niks.push(row._nik);
    h.people.push({
      targetId: row.id as number,
      nama: row.nama as string | null,
      nik: row.nik as string | null,
      tanggalLahir: row.tanggal_lahir as string | null,
      jenisKelamin: row.jenis_kelamin as string | null,
      status: row.status as string,
      noka: row.noka as string | null,
      segmen: row.segmen as string | null,
      alasanNonaktif: row.alasan_nonaktif as string | null,
      bulanTunggakan: row.bulan_tunggakan as number | null,
      pathway: row.pathway as string,
      pathwayReason: row.pathway_reason as string,
      kelasSaran: row.kelas_saran as number | null,
      priority: row.priority as number,
      priorityReasons: row.priority_reasons as string[],
      openedPeriod: row.opened_period as string,
    });
  }
  await recordAudit(db, actor, {
    action: 'list',
    subject: 'targets',
    ctx: { purpose },
    query: { villages: villages ?? null, limit: q.limit, offset: q.offset },
    scope: q.scope,
    rowCount: niks.length,
    niks,
  });
  return { total: total.rows[0]?.n ?? 0, households };
}

export interface TargetRow {
  id: number;
  kabupaten_code: string;
  desa_code: string;
  source_id: string;
  household: string;
  status: string;
  closed_period: string | null;
  close_reason: string | null;
  last_period: string;
  noka: string | null;
  kelas: number | null;
  kelas_saran: number | null;
  segmen: string | null;
  pathway: string;
}

const TARGET_ROW_COLUMNS = [
  'id',
  'kabupaten_code',
  'desa_code',
  'source_id',
  'household',
  'status',
  'closed_period',
  'close_reason',
  'last_period',
  'noka',
  'kelas',
  'kelas_saran',
  'segmen',
  'pathway',
] as const;

/** The open targets of a household. */
export async function findOpenHouseholdTargets(
  db: Db,
  desa: string,
  household: string,
): Promise<TargetRow[]> {
  return db
    .selectFrom('targets')
    .select(TARGET_ROW_COLUMNS)
    .where('desa_code', '=', desa)
    .where('household', '=', household)
    .where('closed_period', 'is', null)
    .orderBy('id')
    .execute() as Promise<TargetRow[]>;
}

/** One target with its history and the person's name (audited by the caller's service). */
export async function findTargetDetail(db: Db, actor: Actor, id: number) {
  const target = await db
    .selectFrom('targets as t')
    .leftJoin('residents as r', (j) =>
      j
        .onRef('r.import_id', '=', 't.resident_import_id')
        .onRef('r.row_no', '=', 't.resident_row_no'),
    )
    .select([
      't.id',
      't.desa_code',
      't.household',
      't.source_id',
      't.status',
      't.opened_period',
      't.last_period',
      't.closed_period',
      't.close_reason',
      't.segmen',
      't.kelas',
      't.alasan_nonaktif',
      't.bulan_tunggakan',
      't.pemberi_kerja',
      't.dusun',
      't.rw',
      't.rt',
      't.pathway',
      't.pathway_rule',
      't.pathway_reason',
      't.kelas_saran',
      't.priority',
      't.priority_reasons',
      'r.nama',
      'r.tanggal_lahir',
      'r.jenis_kelamin',
    ])
    .select(sql<string | null>`r.alamat`.as('alamat'))
    .select(identifierAs(actor, 't.noka', 't.desa_code').as('noka'))
    .select(identifierAs(actor, 'r.nik', 't.desa_code').as('nik'))
    .select(sql<string | null>`r.nik`.as('_nik'))
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!target) return null;
  const history = await db
    .selectFrom('target_history')
    .select(['period', 'status', 'pathway', 'priority'])
    .where('target_id', '=', id)
    .orderBy('period')
    .execute();
  return { target, history };
}
