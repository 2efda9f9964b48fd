// The one way to personal data. Every read of residents and members (and,
// as they arrive, links, targets, visits and proposals) goes through a
// PersonalData made for the acting user: it filters by the regions the user's
// grants cover, masks NIK / KK / noka where the role does not need them, and
// writes the audit entry before the data leaves. No other module names these
// tables in a read (tests/architecture.test.ts keeps it so); the importer
// writes them under its own permission check.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Actor, requirePermission } from './actor.ts';
import { recordAudit } from './audit.repository.ts';
import { AccessDenied } from './errors.ts';
import { fullIdentifierScope, narrow, type Permission, type Scope } from './roles.policy.ts';

export type PersonTable = 'residents' | 'members';

export interface PersonFilter {
  /** YYYY-MM; default: the latest month imported. */
  period?: string | undefined;
  /** Any region code (plain); default: everything the user may see. */
  region?: string | undefined;
  /** Part of a name (case-insensitive). */
  name?: string | undefined;
}

export interface Page {
  limit: number;
  offset: number;
}

const RESIDENT_FIELDS = [
  'period',
  'desa_code',
  'nik',
  'no_kk',
  'nama',
  'tanggal_lahir',
  'jenis_kelamin',
  'alamat',
  'rt',
  'rw',
  'dusun',
  'pekerjaan',
  'desil',
  'hidup',
  'flags',
] as const;

const MEMBER_FIELDS = [
  'period',
  'desa_code',
  'noka',
  'nik',
  'nama',
  'tanggal_lahir',
  'jenis_kelamin',
  'segmen',
  'kelas',
  'status',
  'alasan_nonaktif',
  'bulan_tunggakan',
  'badan_usaha',
  'faskes',
  'flags',
] as const;

export const PERSON_FIELDS: Record<PersonTable, readonly string[]> = {
  residents: RESIDENT_FIELDS,
  members: MEMBER_FIELDS,
};

/** Identifiers shown masked outside the full-identifier scope. */
const IDENTIFIERS = new Set(['nik', 'no_kk', 'noka']);

export type PersonRow = Record<string, unknown>;

export interface AccessContext {
  /** Why the data is read (recorded); routes and commands give a default. */
  purpose: string;
}

/** The row's region (column) lies inside the scope. */
export const likeAny = (column: string, scope: Scope): Expression<SqlBool> =>
  scope.everywhere
    ? sql<SqlBool>`true`
    : sql<SqlBool>`${sql.ref(column)} LIKE ANY(${scope.prefixes.map((p) => `${p}%`)}::text[])`;

/**
 * An identifier column (NIK, KK, noka) as the actor may see it: whole where
 * the actor's role works with people by identifier, masked elsewhere.
 */
export function identifierAs(actor: Actor, column: string, desaColumn = 'desa_code') {
  const full = fullIdentifierScope(actor.grants);
  if (full.everywhere) return sql<string | null>`${sql.ref(column)}`;
  if (full.prefixes.length === 0) return sql<string | null>`pesiar_mask(${sql.ref(column)})`;
  return sql<string | null>`CASE WHEN ${likeAny(desaColumn, full)} THEN ${sql.ref(column)}
    ELSE pesiar_mask(${sql.ref(column)}) END`;
}

export class PersonalData {
  constructor(
    private readonly db: Kysely<DB>,
    readonly actor: Actor,
  ) {}

  /**
   * Where the permission reaches, narrowed to the region asked for. Refuses
   * (AccessDenied) a region outside it, or a permission held nowhere.
   */
  scopeFor(permission: Permission, region?: string): Scope {
    const scope = requirePermission(this.actor, permission);
    if (region === undefined) return scope;
    const narrowed = narrow(scope, region);
    if (narrowed === null) throw new AccessDenied(`region ${region}: outside your area`);
    return narrowed;
  }

