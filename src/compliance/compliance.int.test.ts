// Employer compliance on a real database: employers found in the open
// targets, the workers of one (masked and audited), and cases up the ladder
// with deadlines counted in working days.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsvText, VILLAGE_A, villageOutsideA } from '../access/access.testing.ts';
import type { Actor } from '../access/actor.ts';
import { AccessDenied } from '../access/errors.ts';
import type { Role } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { Conflict, InvalidRequest } from './compliance.errors.ts';
import {
  closeCase,
  finishStep,
  listCases,
  listEmployers,
  listEmployerWorkers,
  openCase,
  showCase,
  startStep,
} from './compliance.service.ts';

const A = VILLAGE_A;
let B: string;
let database: Database;
let rejectsDir: string;

const actor = (name: string, role: Role, region?: string): Actor => ({
  name,
  kind: 'user',
  userId: null,
  grants: [{ role, region: region ?? null }],
  via: 'cli',
  ip: null,
});
const admin = actor('admin', 'admin');
const pemda = actor('pemda-merangin', 'pemda', '1502');
const bpjs = actor('bpjs-merangin', 'bpjs', '1502');
const provinsi = actor('prov-jambi', 'provinsi', '15');
const operator = actor('op-a', 'operator_desa', A);
let pemdaBogor: Actor;

/** NIK of each register record, by its id. */
const NIK: Record<string, string> = {
  W1: '1502174105900001',
  W2: '1502170303850002',
  W3: '1502174407920003',
  W4: '1502170101800004',
  W5: '1502170202810005',
  W6: '1502170303820006',
  W7: '1502170404830007',
};

interface TargetSpec {
  id: string;
  desa: string;
  employer: string | null;
  status: 'BELUM_TERDAFTAR' | 'NONAKTIF';
  alasan?: string;
  pathway: string;
  closed?: boolean;
}

async function insertTargets(specs: TargetSpec[]) {
  const rows = await database.db
    .selectFrom('residents')
    .select(['import_id', 'row_no', 'source_id', 'desa_code'])
    .execute();
  for (const t of specs) {
    const r = rows.find((x) => x.source_id === t.id && x.desa_code === t.desa);
    if (!r) throw new Error(`no resident ${t.id}`);
    await database.db
      .insertInto('targets')
      .values({
        kabupaten_code: t.desa.slice(0, 4),
        desa_code: t.desa,
        source_id: t.id,
        household: `id:${t.id}`,
        opened_period: '2024-05',
        last_period: '2024-05',
        closed_period: t.closed ? '2024-06' : null,
        close_reason: t.closed ? 'AKTIF' : null,
        status: t.status,
        resident_import_id: r.import_id,
        resident_row_no: r.row_no,
        noka: t.status === 'NONAKTIF' ? `000000000000${t.id.slice(1)}` : null,
        segmen: t.status === 'NONAKTIF' ? 'PPU' : null,
        alasan_nonaktif: t.alasan ?? null,
        pemberi_kerja: t.employer,
        pathway: t.pathway,
        pathway_rule: 'test',
        pathway_reason: 'test',
        priority: 3,
        priority_reasons: [],
      })
      .execute();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-compliance-'));
  B = await villageOutsideA(database.db);
  pemdaBogor = actor('pemda-bogor', 'pemda', B.slice(0, 4));
  const register = [
    'id,nik,no_kk,nama,tanggal_lahir,jenis_kelamin,kode_desa',
    `W1,${NIK.W1},,Siti Rahma,1990-05-01,P,${A}`,
    `W2,${NIK.W2},,Budi Hartono,1985-03-03,L,${A}`,
    `W3,${NIK.W3},,Dewi Sartika,1992-07-04,P,${A}`,
    `W4,${NIK.W4},,Andi Wijaya,1980-01-01,L,${A}`,
    `W5,${NIK.W5},,Rudi Hasan,1981-02-02,L,${A}`,
    `W6,${NIK.W6},,Yanti Sari,1982-03-03,P,${A}`,
    `W7,${NIK.W7},,Joko Purnomo,1983-04-04,L,${A}`,
    `X1,${B.slice(0, 6)}0101900001,,Asep Sunandar,1990-01-01,L,${B}`,
    '',
  ].join('\n');
  const imported = await importCsvText(database, {
    kind: 'population',
    period: '2024-05',
    csv: register,
    rejectsDir,
  });
  expect(imported.status).toBe('committed');
  await insertTargets([
    // Three spellings of one employer: two unregistered, one stopped.
    {
      id: 'W1',
      desa: A,
      employer: 'PT. Maju Jaya',
      status: 'BELUM_TERDAFTAR',
      pathway: 'PENDAFTARAN_PPU',
    },
    {
      id: 'W2',
      desa: A,
      employer: 'MAJU JAYA',
      status: 'BELUM_TERDAFTAR',
      pathway: 'PENDAFTARAN_PPU',
    },
    {
      id: 'W3',
      desa: A,
      employer: 'Maju Jaya, CV',
      status: 'NONAKTIF',
      alasan: 'PPU_BERHENTI',
      pathway: 'PBPU_MANDIRI',
    },
    {
      id: 'W4',
      desa: A,
      employer: 'PT Sawit Lestari',
      status: 'NONAKTIF',
      alasan: 'PPU_BERHENTI',
      pathway: 'PBPU_MANDIRI',
    },
    // Not the employer's business: closed, arrears, no employer named.
    {
      id: 'W5',
      desa: A,
      employer: 'PT Maju Jaya',
      status: 'BELUM_TERDAFTAR',
      pathway: 'PENDAFTARAN_PPU',
      closed: true,
    },
    {
      id: 'W6',
      desa: A,
      employer: 'PT Maju Jaya',
      status: 'NONAKTIF',
      alasan: 'TUNGGAKAN',
      pathway: 'REHAB',
    },
    { id: 'W7', desa: A, employer: null, status: 'BELUM_TERDAFTAR', pathway: 'PENDAFTARAN_PPU' },
    // The same name in another province's district: another employer.
    {
      id: 'X1',
      desa: B,
      employer: 'PT Maju Jaya',
      status: 'BELUM_TERDAFTAR',
      pathway: 'PENDAFTARAN_PPU',
    },
  ]);
});

