// Agen Pesiar: appoint an agent (its user, and the agen grant on every village
// it serves), change its phone, term or villages (the grants follow), and
// read them. Appointing and changing need agents:manage on the appointing
// village and on every village added or removed; reading needs agents:read.
import type { Kysely } from 'kysely';
import { type Actor, requirePermission } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { generatePassword, hashPassword } from '../access/passwords.ts';
import { covers, type Permission, type Scope, scopeOf } from '../access/roles.policy.ts';
import {
  deleteGrant,
  findUserByName,
  insertGrant,
  insertUser,
} from '../access/users.repository.ts';
import { USER_NAME } from '../access/users.service.ts';
import type { DB } from '../db/schema.ts';
import {
  type AgentRow,
  deleteAgentVillages,
  findAgentById,
  findAgentByUserId,
  findAgents,
  findVillages,
  insertAgent,
  insertAgentVillages,
  updateAgent,
} from './agents.repository.ts';
import {
  type Agent,
  type AgentListQuery,
  type AppointAgentInput,
  type AppointedAgent,
  agentListQuerySchema,
  appointAgentSchema,
  normaliseTelepon,
  type UpdateAgentInput,
  updateAgentSchema,
} from './agents.schema.ts';
import {
  Conflict,
  dotted,
  type FieldworkOptions,
  InvalidRequest,
  NotFound,
  narrowScope,
  parseRequest,
  todayInJakarta,
  villageCode,
} from './requests.ts';

const termCovers = (row: Pick<AgentRow, 'aktif_mulai' | 'aktif_sampai'>, day: string) =>
  row.aktif_mulai <= day && (row.aktif_sampai === null || row.aktif_sampai >= day);

/** Village staff: the actor holds the permission on the village by a role other than agen. */
function isStaffOf(actor: Actor, permission: Permission, desa: string): boolean {
  const staff = actor.grants.filter((g) => g.role !== 'agen');
  return covers(scopeOf(staff, permission), desa);
}

function requireTerm(agent: AgentRow, day: string): void {
  if (!termCovers(agent, day)) {
    throw new InvalidRequest(
      `agent ${agent.id}: the term (${agent.aktif_mulai} to ${agent.aktif_sampai ?? 'open'}) does not cover ${day}`,
    );
  }
}

/**
 * Whose visit, event or proposal this is. An agent records its own, in a village it
 * serves; village staff (an operator entering a paper form) name the agent,
 * who must serve the village. The agent's term must cover the day, not
 * today: a visit made during the term and synced after it ended still lands.
 * Null only for an event held by staff without an agent (`required` false).
 */
export async function resolveAgent(
  db: Kysely<DB>,
  actor: Actor,
  choice: {
    desa: string;
    agentId: number | undefined;
    on: string;
    required: boolean;
    /** The permission the record is written under (staff hold it by another role). */
    permission: Permission;
  },
): Promise<number | null> {
  const own = actor.userId === null ? undefined : await findAgentByUserId(db, actor.userId);
  if (choice.agentId === undefined || choice.agentId === own?.id) {
    if (!own) {
      if (!isStaffOf(actor, choice.permission, choice.desa)) {
        throw new InvalidRequest(
          'not an appointed agent: this user holds the agen role but no appointment (see agents add)',
        );
      }
      if (choice.required) {
        throw new InvalidRequest('agentId: required: name the agent who made the visit');
      }
      return null;
    }
    if (!own.villages.includes(choice.desa)) {
      throw new AccessDenied(`desa ${dotted(choice.desa)}: not among the villages you serve`);
    }
    requireTerm(own, choice.on);
    return own.id;
  }
  if (!isStaffOf(actor, choice.permission, choice.desa)) {
    throw new AccessDenied(
      `agentId ${choice.agentId}: only village staff may record another agent's work`,
    );
  }
  const agent = await findAgentById(db, choice.agentId);
  if (!agent) throw new InvalidRequest(`agentId ${choice.agentId}: no such agent`);
  if (!agent.villages.includes(choice.desa)) {
    throw new InvalidRequest(
      `agentId ${choice.agentId}: does not serve desa ${dotted(choice.desa)}`,
    );
  }
  requireTerm(agent, choice.on);
  return agent.id;
}

