// The register and the extract through HTTP and a real database: what each
// role sees of whom (area and masking), what every read leaves in the audit
// log, the data-subject report built from it, and exported files that are
// safe to open. Synthetic people in two villages of different provinces:
// A = Sungai Jering (Merangin, Jambi) and B, a village of Kabupaten Bogor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTestUser,
  bearerFor,
  importCsvText,
  TEST_PASSWORD,
  VILLAGE_A,
  villageOutsideA,
} from '../access/access.testing.ts';
import { PERSON_FIELDS } from '../access/personal-data.repository.ts';
import type { Role } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';

const PERIOD = '2026-10';
const EARLIER = '2026-09';

const A = VILLAGE_A;
const KK_A = '1502170101200001';
const SITI = '1502174105900001'; // resident and member of A
const BUDI = '1502171203850002'; // resident of A (also in the earlier month)
const FORMULA = '1502175507100003'; // resident of A whose name is a formula
const FORMULA_NAME = '=HYPERLINK("HTTP://X","KLIK")';
const NIKS_A = [SITI, BUDI, FORMULA];
const NOKA_SITI = '0001234567890';

let B: string;
let RINA: string; // resident and member of B
let JOKO: string; // resident of B
const NOKA_RINA = '0001234567892';

/** Each role's grant, on A's area at the role's level. */
const GRANT_OF: Record<Role, string | undefined> = {
  admin: undefined,
  provinsi: A.slice(0, 2),
  pemda: A.slice(0, 4),
  bpjs: A.slice(0, 4),
  operator_desa: A,
  agen: A,
};
const FULL: Role[] = ['agen', 'operator_desa', 'bpjs'];
const MASKED: Role[] = ['pemda', 'provinsi', 'admin'];
const userOf = (role: Role) => `reg-${role.replace('_', '-')}`;

let database: Database;
let app: FastifyInstance;
let rejectsDir: string;
const tokens = new Map<Role, string>();
/** The agen of A logged in with a browser session (cookie). */
let agenCookie: string;

async function importCsv(kind: 'population' | 'membership', period: string, csv: string) {
  const result = await importCsvText(database, { kind, period, csv, rejectsDir });
  expect(result.rowsRejected, JSON.stringify(result.rejects)).toBe(0);
}

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-registers-'));
  app = await buildApp({ database, rejectsDir });

  B = await villageOutsideA(database.db);
  RINA = `${B.slice(0, 6)}4408920004`;
  JOKO = `${B.slice(0, 6)}0911800005`;

  const header = 'nik,no_kk,nama,tanggal_lahir,jenis_kelamin,kode_desa,alamat';
  await importCsv(
    'population',
    PERIOD,
    [
      header,
      `${SITI},${KK_A},Siti Contoh,1990-05-01,P,${A},Dusun I`,
      `${BUDI},${KK_A},Budi Contoh,1985-03-12,L,${A},Dusun I`,
      `${FORMULA},1502170101200002,"=HYPERLINK(""http://x"",""klik"")",2010-07-15,P,${A},+62 812`,
      `${RINA},${B.slice(0, 6)}0101200004,Rina Lain,1992-08-04,P,${B},Kampung Dua`,
      `${JOKO},${B.slice(0, 6)}0101200004,Joko Lain,1980-11-09,L,${B},Kampung Dua`,
    ].join('\n'),
  );
  await importCsv(
    'population',
    EARLIER,
    [header, `${BUDI},${KK_A},Budi Contoh,1985-03-12,L,${A},Dusun I`].join('\n'),
  );
  await importCsv(
    'membership',
    PERIOD,
    [
      'noka,nik,nama,tanggal_lahir,jenis_kelamin,kode_desa,segmen,kelas,status',
      `${NOKA_SITI},${SITI},SITI CONTOH,1990-05-01,P,${A},PBPU,3,AKTIF`,
      `${NOKA_RINA},${RINA},RINA LAIN,1992-08-04,P,${B},PBI APBN,3,AKTIF`,
    ].join('\n'),
  );

  for (const [role, region] of Object.entries(GRANT_OF) as [Role, string | undefined][]) {
    await addTestUser(database.db, userOf(role), [
      region === undefined ? { role } : { role, region },
    ]);
    const { authorization } = await bearerFor(
      database.db,
      userOf(role),
      role,
      region === undefined ? [] : [region],
    );
    tokens.set(role, authorization);
  }
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { name: userOf('agen'), password: TEST_PASSWORD },
  });
  expect(login.statusCode).toBe(200);
  agenCookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  if (rejectsDir) rmSync(rejectsDir, { recursive: true, force: true });
});