afterAll(async () => {
  await database?.close();
  rmSync(rejectsDir, { recursive: true, force: true });
});

describe('employers', () => {
  it("groups a district's open targets by the employer's normalised name", async () => {
    const employers = await listEmployers(database, pemda, {}, { today: '2024-06-03' });
    expect(employers.map((e) => [e.key, e.workers, e.unregistered, e.stopped])).toEqual([
      ['MAJU JAYA', 3, 2, 1],
      ['SAWIT LESTARI', 1, 0, 1],
    ]);
    const maju = employers[0];
    expect(maju?.kabupaten).toBe('1502');
    expect(maju?.names.sort()).toEqual(['MAJU JAYA', 'Maju Jaya, CV', 'PT. Maju Jaya']);
    expect(maju).toMatchObject({ caseId: null, currentStep: null, overdue: false });

    // An administrator sees both districts' Maju Jaya, apart.
    const all = await listEmployers(database, admin);
    expect(
      all
        .filter((e) => e.key === 'MAJU JAYA')
        .map((e) => e.kabupaten)
        .sort(),
    ).toEqual(['1502', B.slice(0, 4)]);
    // A province asked of a district user: narrowed to the district.
    expect(await listEmployers(database, pemda, { within: '15' })).toHaveLength(2);
  });

  it('refuses roles without compliance:read and regions outside the area', async () => {
    await expect(listEmployers(database, operator)).rejects.toThrow(AccessDenied);
    await expect(listEmployers(database, pemda, { within: B })).rejects.toThrow(AccessDenied);
    await expect(listEmployers(database, pemda, { within: '15.0' })).rejects.toThrow(
      InvalidRequest,
    );
  });

  it("lists an employer's workers with NIK masked for the district office, and audits the NIKs", async () => {
    const seen = await listEmployerWorkers(database, pemda, { key: 'pt maju jaya' });
    expect(seen.key).toBe('MAJU JAYA');
    expect(seen.workers.map((w) => w.nama)).toEqual(['Budi Hartono', 'Dewi Sartika', 'Siti Rahma']);
    for (const w of seen.workers) {
      expect(w.nik).toMatch(/^\d{4}\*{8}\d{4}$/);
      expect(Object.values(NIK)).not.toContain(w.nik);
    }
    expect(seen.workers.find((w) => w.nama === 'Dewi Sartika')).toMatchObject({
      status: 'NONAKTIF',
      alasanNonaktif: 'PPU_BERHENTI',
      pemberiKerja: 'Maju Jaya, CV',
      noka: '0000*****0003',
    });

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject', 'niks', 'row_count', 'scope'])
      .where('subject', '=', 'employer_workers')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'pemda-merangin', action: 'list', row_count: 3 });
    expect(audit.scope).toEqual(['1502']);
    expect([...audit.niks].sort()).toEqual([NIK.W1, NIK.W2, NIK.W3].sort());

    // The BPJS branch works with identifiers: whole.
    const branch = await listEmployerWorkers(database, bpjs, { key: 'MAJU JAYA' });
    expect(branch.workers.map((w) => w.nik).sort()).toEqual([NIK.W1, NIK.W2, NIK.W3].sort());
    // Another district's office sees only its own Maju Jaya.
    const bogor = await listEmployerWorkers(database, pemdaBogor, { key: 'Maju Jaya' });
    expect(bogor.workers.map((w) => w.nama)).toEqual(['Asep Sunandar']);
    await expect(listEmployerWorkers(database, operator, { key: 'MAJU JAYA' })).rejects.toThrow(
      AccessDenied,
    );
  });
});

