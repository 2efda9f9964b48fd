// Managing who may do what: users, their grants, password resets, API
// tokens. Every change needs users:manage and is written to the audit log.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.ts';
import { normaliseRegionCode } from '../regions/codes.ts';
import { type Actor, requirePermission } from './actor.ts';
import { recordAudit } from './audit.repository.ts';
import { grantsOf, hashToken, PasswordRefused, TOKEN_PREFIX, tokenGrants } from './auth.service.ts';
import { AccessDenied } from './errors.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';
import { ROLE_LEVEL, ROLES } from './roles.policy.ts';
import {
  deleteGrant,
  listTokens as findTokens,
  findUserByName,
  insertGrant,
  insertToken,
  insertUser,
  listUsersWithGrants,
  revokeToken as markTokenRevoked,
  revokeUserSessions,
  revokeUserTokens,
  updateUser,
} from './users.repository.ts';

/** A request that cannot be carried out as given (400 / one CLI line). */
export class UserRequestError extends Error {}

const requireAdmin = (actor: Actor) => requirePermission(actor, 'users:manage');

export function parseRole(text: string): Role {
  const role = ROLES.find((r) => r === text);
  if (!role) throw new UserRequestError(`role ${text}: expected one of ${ROLES.join(', ')}`);
  return role;
}

/** The grant's region in canonical form, checked against the role's level and the region list. */
async function grantRegion(
  db: Kysely<DB>,
  role: Role,
  region: string | undefined,
): Promise<string | null> {
  const level = ROLE_LEVEL[role];
  if (level === null) {
    if (region !== undefined)
      throw new UserRequestError('role admin: system-wide, takes no --region');
    return null;
  }
  if (region === undefined)
    throw new UserRequestError(`role ${role}: needs --region (a ${level} code)`);
  const normal = normaliseRegionCode(region);
  if (!normal) throw new UserRequestError(`region ${region}: not a region code`);
  // A village role may be granted on a kecamatan (all its villages); others at their level or above.
  const allowed =
    level === 'desa'
      ? ['desa', 'kecamatan']
      : level === 'kabupaten'
        ? ['kabupaten', 'provinsi']
        : ['provinsi'];
  if (!allowed.includes(normal.level)) {
    throw new UserRequestError(
      `role ${role}: region ${region} is a ${normal.level}, expected a ${allowed.join(' or ')}`,
    );
  }
  const exists = await db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', normal.code)
    .executeTakeFirst();
  if (!exists) throw new UserRequestError(`region ${region}: not in the Kemendagri list`);
  return normal.code;
}

async function userOrFail(db: Kysely<DB>, name: string) {
  const user = await findUserByName(db, name.toLowerCase());
  if (!user) throw new UserRequestError(`user ${name}: no such user`);
  return user;
}

export interface NewUser {
  name: string;
  fullName?: string | undefined;
  role: Role;
  region?: string | undefined;
  /** Absent: one is generated and returned, shown once. */
  password?: string | undefined;
}

/** A user name: as the users table's CHECK has it (2–63 characters, lower case). */
export const USER_NAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export async function addUser(
  db: Kysely<DB>,
  actor: Actor,
  input: NewUser,
): Promise<{ name: string; generatedPassword: string | null }> {
  requireAdmin(actor);
  const name = input.name.trim().toLowerCase();
  if (!USER_NAME.test(name)) {
    throw new UserRequestError(
      `user ${input.name}: 2–63 characters, letters, digits, dot, dash or underscore`,
    );
  }
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, name);
  if (problem) throw new PasswordRefused(problem);
  const region = await grantRegion(db, input.role, input.region);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    if (await findUserByName(trx, name)) throw new UserRequestError(`user ${name}: already exists`);
    const id = await insertUser(trx, {
      name,
      full_name: input.fullName ?? null,
      password_hash: hash,
      created_by: actor.name,
    });
    await insertGrant(trx, {
      user_id: id,
      role: input.role,
      region_code: region,
      created_by: actor.name,
    });
    await recordAudit(trx, actor, {
      action: 'user_add',
      subject: 'user',
      query: { user: name, role: input.role, region },
    });
  });
  return { name, generatedPassword: input.password === undefined ? password : null };
}

export interface UserSummary {
  name: string;
  fullName: string | null;
  status: 'active' | 'disabled' | 'locked';
  grants: { role: Role; region: string | null }[];
  createdAt: Date;
}

export async function listUsers(db: Kysely<DB>, actor: Actor): Promise<UserSummary[]> {
  requireAdmin(actor);
  const rows = await listUsersWithGrants(db);
  const now = new Date();
  const users = new Map<number, UserSummary>();
  for (const r of rows) {
    let u = users.get(r.id);
    if (!u) {
      u = {
        name: r.name,
        fullName: r.full_name,
        status: r.disabled_at
          ? 'disabled'
          : r.locked_until && r.locked_until > now
            ? 'locked'
            : 'active',
        grants: [],
        createdAt: r.created_at,
      };
      users.set(r.id, u);
    }
    if (r.role) u.grants.push({ role: r.role, region: r.region_code });
  }
  return [...users.values()];
}

