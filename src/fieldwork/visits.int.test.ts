// Advokasi through HTTP and a real database: a visit sent twice is stored
// once (and a different one under the same id is a conflict); the outcome's
// rules; whose visit it is (an agent's own, in a village it serves, or one an
// operator enters for a named agent); the worklist a household must be on;
// lists limited to the caller's area and written to the audit log; outreach
// events likewise.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTestUser,
  bearerFor,
  injectWith,
  VILLAGE_A,
  villageOutsideA,
} from '../access/access.testing.ts';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import { grant } from '../access/users.service.ts';
import { type CliDatabase, createCliDatabase } from '../cli/cli.testing.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';
import { appointAgent } from './agents.service.ts';
import type { RecordOutreachInput, RecordVisitInput } from './visits.schema.ts';
import { recordVisit } from './visits.service.ts';

const A = VILLAGE_A;
let A2: string; // another village of A's kecamatan
let B: string; // a village of another province

const KK_A = '1502170101200001'; // two people on A's worklist
const KK_CLOSED = '1502170101200002'; // in A, closed by the 2026-09 run
let KK_A2: string;
let KK_B: string;
const targetIds: Record<string, number> = {};

let database: Database;
let app: FastifyInstance;
let rejectsDir: string;
type Inject = ReturnType<typeof injectWith>;
let asSiti: Inject; // agent serving A
let asBudi: Inject; // agent serving A2
let asJoko: Inject; // agent serving A2, holding agen on the whole kecamatan
let asUnappointed: Inject; // agen role on A, no appointment
let asOperator: Inject; // operator of A
let asPemda: Inject;
let asBpjs: Inject;
let asProvinsi: Inject;
let siti: number;
let budi: number;