describe('cases up the sanctions ladder', () => {
  let caseId = 0;

  it('opens one case per employer, found by its name key', async () => {
    const c = await openCase(
      database,
      bpjs,
      { kabupaten: '15.02', employer: 'PT. Maju Jaya', openedOn: '2024-06-03' },
      { today: '2024-06-03' },
    );
    caseId = c.id;
    expect(c).toMatchObject({
      kabupaten: '1502',
      employer: 'PT. Maju Jaya',
      employerKey: 'MAJU JAYA',
      status: 'OPEN',
      openedBy: 'bpjs-merangin',
      steps: [],
      allowedSteps: ['TEGURAN_1'],
    });
    await expect(
      openCase(
        database,
        pemda,
        { kabupaten: '1502', employer: 'Maju Jaya CV' },
        { today: '2024-06-04' },
      ),
    ).rejects.toThrow(Conflict);
    // Provinces read, they do not manage; another district may not open here.
    await expect(
      openCase(database, provinsi, { kabupaten: '1502', employer: 'PT Sawit Lestari' }),
    ).rejects.toThrow(AccessDenied);
    await expect(
      openCase(database, pemdaBogor, { kabupaten: '1502', employer: 'PT Sawit Lestari' }),
    ).rejects.toThrow(AccessDenied);
    await expect(
      openCase(
        database,
        pemda,
        { kabupaten: '1502', employer: 'X', openedOn: '2030-01-01' },
        { today: '2024-06-03' },
      ),
    ).rejects.toThrow(/after today/);
  });

  it('refuses to start a rung before the one below is done', async () => {
    const today = { today: '2024-06-07' };
    await expect(startStep(database, bpjs, caseId, { step: 'TEGURAN_2' }, today)).rejects.toThrow(
      /TEGURAN_1 comes first/,
    );
    await expect(
      startStep(database, bpjs, caseId, { step: 'SKK_KEJAKSAAN' }, today),
    ).rejects.toThrow(/only after TEGURAN_1/);
    await expect(
      startStep(database, bpjs, caseId, { step: 'TEGURAN_1', dueOn: '2024-06-30' }, today),
    ).rejects.toThrow(/dueOn: a warning is due ten working days/);
    await expect(
      startStep(database, pemdaBogor, caseId, { step: 'TEGURAN_1' }, today),
    ).rejects.toThrow(AccessDenied);

    // Friday 7 June: ten working days over two weekends is Friday 21 June.
    const c = await startStep(
      database,
      bpjs,
      caseId,
      { step: 'TEGURAN_1', note: 'No. 12/BPJS/2024' },
      today,
    );
    expect(c.steps).toEqual([
      expect.objectContaining({
        step: 'TEGURAN_1',
        startedOn: '2024-06-07',
        dueOn: '2024-06-21',
        doneOn: null,
        note: 'No. 12/BPJS/2024',
        overdue: false,
      }),
    ]);
    expect(c.currentStep).toBe('TEGURAN_1');
    expect(c.allowedSteps).toEqual(['SKK_KEJAKSAAN', 'PEMERIKSAAN_BERSAMA']);

    await expect(
      startStep(database, bpjs, caseId, { step: 'TEGURAN_2' }, { today: '2024-06-10' }),
    ).rejects.toThrow(/TEGURAN_1 is not done yet/);
    await expect(
      startStep(database, bpjs, caseId, { step: 'DENDA' }, { today: '2024-06-10' }),
    ).rejects.toThrow(/TEGURAN_2 comes first/);
    // Beside the ladder: a joint inspection with Disnaker, due when the user says.
    const inspected = await startStep(
      database,
      pemda,
      caseId,
      { step: 'PEMERIKSAAN_BERSAMA', startedOn: '2024-06-10', dueOn: '2024-06-14' },
      { today: '2024-06-10' },
    );
    expect(inspected.steps.find((s) => s.step === 'PEMERIKSAAN_BERSAMA')?.dueOn).toBe('2024-06-14');
  });

  it('lists what is overdue: past its deadline and not done', async () => {
    // 21 June is the warning's last day: not yet overdue; the inspection is.
    const on21 = await listCases(database, pemda, { overdue: true }, { today: '2024-06-21' });
    expect(on21.map((c) => [c.id, c.overdueSteps])).toEqual([[caseId, ['PEMERIKSAAN_BERSAMA']]]);
    const on24 = await listCases(database, provinsi, { overdue: 'true' }, { today: '2024-06-24' });
    expect(on24[0]?.overdueSteps).toEqual(['TEGURAN_1', 'PEMERIKSAAN_BERSAMA']);
    expect(
      await listCases(database, pemdaBogor, { overdue: true }, { today: '2024-06-24' }),
    ).toEqual([]);

    const employers = await listEmployers(database, pemda, {}, { today: '2024-06-24' });
    expect(employers.find((e) => e.key === 'MAJU JAYA')).toMatchObject({
      caseId,
      nama: 'PT. Maju Jaya',
      currentStep: 'PEMERIKSAAN_BERSAMA',
      overdue: true,
    });
  });

  it('marks steps done, then climbs to the next rung', async () => {
    const today = { today: '2024-06-24' };
    const c = await showCase(database, pemda, caseId, today);
    const warning = c.steps.find((s) => s.step === 'TEGURAN_1');
    if (!warning) throw new Error('no warning');
    await expect(
      finishStep(database, bpjs, caseId, warning.id, { outcome: 'x', doneOn: '2024-06-01' }, today),
    ).rejects.toThrow(/before TEGURAN_1 started/);
    await expect(
      finishStep(database, bpjs, caseId, 999_999, { outcome: 'x' }, today),
    ).rejects.toThrow(/not found/);
    const done = await finishStep(
      database,
      bpjs,
      caseId,
      warning.id,
      { outcome: 'tidak ada respons' },
      today,
    );
    expect(done.steps.find((s) => s.step === 'TEGURAN_1')).toMatchObject({
      doneOn: '2024-06-24',
      outcome: 'tidak ada respons',
      doneBy: 'bpjs-merangin',
      overdue: false,
    });
    await expect(
      finishStep(database, bpjs, caseId, warning.id, { outcome: 'lagi' }, today),
    ).rejects.toThrow(/already done/);
    await expect(
      startStep(database, bpjs, caseId, { step: 'TEGURAN_2', startedOn: '2024-06-21' }, today),
    ).rejects.toThrow(/before TEGURAN_1 was done/);
    const second = await startStep(database, bpjs, caseId, { step: 'TEGURAN_2' }, today);
    // Monday 24 June + 10 working days = Monday 8 July.
    expect(second.steps.find((s) => s.step === 'TEGURAN_2')?.dueOn).toBe('2024-07-08');
    expect(second.currentStep).toBe('TEGURAN_2');
  });

  it('closes a case (a reason needed unless the employer complied), and a new one may open', async () => {
    const today = { today: '2024-07-01' };
    await expect(
      closeCase(database, pemda, caseId, { outcome: 'DITUTUP_LAINNYA' }, today),
    ).rejects.toThrow(/note: say why/);
    await expect(
      closeCase(database, pemda, caseId, { outcome: 'PATUH', closedOn: '2024-05-01' }, today),
    ).rejects.toThrow(/before the case was opened/);
    const closed = await closeCase(
      database,
      pemda,
      caseId,
      { outcome: 'PATUH', note: '3 pekerja didaftarkan' },
      today,
    );
    expect(closed).toMatchObject({
      status: 'CLOSED',
      closedOn: '2024-07-01',
      closeOutcome: 'PATUH',
      closeNote: '3 pekerja didaftarkan',
      overdue: false,
      allowedSteps: [],
    });
    await expect(startStep(database, bpjs, caseId, { step: 'DENDA' }, today)).rejects.toThrow(
      /closed on 2024-07-01/,
    );
    expect(await listCases(database, pemda, { overdue: true }, { today: '2025-01-01' })).toEqual(
      [],
    );

    const again = await openCase(
      database,
      pemda,
      { kabupaten: '1502', employer: 'MAJU JAYA, CV' },
      today,
    );
    expect(again.employerId).toBe(closed.employerId);
    expect(again.employer).toBe('PT. Maju Jaya');
    const listed = await listCases(database, pemda, {}, today);
    expect(listed.map((c) => [c.id, c.status])).toEqual([
      [again.id, 'OPEN'],
      [caseId, 'CLOSED'],
    ]);
  });

  it('audits every change', async () => {
    const actions = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('subject', '=', 'compliance_cases')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'compliance.case_open',
      'compliance.step',
      'compliance.step',
      'compliance.step_done',
      'compliance.step',
      'compliance.case_close',
      'compliance.case_open',
    ]);
  });
});
