// The authorisation matrix: every route the app registers, read from the
// Fastify instance itself, is called anonymously and by each role with a
// grant on village A's area — once on A's region ("own") and once on a village
// B in another province ("other") — and the answer is checked against the
// expected outcome below. A route added without an access policy, or without
// a row in EXPECTED, makes this test fail.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { appointAgent } from '../fieldwork/agents.service.ts';
import { buildApp } from '../http/app.ts';
import { rebuildIndicators } from '../indicators/indicators.repository.ts';
import { accessPlugin } from './access.plugin.ts';
import {
  addTestUser,
  bearerFor,
  importCsvText,
  TEST_PASSWORD,
  VILLAGE_A,
  villageOutsideA,
} from './access.testing.ts';
import { LOCAL_SYSTEM } from './actor.ts';
import { DEFAULT_AUTH } from './auth.service.ts';
import { ROLES, type Role } from './roles.policy.ts';

const A = VILLAGE_A;
const NIK_A = '1502174105900001';
let B: string; // a village of Kabupaten Bogor, Jawa Barat
let NIK_B: string;

/** Each role's grant, on A's area at the role's level. */
const GRANT_OF: Record<Role, string | undefined> = {
  admin: undefined,
  provinsi: A.slice(0, 2),
  pemda: A.slice(0, 4),
  bpjs: A.slice(0, 4),
  operator_desa: A,
  agen: A,
};

type Where = 'own' | 'other';
type Caller = Role | 'anonymous';

interface Case {
  /** The request, on A's region (own) or B's (other). */
  request: (where: Where) => InjectOptions;
  /** The status expected from each caller. */
  expect: (caller: Caller, where: Where) => number;
}

// Outcome helpers: who gets the success status; everyone else 403, anonymous 401.
const open =
  (ok: number) =>
  (_caller: Caller): number =>
    ok;
const anyone =
  (ok: number) =>
  (caller: Caller): number =>
    caller === 'anonymous' ? 401 : ok;
const only =
  (roles: readonly Role[], ok: number) =>
  (caller: Caller): number =>
    caller === 'anonymous' ? 401 : roles.includes(caller) ? ok : 403;
/** As `only`, and on the other region only for callers whose grant reaches it (admin). */
const regional =
  (roles: readonly Role[], ok: number) =>
  (caller: Caller, where: Where): number => {
    const base = only(roles, ok)(caller);
    if (base !== ok || where === 'own' || caller === 'admin') return base;
    return 403;
  };

const ALL = ROLES;
const IMPORT_READERS: Role[] = ['admin', 'provinsi', 'pemda', 'bpjs', 'operator_desa'];
const region = (where: Where) => (where === 'own' ? A : B);
const nik = (where: Where) => (where === 'own' ? NIK_A : NIK_B);

let rejectsImportId = 0;
let anyImportId = 0;

function upload(where: Where): InjectOptions {
  const boundary = '----PesiarMatrix';
  const code = region(where);
  const csv = `nik,nama,tanggal_lahir,jenis_kelamin,kode_desa\n${nik(where)},Matrix Uji,1990-05-01,P,${code}\n`;
  return {
    method: 'POST',
    url: '/api/v1/imports/population',
    query: { period: '2026-09', desa: code },
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload:
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  };
}

const get = (url: string, query?: Record<string, string>): InjectOptions => ({
  method: 'GET',
  url,
  ...(query ? { query } : {}),
});

