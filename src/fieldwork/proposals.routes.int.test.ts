// Sisir and Registrasi through HTTP, on village A's small month: the agent's
// worklist (whole NIKs for the agent, masked for the district office), a
// household proposal sent twice (one proposal), the pathway's verifier, the
// card numbers at registration, and the district budget as JSON and XLSX.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, bearerFor, importCsvText, injectWith } from '../access/access.testing.ts';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';
import { runReconciliation } from '../reconcile/reconcile.service.ts';
import { A, EXTRACT, REGISTER, villageA2 } from '../reconcile/reconcile.testing.ts';
import { appointAgent } from './agents.service.ts';

const PERIOD = '2026-02';
const KK_DEWI = '1502170101100006';
const KK_BUDI = '1502170101100001';
const FAMILY = '5c0a1f4e-2b3d-4e5f-8a9b-0c1d2e3f4a50';
const PBI = '5c0a1f4e-2b3d-4e5f-8a9b-0c1d2e3f4a51';

let database: Database;
let app: FastifyInstance;
let dir: string;
let asAgent: ReturnType<typeof injectWith>;
let asPemda: ReturnType<typeof injectWith>;
let asBpjs: ReturnType<typeof injectWith>;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pesiar-proposals-'));
  const a2 = await villageA2(database.db);
  for (const [kind, csv] of [
    ['population', REGISTER()],
    ['membership', EXTRACT(a2)],
  ] as const) {
    await importCsvText(database, { kind, period: PERIOD, csv, rejectsDir: dir });
  }
  await runReconciliation(database, LOCAL_SYSTEM, { period: PERIOD, within: A });
  await appointAgent(database.db, LOCAL_SYSTEM, {
    user: 'agen-a',
    nama: 'Agen A',
    desa: A,
    skNomor: '1/SK/2026',
    skTanggal: '2026-01-02',
    aktifMulai: '2026-01-02',
  });
  await addTestUser(database.db, 'pemda-a', [{ role: 'pemda', region: '1502' }]);
  await addTestUser(database.db, 'bpjs-a', [{ role: 'bpjs', region: '1502' }]);
  app = await buildApp({ database, rejectsDir: dir });
  asAgent = injectWith(app, await bearerFor(database.db, 'agen-a', 'agen', [A]));
  asPemda = injectWith(app, await bearerFor(database.db, 'pemda-a', 'pemda', ['1502']));
  asBpjs = injectWith(app, await bearerFor(database.db, 'bpjs-a', 'bpjs', ['1502']));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Household {
  household: string;
  priority: number;
  people: { targetId: number; nama: string; nik: string | null; pathway: string; status: string }[];
}

describe('worklist', () => {
  it('lists the uncovered by household with a pathway each; NIK whole for the agent only', async () => {
    const mine = await asAgent({ method: 'GET', url: '/api/v1/worklist' });
    expect(mine.statusCode).toBe(200);
    const households = mine.json().households as Household[];
    const dewi = households.find((h) => h.household === KK_DEWI);
    expect(dewi?.people).toMatchObject([
      {
        nama: 'DEWI LESTARI',
        nik: '1502174808950006',
        status: 'BELUM_TERDAFTAR',
        pathway: 'PBPU_MANDIRI',
      },
    ]);
    // Siti is in arrears for six months: REHAB instalments.
    const siti = households.find((h) => h.household === KK_BUDI)?.people;
    expect(siti).toMatchObject([
      { nama: 'SITI AMINAH', status: 'NONAKTIF', pathway: 'CICILAN_REHAB' },
    ]);

    const office = await asPemda({ method: 'GET', url: '/api/v1/worklist', query: { within: A } });
    const masked = (office.json().households as Household[]).find((h) => h.household === KK_DEWI);
    expect(masked?.people[0]?.nik).toBe('1502********0006');
    // Each read of the worklist is in the audit log with the NIKs shown.
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'niks'])
      .where('subject', '=', 'targets')
      .execute();
    expect(audit.find((a) => a.actor === 'agen-a')?.niks).toContain('1502174808950006');
  });
});

