// All SQL of the agents: their appointments and the villages they serve.
// (Agents are officials named by decree, not people of the worklists: this
// file names no personal-data table.)
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { likeAny } from '../access/personal-data.repository.ts';
import type { Scope } from '../access/roles.policy.ts';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB>;

export interface AgentRow {
  id: number;
  user_id: number;
  user_name: string;
  nama: string;
  telepon: string | null;
  desa_code: string;
  kabupaten_code: string;
  sk_nomor: string;
  sk_tanggal: string;
  aktif_mulai: string;
  aktif_sampai: string | null;
  created_at: Date;
  created_by: string;
  villages: string[];
}

function selectAgents(db: Db) {
  return db
    .selectFrom('agents')
    .innerJoin('users', 'users.id', 'agents.user_id')
    .select([
      'agents.id',
      'agents.user_id',
      'users.name as user_name',
      'agents.nama',
      'agents.telepon',
      'agents.desa_code',
      'agents.kabupaten_code',
      'agents.sk_nomor',
      'agents.sk_tanggal',
      'agents.aktif_mulai',
      'agents.aktif_sampai',
      'agents.created_at',
      'agents.created_by',
      sql<string[]>`coalesce((
        SELECT array_agg(av.desa_code ORDER BY av.desa_code)
          FROM agent_villages av WHERE av.agent_id = agents.id), '{}')`.as('villages'),
    ]);
}

export async function insertAgent(
  db: Db,
  row: {
    user_id: number;
    nama: string;
    telepon: string | null;
    desa_code: string;
    kabupaten_code: string;
    sk_nomor: string;
    sk_tanggal: string;
    aktif_mulai: string;
    aktif_sampai: string | null;
    created_by: string;
  },
): Promise<number> {
  const r = await db.insertInto('agents').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Adds villages to an agent. The table's trigger refuses a village that
 * already has eight agents whose term has not ended (check_violation).
 */
export async function insertAgentVillages(
  db: Db,
  agentId: number,
  codes: readonly string[],
): Promise<void> {
  if (codes.length === 0) return;
  await db
    .insertInto('agent_villages')
    .values(codes.map((desa_code) => ({ agent_id: agentId, desa_code })))
    .execute();
}

export async function deleteAgentVillages(
  db: Db,
  agentId: number,
  codes: readonly string[],
): Promise<void> {
  if (codes.length === 0) return;
  await db
    .deleteFrom('agent_villages')
    .where('agent_id', '=', agentId)
    .where('desa_code', 'in', codes)
    .execute();
}

export async function updateAgent(
  db: Db,
  id: number,
  patch: { telepon?: string | null; aktif_sampai?: string | null },
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('agents').set(patch).where('id', '=', id).execute();
}

export async function findAgentById(db: Db, id: number): Promise<AgentRow | undefined> {
  return selectAgents(db).where('agents.id', '=', id).executeTakeFirst();
}

export async function findAgentByUserId(db: Db, userId: number): Promise<AgentRow | undefined> {
  return selectAgents(db).where('agents.user_id', '=', userId).executeTakeFirst();
}

/** The term covers the day (dates as YYYY-MM-DD). */
const termCovers = (day: string): Expression<SqlBool> =>
  sql<SqlBool>`agents.aktif_mulai <= ${day}::date
    AND (agents.aktif_sampai IS NULL OR agents.aktif_sampai >= ${day}::date)`;

/**
 * Agents appointed in, or serving a village in, the scope; by appointing
 * village and name. status: whose term covers `today`, or has ended before it.
 */
export async function findAgents(
  db: Db,
  filter: { scope: Scope; status?: 'aktif' | 'selesai' | undefined; today: string },
): Promise<AgentRow[]> {
  let q = selectAgents(db).where((eb) =>
    eb.or([
      likeAny('agents.desa_code', filter.scope),
      eb.exists(
        eb
          .selectFrom('agent_villages as av')
          .select(sql`1`.as('one'))
          .whereRef('av.agent_id', '=', 'agents.id')
          .where(likeAny('av.desa_code', filter.scope)),
      ),
    ]),
  );
  if (filter.status === 'aktif') q = q.where(termCovers(filter.today));
  if (filter.status === 'selesai') {
    q = q.where(sql<SqlBool>`agents.aktif_sampai < ${filter.today}::date`);
  }
  return q.orderBy('agents.desa_code').orderBy('agents.nama').orderBy('agents.id').execute();
}

/** Those of the codes that are villages in the region list. */
export function findVillages(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('regions')
    .select('code')
    .where('code', 'in', codes)
    .where('level', '=', 'desa')
    .execute();
}
