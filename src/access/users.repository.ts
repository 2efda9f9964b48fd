// All SQL of identities: users, grants, sessions, API tokens, login attempts.
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.ts';

type Db = Kysely<DB>;

export function findUserByName(db: Db, name: string) {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  row: { name: string; full_name: string | null; password_hash: string; created_by: string },
): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({ ...row, password_changed_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function listUsersWithGrants(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('grants', 'grants.user_id', 'users.id')
    .select([
      'users.id',
      'users.name',
      'users.full_name',
      'users.disabled_at',
      'users.locked_until',
      'users.created_at',
      'grants.role',
      'grants.region_code',
    ])
    .orderBy('users.name')
    .orderBy('grants.role')
    .orderBy('grants.region_code')
    .execute();
}

export function findGrants(db: Db, userId: number) {
  return db
    .selectFrom('grants')
    .select(['role', 'region_code'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .orderBy('region_code')
    .execute();
}

export async function insertGrant(
  db: Db,
  row: { user_id: number; role: Role; region_code: string | null; created_by: string },
): Promise<boolean> {
  const r = await db
    .insertInto('grants')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deleteGrant(
  db: Db,
  userId: number,
  role: Role,
  region: string | null,
): Promise<boolean> {
  let q = db.deleteFrom('grants').where('user_id', '=', userId).where('role', '=', role);
  q = region === null ? q.where('region_code', 'is', null) : q.where('region_code', '=', region);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function updateUser(
  db: Db,
  id: number,
  patch: {
    password_hash?: string;
    password_changed_at?: Date;
    disabled_at?: Date | null;
    locked_until?: Date | null;
  },
) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

// Sessions

export async function insertSession(
  db: Db,
  row: {
    id_hash: string;
    user_id: number;
    csrf_token: string;
    created_at: Date;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
) {
  await db
    .insertInto('sessions')
    .values({ ...row, last_seen_at: row.created_at })
    .execute();
}

export function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'users.name',
      'users.disabled_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: Date) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function revokeSession(db: Db, idHash: string, at: Date) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Db, userId: number, at: Date): Promise<number> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// Login attempts

export async function insertLoginAttempt(
  db: Db,
  row: { at: Date; account: string; ip: string; ok: boolean },
) {
  await db.insertInto('login_attempts').values(row).execute();
}

/** Failed attempts since `since` for the account (after its last success) and for the IP. */
export async function countRecentFailures(db: Db, account: string, ip: string, since: Date) {
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('login_attempts')
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('account', '=', account)
        .where('ok', '=', false)
        .where('at', '>=', since)
        // After the account's last success (by insertion order: a clock may stand still).
        .where(({ eb: e, selectFrom }) =>
          e(
            'id',
            '>',
            selectFrom('login_attempts')
              .select((x) => x.fn.coalesce(x.fn.max('id'), x.val(0)).as('last'))
              .where('account', '=', account)
              .where('ok', '=', true),
          ),
        )
        .as('account_failures'),
      eb
        .selectFrom('login_attempts')
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('ip', '=', ip)
        .where('ok', '=', false)
        .where('at', '>=', since)
        .as('ip_failures'),
    ])
    .executeTakeFirstOrThrow();
  return { account: Number(r.account_failures), ip: Number(r.ip_failures) };
}

// API tokens

export async function insertToken(
  db: Db,
  row: {
    user_id: number;
    name: string;
    prefix: string;
    token_hash: string;
    role: Role;
    regions: string[];
    created_by: string;
    expires_at: Date;
  },
): Promise<number> {
  const r = await db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function findTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.role',
      'api_tokens.regions',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'users.name',
      'users.disabled_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchToken(db: Db, id: number, at: Date) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function listTokens(db: Db, userId?: number) {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'users.name as user',
      'api_tokens.name',
      'api_tokens.prefix',
      'api_tokens.role',
      'api_tokens.regions',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
    ])
    .orderBy('api_tokens.id');
  if (userId !== undefined) q = q.where('api_tokens.user_id', '=', userId);
  return q.execute();
}

export async function revokeToken(db: Db, id: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function revokeUserTokens(db: Db, userId: number, at: Date) {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
