// The whole loop on generated data over two months: the September
// reconciliation makes targets; an agent visits and proposes two people; the
// district office verifies and BPJS registers them; the October extract shows
// one of them active. That proposal is TERKONFIRMASI_AKTIF, its target is
// closed, the agent's confirmed count rises by one; the other is flagged.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, importCsvText } from '../access/access.testing.ts';
import { type Actor, LOCAL_SYSTEM } from '../access/actor.ts';
import { cliActor } from '../access/users.service.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { runReconciliation } from '../reconcile/reconcile.service.ts';
import { FILE_NAMES, generateSynthetic } from '../synthetic/generate.service.ts';
import { appointAgent } from './agents.service.ts';
import { agentPerformance } from './performance.service.ts';
import { decideProposal, getProposal, proposeRegistration } from './proposals.service.ts';
import { getTarget, getWorklist } from './targets.service.ts';
import { recordVisit } from './visits.service.ts';

const P1 = '2026-09';
const P2 = '2026-10';
const TODAY = '2026-09-30';

let database: Database;
let dir: string;
let population: string;
let membership: string;
let agent: Actor;
let pemda: Actor;
let bpjs: Actor;
let agentId: number;

interface Picked {
  id: number;
  desa_code: string;
  household: string;
  pathway: string;
  nik: string;
  nama: string;
  tanggal_lahir: string;
  jenis_kelamin: string;
}
let confirmedOne: Picked;
let missingOne: Picked;
const PROPOSAL_1 = '7d1f3a52-9a43-4c1e-8f3e-0b7e2d6f4a11';
const PROPOSAL_2 = '7d1f3a52-9a43-4c1e-8f3e-0b7e2d6f4a12';
const NOKA_1 = '9990000000001';
const NOKA_2 = '9990000000002';

const reconcile = (period: string) =>
  runReconciliation(database, LOCAL_SYSTEM, { period, within: '1502' });

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pesiar-loop-'));
  await generateSynthetic({
    within: '1502',
    residents: 1500,
    period: P1,
    out: join(dir, 'gen'),
    seed: 5,
  });
  population = readFileSync(join(dir, 'gen', FILE_NAMES.population), 'utf8');
  membership = readFileSync(join(dir, 'gen', FILE_NAMES.membership), 'utf8');
  for (const [kind, csv] of [
    ['population', population],
    ['membership', membership],
  ] as const) {
    const r = await importCsvText(database, { kind, period: P1, csv, rejectsDir: dir });
    expect(r.status).toBe('committed');
  }
  await addTestUser(database.db, 'dinsos-1502', [{ role: 'pemda', region: '1502' }]);
  await addTestUser(database.db, 'bpjs-1502', [{ role: 'bpjs', region: '1502' }]);
  pemda = await cliActor(database.db, 'dinsos-1502');
  bpjs = await cliActor(database.db, 'bpjs-1502');
}, 120_000);