function viewOf(row: AgentRow, today: string): Agent {
  return {
    id: row.id,
    user: row.user_name,
    nama: row.nama,
    telepon: row.telepon,
    desa: row.desa_code,
    skNomor: row.sk_nomor,
    skTanggal: row.sk_tanggal,
    aktifMulai: row.aktif_mulai,
    aktifSampai: row.aktif_sampai,
    aktif: termCovers(row, today),
    villages: row.villages,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

function teleponOf(raw: string): string {
  const telepon = normaliseTelepon(raw);
  if (telepon === null) {
    throw new InvalidRequest(
      `telepon ${raw}: not an Indonesian mobile number (08…, +628… or 628…)`,
    );
  }
  return telepon;
}

function requireCovered(scope: Scope, codes: Iterable<string>): void {
  for (const code of codes) {
    if (!covers(scope, code)) throw new AccessDenied(`desa ${dotted(code)}: outside your area`);
  }
}

/**
 * The villages served: in the Kemendagri list, and in the appointing
 * village's district (agents.kabupaten_code places the agent in one district).
 */
async function requireVillages(
  db: Kysely<DB>,
  kabupaten: string,
  codes: readonly string[],
): Promise<void> {
  const elsewhere = codes.find((c) => !c.startsWith(kabupaten));
  if (elsewhere !== undefined) {
    throw new InvalidRequest(
      `villages: desa ${dotted(elsewhere)} is not in the appointing village's district ${dotted(kabupaten)}`,
    );
  }
  const found = new Set((await findVillages(db, codes)).map((r) => r.code));
  const missing = codes.find((c) => !found.has(c));
  if (missing !== undefined) {
    throw new InvalidRequest(`desa ${dotted(missing)}: not in the Kemendagri list`);
  }
}

/** The trigger's refusal of a ninth active agent, as a 409 that says what to do. */
function villageFull(error: unknown): Conflict | null {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (e?.code !== '23514' || typeof e.message !== 'string') return null;
  const m = /desa (\d{10}) sudah punya 8 agen aktif/.exec(e.message);
  if (!m?.[1]) return null;
  return new Conflict(
    `desa ${dotted(m[1])} sudah punya 8 agen aktif: a village has at most eight agents whose term has not ended; end one's term first`,
  );
}

async function withVillageLimit<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw villageFull(error) ?? error;
  }
}

/**
 * Appoints an agent: takes the user of that name, or creates it (with a
 * generated password, returned once), and grants it agen on every village
 * served, unless the term has already ended.
 */
export async function appointAgent(
  db: Kysely<DB>,
  actor: Actor,
  input: AppointAgentInput,
  options: FieldworkOptions = {},
): Promise<AppointedAgent> {
  const data = parseRequest(appointAgentSchema, input);
  const today = options.today ?? todayInJakarta();
  const desa = villageCode(data.desa);
  const villages = [...new Set((data.villages ?? [data.desa]).map(villageCode))].sort();
  const scope = requirePermission(actor, 'agents:manage');
  requireCovered(scope, [desa, ...villages]);
  const kabupaten = desa.slice(0, 4);
  await requireVillages(db, kabupaten, [...new Set([desa, ...villages])]);
  if (data.aktifSampai !== undefined && data.aktifSampai < data.aktifMulai) {
    throw new InvalidRequest('aktifSampai: before aktifMulai');
  }
  const telepon = data.telepon === undefined ? null : teleponOf(data.telepon);
  const userName = data.user.toLowerCase();
  if (!USER_NAME.test(userName)) {
    throw new InvalidRequest(
      `user ${data.user}: 2–63 characters, letters, digits, dot, dash or underscore`,
    );
  }
  // Hashing is slow: done before the transaction, only for a new user.
  const password = (await findUserByName(db, userName)) ? null : generatePassword();
  const hash = password === null ? null : await hashPassword(password);
  const ended = data.aktifSampai !== undefined && data.aktifSampai < today;

  const id = await withVillageLimit(() =>
    db.transaction().execute(async (trx) => {
      const user = await findUserByName(trx, userName);
      let userId: number;
      if (user) {
        if (hash !== null) throw new Conflict(`user ${userName}: created meanwhile`);
        if (user.disabled_at) throw new InvalidRequest(`user ${userName}: disabled`);
        const already = await findAgentByUserId(trx, user.id);
        if (already) {
          throw new Conflict(
            `user ${userName}: already agent ${already.id} (change that appointment instead)`,
          );
        }
        userId = user.id;
      } else {
        if (hash === null) throw new Conflict(`user ${userName}: changed meanwhile`);
        userId = await insertUser(trx, {
          name: userName,
          full_name: data.nama,
          password_hash: hash,
          created_by: actor.name,
        });
      }
      const agentId = await insertAgent(trx, {
        user_id: userId,
        nama: data.nama,
        telepon,
        desa_code: desa,
        kabupaten_code: kabupaten,
        sk_nomor: data.skNomor,
        sk_tanggal: data.skTanggal,
        aktif_mulai: data.aktifMulai,
        aktif_sampai: data.aktifSampai ?? null,
        created_by: actor.name,
      });
      await insertAgentVillages(trx, agentId, villages);
      if (!ended) {
        for (const v of villages) {
          await insertGrant(trx, {
            user_id: userId,
            role: 'agen',
            region_code: v,
            created_by: actor.name,
          });
        }
      }
      await recordAudit(trx, actor, {
        action: 'agent_appoint',
        subject: 'agent',
        query: { agent: agentId, user: userName, desa, villages, newUser: password !== null },
      });
      return agentId;
    }),
  );
  const row = await findAgentById(db, id);
  if (!row) throw new Error(`agent ${id}: not found after insert`);
  return { ...viewOf(row, today), generatedPassword: password };
}