  /**
   * The latest month with rows of the table inside the scope, or null: a
   * month imported only elsewhere is neither chosen nor revealed.
   */
  async latestPeriod(table: PersonTable, scope: Scope): Promise<string | null> {
    const kind = table === 'residents' ? 'population' : 'membership';
    const r = await sql<{ period: string }>`
      SELECT p.period FROM (
        SELECT DISTINCT period FROM imports WHERE kind = ${kind} AND status = 'committed'
      ) p
      WHERE EXISTS (
        SELECT 1 FROM ${sql.table(table)} t WHERE t.period = p.period AND ${likeAny('t.desa_code', scope)}
      )
      ORDER BY p.period DESC
      LIMIT 1`.execute(this.db);
    return r.rows[0]?.period ?? null;
  }

  private selection(table: PersonTable) {
    return PERSON_FIELDS[table].map((field) =>
      IDENTIFIERS.has(field) ? identifierAs(this.actor, field).as(field) : sql.ref(field).as(field),
    );
  }

  private async resolve(permission: Permission, table: PersonTable, filter: PersonFilter) {
    const scope = this.scopeFor(permission, filter.region);
    const period = filter.period ?? (await this.latestPeriod(table, scope));
    let q = this.db
      .selectFrom(table)
      .where(likeAny('desa_code', scope))
      .where('period', '=', period ?? '');
    if (filter.name) {
      q = q.where(sql<SqlBool>`nama ILIKE ${`%${filter.name.replace(/[\\%_]/g, '\\$&')}%`}`);
    }
    return { scope, period, q };
  }

  async list(
    table: PersonTable,
    filter: PersonFilter,
    page: Page,
    ctx: AccessContext,
  ): Promise<{ period: string | null; rows: PersonRow[] }> {
    const { scope, period, q } = await this.resolve('persons:read', table, filter);
    const rows = (await q
      .select(this.selection(table))
      .select(sql<string | null>`nik`.as('_nik'))
      .orderBy('desa_code')
      .orderBy('import_id')
      .orderBy('row_no')
      .limit(page.limit)
      .offset(page.offset)
      .execute()) as PersonRow[];
    const niks: string[] = [];
    for (const row of rows) {
      if (typeof row._nik === 'string') niks.push(row._nik);
      delete row._nik;
    }
    await this.audit({
      action: 'list',
      subject: table,
      ctx,
      query: { ...filter, ...page },
      scope,
      period,
      rowCount: rows.length,
      niks,
    });
    return { period, rows };
  }

  async count(table: PersonTable, filter: PersonFilter, ctx: AccessContext) {
    const { scope, period, q } = await this.resolve('persons:read', table, filter);
    const r = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const count = Number(r.n);
    await this.audit({
      action: 'count',
      subject: table,
      ctx,
      query: { ...filter },
      scope,
      period,
      rowCount: count,
    });
    return { period, count };
  }

  /**
   * Every row the filter selects, in batches (keyset paging: memory stays
   * flat). The export is audited, with its query and row count, before the
   * first row is handed out.
   */
  async export(
    table: PersonTable,
    filter: PersonFilter,
    ctx: AccessContext & { format: string },
  ): Promise<{ period: string | null; count: number; batches: AsyncIterable<PersonRow[]> }> {
    const { scope, period, q } = await this.resolve('persons:export', table, filter);
    const total = await q
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const count = Number(total.n);
    await this.audit({
      action: 'export',
      subject: table,
      ctx,
      query: { ...filter, format: ctx.format },
      scope,
      period,
      rowCount: count,
    });
    const selection = this.selection(table);
    async function* batches(): AsyncIterable<PersonRow[]> {
      let after: { import_id: number; row_no: number } | null = null;
      for (;;) {
        let page = q
          .select(selection)
          .select(['import_id as _import_id', 'row_no as _row_no'])
          .orderBy('import_id')
          .orderBy('row_no')
          .limit(5_000);
        if (after !== null) {
          const { import_id, row_no } = after;
          page = page.where(sql<SqlBool>`(import_id, row_no) > (${import_id}, ${row_no})`);
        }
        const rows = (await page.execute()) as PersonRow[];
        if (rows.length === 0) return;
        const last = rows[rows.length - 1] as PersonRow;
        after = { import_id: Number(last._import_id), row_no: Number(last._row_no) };
        for (const row of rows) {
          delete row._import_id;
          delete row._row_no;
        }
        yield rows;
      }
    }
    return { period, count, batches: batches() };
  }