export async function grant(
  db: Kysely<DB>,
  actor: Actor,
  name: string,
  role: Role,
  region: string | undefined,
): Promise<boolean> {
  requireAdmin(actor);
  const user = await userOrFail(db, name);
  const code = await grantRegion(db, role, region);
  return db.transaction().execute(async (trx) => {
    const added = await insertGrant(trx, {
      user_id: user.id,
      role,
      region_code: code,
      created_by: actor.name,
    });
    if (added) {
      await recordAudit(trx, actor, {
        action: 'grant',
        subject: 'user',
        query: { user: user.name, role, region: code },
      });
    }
    return added;
  });
}

export async function revoke(
  db: Kysely<DB>,
  actor: Actor,
  name: string,
  role: Role,
  region: string | undefined,
): Promise<boolean> {
  requireAdmin(actor);
  const user = await userOrFail(db, name);
  const code = region === undefined ? null : (normaliseRegionCode(region)?.code ?? region);
  return db.transaction().execute(async (trx) => {
    const removed = await deleteGrant(trx, user.id, role, code);
    if (removed) {
      await recordAudit(trx, actor, {
        action: 'revoke',
        subject: 'user',
        query: { user: user.name, role, region: code },
      });
    }
    return removed;
  });
}

/** Disables the account: it can no longer log in; its sessions and tokens end now. */
export async function disableUser(db: Kysely<DB>, actor: Actor, name: string): Promise<void> {
  requireAdmin(actor);
  const user = await userOrFail(db, name);
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { disabled_at: now });
    await revokeUserSessions(trx, user.id, now);
    await revokeUserTokens(trx, user.id, now);
    await recordAudit(trx, actor, {
      action: 'user_disable',
      subject: 'user',
      query: { user: user.name },
    });
  });
}

/** Sets a new password (given, or generated and returned once); ends every session and unlocks. */
export async function resetPassword(
  db: Kysely<DB>,
  actor: Actor,
  name: string,
  password?: string,
): Promise<{ generatedPassword: string | null; sessionsEnded: number }> {
  requireAdmin(actor);
  const user = await userOrFail(db, name);
  const next = password ?? generatePassword();
  const problem = passwordProblem(next, user.name);
  if (problem) throw new PasswordRefused(problem);
  const hash = await hashPassword(next);
  const now = new Date();
  const ended = await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      password_hash: hash,
      password_changed_at: now,
      locked_until: null,
      disabled_at: null,
    });
    const n = await revokeUserSessions(trx, user.id, now);
    await recordAudit(trx, actor, {
      action: 'password_reset',
      subject: 'user',
      query: { user: user.name },
    });
    return n;
  });
  return { generatedPassword: password === undefined ? next : null, sessionsEnded: ended };
}

/**
 * The actor a CLI command runs as (`--as NAME`): the user's current grants,
 * recorded as coming from the command line.
 */
export async function cliActor(db: Kysely<DB>, name: string): Promise<Actor> {
  const user = await findUserByName(db, name.toLowerCase());
  if (!user) throw new UserRequestError(`--as ${name}: no such user`);
  if (user.disabled_at) throw new AccessDenied(`--as ${name}: the account is disabled`);
  return {
    name: user.name,
    kind: 'user',
    userId: user.id,
    grants: await grantsOf(db, user.id),
    via: 'cli',
    ip: null,
  };
}

// API tokens

export interface NewToken {
  user: string;
  name: string;
  role: Role;
  regions: string[];
  expiresInDays: number;
}

export async function createToken(
  db: Kysely<DB>,
  actor: Actor,
  input: NewToken,
): Promise<{ id: number; token: string; expiresAt: Date }> {
  requireAdmin(actor);
  const user = await userOrFail(db, input.user);
  if (!(input.expiresInDays >= 1 && input.expiresInDays <= 366)) {
    throw new UserRequestError('--expires-days: between 1 and 366');
  }
  const regions: string[] = [];
  for (const r of input.regions) {
    const code = await grantRegion(db, input.role, r);
    if (code !== null) regions.push(code);
  }
  if (input.role !== 'admin' && regions.length === 0) {
    throw new UserRequestError(`role ${input.role}: a token needs at least one --region`);
  }
  const held = await grantsOf(db, user.id);
  const granted = tokenGrants(input.role, regions, held);
  if (granted.length !== Math.max(regions.length, 1)) {
    throw new UserRequestError(
      `user ${user.name}: does not hold ${input.role} on every region asked; a token cannot exceed its user`,
    );
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const id = await db.transaction().execute(async (trx) => {
    const tokenId = await insertToken(trx, {
      user_id: user.id,
      name: input.name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      token_hash: hashToken(token),
      role: input.role,
      regions,
      created_by: actor.name,
      expires_at: expiresAt,
    });
    await recordAudit(trx, actor, {
      action: 'token_create',
      subject: 'token',
      query: { user: user.name, token: tokenId, role: input.role, regions },
    });
    return tokenId;
  });
  return { id, token, expiresAt };
}

export async function listTokens(db: Kysely<DB>, actor: Actor, user?: string) {
  requireAdmin(actor);
  const userId = user === undefined ? undefined : (await userOrFail(db, user)).id;
  return findTokens(db, userId);
}

export async function revokeToken(db: Kysely<DB>, actor: Actor, id: number): Promise<boolean> {
  requireAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const done = await markTokenRevoked(trx, id, new Date());
    if (done)
      await recordAudit(trx, actor, {
        action: 'token_revoke',
        subject: 'token',
        query: { token: id },
      });
    return done;
  });
}
