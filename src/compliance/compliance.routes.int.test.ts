// The compliance and forum API through HTTP: access rules, status codes,
// error shape, and one case and one forum action carried through.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTestUser,
  bearerFor,
  importCsvText,
  injectWith,
  VILLAGE_A,
} from '../access/access.testing.ts';
import type { Role } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';

const A = VILLAGE_A;
const NIK_1 = '1502174105900001';
const NIK_2 = '1502170303850002';
let database: Database;
let app: FastifyInstance;
let rejectsDir: string;
const as = new Map<string, ReturnType<typeof injectWith>>();

function call(who: string, options: InjectOptions) {
  const inject = as.get(who);
  if (!inject) throw new Error(`no user ${who}`);
  return inject(options);
}

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-compliance-http-'));
  app = await buildApp({ database, rejectsDir });
  await importCsvText(database, {
    kind: 'population',
    period: '2024-05',
    csv:
      'id,nik,nama,tanggal_lahir,jenis_kelamin,kode_desa\n' +
      `W1,${NIK_1},Siti Rahma,1990-05-01,P,${A}\n` +
      `W2,${NIK_2},Budi Hartono,1985-03-03,L,${A}\n`,
    rejectsDir,
  });
  const residents = await database.db
    .selectFrom('residents')
    .select(['import_id', 'row_no', 'source_id'])
    .orderBy('row_no')
    .execute();
  for (const [i, r] of residents.entries()) {
    await database.db
      .insertInto('targets')
      .values({
        kabupaten_code: '1502',
        desa_code: A,
        source_id: r.source_id,
        household: `id:${r.source_id}`,
        opened_period: '2024-05',
        last_period: '2024-05',
        status: i === 0 ? 'BELUM_TERDAFTAR' : 'NONAKTIF',
        alasan_nonaktif: i === 0 ? null : 'PPU_BERHENTI',
        resident_import_id: r.import_id,
        resident_row_no: r.row_no,
        pemberi_kerja: i === 0 ? 'PT. Maju Jaya' : 'Maju Jaya',
        pathway: i === 0 ? 'PENDAFTARAN_PPU' : 'PBPU_MANDIRI',
        pathway_rule: 'test',
        pathway_reason: 'test',
        priority: 2,
        priority_reasons: [],
      })
      .execute();
  }
  const users: [string, Role, string | undefined][] = [
    ['http-admin', 'admin', undefined],
    ['http-pemda', 'pemda', '1502'],
    ['http-bpjs', 'bpjs', '1502'],
    ['http-prov', 'provinsi', '15'],
    ['http-op', 'operator_desa', A],
    ['http-agen', 'agen', A],
  ];
  for (const [name, role, region] of users) {
    await addTestUser(database.db, name, [region ? { role, region } : { role }]);
    as.set(name, injectWith(app, await bearerFor(database.db, name, role, region ? [region] : [])));
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(rejectsDir, { recursive: true, force: true });
});