/**
 * Changes an appointment: the phone, the end of the term, the villages
 * served. The agen grants follow: granted on every village served while the
 * term has not ended, revoked from a village no longer served and from all of
 * them once the term has ended. (A grant of the same role and village the user
 * held before the appointment goes too: a user holds a role on a village once.)
 * A term set to end on a later day keeps its grants past that day until the
 * appointment is changed again: nothing revokes them on the day yet.
 */
export async function changeAgent(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: UpdateAgentInput,
  options: FieldworkOptions = {},
): Promise<Agent> {
  const data = parseRequest(updateAgentSchema, input);
  const today = options.today ?? todayInJakarta();
  const agent = await findAgentById(db, id);
  if (!agent) throw new NotFound(`agent ${id}: no such agent`);
  const scope = requirePermission(actor, 'agents:manage');
  if (!covers(scope, agent.desa_code)) {
    throw new AccessDenied(
      `agent ${id}: appointed by desa ${dotted(agent.desa_code)}, outside your area`,
    );
  }
  const before = new Set(agent.villages);
  const next =
    data.villages === undefined
      ? agent.villages
      : [...new Set(data.villages.map(villageCode))].sort();
  const added = next.filter((v) => !before.has(v));
  const removed = agent.villages.filter((v) => !next.includes(v));
  requireCovered(scope, [...added, ...removed]);
  await requireVillages(db, agent.kabupaten_code, added);

  const sampai = data.aktifSampai === undefined ? agent.aktif_sampai : data.aktifSampai;
  if (sampai !== null && sampai < agent.aktif_mulai) {
    throw new InvalidRequest(`aktifSampai: before the term's start ${agent.aktif_mulai}`);
  }
  const patch: { telepon?: string | null; aktif_sampai?: string | null } = {};
  if (data.telepon !== undefined) {
    patch.telepon = data.telepon === null ? null : teleponOf(data.telepon);
  }
  if (data.aktifSampai !== undefined) patch.aktif_sampai = data.aktifSampai;
  const wasEnded = agent.aktif_sampai !== null && agent.aktif_sampai < today;
  const ended = sampai !== null && sampai < today;

  await withVillageLimit(() =>
    db.transaction().execute(async (trx) => {
      await updateAgent(trx, id, patch);
      if (wasEnded && !ended) {
        // Reopened: every village again, so that the trigger counts this
        // agent among each village's eight.
        await deleteAgentVillages(trx, id, agent.villages);
        await insertAgentVillages(trx, id, next);
      } else {
        await deleteAgentVillages(trx, id, removed);
        await insertAgentVillages(trx, id, added);
      }
      const revoked = ended ? [...new Set([...agent.villages, ...next])] : removed;
      for (const v of revoked) await deleteGrant(trx, agent.user_id, 'agen', v);
      if (!ended) {
        for (const v of next) {
          await insertGrant(trx, {
            user_id: agent.user_id,
            role: 'agen',
            region_code: v,
            created_by: actor.name,
          });
        }
      }
      await recordAudit(trx, actor, {
        action: 'agent_change',
        subject: 'agent',
        query: {
          agent: id,
          user: agent.user_name,
          telepon: data.telepon === undefined ? undefined : 'changed',
          aktifSampai: data.aktifSampai,
          added,
          removed,
        },
      });
    }),
  );
  const row = await findAgentById(db, id);
  if (!row) throw new Error(`agent ${id}: gone after update`);
  return viewOf(row, today);
}

export async function listAgents(
  db: Kysely<DB>,
  actor: Actor,
  query: AgentListQuery,
  options: FieldworkOptions = {},
): Promise<Agent[]> {
  const data = parseRequest(agentListQuerySchema, query);
  const today = options.today ?? todayInJakarta();
  const scope = narrowScope(requirePermission(actor, 'agents:read'), data.within);
  const rows = await findAgents(db, { scope, status: data.status, today });
  return rows.map((r) => viewOf(r, today));
}

/** One agent, if it was appointed in or serves a village of the caller's area. */
export async function showAgent(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  options: FieldworkOptions = {},
): Promise<Agent> {
  const scope = requirePermission(actor, 'agents:read');
  const row = await findAgentById(db, id);
  if (!row) throw new NotFound(`agent ${id}: no such agent`);
  if (!covers(scope, row.desa_code) && !row.villages.some((v) => covers(scope, v))) {
    throw new AccessDenied(`agent ${id}: outside your area`);
  }
  return viewOf(row, options.today ?? todayInJakarta());
}

/**
 * The acting user's agent record, when its term covers today: its id and the
 * villages it serves (as appointed; a token may reach fewer of them, so
 * callers still check their permission's scope). Null for anyone else.
 */
export async function agentForActor(
  db: Kysely<DB>,
  actor: Actor,
  today: string = todayInJakarta(),
): Promise<{ id: number; villages: string[] } | null> {
  if (actor.userId === null) return null;
  const row = await findAgentByUserId(db, actor.userId);
  if (!row || !termCovers(row, today)) return null;
  return { id: row.id, villages: row.villages };
}