describe('a household proposal', () => {
  const propose = (over: Record<string, unknown> = {}) =>
    asAgent({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: {
        id: FAMILY,
        desa: A,
        household: KK_DEWI,
        kind: 'KELUARGA',
        pathway: 'PBPU_MANDIRI',
        documents: { KTP: true, KK: true },
        ...over,
      },
    });

  it('self-paid registration takes the whole family card', async () => {
    const one = await propose({
      kind: 'ORANG',
      id: '5c0a1f4e-2b3d-4e5f-8a9b-0c1d2e3f4a59',
      targetIds: [1],
    });
    expect(one.statusCode).toBe(400);
    expect(one.json().error).toMatch(/whole family card/);
  });

  it('is created once when the phone sends it twice', async () => {
    const first = await propose();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      created: true,
      proposal: { status: 'DIAJUKAN', segmen: 'PBPU', kelas: 3, kind: 'KELUARGA' },
    });
    expect(first.json().proposal.documents).toEqual({
      KTP: true,
      KK: true,
      NOMOR_HP_ATAU_EMAIL: false,
      REKENING_AUTODEBET: false,
    });
    const again = await propose();
    expect(again.statusCode).toBe(200);
    expect(again.json().created).toBe(false);
    const count = await database.db
      .selectFrom('proposals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    // The same id with other content is a conflict, not a second proposal.
    const other = await propose({ pathway: 'PBI_APBN' });
    expect(other.statusCode).toBe(409);
  });

  it('refuses a second open proposal for the same people, and unknown documents', async () => {
    const busy = await propose({ id: '5c0a1f4e-2b3d-4e5f-8a9b-0c1d2e3f4a58' });
    expect(busy.statusCode).toBe(409);
    const docs = await propose({
      id: '5c0a1f4e-2b3d-4e5f-8a9b-0c1d2e3f4a57',
      household: KK_BUDI,
      documents: { SURAT_SAKTI: true },
    });
    expect(docs.statusCode).toBe(400);
    expect(docs.json().error).toMatch(/SURAT_SAKTI/);
  });

  it('is verified by BPJS (not the district office) and registered with card numbers', async () => {
    const byPemda = await asPemda({
      method: 'POST',
      url: `/api/v1/proposals/${FAMILY}/verify`,
      payload: {},
    });
    expect(byPemda.statusCode).toBe(403);
    const verified = await asBpjs({
      method: 'POST',
      url: `/api/v1/proposals/${FAMILY}/verify`,
      payload: {},
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().proposal.status).toBe('DIVERIFIKASI');
    const twice = await asBpjs({
      method: 'POST',
      url: `/api/v1/proposals/${FAMILY}/verify`,
      payload: {},
    });
    expect(twice.statusCode).toBe(409);

    const noCard = await asBpjs({
      method: 'POST',
      url: `/api/v1/proposals/${FAMILY}/register`,
      payload: {},
    });
    expect(noCard.statusCode).toBe(400);
    expect(noCard.json().error).toMatch(/noka: missing/);
    const target = (verified.json().people as { target_id: number }[])[0]?.target_id;
    const registered = await asBpjs({
      method: 'POST',
      url: `/api/v1/proposals/${FAMILY}/register`,
      payload: { registeredOn: '2026-02-20', noka: { [String(target)]: '0009876543210' } },
    });
    expect(registered.statusCode).toBe(200);
    expect(registered.json().proposal).toMatchObject({
      status: 'TERDAFTAR',
      registered_on: '2026-02-20',
      expected_period: '2026-03',
    });
  });
});

describe('the district budget', () => {
  it('costs each district-paid proposal from its first active month to December', async () => {
    // Siti's household, proposed for PBI APBD in March: active from April, nine months.
    const siti = (
      (await asAgent({ method: 'GET', url: '/api/v1/worklist' })).json().households as Household[]
    ).find((h) => h.household === KK_BUDI)?.people[0];
    const made = await asAgent({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: {
        id: PBI,
        desa: A,
        household: KK_BUDI,
        kind: 'ORANG',
        targetIds: [siti?.targetId],
        pathway: 'PBI_APBD',
        proposedOn: '2026-03-10',
      },
    });
    expect(made.statusCode).toBe(201);

    const budget = await asPemda({ method: 'GET', url: '/api/v1/budget', query: { year: '2026' } });
    expect(budget.statusCode).toBe(200);
    expect(budget.json().rows).toMatchObject([
      {
        id: PBI,
        people: 1,
        start_period: '2026-04',
        months: 9,
        cost: 9 * 42_000,
        confirmed: false,
      },
    ]);
    expect(budget.json().totals).toMatchObject({ people: 1, cost: 378_000, confirmedCost: 0 });
    const next = await asPemda({ method: 'GET', url: '/api/v1/budget', query: { year: '2027' } });
    expect(next.json().totals.cost).toBe(12 * 42_000);

    const xlsx = await asPemda({
      method: 'GET',
      url: '/api/v1/budget',
      query: { year: '2026', format: 'xlsx' },
    });
    expect(xlsx.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[header.indexOf('cost')]).toBe(378_000);
    expect(row[header.indexOf('id')]).toBe(PBI);
  });

  it('counts the month’s work per agent, village and district', async () => {
    const perf = await asPemda({
      method: 'GET',
      url: '/api/v1/performance',
      query: { period: '2026-03' },
    });
    expect(perf.statusCode).toBe(200);
    const rows = perf.json().rows as { level: string; region_code: string; proposals: number }[];
    expect(rows.find((r) => r.level === 'desa' && r.region_code === A)?.proposals).toBe(1);
    expect(rows.find((r) => r.level === 'kabupaten' && r.region_code === '1502')?.proposals).toBe(
      1,
    );
  });
});