/** Keyed "METHOD /url" as Fastify registered it. */
const EXPECTED: Record<string, Case> = {
  'GET /api/v1/health': { request: () => get('/api/v1/health'), expect: open(200) },
  'GET /api/v1/ready': { request: () => get('/api/v1/ready'), expect: open(200) },
  'GET /api/v1/regions': {
    request: (w) => get('/api/v1/regions', { q: region(w) }),
    expect: anyone(200),
  },
  'GET /api/v1/regions/:code': {
    request: (w) => get(`/api/v1/regions/${region(w)}`),
    expect: anyone(200),
  },
  'POST /api/v1/imports/:kind': {
    request: upload,
    expect: regional(['admin', 'pemda', 'operator_desa'], 201),
  },
  'GET /api/v1/imports': {
    request: () => get('/api/v1/imports'),
    expect: only(IMPORT_READERS, 200),
  },
  'GET /api/v1/imports/:id': {
    request: () => get(`/api/v1/imports/${anyImportId}`),
    expect: only(IMPORT_READERS, 200),
  },
  // Rejected rows are personal data: the importer's (here the system's) and admins'.
  'GET /api/v1/imports/:id/rejects': {
    request: () => get(`/api/v1/imports/${rejectsImportId}/rejects`),
    expect: only(['admin'], 200),
  },
  'POST /api/v1/auth/login': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'matrix-login', password: TEST_PASSWORD },
    }),
    expect: open(200),
  },
  'POST /api/v1/auth/logout': {
    request: () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
    expect: anyone(204),
  },
  'GET /api/v1/auth/me': { request: () => get('/api/v1/auth/me'), expect: anyone(200) },
  // A token is not a person: it cannot change a password (sessions can; auth tests).
  'POST /api/v1/auth/password': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Sandi-baru-yang-panjang-1' },
    }),
    expect: anyone(403),
  },
  'GET /api/v1/audit': { request: () => get('/api/v1/audit'), expect: only(['admin'], 200) },
  'GET /api/v1/persons/:nik': {
    request: (w) => get(`/api/v1/persons/${nik(w)}`),
    expect: anyone(200),
  },
  'GET /api/v1/persons/:nik/report': {
    request: (w) => get(`/api/v1/persons/${nik(w)}/report`),
    expect: only(['admin'], 200),
  },
};
const RECONCILERS: Role[] = ['admin', 'pemda', 'bpjs'];
const REVIEWERS: Role[] = ['admin', 'bpjs', 'operator_desa'];
EXPECTED['POST /api/v1/reconcile/runs'] = {
  request: (w) => ({
    method: 'POST',
    url: '/api/v1/reconcile/runs',
    payload: { period: '2026-10', within: region(w) },
  }),
  expect: regional(RECONCILERS, 200),
};
EXPECTED['GET /api/v1/reconcile/runs'] = {
  request: () => get('/api/v1/reconcile/runs'),
  expect: only(RECONCILERS, 200),
};
EXPECTED['GET /api/v1/reconcile/review'] = {
  request: (w) => get('/api/v1/reconcile/review', { period: '2026-10', within: region(w) }),
  expect: regional(REVIEWERS, 200),
};
for (const decision of ['accept', 'reject']) {
  // No pair of that record is in review: a reviewer allowed there is told so (400).
  EXPECTED[`POST /api/v1/reconcile/review/${decision}`] = {
    request: (w) => ({
      method: 'POST',
      url: `/api/v1/reconcile/review/${decision}`,
      payload: { period: '2026-10', desa: region(w), id: 'none', noka: '0001234567890' },
    }),
    expect: regional(REVIEWERS, 400),
  };
}
EXPECTED['GET /api/v1/reconcile/export/:kind'] = {
  request: (w) => get('/api/v1/reconcile/export/links', { period: '2026-10', within: region(w) }),
  expect: regional(ALL, 200),
};
// Indicators are counts, not people: every role reads every region's.
EXPECTED['GET /api/v1/indicators/coverage'] = {
  request: (w) =>
    get('/api/v1/indicators/coverage', { period: '2026-10', level: 'desa', within: region(w) }),
  expect: anyone(200),
};
EXPECTED['GET /api/v1/indicators/regions/:code'] = {
  request: (w) => get(`/api/v1/indicators/regions/${region(w)}`, { period: '2026-10' }),
  expect: anyone(200),
};
EXPECTED['GET /api/v1/indicators/periods'] = {
  request: () => get('/api/v1/indicators/periods'),
  expect: anyone(200),
};
for (const table of ['residents', 'members']) {
  EXPECTED[`GET /api/v1/${table}`] = {
    request: (w) => get(`/api/v1/${table}`, { region: region(w) }),
    expect: regional(ALL, 200),
  };
  EXPECTED[`GET /api/v1/${table}/count`] = {
    request: (w) => get(`/api/v1/${table}/count`, { region: region(w) }),
    expect: regional(ALL, 200),
  };
  EXPECTED[`GET /api/v1/${table}/export`] = {
    request: (w) => get(`/api/v1/${table}/export`, { region: region(w), format: 'csv' }),
    expect: regional(ALL, 200),
  };
}