describe('employers over HTTP', () => {
  it('lists employers for the district offices and the province, not for villages', async () => {
    const r = await call('http-pemda', {
      url: '/api/v1/compliance/employers',
      query: { within: '15.02' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().employers).toEqual([
      expect.objectContaining({ key: 'MAJU JAYA', workers: 2, unregistered: 1, stopped: 1 }),
    ]);
    expect((await call('http-prov', { url: '/api/v1/compliance/employers' })).statusCode).toBe(200);
    const village = await call('http-op', { url: '/api/v1/compliance/employers' });
    expect(village.statusCode).toBe(403);
    expect(village.json()).toEqual({ error: 'not allowed: compliance:read' });
    const elsewhere = await call('http-pemda', {
      url: '/api/v1/compliance/employers',
      query: { within: '32' },
    });
    expect(elsewhere.statusCode).toBe(403);
  });

  it("masks the workers' NIK for the district office and records who saw whom", async () => {
    const r = await call('http-pemda', {
      url: `/api/v1/compliance/employers/${encodeURIComponent('PT Maju Jaya')}/workers`,
      query: { purpose: 'surat teguran' },
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.key).toBe('MAJU JAYA');
    expect(body.workers.map((w: { nik: string }) => w.nik)).toEqual([
      '1502********0002',
      '1502********0001',
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'via', 'purpose', 'niks'])
      .where('subject', '=', 'employer_workers')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'http-pemda', via: 'http', purpose: 'surat teguran' });
    expect([...audit.niks].sort()).toEqual([NIK_2, NIK_1].sort());
    const branch = await call('http-bpjs', {
      url: '/api/v1/compliance/employers/MAJU%20JAYA/workers',
    });
    expect(
      branch
        .json()
        .workers.map((w: { nik: string }) => w.nik)
        .sort(),
    ).toEqual([NIK_1, NIK_2].sort());
  });
});

describe('a case over HTTP', () => {
  it('opens, refuses the ladder out of order, counts ten working days, and closes', async () => {
    const denied = await call('http-prov', {
      method: 'POST',
      url: '/api/v1/compliance/cases',
      payload: { kabupaten: '1502', employer: 'PT Maju Jaya' },
    });
    expect(denied.statusCode).toBe(403);

    const opened = await call('http-bpjs', {
      method: 'POST',
      url: '/api/v1/compliance/cases',
      payload: { kabupaten: '15.02', employer: 'PT Maju Jaya', openedOn: '2024-06-03' },
    });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id as number;
    const twice = await call('http-pemda', {
      method: 'POST',
      url: '/api/v1/compliance/cases',
      payload: { kabupaten: '1502', employer: 'Maju Jaya' },
    });
    expect(twice.statusCode).toBe(409);

    const early = await call('http-bpjs', {
      method: 'POST',
      url: `/api/v1/compliance/cases/${id}/steps`,
      payload: { step: 'DENDA' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toEqual({ error: 'DENDA: TEGURAN_2 comes first' });
    const unknown = await call('http-bpjs', {
      method: 'POST',
      url: `/api/v1/compliance/cases/${id}/steps`,
      payload: { step: 'SURAT_CINTA' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatch(/^step: /);

    const warned = await call('http-bpjs', {
      method: 'POST',
      url: `/api/v1/compliance/cases/${id}/steps`,
      payload: { step: 'TEGURAN_1', startedOn: '2024-06-07' },
    });
    expect(warned.statusCode).toBe(201);
    const warning = warned.json().steps[0];
    expect(warning).toMatchObject({ step: 'TEGURAN_1', dueOn: '2024-06-21', overdue: true });

    // Long past its deadline, not done: on the overdue list.
    const overdue = await call('http-prov', {
      url: '/api/v1/compliance/cases',
      query: { overdue: 'true' },
    });
    expect(overdue.json().cases.map((c: { id: number }) => c.id)).toEqual([id]);
    const employers = await call('http-pemda', { url: '/api/v1/compliance/employers' });
    expect(employers.json().employers[0]).toMatchObject({
      caseId: id,
      currentStep: 'TEGURAN_1',
      currentStepDueOn: '2024-06-21',
      overdue: true,
    });

    const done = await call('http-pemda', {
      method: 'POST',
      url: `/api/v1/compliance/cases/${id}/steps/${warning.id}/done`,
      payload: { outcome: 'tidak ada respons', doneOn: '2024-06-24' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      overdue: false,
      allowedSteps: expect.arrayContaining(['TEGURAN_2']),
    });
    expect(
      (await call('http-pemda', { url: `/api/v1/compliance/cases/${id}` })).json().steps[0].doneOn,
    ).toBe('2024-06-24');
    expect((await call('http-op', { url: `/api/v1/compliance/cases/${id}` })).statusCode).toBe(403);
    expect((await call('http-pemda', { url: '/api/v1/compliance/cases/999999' })).statusCode).toBe(
      404,
    );

    const closed = await call('http-pemda', {
      method: 'POST',
      url: `/api/v1/compliance/cases/${id}/close`,
      payload: { outcome: 'PATUH', closedOn: '2024-07-01' },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'CLOSED', closeOutcome: 'PATUH' });
  });
});

describe('forum follow-ups over HTTP', () => {
  it('records a meeting and its actions, and lists the overdue ones to every role', async () => {
    const meeting = await call('http-pemda', {
      method: 'POST',
      url: '/api/v1/forum/meetings',
      payload: { heldOn: '2024-06-10', region: '1502', officesPresent: ['SEKDA', 'DISNAKER'] },
    });
    expect(meeting.statusCode).toBe(201);
    expect(meeting.json()).toMatchObject({
      level: 'kabupaten',
      officesPresent: ['SEKDA', 'DISNAKER'],
    });
    const byAgent = await call('http-agen', {
      method: 'POST',
      url: '/api/v1/forum/meetings',
      payload: { heldOn: '2024-06-10', region: A },
    });
    expect(byAgent.statusCode).toBe(403);

    const action = await call('http-pemda', {
      method: 'POST',
      url: `/api/v1/forum/meetings/${meeting.json().id}/actions`,
      payload: {
        description: 'Teguran ke PT Maju Jaya',
        responsibleOffice: 'DISNAKER',
        dueOn: '2024-06-30',
      },
    });
    expect(action.statusCode).toBe(201);

    const list = await call('http-agen', {
      url: '/api/v1/forum/actions',
      query: { overdue: 'true' },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      overdue: 1,
      actions: [{ id: action.json().id, overdue: true }],
    });
    expect(
      (await call('http-agen', { url: '/api/v1/forum/meetings' })).json().meetings[0],
    ).toMatchObject({ region: '1502', actions: 1, openActions: 1, overdueActions: 1 });

    const noEvidence = await call('http-pemda', {
      method: 'PATCH',
      url: `/api/v1/forum/actions/${action.json().id}`,
      payload: { status: 'SELESAI' },
    });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json()).toEqual({ error: 'evidence: needed to mark an action SELESAI' });
    const finished = await call('http-pemda', {
      method: 'PATCH',
      url: `/api/v1/forum/actions/${action.json().id}`,
      payload: { status: 'SELESAI', evidence: 'Surat No. 560/123' },
    });
    expect(finished.statusCode).toBe(200);
    expect(
      (
        await call('http-agen', { url: '/api/v1/forum/actions', query: { overdue: 'true' } })
      ).json(),
    ).toEqual({ actions: [], overdue: 0 });
  });

  it('documents both tags in the OpenAPI description', async () => {
    const r = await app.inject({ url: '/api/docs/json' });
    const doc = r.json() as { tags: { name: string }[]; paths: Record<string, unknown> };
    expect(doc.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['compliance', 'forum']));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/compliance/cases/{id}/steps/{stepId}/done',
        '/api/v1/forum/actions/{id}',
      ]),
    );
  });
});