/** A target row (tests may write the worklist directly). */
async function addTarget(
  desa: string,
  sourceId: string,
  household: string,
  closedPeriod?: string,
): Promise<number> {
  const row = await database.db
    .insertInto('targets')
    .values({
      kabupaten_code: desa.slice(0, 4),
      desa_code: desa,
      source_id: sourceId,
      household,
      opened_period: '2026-08',
      last_period: closedPeriod ?? '2026-10',
      closed_period: closedPeriod ?? null,
      close_reason: closedPeriod ? 'AKTIF' : null,
      status: 'BELUM_TERDAFTAR',
      resident_import_id: 1,
      resident_row_no: Object.keys(targetIds).length + 1,
      pathway: 'PBPU',
      pathway_rule: 'test',
      pathway_reason: 'test',
      priority: 3,
      priority_reasons: [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  targetIds[sourceId] = row.id;
  return row.id;
}

const visit = (over: Partial<RecordVisitInput> = {}): RecordVisitInput => ({
  id: randomUUID(),
  desa: A,
  household: KK_A,
  visitedOn: '2026-10-05',
  outcome: 'BERSEDIA',
  ...over,
});

const post = (as: Inject, payload: object, url = '/api/v1/visits') =>
  as({ method: 'POST', url, payload });

async function countVisits(where: { id?: string; household?: string }): Promise<number> {
  let q = database.db.selectFrom('visits').select((eb) => eb.fn.countAll<string>().as('n'));
  if (where.id) q = q.where('id', '=', where.id);
  if (where.household) q = q.where('household', '=', where.household);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function tokenOf(user: string, role: Parameters<typeof bearerFor>[2], regions: string[]) {
  return injectWith(app, await bearerFor(database.db, user, role, regions));
}

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-visits-'));
  app = await buildApp({ database, rejectsDir });
  const a2 = await database.db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', A.slice(0, 6))
    .where('code', '<>', A)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  A2 = a2.code;
  B = await villageOutsideA(database.db);
  KK_A2 = `${A2.slice(0, 6)}0101200003`;
  KK_B = `${B.slice(0, 6)}0101200004`;

  await addTarget(A, 'p1', KK_A);
  await addTarget(A, 'p2', KK_A);
  await addTarget(A, 'p3', KK_CLOSED, '2026-09');
  await addTarget(A2, 'p4', KK_A2);
  await addTarget(B, 'p5', KK_B);

  const term = { skNomor: '141/7/2026', skTanggal: '2026-01-02', aktifMulai: '2026-01-05' };
  siti = (
    await appointAgent(database.db, LOCAL_SYSTEM, {
      user: 'agen-siti',
      nama: 'Siti Aminah',
      desa: A,
      ...term,
    })
  ).id;
  budi = (
    await appointAgent(database.db, LOCAL_SYSTEM, {
      user: 'agen-budi',
      nama: 'Budi Santoso',
      desa: A2,
      ...term,
    })
  ).id;
  await appointAgent(database.db, LOCAL_SYSTEM, {
    user: 'agen-joko',
    nama: 'Joko',
    desa: A2,
    ...term,
  });
  await grant(database.db, LOCAL_SYSTEM, 'agen-joko', 'agen', A.slice(0, 6));

  await addTestUser(database.db, 'vi-unappointed', [{ role: 'agen', region: A }]);
  await addTestUser(database.db, 'vi-operator', [{ role: 'operator_desa', region: A }]);
  await addTestUser(database.db, 'vi-pemda', [{ role: 'pemda', region: A.slice(0, 4) }]);
  await addTestUser(database.db, 'vi-bpjs', [{ role: 'bpjs', region: A.slice(0, 4) }]);
  await addTestUser(database.db, 'vi-provinsi', [{ role: 'provinsi', region: A.slice(0, 2) }]);
  asSiti = await tokenOf('agen-siti', 'agen', [A]);
  asBudi = await tokenOf('agen-budi', 'agen', [A2]);
  asJoko = await tokenOf('agen-joko', 'agen', [A.slice(0, 6)]);
  asUnappointed = await tokenOf('vi-unappointed', 'agen', [A]);
  asOperator = await tokenOf('vi-operator', 'operator_desa', [A]);
  asPemda = await tokenOf('vi-pemda', 'pemda', [A.slice(0, 4)]);
  asBpjs = await tokenOf('vi-bpjs', 'bpjs', [A.slice(0, 4)]);
  asProvinsi = await tokenOf('vi-provinsi', 'provinsi', [A.slice(0, 2)]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(rejectsDir, { recursive: true, force: true });
});

describe('a visit sent twice', () => {
  it('is stored once: 201, then 200 with the stored visit', async () => {
    const sent = visit({ nextVisitOn: '2026-10-19', note: 'minta formulir' });
    const first = await post(asSiti, sent);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      created: true,
      visit: {
        id: sent.id,
        desa: A,
        household: KK_A,
        agentId: siti,
        agentNama: 'Siti Aminah',
        outcome: 'BERSEDIA',
        nextVisitOn: '2026-10-19',
        recordedBy: 'agen-siti',
      },
    });
    const again = await post(asSiti, sent);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ created: false, visit: first.json().visit });
    expect(await countVisits({ id: sent.id })).toBe(1);

    // Upper-case id, the same visit: still one.
    const shouted = await post(asSiti, { ...sent, id: sent.id.toUpperCase() });
    expect(shouted.statusCode).toBe(200);
    expect(await countVisits({ id: sent.id })).toBe(1);
  });

  it('is stored once when both sendings arrive at the same time', async () => {
    const sent = visit({ outcome: 'TIDAK_DITEMUI' });
    const answers = await Promise.all([post(asSiti, sent), post(asSiti, sent)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(await countVisits({ id: sent.id })).toBe(1);
  });

  it('is a conflict (409) when the content differs, and the stored one stays', async () => {
    const sent = visit();
    expect((await post(asSiti, sent)).statusCode).toBe(201);
    const changed = await post(asSiti, { ...sent, outcome: 'SUDAH_TERDAFTAR', note: 'lain' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatch(/already recorded with other outcome, note/);
    const stored = await database.db
      .selectFrom('visits')
      .select(['outcome', 'note'])
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ outcome: 'BERSEDIA', note: null });
  });
});

describe('the outcome', () => {
  it('MENOLAK needs a reason from the list; LAINNYA needs the words', async () => {
    const cases: [Partial<RecordVisitInput>, RegExp][] = [
      [{ outcome: 'MENOLAK' }, /refusalReason: required when the outcome is MENOLAK/],
      [
        { outcome: 'MENOLAK', refusalReason: 'LAINNYA' },
        /refusalNote: required when the refusal reason is LAINNYA/,
      ],
      [{ outcome: 'BERSEDIA', refusalReason: 'MERASA_SEHAT' }, /refusalReason: only for/],
      [{ refusalNote: 'tidak mau' }, /refusalNote: only with a refusal reason/],
      [{ outcome: 'MENOLAK', refusalReason: 'BOSAN' as never }, /refusalReason: /],
      [{ visitedOn: '2099-01-01' }, /visitedOn: 2099-01-01 is in the future/],
      [{ nextVisitOn: '2026-10-01' }, /nextVisitOn: before visitedOn/],
      [{ id: 'not-a-uuid' }, /id: must be a UUID/],
    ];
    for (const [over, message] of cases) {
      const response = await post(asSiti, visit(over));
      expect(response.statusCode, JSON.stringify(over)).toBe(400);
      expect(response.json().error).toMatch(message);
    }
    const refused = await post(
      asSiti,
      visit({ outcome: 'MENOLAK', refusalReason: 'LAINNYA', refusalNote: 'menunggu gajian' }),
    );
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json().visit).toMatchObject({
      refusalReason: 'LAINNYA',
      refusalNote: 'menunggu gajian',
    });
  });

  it('cannot be dated after today in Jakarta (today injectable)', async () => {
    const operatorOfA = {
      ...LOCAL_SYSTEM,
      grants: [{ role: 'operator_desa' as const, region: A }],
    };
    await expect(
      recordVisit(database.db, operatorOfA, visit({ agentId: siti, visitedOn: '2026-10-05' }), {
        today: '2026-10-04',
      }),
    ).rejects.toThrow(/visitedOn: 2026-10-05 is in the future \(today 2026-10-04\)/);
    const ok = await recordVisit(database.db, operatorOfA, visit({ agentId: siti }), {
      today: '2026-10-05',
    });
    expect(ok.created).toBe(true);
  });
});