// Fieldwork: targets, proposals, performance, budget.
const TARGET_READERS: Role[] = ['admin', 'pemda', 'bpjs', 'operator_desa', 'agen'];
const PROPOSERS: Role[] = ['admin', 'operator_desa', 'agen'];
const DECIDERS: Role[] = ['admin', 'pemda', 'bpjs'];
const BUDGET_READERS: Role[] = ['admin', 'provinsi', 'pemda', 'bpjs'];
const NO_PROPOSAL = '00000000-0000-4000-8000-000000000000';
EXPECTED['GET /api/v1/worklist'] = {
  request: (w) => get('/api/v1/worklist', { within: region(w) }),
  expect: regional(TARGET_READERS, 200),
};
// No such target: those allowed to read targets are told so (404).
EXPECTED['GET /api/v1/targets/:id'] = {
  request: () => get('/api/v1/targets/999999'),
  expect: only(TARGET_READERS, 404),
};
// The household has no open target (and the matrix's agen user is no
// appointed agent): a proposer allowed there gets a 400 that says why.
EXPECTED['POST /api/v1/proposals'] = {
  request: (w) => ({
    method: 'POST',
    url: '/api/v1/proposals',
    payload: {
      id: '11111111-1111-4111-8111-111111111111',
      desa: region(w),
      household: '1502170101100099',
      kind: 'ORANG',
      targetIds: [1],
      pathway: 'PBI_APBD',
    },
  }),
  expect: regional(PROPOSERS, 400),
};
EXPECTED['GET /api/v1/proposals'] = {
  request: (w) => get('/api/v1/proposals', { within: region(w) }),
  expect: regional(ALL, 200),
};
EXPECTED['GET /api/v1/proposals/:id'] = {
  request: () => get(`/api/v1/proposals/${NO_PROPOSAL}`),
  expect: only(ALL, 404),
};
for (const step of ['verify', 'register', 'reject']) {
  EXPECTED[`POST /api/v1/proposals/:id/${step}`] = {
    request: () => ({
      method: 'POST',
      url: `/api/v1/proposals/${NO_PROPOSAL}/${step}`,
      payload: step === 'reject' ? { reason: 'tidak memenuhi syarat' } : {},
    }),
    expect: only(DECIDERS, 404),
  };
}
EXPECTED['GET /api/v1/performance'] = {
  request: (w) => get('/api/v1/performance', { period: '2026-10', within: region(w) }),
  expect: regional(ALL, 200),
};
EXPECTED['GET /api/v1/budget'] = {
  request: (w) => get('/api/v1/budget', { year: '2026', within: region(w) }),
  expect: regional(BUDGET_READERS, 200),
};
EXPECTED['GET /api/v1/uhc-prioritas'] = {
  request: (w) => get('/api/v1/uhc-prioritas', { within: region(w) }),
  expect: regional(BUDGET_READERS, 200),
};
EXPECTED['POST /api/v1/uhc-prioritas'] = {
  request: (w) => ({
    method: 'POST',
    url: '/api/v1/uhc-prioritas',
    payload: { kabupaten: region(w).slice(0, 4), validFrom: '2026-01-01' },
  }),
  expect: regional(DECIDERS, 200),
};

