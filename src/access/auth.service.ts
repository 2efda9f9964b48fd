// Getting in: password login with throttling and lockout, server-side
// sessions (idle timeout, absolute lifetime, revocation), API tokens for
// machine clients. Each way in ends in an Actor.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.repository.ts';
import { AccessDenied, NotAuthenticated, TooManyAttempts } from './errors.ts';
import { burnVerifyTime, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { Grant } from './roles.policy.ts';
import {
  countRecentFailures,
  findGrants,
  findSession,
  findTokenByHash,
  findUserByName,
  insertLoginAttempt,
  insertSession,
  revokeSession,
  revokeUserSessions,
  touchSession,
  touchToken,
  updateUser,
} from './users.repository.ts';

export interface AuthSettings {
  /** A session ends after this long without a request. */
  idleMinutes: number;
  /** …and this long after login, whatever happens. */
  absoluteHours: number;
  /** Failed logins on one account, within the window, that lock it. */
  accountFailures: number;
  /** Failed logins from one address, within the window, that block it. */
  ipFailures: number;
  windowMinutes: number;
  lockMinutes: number;
  /** The clock (tests move it). */
  now: () => Date;
}

export const DEFAULT_AUTH: AuthSettings = {
  idleMinutes: 30,
  absoluteHours: 12,
  accountFailures: 5,
  ipFailures: 20,
  windowMinutes: 15,
  lockMinutes: 15,
  now: () => new Date(),
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const minutes = (n: number) => n * 60_000;

export async function grantsOf(db: Kysely<DB>, userId: number): Promise<Grant[]> {
  const rows = await findGrants(db, userId);
  return rows.map((g) => ({ role: g.role, region: g.region_code }));
}

export interface LoginResult {
  /** The cookie value: shown to the browser once, kept only as a hash. */
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

export async function login(
  db: Kysely<DB>,
  settings: AuthSettings,
  input: { name: string; password: string; ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const now = settings.now();
  const account = input.name.trim().toLowerCase();
  const since = new Date(now.getTime() - minutes(settings.windowMinutes));
  const failures = await countRecentFailures(db, account, input.ip, since);
  if (failures.ip >= settings.ipFailures) {
    throw new TooManyAttempts(
      `too many failed logins from this address: try again in ${settings.lockMinutes} minutes`,
      settings.lockMinutes * 60,
    );
  }
  const user = await findUserByName(db, account);
  if (user) refuseIfLocked(settings, user, now);
  let ok = false;
  if (user?.password_hash != null && !user.disabled_at) {
    ok = await verifyPassword(user.password_hash, input.password);
  } else {
    await burnVerifyTime(input.password);
  }
  const actorOf = (name: string, userId: number | null, grants: Grant[]): Actor => ({
    name,
    kind: 'user',
    userId,
    grants,
    via: 'http',
    ip: input.ip,
  });
  if (!ok || !user) {
    await recordAudit(db, actorOf(account, user?.id ?? null, []), {
      action: 'login_failed',
      subject: 'session',
    });
    if (
      await recordFailure(db, settings, { account, ip: input.ip, userId: user?.id ?? null, now })
    ) {
      throw accountLocked(settings, settings.lockMinutes);
    }
    throw new NotAuthenticated('wrong user name or password');
  }
  await insertLoginAttempt(db, { at: now, account, ip: input.ip, ok: true });
  if (user.locked_until) await updateUser(db, user.id, { locked_until: null });
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + settings.absoluteHours * 3_600_000);
  await insertSession(db, {
    id_hash: sha256(sessionId),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: expiresAt,
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  });
  const actor = actorOf(user.name, user.id, await grantsOf(db, user.id));
  await recordAudit(db, actor, { action: 'login', subject: 'session' });
  return { sessionId, csrfToken, expiresAt, actor };
}

function accountLocked(settings: AuthSettings, waitMinutes: number): TooManyAttempts {
  return new TooManyAttempts(
    `account locked after ${settings.accountFailures} failed logins: try again in ${waitMinutes} minutes`,
    waitMinutes * 60,
  );
}

function refuseIfLocked(settings: AuthSettings, user: { locked_until: Date | null }, now: Date) {
  if (user.locked_until && user.locked_until > now) {
    throw accountLocked(
      settings,
      Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000),
    );
  }
}

/**
 * Records a failed password check (a login, or the current password when
 * changing it) and locks the account once it has failed too often since its
 * last success. Returns whether it is now locked.
 */
async function recordFailure(
  db: Kysely<DB>,
  settings: AuthSettings,
  failure: { account: string; ip: string; userId: number | null; now: Date },
): Promise<boolean> {
  const { account, ip, userId, now } = failure;
  await insertLoginAttempt(db, { at: now, account, ip, ok: false });
  if (userId === null) return false;
  const since = new Date(now.getTime() - minutes(settings.windowMinutes));
  const failures = await countRecentFailures(db, account, ip, since);
  if (failures.account < settings.accountFailures) return false;
  await updateUser(db, userId, {
    locked_until: new Date(now.getTime() + minutes(settings.lockMinutes)),
  });
  return true;
}

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  sessionHash: string;
}

/** The session's user, or null when the session is unknown, revoked, idle too long or expired. */
export async function actorFromSession(
  db: Kysely<DB>,
  settings: AuthSettings,
  sessionId: string,
  ip: string,
): Promise<SessionActor | null> {
  const now = settings.now();
  const idHash = sha256(sessionId);
  const s = await findSession(db, idHash);
  if (!s || s.revoked_at || s.disabled_at) return null;
  if (s.expires_at <= now) return null;
  if (now.getTime() - s.last_seen_at.getTime() > minutes(settings.idleMinutes)) {
    await revokeSession(db, idHash, now);
    return null;
  }
  // Written at most once a minute: every request need not be a write.
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) await touchSession(db, idHash, now);
  return {
    actor: {
      name: s.name,
      kind: 'user',
      userId: s.user_id,
      grants: await grantsOf(db, s.user_id),
      via: 'http',
      ip,
    },
    csrfToken: s.csrf_token,
    sessionHash: idHash,
  };
}