describe('whose visit, where', () => {
  it('an agent cannot log a visit in a village it does not serve (403)', async () => {
    // Budi's grants stop at A2: the door refuses.
    const budiInA = await post(asBudi, visit());
    expect(budiInA.statusCode).toBe(403);
    // Joko holds agen on the whole kecamatan but serves only A2: the service refuses.
    const jokoInA = await post(asJoko, visit());
    expect(jokoInA.statusCode).toBe(403);
    expect(jokoInA.json().error).toMatch(/not among the villages you serve/);
    // An agent cannot pass its visit off as another agent's.
    const asOther = await post(asSiti, visit({ agentId: budi }));
    expect(asOther.statusCode).toBe(403);
    expect(asOther.json().error).toMatch(/only village staff/);
    // In its own village, Budi may.
    const budiInA2 = await post(asBudi, visit({ desa: A2, household: KK_A2 }));
    expect(budiInA2.statusCode, budiInA2.body).toBe(201);
  });

  it('an operator enters a paper form for a named agent serving the village', async () => {
    const paper = await post(asOperator, visit({ agentId: siti }));
    expect(paper.statusCode, paper.body).toBe(201);
    expect(paper.json().visit).toMatchObject({ agentId: siti, recordedBy: 'vi-operator' });

    const unnamed = await post(asOperator, visit());
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error).toMatch(/agentId: required/);
    const wrongAgent = await post(asOperator, visit({ agentId: budi }));
    expect(wrongAgent.statusCode).toBe(400);
    expect(wrongAgent.json().error).toMatch(/does not serve desa 15\.02\.17\.2006/);
    const noAgent = await post(asOperator, visit({ agentId: 999_999 }));
    expect(noAgent.statusCode).toBe(400);
    const beforeTerm = await post(asOperator, visit({ agentId: siti, visitedOn: '2025-12-01' }));
    expect(beforeTerm.statusCode).toBe(400);
    expect(beforeTerm.json().error).toMatch(/term .* does not cover 2025-12-01/);
  });

  it('a user with the agen role but no appointment is told so (400)', async () => {
    const response = await post(asUnappointed, visit());
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/not an appointed agent/);
  });

  it('the household must be on the village’s worklist', async () => {
    const unknown = await post(asSiti, visit({ household: '1502170101209999' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatch(/not on the worklist of desa 15\.02\.17\.2006/);
    const otherVillage = await post(asSiti, visit({ household: KK_A2 }));
    expect(otherVillage.statusCode).toBe(400);

    const person = await post(asSiti, visit({ targetId: targetIds.p2 }));
    expect(person.statusCode, person.body).toBe(201);
    expect(person.json().visit.targetId).toBe(targetIds.p2);
    const notHere = await post(asSiti, visit({ targetId: targetIds.p4 }));
    expect(notHere.statusCode).toBe(400);
    expect(notHere.json().error).toMatch(/targetId \d+: not a person of household/);

    // Closed by September's run: a September visit still lands (synced late), October's not.
    const late = await post(asSiti, visit({ household: KK_CLOSED, visitedOn: '2026-09-20' }));
    expect(late.statusCode, late.body).toBe(201);
    const after = await post(asSiti, visit({ household: KK_CLOSED, visitedOn: '2026-10-02' }));
    expect(after.statusCode).toBe(400);
  });
});

describe('listing visits', () => {
  it('shows only the caller’s area, masks the household where it should, and is audited', async () => {
    const inA = await countVisits({ household: KK_A });
    const inA2 = await countVisits({ household: KK_A2 });
    expect(inA2).toBeGreaterThan(0);

    const operator = await asOperator({ method: 'GET', url: '/api/v1/visits' });
    expect(operator.statusCode).toBe(200);
    const ownVisits = operator.json().visits as { desa: string; household: string }[];
    expect(ownVisits.every((v) => v.desa === A)).toBe(true);
    expect(ownVisits.some((v) => v.household === KK_A)).toBe(true);

    const pemda = await asPemda({
      method: 'GET',
      url: '/api/v1/visits',
      query: { limit: '500' },
    });
    expect(pemda.statusCode).toBe(200);
    const all = pemda.json().visits as { desa: string; household: string }[];
    expect(pemda.json().total).toBe(all.length);
    expect(all.filter((v) => v.desa === A2)).toHaveLength(inA2);
    expect(all.filter((v) => v.desa === A).length).toBeGreaterThanOrEqual(inA);
    // The district office plans; it does not need the family card number.
    expect(all.some((v) => v.household === KK_A)).toBe(false);
    expect(all.some((v) => v.household === '1502********0001')).toBe(true);

    const september = await asSiti({
      method: 'GET',
      url: '/api/v1/visits',
      query: { within: A, from: '2026-09-01', to: '2026-09-30' },
    });
    expect(september.json().visits.map((v: { household: string }) => v.household)).toEqual([
      KK_CLOSED,
    ]);
    const byBudi = await asPemda({
      method: 'GET',
      url: '/api/v1/visits',
      query: { agentId: String(budi) },
    });
    expect(byBudi.json().total).toBe(1);

    expect(
      (await asBpjs({ method: 'GET', url: '/api/v1/visits', query: { within: B } })).statusCode,
    ).toBe(403);
    expect((await asProvinsi({ method: 'GET', url: '/api/v1/visits' })).statusCode).toBe(403);
    expect(
      (await asBudi({ method: 'GET', url: '/api/v1/visits', query: { within: A } })).statusCode,
    ).toBe(403);

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject', 'scope', 'row_count'])
      .where('subject', '=', 'visits')
      .orderBy('id')
      .execute();
    expect(audit).toContainEqual({
      actor: 'vi-operator',
      action: 'list',
      subject: 'visits',
      scope: [A],
      row_count: ownVisits.length,
    });
    expect(audit).toContainEqual({
      actor: 'vi-pemda',
      action: 'list',
      subject: 'visits',
      scope: [A.slice(0, 4)],
      row_count: all.length,
    });
    // Refused reads leave no entry.
    expect(audit.filter((a) => a.actor === 'vi-bpjs' || a.actor === 'vi-provinsi')).toEqual([]);
  });
});

describe('outreach events', () => {
  const event = (over: Partial<RecordOutreachInput> = {}): RecordOutreachInput => ({
    id: randomUUID(),
    desa: A,
    heldOn: '2026-10-10',
    place: 'Balai desa',
    audience: 'Ibu-ibu PKK',
    attendance: 34,
    ...over,
  });

  it('are stored once per id, by an agent or by staff, and listed by area', async () => {
    const sent = event();
    const first = await post(asSiti, sent, '/api/v1/outreach');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().event).toMatchObject({ agentId: siti, attendance: 34 });
    const again = await post(asSiti, sent, '/api/v1/outreach');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ created: false, event: first.json().event });
    const count = await database.db
      .selectFrom('outreach_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const changed = await post(asSiti, { ...sent, attendance: 40 }, '/api/v1/outreach');
    expect(changed.statusCode).toBe(409);

    const staff = await post(asOperator, event({ place: 'Posyandu' }), '/api/v1/outreach');
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json().event.agentId).toBeNull();
    const unappointed = await post(asUnappointed, event(), '/api/v1/outreach');
    expect(unappointed.statusCode).toBe(400);
    const future = await post(asSiti, event({ heldOn: '2099-01-01' }), '/api/v1/outreach');
    expect(future.statusCode).toBe(400);
    const budiInA2 = await post(asBudi, event({ desa: A2 }), '/api/v1/outreach');
    expect(budiInA2.statusCode).toBe(201);

    const operator = await asOperator({ method: 'GET', url: '/api/v1/outreach' });
    expect(operator.json().total).toBe(2);
    const pemda = await asPemda({ method: 'GET', url: '/api/v1/outreach' });
    expect(pemda.json().total).toBe(3);
    expect(
      (await asPemda({ method: 'GET', url: '/api/v1/outreach', query: { within: B } })).statusCode,
    ).toBe(403);
  });
});