// Fieldwork: agents, visits, outreach. beforeAll appoints an agent in A and
// one in B (fieldAgent), each with a household on its village's worklist.
// The matrix's agen user holds agen on A but is no appointed agent.
const AGENT_MANAGERS: Role[] = ['admin', 'pemda', 'operator_desa'];
const VISIT_WRITERS: Role[] = ['admin', 'operator_desa'];
const VISIT_READERS: Role[] = ['admin', 'pemda', 'bpjs', 'operator_desa', 'agen'];
const fieldAgent: Record<Where, number> = { own: 0, other: 0 };
const fieldHousehold = (w: Where) => `${region(w).slice(0, 6)}0101200001`;
let appointments = 0;
EXPECTED['POST /api/v1/agents'] = {
  // A new user each time, so that every allowed appointment succeeds.
  request: (w) => ({
    method: 'POST',
    url: '/api/v1/agents',
    payload: {
      user: `matrix-appointed-${++appointments}`,
      nama: 'Agen Matriks',
      desa: region(w),
      skNomor: '141/1/2026',
      skTanggal: '2026-01-02',
      aktifMulai: '2026-01-05',
    },
  }),
  expect: regional(AGENT_MANAGERS, 201),
};
EXPECTED['GET /api/v1/agents'] = {
  request: (w) => get('/api/v1/agents', { within: region(w) }),
  expect: regional(ALL, 200),
};
EXPECTED['GET /api/v1/agents/:id'] = {
  request: (w) => get(`/api/v1/agents/${fieldAgent[w]}`),
  expect: regional(ALL, 200),
};
EXPECTED['PATCH /api/v1/agents/:id'] = {
  request: (w) => ({
    method: 'PATCH',
    url: `/api/v1/agents/${fieldAgent[w]}`,
    payload: { telepon: '0812-0000-1111' },
  }),
  expect: regional(AGENT_MANAGERS, 200),
};
// An operator's paper form for the village's agent. The agen user (not that
// agent) may not record another agent's visit: 403.
EXPECTED['POST /api/v1/visits'] = {
  request: (w) => ({
    method: 'POST',
    url: '/api/v1/visits',
    payload: {
      id: randomUUID(),
      desa: region(w),
      household: fieldHousehold(w),
      agentId: fieldAgent[w],
      visitedOn: '2026-10-05',
      outcome: 'BERSEDIA',
    },
  }),
  expect: regional(VISIT_WRITERS, 201),
};
EXPECTED['GET /api/v1/visits'] = {
  request: (w) => get('/api/v1/visits', { within: region(w) }),
  expect: regional(VISIT_READERS, 200),
};
// Staff may log an event without an agent; the agen user, having no
// appointment, is told so (400 "not an appointed agent").
EXPECTED['POST /api/v1/outreach'] = {
  request: (w) => ({
    method: 'POST',
    url: '/api/v1/outreach',
    payload: {
      id: randomUUID(),
      desa: region(w),
      heldOn: '2026-10-10',
      place: 'Balai desa',
      audience: 'PKK',
      attendance: 12,
    },
  }),
  expect: (caller, where) =>
    caller === 'agen' && where === 'own' ? 400 : regional(VISIT_WRITERS, 201)(caller, where),
};
EXPECTED['GET /api/v1/outreach'] = {
  request: (w) => get('/api/v1/outreach', { within: region(w) }),
  expect: regional(VISIT_READERS, 200),
};