export async function logout(db: Kysely<DB>, settings: AuthSettings, session: SessionActor) {
  await revokeSession(db, session.sessionHash, settings.now());
  await recordAudit(db, session.actor, { action: 'logout', subject: 'session' });
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Changes the user's own password: the current one must be right; every
 * session (this one too) is revoked and the caller must log in again.
 */
export async function changePassword(
  db: Kysely<DB>,
  settings: AuthSettings,
  actor: Actor,
  current: string,
  next: string,
): Promise<void> {
  if (actor.kind !== 'user' || actor.userId === null) {
    throw new AccessDenied('only a logged-in user changes a password');
  }
  const user = await findUserByName(db, actor.name);
  const now = settings.now();
  if (user) refuseIfLocked(settings, user, now);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) {
    // Guessing the current password counts like a failed login.
    const failure = { account: actor.name, ip: actor.ip ?? 'local', userId: user?.id ?? null, now };
    if (user && (await recordFailure(db, settings, failure))) {
      await revokeUserSessions(db, user.id, now);
      throw accountLocked(settings, settings.lockMinutes);
    }
    throw new AccessDenied('current password is wrong');
  }
  const problem = passwordProblem(next, user.name);
  if (problem) throw new PasswordRefused(problem);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      password_hash: await hashPassword(next),
      password_changed_at: now,
    });
    await revokeUserSessions(trx, user.id, now);
    await recordAudit(trx, actor, { action: 'password_change', subject: 'user' });
  });
}

/** A new password does not meet the rules (400). */
export class PasswordRefused extends Error {}

export const TOKEN_PREFIX = 'pst_';

/** The actor behind a bearer token, or null when unknown, revoked, expired or its user disabled. */
export async function actorFromToken(
  db: Kysely<DB>,
  settings: AuthSettings,
  token: string,
  ip: string,
): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const t = await findTokenByHash(db, sha256(token));
  const now = settings.now();
  if (!t || t.revoked_at || t.disabled_at || t.expires_at <= now) return null;
  // The token's grants, as far as its user still holds them.
  const held = await grantsOf(db, t.user_id);
  const grants = tokenGrants(t.role, t.regions, held);
  await touchToken(db, t.id, now);
  return { name: t.name, kind: 'token', userId: t.user_id, grants, via: 'http', ip, tokenId: t.id };
}

export function tokenGrants(
  role: Role,
  regions: readonly string[],
  held: readonly Grant[],
): Grant[] {
  const same = held.filter((g) => g.role === role);
  if (role === 'admin') return same.length > 0 ? [{ role, region: null }] : [];
  return regions
    .filter((r) => same.some((g) => g.region === null || r.startsWith(g.region)))
    .map((region) => ({ role, region }));
}

export const hashToken = sha256;
