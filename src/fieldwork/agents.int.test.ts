// Agents through HTTP and a real database: an appointment makes (or takes) a
// user with the agen role on every village served; a village has at most
// eight agents whose term has not ended; changes move the grants; reads are
// limited to the caller's area.
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
import { type Actor, LOCAL_SYSTEM } from '../access/actor.ts';
import { findGrants, findUserByName } from '../access/users.repository.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';
import type { AppointAgentInput } from './agents.schema.ts';
import { agentForActor, appointAgent, changeAgent } from './agents.service.ts';

const A = VILLAGE_A;
let A2: string; // another village of A's kecamatan
let A3: string; // a third one
let B: string; // a village of another province
let OTHER_DISTRICT: string; // a village of Jambi outside A's district

let database: Database;
let app: FastifyInstance;
let rejectsDir: string;
type Inject = ReturnType<typeof injectWith>;
let asPemda: Inject;
let asOperator: Inject;
let asAgen: Inject;
let asBpjsOther: Inject;

// A day of the past, whatever the clock: the trigger's current_date is the
// database's (UTC), the service's today is Jakarta's.
const ENDED_ON = '2026-06-30';

const appointment = (user: string, over: Partial<AppointAgentInput> = {}): AppointAgentInput => ({
  user,
  nama: `Agen ${user}`,
  desa: A,
  skNomor: '141/12/SK/2026',
  skTanggal: '2026-01-02',
  aktifMulai: '2026-01-05',
  ...over,
});

async function agenRegions(user: string): Promise<string[]> {
  const u = await findUserByName(database.db, user);
  if (!u) return [];
  return (await findGrants(database.db, u.id))
    .filter((g) => g.role === 'agen')
    .map((g) => g.region_code ?? '')
    .sort();
}

async function actorOfUser(user: string): Promise<Actor> {
  const u = await findUserByName(database.db, user);
  if (!u) throw new Error(`no user ${user}`);
  return { name: user, kind: 'user', userId: u.id, grants: [], via: 'cli', ip: null };
}

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-agents-'));
  app = await buildApp({ database, rejectsDir });
  const villages = await database.db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', A.slice(0, 6))
    .where('code', '<>', A)
    .orderBy('code')
    .limit(2)
    .execute();
  A2 = villages[0]?.code ?? '';
  A3 = villages[1]?.code ?? '';
  B = await villageOutsideA(database.db);
  const other = await database.db
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 'desa')
    .where('code', 'like', '15%')
    .where('code', 'not like', '1502%')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  OTHER_DISTRICT = other.code;

  await addTestUser(database.db, 'ag-pemda', [{ role: 'pemda', region: A.slice(0, 4) }]);
  await addTestUser(database.db, 'ag-operator', [{ role: 'operator_desa', region: A }]);
  await addTestUser(database.db, 'ag-agen', [{ role: 'agen', region: A }]);
  await addTestUser(database.db, 'ag-bpjs-other', [{ role: 'bpjs', region: B.slice(0, 4) }]);
  asPemda = injectWith(app, await bearerFor(database.db, 'ag-pemda', 'pemda', [A.slice(0, 4)]));
  asOperator = injectWith(app, await bearerFor(database.db, 'ag-operator', 'operator_desa', [A]));
  asAgen = injectWith(app, await bearerFor(database.db, 'ag-agen', 'agen', [A]));
  asBpjsOther = injectWith(
    app,
    await bearerFor(database.db, 'ag-bpjs-other', 'bpjs', [B.slice(0, 4)]),
  );
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(rejectsDir, { recursive: true, force: true });
});