// Compliance: employers, cases, forum meetings and follow-up actions.
// Cases and meetings are made by the POST rows themselves, in this order: the
// admin's own (id 1, in A's district) and other (id 2, in B's district) come
// first of all callers, so the rows below address case/meeting/action 1 (own)
// and 2 (other). Requests that change a case are ones no caller may carry
// out (the ladder out of order, a missing step, a close dated before the
// opening): each allowed caller gets the same answer, and the others 403.
const COMPLIANCE_READERS: Role[] = ['admin', 'provinsi', 'pemda', 'bpjs'];
const COMPLIANCE_MANAGERS: Role[] = ['admin', 'pemda', 'bpjs'];
const FORUM_MANAGERS: Role[] = ['admin', 'provinsi', 'pemda', 'bpjs'];
const ownOrOther = (where: Where) => (where === 'own' ? 1 : 2);
let matrixEmployer = 0;
EXPECTED['GET /api/v1/compliance/employers'] = {
  request: (w) => get('/api/v1/compliance/employers', { within: region(w) }),
  expect: regional(COMPLIANCE_READERS, 200),
};
EXPECTED['GET /api/v1/compliance/employers/:key/workers'] = {
  request: (w) => get('/api/v1/compliance/employers/MAJU%20JAYA/workers', { within: region(w) }),
  expect: regional(COMPLIANCE_READERS, 200),
};
EXPECTED['POST /api/v1/compliance/cases'] = {
  request: (w) => ({
    method: 'POST',
    url: '/api/v1/compliance/cases',
    payload: { kabupaten: region(w).slice(0, 4), employer: `PT Matriks ${++matrixEmployer}` },
  }),
  expect: regional(COMPLIANCE_MANAGERS, 201),
};
EXPECTED['GET /api/v1/compliance/cases'] = {
  request: (w) => get('/api/v1/compliance/cases', { within: region(w) }),
  expect: regional(COMPLIANCE_READERS, 200),
};
EXPECTED['GET /api/v1/compliance/cases/:id'] = {
  request: (w) => get(`/api/v1/compliance/cases/${ownOrOther(w)}`),
  expect: regional(COMPLIANCE_READERS, 200),
};
EXPECTED['POST /api/v1/compliance/cases/:id/steps'] = {
  request: (w) => ({
    method: 'POST',
    url: `/api/v1/compliance/cases/${ownOrOther(w)}/steps`,
    payload: { step: 'DENDA' },
  }),
  expect: regional(COMPLIANCE_MANAGERS, 400),
};
EXPECTED['POST /api/v1/compliance/cases/:id/steps/:stepId/done'] = {
  request: (w) => ({
    method: 'POST',
    url: `/api/v1/compliance/cases/${ownOrOther(w)}/steps/999999/done`,
    payload: { outcome: 'matrix' },
  }),
  expect: regional(COMPLIANCE_MANAGERS, 404),
};
EXPECTED['POST /api/v1/compliance/cases/:id/close'] = {
  request: (w) => ({
    method: 'POST',
    url: `/api/v1/compliance/cases/${ownOrOther(w)}/close`,
    payload: { outcome: 'PATUH', closedOn: '2000-01-01' },
  }),
  expect: regional(COMPLIANCE_MANAGERS, 400),
};
EXPECTED['POST /api/v1/forum/meetings'] = {
  request: (w) => ({
    method: 'POST',
    url: '/api/v1/forum/meetings',
    payload: { heldOn: '2026-01-05', region: region(w), officesPresent: ['DESA'] },
  }),
  expect: regional(FORUM_MANAGERS, 201),
};
EXPECTED['GET /api/v1/forum/meetings'] = {
  request: (w) => get('/api/v1/forum/meetings', { within: region(w) }),
  expect: regional(ALL, 200),
};
EXPECTED['POST /api/v1/forum/meetings/:id/actions'] = {
  request: (w) => ({
    method: 'POST',
    url: `/api/v1/forum/meetings/${ownOrOther(w)}/actions`,
    payload: { description: 'Matriks', responsibleOffice: 'DESA', dueOn: '2026-02-01' },
  }),
  expect: regional(FORUM_MANAGERS, 201),
};
EXPECTED['PATCH /api/v1/forum/actions/:id'] = {
  request: (w) => ({
    method: 'PATCH',
    url: `/api/v1/forum/actions/${ownOrOther(w)}`,
    payload: { status: 'PROSES' },
  }),
  expect: regional(FORUM_MANAGERS, 200),
};
EXPECTED['GET /api/v1/forum/actions'] = {
  request: (w) => get('/api/v1/forum/actions', { within: region(w), overdue: 'true' }),
  expect: regional(ALL, 200),
};

let database: Database;
let app: FastifyInstance;
let rejectsDir: string;
const headers = new Map<Role, Record<string, string>>();