  /** Everything held about one NIK, in every month, within the user's area. */
  async person(nik: string, ctx: AccessContext) {
    const scope = this.scopeFor('persons:read');
    const residents = await this.rowsOfPerson('residents', nik, scope, 'masked');
    const members = await this.rowsOfPerson('members', nik, scope, 'masked');
    await this.audit({
      action: 'read',
      subject: 'person',
      ctx,
      query: {},
      scope,
      period: null,
      rowCount: residents.length + members.length,
      niks: [nik],
    });
    return { residents, members };
  }

  /**
   * A data-subject report (UU 27/2022): what is held about the person and
   * every recorded access that named them, or whose query (region and month)
   * took in one of their rows. System-wide; for admins.
   */
  async subjectReport(nik: string, ctx: AccessContext) {
    this.scopeFor('audit:read');
    const everywhere: Scope = { everywhere: true };
    const residents = await this.rowsOfPerson('residents', nik, everywhere, 'whole');
    const members = await this.rowsOfPerson('members', nik, everywhere, 'whole');
    const accesses = await sql<{
      id: number;
      at: Date;
      actor: string;
      actor_kind: string;
      via: string;
      ip: string | null;
      action: string;
      subject: string;
      purpose: string | null;
      period: string | null;
      row_count: number | null;
      how: 'named' | 'in_query';
    }>`
      SELECT a.id, a.at, a.actor, a.actor_kind, a.via, a.ip, a.action, a.subject, a.purpose,
             a.period, a.row_count,
             CASE WHEN a.niks @> ARRAY[${nik}]::text[] THEN 'named' ELSE 'in_query' END AS how
      FROM audit_log a
      WHERE a.niks @> ARRAY[${nik}]::text[]
         OR (a.action IN ('export', 'count') AND EXISTS (
              SELECT 1 FROM (
                SELECT period, desa_code FROM residents WHERE nik = ${nik} AND a.subject = 'residents'
                UNION ALL
                SELECT period, desa_code FROM members WHERE nik = ${nik} AND a.subject = 'members'
              ) p
              WHERE p.period = a.period
                AND (a.scope IS NULL OR p.desa_code LIKE ANY(
                  SELECT s || '%' FROM unnest(a.scope) s))))
      ORDER BY a.id
    `.execute(this.db);
    await this.audit({
      action: 'subject_report',
      subject: 'person',
      ctx,
      query: {},
      scope: everywhere,
      period: null,
      rowCount: residents.length + members.length,
      niks: [nik],
    });
    return { nik, residents, members, accesses: accesses.rows };
  }

  /**
   * One person's rows of a table inside the scope, newest month first:
   * masked as the actor's role requires, or whole (with the import) for the
   * data-subject report.
   */
  private rowsOfPerson(
    table: PersonTable,
    nik: string,
    scope: Scope,
    fields: 'masked' | 'whole',
  ): Promise<PersonRow[]> {
    const rows = this.db
      .selectFrom(table)
      .where('nik', '=', nik)
      .where(likeAny('desa_code', scope))
      .orderBy('period', 'desc');
    return (
      fields === 'masked'
        ? rows.select(this.selection(table))
        : rows.select(PERSON_FIELDS[table].map((f) => sql.ref(f).as(f))).select('import_id')
    ).execute() as Promise<PersonRow[]>;
  }

  private async audit(entry: {
    action: string;
    subject: string;
    ctx: AccessContext;
    query: Record<string, unknown>;
    scope: Scope;
    period: string | null;
    rowCount: number;
    niks?: string[];
  }) {
    await recordAudit(this.db, this.actor, entry);
  }
}

export const personalData = (db: Kysely<DB>, actor: Actor) => new PersonalData(db, actor);