/** GET as the role's token. */
function getAs(role: Role, url: string, query?: Record<string, string>) {
  return app.inject({
    url,
    ...(query ? { query } : {}),
    headers: { authorization: tokens.get(role) ?? '' },
  });
}

/** GET as the agen of A through its browser session. */
function getAsAgenSession(url: string, query?: Record<string, string>) {
  return app.inject({ url, ...(query ? { query } : {}), headers: { cookie: agenCookie } });
}

type Row = Record<string, unknown>;
const rowsOf = (response: LightMyRequestResponse): Row[] => {
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { rows: Row[] }).rows;
};
const countOf = (response: LightMyRequestResponse): number => {
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { count: number }).count;
};

/** Parses an exported CSV (UTF-8 with BOM) into its header and rows. */
function parseCsv(response: LightMyRequestResponse): { header: string[]; rows: Row[] } {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.body.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Row>(response.body.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

async function parseXlsx(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const values: unknown[][] = [];
  sheet.eachRow((row) => {
    values.push((row.values as unknown[]).slice(1));
  });
  const [header = [], ...rows] = values;
  return { sheet, header, rows };
}

interface AuditEntry {
  id: number;
  actor: string;
  actor_kind: string;
  via: string;
  ip: string | null;
  action: string;
  subject: string;
  purpose: string | null;
  query: Record<string, unknown>;
  scope: string[] | null;
  period: string | null;
  row_count: number | null;
  niks: string[];
}

async function auditAfter(id: number): Promise<AuditEntry[]> {
  const { rows } = await sql<AuditEntry>`
    SELECT id::int AS id, actor, actor_kind, via, ip, action, subject, purpose, query, scope,
           period, row_count, niks
    FROM audit_log WHERE id > ${id} ORDER BY id`.execute(database.db);
  return rows;
}

async function lastAuditId(): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    SELECT coalesce(max(id), 0)::int AS id FROM audit_log`.execute(database.db);
  return rows[0]?.id ?? 0;
}

/** Runs the request and returns the one audit entry it wrote. */
async function auditedBy(request: () => Promise<LightMyRequestResponse>) {
  const before = await lastAuditId();
  const response = await request();
  const entries = await auditAfter(before);
  expect(entries, response.body.slice(0, 200)).toHaveLength(1);
  return { response, entry: entries[0] as AuditEntry };
}

describe('an agen of village A', () => {
  it('lists, counts and looks up the people of A', async () => {
    for (const query of [undefined, { region: A }, { region: '15.02' }, { region: '15' }]) {
      const rows = rowsOf(await getAs('agen', '/api/v1/residents', query));
      expect(rows.map((r) => r.nik)).toEqual(NIKS_A);
      expect(rows.every((r) => r.desa_code === A && r.period === PERIOD)).toBe(true);
      expect(countOf(await getAs('agen', '/api/v1/residents/count', query))).toBe(3);
    }
    const members = rowsOf(await getAs('agen', '/api/v1/members'));
    expect(members.map((r) => [r.noka, r.nik, r.nama])).toEqual([[NOKA_SITI, SITI, 'SITI CONTOH']]);
    expect(countOf(await getAs('agen', '/api/v1/members/count'))).toBe(1);

    const earlier = rowsOf(await getAs('agen', '/api/v1/residents', { period: EARLIER }));
    expect(earlier.map((r) => r.nik)).toEqual([BUDI]);

    const person = await getAs('agen', `/api/v1/persons/${SITI}`);
    expect(person.statusCode).toBe(200);
    const { residents, members: asMember } = person.json() as { residents: Row[]; members: Row[] };
    expect(residents).toMatchObject([
      { nik: SITI, no_kk: KK_A, nama: 'SITI CONTOH', desa_code: A },
    ]);
    expect(asMember).toMatchObject([{ noka: NOKA_SITI, nik: SITI, status: 'AKTIF' }]);
  });

  it('exports A as CSV and XLSX', async () => {
    const csv = await getAs('agen', '/api/v1/residents/export', { format: 'csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['x-row-count']).toBe('3');
    const { header, rows } = parseCsv(csv);
    expect(header).toEqual([...PERSON_FIELDS.residents]);
    expect(rows.map((r) => r.nik)).toEqual(NIKS_A);

    const xlsx = await getAs('agen', '/api/v1/residents/export', { format: 'xlsx' });
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = await parseXlsx(xlsx);
    expect(book.sheet.name).toBe('residents');
    expect(book.header).toEqual([...PERSON_FIELDS.residents]);
    const nikColumn = PERSON_FIELDS.residents.indexOf('nik');
    expect(book.rows.map((r) => r[nikColumn])).toEqual(NIKS_A);

    const members = parseCsv(await getAs('agen', '/api/v1/members/export'));
    expect(members.rows.map((r) => [r.noka, r.nik])).toEqual([[NOKA_SITI, SITI]]);
    const membersXlsx = await parseXlsx(
      await getAs('agen', '/api/v1/members/export', { format: 'xlsx' }),
    );
    expect(membersXlsx.rows).toHaveLength(1);
  });

  it('is refused village B, and its province, on every register route', async () => {
    const bNiks = [RINA, JOKO];
    for (const table of ['residents', 'members']) {
      for (const route of ['', '/count', '/export']) {
        for (const region of [B, B.slice(0, 2), `${B.slice(0, 2)}.${B.slice(2, 4)}`]) {
          const response = await getAs('agen', `/api/v1/${table}${route}`, { region });
          expect(response.statusCode, `${table}${route} region=${region}`).toBe(403);
          expect(response.json()).toEqual({
            error: `region ${region.replace('.', '')}: outside your area`,
          });
          for (const nik of bNiks) expect(response.body).not.toContain(nik);
        }
      }
    }
  });

  it('never sees the people of B in unfiltered lists, counts, exports or lookups', async () => {
    const leaks = (body: string) =>
      [RINA, JOKO, NOKA_RINA, 'RINA LAIN', 'JOKO LAIN', B].filter((text) => body.includes(text));

    for (const table of ['residents', 'members']) {
      const list = await getAs('agen', `/api/v1/${table}`, { limit: '500' });
      expect(leaks(list.body), `${table} list`).toEqual([]);
      const csv = await getAs('agen', `/api/v1/${table}/export`);
      expect(leaks(csv.body), `${table} csv`).toEqual([]);
      const xlsx = await parseXlsx(
        await getAs('agen', `/api/v1/${table}/export`, { format: 'xlsx' }),
      );
      expect(leaks(JSON.stringify(xlsx.rows)), `${table} xlsx`).toEqual([]);
      const byName = await getAs('agen', `/api/v1/${table}`, { name: 'lain' });
      expect(rowsOf(byName), `${table} name=lain`).toEqual([]);
      expect(countOf(await getAs('agen', `/api/v1/${table}/count`, { name: 'lain' }))).toBe(0);
    }
    expect(countOf(await getAs('agen', '/api/v1/residents/count'))).toBe(3);
    expect(countOf(await getAs('agen', '/api/v1/members/count'))).toBe(1);

    // A lookup of a person of B by NIK finds nothing: an empty answer, not B's rows.
    for (const nik of [RINA, JOKO]) {
      const person = await getAs('agen', `/api/v1/persons/${nik}`);
      expect(person.statusCode).toBe(200);
      expect(person.json()).toEqual({ residents: [], members: [] });
    }
    // The same lookups by someone whose area is B's do find them (the data is there).
    const admin = await getAs('admin', `/api/v1/persons/${RINA}`);
    expect((admin.json() as { residents: Row[] }).residents).toHaveLength(1);
  });
});

describe('identifiers by role', () => {
  const MASKED_SITI = '1502********0001';
  const MASKED_KK = '1502********0001';
  const MASKED_NOKA = '0001*****7890';

  it.each(FULL)('%s sees NIK, KK and noka in full', async (role) => {
    const [resident] = rowsOf(await getAs(role, '/api/v1/residents', { region: A }));
    expect(resident).toMatchObject({ nik: SITI, no_kk: KK_A });
    const [member] = rowsOf(await getAs(role, '/api/v1/members', { region: A }));
    expect(member).toMatchObject({ nik: SITI, noka: NOKA_SITI });
    const person = (await getAs(role, `/api/v1/persons/${SITI}`)).json() as {
      residents: Row[];
      members: Row[];
    };
    expect(person.residents[0]).toMatchObject({ nik: SITI, no_kk: KK_A });
    expect(person.members[0]).toMatchObject({ noka: NOKA_SITI });
    const csv = parseCsv(await getAs(role, '/api/v1/members/export', { region: A }));
    expect(csv.rows[0]).toMatchObject({ nik: SITI, noka: NOKA_SITI });
  });

  it.each(MASKED)('%s sees NIK, KK and noka masked, everywhere', async (role) => {
    const residents = rowsOf(await getAs(role, '/api/v1/residents', { region: A }));
    expect(residents[0]).toMatchObject({ nik: MASKED_SITI, no_kk: MASKED_KK });
    expect(residents.map((r) => r.nik)).toEqual(
      NIKS_A.map((n) => `${n.slice(0, 4)}********${n.slice(12)}`),
    );
    const [member] = rowsOf(await getAs(role, '/api/v1/members', { region: A }));
    expect(member).toMatchObject({ nik: MASKED_SITI, noka: MASKED_NOKA });
    const person = await getAs(role, `/api/v1/persons/${SITI}`);
    const { residents: pr, members: pm } = person.json() as { residents: Row[]; members: Row[] };
    expect(pr[0]).toMatchObject({ nik: MASKED_SITI, no_kk: MASKED_KK });
    expect(pm[0]).toMatchObject({ nik: MASKED_SITI, noka: MASKED_NOKA });

    const csv = await getAs(role, '/api/v1/members/export', { region: A });
    expect(parseCsv(csv).rows[0]).toMatchObject({ nik: MASKED_SITI, noka: MASKED_NOKA });
    const xlsx = await getAs(role, '/api/v1/residents/export', { region: A, format: 'xlsx' });
    const body = JSON.stringify((await parseXlsx(xlsx)).rows);
    expect(body).toContain(MASKED_SITI);
    for (const full of [SITI, KK_A, NOKA_SITI, ...NIKS_A]) {
      for (const text of [person.body, csv.body, body]) expect(text).not.toContain(full);
    }
  });

  it('masks for an admin in every province', async () => {
    const [rina] = rowsOf(await getAs('admin', '/api/v1/members', { region: B }));
    expect(rina).toMatchObject({
      nik: `${RINA.slice(0, 4)}********${RINA.slice(12)}`,
      noka: '0001*****7892',
    });
  });
});

describe('the audit log of reads', () => {
  it('records a list with the NIKs it showed', async () => {
    const { response, entry } = await auditedBy(() =>
      getAsAgenSession('/api/v1/residents', {
        limit: '2',
        offset: '1',
        purpose: 'kunjungan rumah',
      }),
    );
    expect(rowsOf(response).map((r) => r.nik)).toEqual([BUDI, FORMULA]);
    expect(entry).toMatchObject({
      actor: userOf('agen'),
      actor_kind: 'user',
      via: 'http',
      ip: '127.0.0.1',
      action: 'list',
      subject: 'residents',
      purpose: 'kunjungan rumah',
      scope: [A],
      period: PERIOD,
      row_count: 2,
      query: { limit: 2, offset: 1 },
    });
    expect([...entry.niks].sort()).toEqual([BUDI, FORMULA].sort());
  });

  it('records the NIKs shown by a masked role in full (the log is for the data subject)', async () => {
    const { entry } = await auditedBy(() => getAs('pemda', '/api/v1/members', { region: A }));
    expect(entry).toMatchObject({ action: 'list', subject: 'members', row_count: 1, niks: [SITI] });
  });

  it('records a count and an export with their scope, month and row count', async () => {
    const count = await auditedBy(() => getAsAgenSession('/api/v1/residents/count'));
    expect(count.entry).toMatchObject({
      actor: userOf('agen'),
      action: 'count',
      subject: 'residents',
      purpose: 'pemantauan data penduduk',
      scope: [A],
      period: PERIOD,
      row_count: 3,
      niks: [],
    });

    const csv = await auditedBy(() =>
      getAsAgenSession('/api/v1/members/export', { region: '15.02', purpose: 'rapat monev' }),
    );
    expect(csv.response.statusCode).toBe(200);
    expect(csv.entry).toMatchObject({
      action: 'export',
      subject: 'members',
      purpose: 'rapat monev',
      scope: [A], // the agen's part of the kabupaten asked for
      period: PERIOD,
      row_count: 1,
      niks: [],
      query: { format: 'csv', region: '1502' },
    });

    const xlsx = await auditedBy(() =>
      getAs('pemda', '/api/v1/residents/export', { format: 'xlsx', period: EARLIER }),
    );
    // A token acts as its user; the token's id is kept with the query.
    expect(xlsx.entry).toMatchObject({
      actor: userOf('pemda'),
      actor_kind: 'token',
      action: 'export',
      subject: 'residents',
      scope: ['1502'],
      period: EARLIER,
      row_count: 1,
      query: { format: 'xlsx', period: EARLIER },
    });
    expect(xlsx.entry.query.token).toEqual(expect.any(Number));
  });

  it('records a person read with the NIK looked up, found or not', async () => {
    const found = await auditedBy(() => getAsAgenSession(`/api/v1/persons/${SITI}`));
    expect(found.entry).toMatchObject({
      actor: userOf('agen'),
      action: 'read',
      subject: 'person',
      purpose: 'pencarian satu orang',
      row_count: 2,
      niks: [SITI],
    });
    const outside = await auditedBy(() => getAsAgenSession(`/api/v1/persons/${RINA}`));
    expect(outside.entry).toMatchObject({ action: 'read', row_count: 0, niks: [RINA] });
  });

  it('writes nothing for a refused request', async () => {
    const before = await lastAuditId();
    expect((await getAsAgenSession('/api/v1/residents', { region: B })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/residents' })).statusCode).toBe(401);
    expect(await auditAfter(before)).toEqual([]);
  });
});

describe('the data-subject report', () => {
  it('lists every access that named the person or whose query took them in', async () => {
    const idOf = async (request: () => Promise<LightMyRequestResponse>) => {
      const { response, entry } = await auditedBy(request);
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
      return entry.id;
    };
    const listed = await idOf(() => getAsAgenSession('/api/v1/residents'));
    const looked = await idOf(() => getAs('bpjs', `/api/v1/persons/${SITI}`));
    const exported = await idOf(() =>
      getAs('pemda', '/api/v1/residents/export', { region: '1502' }),
    );
    const counted = await idOf(() => getAs('provinsi', '/api/v1/members/count'));
    // Accesses that did not reach Siti: B's village, a month she is not in, a page without her.
    const elsewhere = await idOf(() => getAs('admin', '/api/v1/residents/export', { region: B }));
    const otherMonth = await idOf(() =>
      getAs('pemda', '/api/v1/residents/export', { period: EARLIER }),
    );
    const otherPage = await idOf(() => getAs('agen', '/api/v1/residents', { offset: '1' }));

    const response = await getAs('admin', `/api/v1/persons/${SITI}/report`);
    expect(response.statusCode).toBe(200);
    const report = response.json() as {
      nik: string;
      residents: Row[];
      members: Row[];
      accesses: { id: number; actor: string; action: string; how: string; row_count: number }[];
    };
    expect(report.nik).toBe(SITI);
    expect(report.residents).toMatchObject([{ nik: SITI, no_kk: KK_A, period: PERIOD }]);
    expect(report.members).toMatchObject([{ noka: NOKA_SITI }]);

    const how = new Map(report.accesses.map((a) => [Number(a.id), a]));
    expect(how.get(listed)).toMatchObject({ actor: userOf('agen'), action: 'list', how: 'named' });
    expect(how.get(looked)).toMatchObject({ action: 'read', how: 'named' });
    expect(how.get(exported)).toMatchObject({
      actor: userOf('pemda'),
      action: 'export',
      how: 'in_query',
      row_count: 3,
    });
    expect(how.get(counted)).toMatchObject({ action: 'count', how: 'in_query' });
    for (const id of [elsewhere, otherMonth, otherPage]) expect(how.has(id), `#${id}`).toBe(false);
    // No report on her was asked for before this one.
    expect(report.accesses.every((a) => a.action !== 'subject_report')).toBe(true);

    // The report is itself an access, and the next report shows it.
    const again = (await getAs('admin', `/api/v1/persons/${SITI}/report`)).json() as typeof report;
    expect(again.accesses.at(-1)).toMatchObject({ action: 'subject_report', how: 'named' });
  });

  it.each(['provinsi', 'pemda', 'bpjs', 'operator_desa', 'agen'] as Role[])(
    'is refused to %s',
    async (role) => {
      const response = await getAs(role, `/api/v1/persons/${SITI}/report`);
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain(SITI);
    },
  );
});