const importCsv = (kind: 'population' | 'membership', csv: string, skipBadRows = false) =>
  importCsvText(database, { kind, period: '2026-10', csv, rejectsDir, skipBadRows });

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-matrix-'));
  app = await buildApp({ database, rejectsDir });

  B = await villageOutsideA(database.db);
  NIK_B = `${B.slice(0, 6)}4105900002`;

  const population = await importCsv(
    'population',
    'nik,nama,tanggal_lahir,jenis_kelamin,kode_desa\n' +
      `${NIK_A},Siti Contoh,1990-05-01,P,${A}\n` +
      `${NIK_B},Budi Contoh,1990-05-01,P,${B}\n` +
      'bad,Rusak,1990-05-01,P,9999999999\n',
    true,
  );
  rejectsImportId = population.importId;
  anyImportId = population.importId;
  expect(population.rowsRejected).toBe(1);
  await importCsv(
    'membership',
    'noka,nik,nama,tanggal_lahir,jenis_kelamin,kode_desa,segmen,kelas,status\n' +
      `0001234567890,${NIK_A},SITI CONTOH,1990-05-01,P,${A},PBPU,3,AKTIF\n` +
      `0001234567891,${NIK_B},BUDI CONTOH,1990-05-01,P,${B},PBPU,3,AKTIF\n`,
  );
  // Both villages' indicators, so the region pages answer 200.
  await rebuildIndicators(database.db, { period: '2026-10', scope: '', runId: null });

  for (const role of ROLES) {
    const name = `matrix-${role.replace('_', '-')}`;
    const code = GRANT_OF[role];
    await addTestUser(database.db, name, [code === undefined ? { role } : { role, region: code }]);
    headers.set(role, await bearerFor(database.db, name, role, code === undefined ? [] : [code]));
  }
  await addTestUser(database.db, 'matrix-login', [{ role: 'agen', region: A }]);

  // Fieldwork (agents, visits, outreach): an appointed agent in A and one in
  // B, each with a household on its village's worklist.
  for (const where of ['own', 'other'] as Where[]) {
    const desa = region(where);
    const agent = await appointAgent(database.db, LOCAL_SYSTEM, {
      user: `matrix-agent-${where}`,
      nama: 'Agen Matriks',
      desa,
      skNomor: '141/1/2026',
      skTanggal: '2026-01-02',
      aktifMulai: '2026-01-05',
    });
    fieldAgent[where] = agent.id;
    await database.db
      .insertInto('targets')
      .values({
        kabupaten_code: desa.slice(0, 4),
        desa_code: desa,
        source_id: `matrix-visit-${where}`,
        household: fieldHousehold(where),
        opened_period: '2026-10',
        last_period: '2026-10',
        status: 'BELUM_TERDAFTAR',
        resident_import_id: population.importId,
        resident_row_no: where === 'own' ? 1 : 2,
        pathway: 'PBPU',
        pathway_rule: 'matrix',
        pathway_reason: 'matrix',
        priority: 3,
        priority_reasons: [],
      })
      .execute();
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(rejectsDir, { recursive: true, force: true });
});

describe('the authorisation matrix', () => {
  it('has an access policy on every route', () => {
    const without = app.accessRoutes.filter((r) => r.access === undefined);
    expect(without.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('has an expected outcome for every API route, and no stale rows', () => {
    const api = app.accessRoutes
      .filter((r) => !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`);
    const missing = api.filter((r) => !(r in EXPECTED));
    expect(missing, 'routes without a row in EXPECTED: add one').toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !api.includes(r))).toEqual([]);
  });

  it('refuses, closed, a route that declares no policy', async () => {
    const bare = Fastify();
    await bare.register(accessPlugin, { database, auth: DEFAULT_AUTH, publicPrefixes: [] });
    bare.get('/forgotten', async () => ({ secret: true }));
    try {
      const response = await bare.inject({ url: '/forgotten', headers: headers.get('admin') });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ error: expect.stringMatching(/no access policy/) });
    } finally {
      await bare.close();
    }
  });

  it('serves the API documentation to anyone', () => {
    const docs = app.accessRoutes.filter((r) => r.url.startsWith('/api/docs'));
    expect(docs.length).toBeGreaterThan(0);
    for (const r of docs) expect(r.access).toEqual({ public: true });
  });

  it('answers every caller on every route as expected', async () => {
    const mismatches: string[] = [];
    for (const [route, c] of Object.entries(EXPECTED)) {
      for (const caller of ['anonymous', ...ROLES] as Caller[]) {
        for (const where of ['own', 'other'] as Where[]) {
          const request = c.request(where);
          const auth = caller === 'anonymous' ? {} : (headers.get(caller) ?? {});
          const response = await app.inject({
            ...request,
            headers: { ...auth, ...(request.headers ?? {}) },
          });
          const want = c.expect(caller, where);
          if (response.statusCode !== want) {
            mismatches.push(
              `${route} as ${caller} on ${where}: ${response.statusCode} (expected ${want}) ${response.body.slice(0, 120)}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