describe('pesiar agents, visits and outreach', () => {
  let cli: CliDatabase | undefined;
  afterAll(async () => {
    await cli?.dispose();
  });

  // Each command is a child process opening the database: a few seconds each.
  it('appoints an agent, stores a paper form once however often it is entered, lists', {
    timeout: 180_000,
  }, async () => {
    cli = await createCliDatabase('pesiar-visits-cli-', async (db) => {
      await db.db
        .insertInto('targets')
        .values({
          kabupaten_code: '1502',
          desa_code: A,
          source_id: 'c1',
          household: KK_A,
          opened_period: '2026-10',
          last_period: '2026-10',
          status: 'NONAKTIF',
          resident_import_id: 1,
          resident_row_no: 1,
          pathway: 'REHAB',
          pathway_rule: 'test',
          pathway_reason: 'test',
          priority: 2,
          priority_reasons: [],
        })
        .execute();
    });
    const pesiar = (args: string[]) => (cli as CliDatabase).pesiar(args);

    const add = await pesiar([
      ...['--format', 'json', 'agents', 'add', 'agen-cli', '--nama', 'Agen CLI'],
      ...['--desa', '15.02.17.2006', '--sk-nomor', '1/SK/2026', '--sk-tanggal', '2026-01-02'],
      ...['--aktif-mulai', '2026-01-05', '--telepon', '0812 7777 8888'],
    ]);
    expect(add.stderr).toBe('');
    const agent = JSON.parse(add.stdout);
    expect(agent).toMatchObject({ user: 'agen-cli', telepon: '+6281277778888', villages: [A] });
    expect(agent.generatedPassword).toEqual(expect.any(String));

    const id = randomUUID();
    const form = [
      ...['visits', 'add', '--desa', A, '--household', KK_A, '--visited-on', '2026-10-05'],
      ...['--outcome', 'MENOLAK', '--refusal-reason', 'MERASA_SEHAT'],
      ...['--agent', String(agent.id), '--id', id],
    ];
    const first = await pesiar(form);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(new RegExp(`Visit ${id} recorded: 15\\.02\\.17\\.2006`));
    const second = await pesiar(form);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already recorded; nothing changed/);
    const list = await pesiar(['--format', 'json', 'visits', 'list', '--within', '15.02']);
    expect(JSON.parse(list.stdout)).toMatchObject({
      total: 1,
      visits: [{ id, agentNama: 'Agen CLI', refusalReason: 'MERASA_SEHAT' }],
    });

    const outreach = await pesiar([
      ...['outreach', 'add', '--desa', A, '--held-on', '2026-10-10', '--place', 'Balai desa'],
      ...['--audience', 'Karang taruna', '--attendance', '21'],
    ]);
    expect(outreach.stdout).toMatch(/Outreach .* recorded: 15\.02\.17\.2006 2026-10-10, 21 hadir/);
  });
});