describe('exported files', () => {
  it('neutralise cells a spreadsheet would run as formulas', async () => {
    // The importer keeps the name as written (upper-cased): the export must defuse it.
    const [listed] = rowsOf(await getAs('agen', '/api/v1/residents', { name: 'hyperlink' }));
    expect(listed).toMatchObject({ nik: FORMULA, nama: FORMULA_NAME, alamat: '+62 812' });

    const csv = await getAs('agen', '/api/v1/residents/export');
    const row = parseCsv(csv).rows.find((r) => r.nik === FORMULA);
    expect(row).toMatchObject({ nama: `'${FORMULA_NAME}`, alamat: "'+62 812" });
    for (const line of csv.body.slice(1).split('\r\n')) {
      for (const cell of line.split(',')) expect(cell, line).not.toMatch(/^"?[=+\-@\t\r]/);
    }

    const xlsx = await parseXlsx(
      await getAs('agen', '/api/v1/residents/export', { format: 'xlsx' }),
    );
    const nama = PERSON_FIELDS.residents.indexOf('nama');
    const nik = PERSON_FIELDS.residents.indexOf('nik');
    const cell = xlsx.rows.find((r) => r[nik] === FORMULA)?.[nama];
    expect(cell).toBe(`'${FORMULA_NAME}`); // text, not a formula object
  });

  it('carry a safe file name in Content-Disposition', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ region: '15.02.17.2006' }, `pesiar_residents_${PERIOD}_${A}.csv`],
      [{ format: 'xlsx' }, `pesiar_residents_${PERIOD}_area.xlsx`],
      [{ period: EARLIER, region: '15' }, `pesiar_residents_${EARLIER}_15.csv`],
    ];
    for (const [query, name] of cases) {
      const response = await getAs('agen', '/api/v1/residents/export', query);
      expect(response.statusCode).toBe(200);
      const disposition = String(response.headers['content-disposition']);
      expect(disposition).toBe(`attachment; filename="${name}"`);
      expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9][A-Za-z0-9._-]{0,99}"$/);
    }
    // A region that is not a code never reaches the file name.
    const bad = await getAs('agen', '/api/v1/residents/export', { region: '"; x=.exe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-disposition']).toBeUndefined();
  });
});