afterAll(async () => {
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Sisir–Registrasi loop over two months', () => {
  it('September: the reconciliation turns the uncovered into targets', async () => {
    const summary = await reconcile(P1);
    const t = summary.fieldwork.targets;
    const uncovered =
      (summary.residents.BELUM_TERDAFTAR ?? 0) +
      (summary.residents.NONAKTIF ?? 0) +
      (summary.residents.PERLU_VERIFIKASI ?? 0);
    expect(t.skippedBecause).toBeNull();
    expect(t.opened).toBeGreaterThan(100);
    // Living residents only: the dead and moved-away are not targets.
    expect(t.opened).toBeLessThanOrEqual(uncovered);
    expect(t.closedActive + t.closedLeft + t.changed).toBe(0);

    const picked = await sql<Picked>`
      SELECT t.id, t.desa_code, t.household, t.pathway, r.nik, r.nama,
        r.tanggal_lahir::text AS tanggal_lahir, r.jenis_kelamin
      FROM targets t JOIN residents r ON r.import_id = t.resident_import_id AND r.row_no = t.resident_row_no
      WHERE t.status = 'BELUM_TERDAFTAR' AND t.pathway IN ('PBI_APBN', 'PBI_APBD')
        AND r.nik IS NOT NULL AND r.tanggal_lahir IS NOT NULL AND r.jenis_kelamin IS NOT NULL
      ORDER BY t.desa_code, t.id`.execute(database.db);
    const [first, ...rest] = picked.rows;
    const second =
      rest.find((r) => r.desa_code === first?.desa_code && r.household !== first.household) ??
      rest.find((r) => r.household !== first?.household);
    if (!first || !second) throw new Error('the generated village has no two PBI targets');
    confirmedOne = first;
    missingOne = second;
  });

  it('an appointed agent sees them on a worklist, the most urgent households first', async () => {
    const appointed = await appointAgent(
      database.db,
      LOCAL_SYSTEM,
      {
        user: 'agen-sisir',
        nama: 'Agen Sisir',
        telepon: '0812 3456 7890',
        desa: confirmedOne.desa_code,
        skNomor: '141/12/SK/2026',
        skTanggal: '2026-01-05',
        aktifMulai: '2026-01-05',
        villages: [...new Set([confirmedOne.desa_code, missingOne.desa_code])],
      },
      { today: TODAY },
    );
    agentId = appointed.id;
    agent = await cliActor(database.db, 'agen-sisir');

    const list = await getWorklist(database, agent, { limit: 500 });
    expect(list.total).toBeGreaterThan(0);
    const served = new Set([confirmedOne.desa_code, missingOne.desa_code]);
    expect(list.households.every((h) => served.has(h.desaCode))).toBe(true);
    const priorities = list.households.map((h) => h.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    const household = list.households.find((h) => h.household === confirmedOne.household);
    const person = household?.people.find((p) => p.targetId === confirmedOne.id);
    expect(person?.pathway).toBe(confirmedOne.pathway);
    expect(person?.pathwayReason).toMatch(/desil|rentan/i);
    // The agent works with people by NIK: shown whole in its village.
    expect(person?.nik).toBe(confirmedOne.nik);
  });

  it('the agent visits and proposes; the district office verifies; BPJS registers', async () => {
    for (const [i, t] of [confirmedOne, missingOne].entries()) {
      const visit = await recordVisit(
        database.db,
        agent,
        {
          id: `0b9c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2${i}`,
          desa: t.desa_code,
          household: t.household,
          targetId: t.id,
          visitedOn: '2026-09-21',
          outcome: 'BERSEDIA',
        },
        { today: TODAY },
      );
      expect(visit.created).toBe(true);
    }
    const clock = { today: TODAY };
    for (const [id, t] of [
      [PROPOSAL_1, confirmedOne],
      [PROPOSAL_2, missingOne],
    ] as const) {
      const proposed = await proposeRegistration(
        database,
        agent,
        {
          id,
          desa: t.desa_code,
          household: t.household,
          kind: 'ORANG',
          targetIds: [t.id],
          pathway: 'PBI_APBD',
          documents: { KTP: true, KK: true, SURAT_KETERANGAN_TIDAK_MAMPU: true },
          proposedOn: '2026-09-22',
        },
        clock,
      );
      expect(proposed.created).toBe(true);
      expect(proposed.proposal.status).toBe('DIAJUKAN');
      expect(proposed.proposal.agent_id).toBe(agentId);
      // BPJS may not verify a district-paid proposal: that is the district office's.
      await expect(decideProposal(database, bpjs, id, 'verify', {}, clock)).rejects.toThrow(
        /pemda/,
      );
      await decideProposal(database, pemda, id, 'verify', { note: 'SKTM ada' }, clock);
      // …and the district office does not issue cards.
      await expect(decideProposal(database, pemda, id, 'register', {}, clock)).rejects.toThrow(
        /bpjs/,
      );
    }
    const registered = await decideProposal(
      database,
      bpjs,
      PROPOSAL_1,
      'register',
      { registeredOn: '2026-09-25', noka: { [String(confirmedOne.id)]: NOKA_1 } },
      clock,
    );
    expect(registered.proposal.status).toBe('TERDAFTAR');
    // Not a UHC Prioritas district: expected active a month later.
    expect(registered.proposal.expected_period).toBe(P2);
    await decideProposal(
      database,
      bpjs,
      PROPOSAL_2,
      'register',
      { registeredOn: '2026-09-25', noka: { [String(missingOne.id)]: NOKA_2 } },
      clock,
    );
    const detail = await getProposal(database, bpjs, PROPOSAL_1);
    expect(detail.events.map((e) => [e.from_status, e.to_status, e.actor])).toEqual([
      [null, 'DIAJUKAN', 'agen-sisir'],
      ['DIAJUKAN', 'DIVERIFIKASI', 'dinsos-1502'],
      ['DIVERIFIKASI', 'TERDAFTAR', 'bpjs-1502'],
    ]);
    // Every transition is in the audit log too.
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'proposal.%')
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual(
      [
        'proposal.create',
        'proposal.create',
        'proposal.register',
        'proposal.register',
        'proposal.verify',
        'proposal.verify',
      ].sort(),
    );
  });

  it('September’s performance: one agent, two visits, two proposals, nobody confirmed yet', async () => {
    const perf = await agentPerformance(database, pemda, { period: P1 });
    const row = perf.rows.find((r) => r.level === 'agen' && r.agent_id === agentId);
    expect(row).toMatchObject({
      visits: 2,
      households_reached: 2,
      proposals: 2,
      confirmed_active: 0,
    });
    expect(row?.visit_to_proposal).toBe(1);
  });

  it('October: the extract shows one active; the loop closes for it and flags the other', async () => {
    const p = confirmedOne;
    const jk = p.jenis_kelamin;
    const newMember = `${NOKA_1},${p.nik},${p.nama.toUpperCase()},${p.tanggal_lahir},${jk},${p.desa_code},PBI APBD,3,AKTIF,,,,,\n`;
    const extract = membership.endsWith('\n')
      ? membership + newMember
      : `${membership}\n${newMember}`;
    for (const [kind, csv] of [
      ['population', population],
      ['membership', extract],
    ] as const) {
      const r = await importCsvText(database, { kind, period: P2, csv, rejectsDir: dir });
      expect(r.status).toBe('committed');
    }
    const before = await agentPerformance(database, pemda, { period: P2 });
    const confirmedBefore =
      before.rows.find((r) => r.level === 'agen' && r.agent_id === agentId)?.confirmed_active ?? 0;

    const summary = await reconcile(P2);
    expect(summary.fieldwork.proposals).toEqual({
      peopleConfirmed: 1,
      proposalsConfirmed: 1,
      proposalsOverdue: 1,
    });
    expect(summary.fieldwork.targets.closedActive).toBeGreaterThanOrEqual(1);

    const confirmed = await getProposal(database, pemda, PROPOSAL_1);
    expect(confirmed.proposal.status).toBe('TERKONFIRMASI_AKTIF');
    expect(confirmed.proposal.confirmed_period).toBe(P2);
    expect(confirmed.events.at(-1)).toMatchObject({
      from_status: 'TERDAFTAR',
      to_status: 'TERKONFIRMASI_AKTIF',
    });

    const target = await getTarget(database, agent, p.id);
    expect(target.target).toMatchObject({ closed_period: P2, close_reason: 'AKTIF' });
    expect(target.history.map((h) => [h.period, h.status])).toEqual([
      [P1, 'BELUM_TERDAFTAR'],
      [P2, 'AKTIF'],
    ]);

    const flagged = await getProposal(database, pemda, PROPOSAL_2);
    expect(flagged.proposal.status).toBe('TERDAFTAR');
    expect(flagged.proposal.overdue_period).toBe(P2);
    const other = await getTarget(database, agent, missingOne.id);
    expect(other.target.closed_period).toBeNull();
    // Nothing changed for her in October: her history has nothing new.
    expect(other.history.map((h) => h.period)).toEqual([P1]);

    const after = await agentPerformance(database, pemda, { period: P2 });
    const agentRow = after.rows.find((r) => r.level === 'agen' && r.agent_id === agentId);
    expect(agentRow?.confirmed_active).toBe(confirmedBefore + 1);
    const village = after.rows.find((r) => r.level === 'desa' && r.region_code === p.desa_code);
    const district = after.rows.find((r) => r.level === 'kabupaten' && r.region_code === '1502');
    expect(village?.confirmed_active).toBe(1);
    expect(district?.confirmed_active).toBe(1);
  });

  it('a re-run of October changes nothing that was settled', async () => {
    const summary = await reconcile(P2);
    expect(summary.fieldwork.proposals).toEqual({
      peopleConfirmed: 0,
      proposalsConfirmed: 0,
      proposalsOverdue: 0,
    });
    const target = await getTarget(database, agent, confirmedOne.id);
    expect(target.target.close_reason).toBe('AKTIF');
    expect(target.history.map((h) => [h.period, h.status])).toEqual([
      [P1, 'BELUM_TERDAFTAR'],
      [P2, 'AKTIF'],
    ]);
    // An older month run again leaves the targets alone, and says so.
    const old = await reconcile(P1);
    expect(old.fieldwork.targets.skippedBecause).toMatch(P2);
  });
});