describe('appointing an agent', () => {
  it('creates its user, with agen on every village served and a password shown once', async () => {
    const response = await asPemda({
      method: 'POST',
      url: '/api/v1/agents',
      payload: appointment('agen-rina', {
        telepon: '0812-3456-7890',
        villages: [A, `${A2.slice(0, 2)}.${A2.slice(2, 4)}.${A2.slice(4, 6)}.${A2.slice(6)}`],
      }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const agent = response.json();
    expect(agent).toMatchObject({
      user: 'agen-rina',
      nama: 'Agen agen-rina',
      telepon: '+6281234567890',
      desa: A,
      aktif: true,
      villages: [A, A2].sort(),
      createdBy: 'ag-pemda',
    });
    expect(agent.generatedPassword).toMatch(/.{12,}/);
    expect(await agenRegions('agen-rina')).toEqual([A, A2].sort());

    // The agent logs in with it, and is then its own agent record.
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'agen-rina', password: agent.generatedPassword },
    });
    expect(login.statusCode).toBe(200);
    expect(await agentForActor(database.db, await actorOfUser('agen-rina'))).toEqual({
      id: agent.id,
      villages: [A, A2].sort(),
    });
    const shown = await asOperator({ method: 'GET', url: `/api/v1/agents/${agent.id}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).not.toHaveProperty('generatedPassword');
  });

  it('takes an existing user by name (no new password) and grants it agen', async () => {
    await addTestUser(database.db, 'pak-kades', [{ role: 'operator_desa', region: A3 }]);
    const agent = await appointAgent(
      database.db,
      LOCAL_SYSTEM,
      appointment('Pak-Kades', { villages: [A3] }),
    );
    expect(agent.generatedPassword).toBeNull();
    expect(agent.user).toBe('pak-kades');
    expect(await agenRegions('pak-kades')).toEqual([A3]);

    const again = await asPemda({
      method: 'POST',
      url: '/api/v1/agents',
      payload: appointment('pak-kades'),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatch(/already agent/);
  });

  it('refuses villages outside the appointer’s area or district, and bad input', async () => {
    // The operator of A cannot name A2 among the villages served.
    const outside = await asOperator({
      method: 'POST',
      url: '/api/v1/agents',
      payload: appointment('agen-x', { villages: [A, A2] }),
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatch(/outside your area/);
    const otherProvince = await asBpjsOther({
      method: 'POST',
      url: '/api/v1/agents',
      payload: appointment('agen-x', { desa: B }),
    });
    expect(otherProvince.statusCode).toBe(403);
    const agen = await asAgen({
      method: 'POST',
      url: '/api/v1/agents',
      payload: appointment('agen-x'),
    });
    expect(agen.statusCode).toBe(403);

    const cases: [Partial<AppointAgentInput>, RegExp][] = [
      [{ telepon: '021-5551234' }, /telepon .*not an Indonesian mobile number/],
      [{ aktifSampai: '2026-01-01' }, /aktifSampai: before aktifMulai/],
      [{ skTanggal: '2026-13-01' }, /skTanggal: /],
      [{ desa: '1502' }, /desa: must be a village code/],
    ];
    for (const [over, message] of cases) {
      const response = await asPemda({
        method: 'POST',
        url: '/api/v1/agents',
        payload: appointment('agen-x', over),
      });
      expect(response.statusCode, JSON.stringify(over)).toBe(400);
      expect(response.json().error).toMatch(message);
    }
    // A district office could name a village of another district: not one agent's.
    await expect(
      appointAgent(
        database.db,
        LOCAL_SYSTEM,
        appointment('agen-x', { villages: [A, OTHER_DISTRICT] }),
      ),
    ).rejects.toThrow(/not in the appointing village's district/);
    // Nothing of it was stored.
    expect(await findUserByName(database.db, 'agen-x')).toBeUndefined();
  });
});

describe('at most eight agents per village', () => {
  it('refuses a ninth active agent with a clear message; ending a term frees a place', async () => {
    const village = A3;
    const serving = await database.db
      .selectFrom('agent_villages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('desa_code', '=', village)
      .executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (let i = Number(serving.n); i < 8; i++) {
      const agent = await appointAgent(
        database.db,
        LOCAL_SYSTEM,
        appointment(`agen-penuh-${i}`, { desa: village }),
      );
      ids.push(agent.id);
    }
    const ninth = await asPemda({
      method: 'POST',
      url: '/api/v1/agents',
      payload: appointment('agen-kesembilan', { desa: village }),
    });
    expect(ninth.statusCode).toBe(409);
    expect(ninth.json().error).toMatch(/sudah punya 8 agen aktif.*at most eight agents/);
    // The whole appointment was undone: no user, no agent.
    expect(await findUserByName(database.db, 'agen-kesembilan')).toBeUndefined();

    // One term has ended: its agen role goes, and the ninth fits.
    const first = ids[0] ?? 0;
    const ended = await asPemda({
      method: 'PATCH',
      url: `/api/v1/agents/${first}`,
      payload: { aktifSampai: ENDED_ON },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ aktif: false, aktifSampai: ENDED_ON });
    expect(await agenRegions(ended.json().user)).toEqual([]);
    expect(await agentForActor(database.db, await actorOfUser(ended.json().user))).toBeNull();
    const now = await asPemda({
      method: 'POST',
      url: '/api/v1/agents',
      payload: appointment('agen-kesembilan', { desa: village }),
    });
    expect(now.statusCode, now.body).toBe(201);

    // Reopening the ended term would make nine: refused, and nothing changes.
    const reopen = await asPemda({
      method: 'PATCH',
      url: `/api/v1/agents/${first}`,
      payload: { aktifSampai: null },
    });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error).toMatch(/sudah punya 8 agen aktif/);
    const still = await asPemda({ method: 'GET', url: `/api/v1/agents/${first}` });
    expect(still.json()).toMatchObject({
      aktif: false,
      aktifSampai: ENDED_ON,
      villages: [village],
    });

    // Moving an active agent into the full village is refused too.
    const rina = await asPemda({ method: 'GET', url: '/api/v1/agents', query: { within: A2 } });
    const rinaId = rina.json().agents.find((a: { user: string }) => a.user === 'agen-rina')?.id;
    const move = await asPemda({
      method: 'PATCH',
      url: `/api/v1/agents/${rinaId}`,
      payload: { villages: [A, village] },
    });
    expect(move.statusCode).toBe(409);
  });
});

describe('changing an appointment', () => {
  it('normalises the phone and moves the agen grants with the villages served', async () => {
    const agent = await appointAgent(
      database.db,
      LOCAL_SYSTEM,
      appointment('agen-dodi', { villages: [A] }),
    );
    const changed = await asPemda({
      method: 'PATCH',
      url: `/api/v1/agents/${agent.id}`,
      payload: { telepon: '+62 813-1111-2222', villages: [A2] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ telepon: '+6281311112222', villages: [A2] });
    expect(await agenRegions('agen-dodi')).toEqual([A2]);

    const cleared = await changeAgent(database.db, LOCAL_SYSTEM, agent.id, { telepon: null });
    expect(cleared.telepon).toBeNull();

    // The operator of A appointed nobody here it may not touch: A2 is outside its area.
    const operator = await asOperator({
      method: 'PATCH',
      url: `/api/v1/agents/${agent.id}`,
      payload: { villages: [A] },
    });
    expect(operator.statusCode).toBe(403);
    const missing = await asPemda({
      method: 'PATCH',
      url: '/api/v1/agents/999999',
      payload: { telepon: null },
    });
    expect(missing.statusCode).toBe(404);
    const early = await asPemda({
      method: 'PATCH',
      url: `/api/v1/agents/${agent.id}`,
      payload: { aktifSampai: '2025-12-31' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatch(/aktifSampai: before the term's start/);
  });

  it('knows no agent for a user whose term has not begun, nor for a non-agent', async () => {
    await appointAgent(
      database.db,
      LOCAL_SYSTEM,
      appointment('agen-nanti', { aktifMulai: '2099-01-01' }),
    );
    expect(await agentForActor(database.db, await actorOfUser('agen-nanti'))).toBeNull();
    expect(await agentForActor(database.db, await actorOfUser('ag-agen'))).toBeNull();
    expect(await agentForActor(database.db, LOCAL_SYSTEM)).toBeNull();
    expect(
      await agentForActor(database.db, await actorOfUser('agen-nanti'), '2099-01-01'),
    ).not.toBeNull();
  });
});

describe('reading agents', () => {
  it('lists the agents of the caller’s area only', async () => {
    const elsewhere = await appointAgent(
      database.db,
      LOCAL_SYSTEM,
      appointment('agen-bogor', { desa: B }),
    );
    const pemda = await asPemda({ method: 'GET', url: '/api/v1/agents' });
    expect(pemda.statusCode).toBe(200);
    const users = pemda.json().agents.map((a: { user: string }) => a.user);
    expect(users).toContain('agen-rina');
    expect(users).not.toContain('agen-bogor');

    const agen = await asAgen({ method: 'GET', url: '/api/v1/agents', query: { within: A } });
    const servingA = agen.json().agents as { villages: string[]; desa: string }[];
    expect(servingA.length).toBeGreaterThan(0);
    for (const a of servingA) expect(a.desa === A || a.villages.includes(A)).toBe(true);

    const active = await asPemda({
      method: 'GET',
      url: '/api/v1/agents',
      query: { within: A3, status: 'selesai' },
    });
    expect(active.json().agents.every((a: { aktif: boolean }) => !a.aktif)).toBe(true);
    expect(active.json().agents).toHaveLength(1);

    expect(
      (await asPemda({ method: 'GET', url: '/api/v1/agents', query: { within: B } })).statusCode,
    ).toBe(403);
    expect(
      (await asPemda({ method: 'GET', url: `/api/v1/agents/${elsewhere.id}` })).statusCode,
    ).toBe(403);
    expect(
      (await asBpjsOther({ method: 'GET', url: `/api/v1/agents/${elsewhere.id}` })).statusCode,
    ).toBe(200);
  });
});