describe('the audit log table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const entries = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(database.db))
        .rows[0]?.n;
    const count = await entries();
    const before = await lastAuditId();
    expect(before).toBeGreaterThan(0);
    await expect(
      sql`UPDATE audit_log SET actor = 'someone-else' WHERE id = ${before}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`DELETE FROM audit_log WHERE id = ${before}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    expect(await entries()).toBe(count);
    const [last] = await auditAfter(before - 1);
    expect(last?.actor).not.toBe('someone-else');
  });
});

describe('the default month', () => {
  it('is the latest month of the caller’s own area, not one imported only elsewhere', async () => {
    await importCsv(
      'population',
      '2026-11',
      [
        'nik,nama,tanggal_lahir,jenis_kelamin,kode_desa',
        `${RINA},Rina Lain,1992-08-04,P,${B}`,
      ].join('\n'),
    );
    const list = await getAs('agen', '/api/v1/residents');
    expect(list.json()).toEqual(expect.objectContaining({ period: PERIOD }));
    expect(rowsOf(list).length).toBeGreaterThan(0);
    const count = await getAs('agen', '/api/v1/residents/count');
    expect(count.json()).toEqual({ period: PERIOD, count: expect.any(Number) });
    expect((await getAs('admin', '/api/v1/residents/count')).json()).toEqual(
      expect.objectContaining({ period: '2026-11' }),
    );
  });
});
