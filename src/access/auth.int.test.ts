// Getting in, through HTTP and a real database: password login and its
// cookie, throttling and lockout, session lifetimes, logout, password
// change, CSRF, bearer tokens and their limits, and the HTTP hardening every
// answer carries. The clock is the app's injected one: tests move it instead
// of waiting. Each test has its own users and client addresses, so that
// failed logins and moved clocks do not leak from one test into another.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';
import {
  addTestUser,
  bearerFor,
  importCsvText,
  TEST_PASSWORD,
  VILLAGE_A,
  villageOutsideA,
} from './access.testing.ts';
import { LOCAL_SYSTEM } from './actor.ts';
import {
  createToken,
  disableUser,
  revoke,
  revokeToken,
  UserRequestError,
} from './users.service.ts';

const A = VILLAGE_A;
const NIK_A = '1502174105900001';
let B: string; // a village of Kabupaten Bogor, Jawa Barat
let NIK_B: string;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// The app's clock: fixed at START, moved by tests, put back after each one.
const START = new Date();
let offset = 0;
const clock = () => new Date(START.getTime() + offset);
const advance = (ms: number) => {
  offset += ms;
};

let database: Database;
let app: FastifyInstance;
/** The same API behind a reverse proxy (trusts X-Forwarded-*). */
let proxied: FastifyInstance;
let rejectsDir: string;

let lastIp = 0;
/** A client address no other test has used (the per-address failure count starts at 0). */
const freshIp = () => `198.51.100.${++lastIp}`;

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-auth-'));
  app = await buildApp({ database, rejectsDir, auth: { now: clock } });
  proxied = await buildApp({ database, rejectsDir, auth: { now: clock }, trustProxy: true });

  B = await villageOutsideA(database.db);
  NIK_B = `${B.slice(0, 6)}1203850002`;
  await importCsvText(database, {
    kind: 'population',
    period: '2026-10',
    csv:
      'nik,nama,tanggal_lahir,jenis_kelamin,kode_desa\n' +
      `${NIK_A},Siti Contoh,1990-05-01,P,${A}\n` +
      `${NIK_B},Budi Contoh,1985-03-12,L,${B}\n`,
    rejectsDir,
  });

  const agenA = [{ role: 'agen' as const, region: A }];
  for (const name of [
    'auth-agen',
    'auth-lock',
    'auth-ip',
    'auth-idle',
    'auth-abs',
    'auth-pw',
    'auth-guess',
  ]) {
    await addTestUser(database.db, name, agenA);
  }
  await addTestUser(database.db, 'auth-tokens', agenA);
  await addTestUser(database.db, 'auth-multi', [
    { role: 'agen', region: A },
    { role: 'agen', region: B },
    { role: 'operator_desa', region: A },
  ]);
  await addTestUser(database.db, 'auth-lapse', agenA);
});

afterEach(() => {
  offset = 0;
});

afterAll(async () => {
  await proxied?.close();
  await app?.close();
  await database?.close();
  if (rejectsDir) rmSync(rejectsDir, { recursive: true, force: true });
});

function login(
  name: string,
  password = TEST_PASSWORD,
  options: Partial<InjectOptions> & { on?: FastifyInstance } = {},
) {
  const { on = app, ...rest } = options;
  return on.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { name, password },
    remoteAddress: '127.0.0.1',
    ...rest,
  });
}

function setCookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header === undefined ? [] : [header];
  const cookie = all.find((c) => c.startsWith('pesiar_session='));
  if (cookie === undefined) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return cookie;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function sessionFor(name: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await login(name, password);
  expect(response.statusCode, response.body).toBe(200);
  const value = /^pesiar_session=([^;]*)/.exec(setCookieOf(response))?.[1] ?? '';
  return {
    cookie: `pesiar_session=${value}`,
    csrf: (response.json() as { csrfToken: string }).csrfToken,
  };
}

const me = (session: Session) =>
  app.inject({ url: '/api/v1/auth/me', headers: { cookie: session.cookie } });

/** Logs the session out, sending `csrf` (null: no x-csrf-token header). */
const logout = (session: Session, csrf: string | null = session.csrf) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/logout',
    headers: { cookie: session.cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) },
  });

const withBearer = (authorization: string, url: string) =>
  app.inject({ url, headers: { authorization } });

/** The NIKs of the residents an answer lists. */
const niksOf = (response: LightMyRequestResponse) =>
  (response.json() as { rows: { nik: string }[] }).rows.map((r) => r.nik);

describe('logging in', () => {
  it('answers who logged in and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await login('auth-agen');
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      name: string;
      kind: string;
      grants: unknown[];
      permissions: string[];
      fullIdentifiers: unknown;
      csrfToken: string;
    };
    expect(body).toMatchObject({
      name: 'auth-agen',
      kind: 'user',
      grants: [{ role: 'agen', region: A }],
      fullIdentifiers: [A],
    });
    expect(body.permissions).toContain('persons:read');
    expect(body.permissions).not.toContain('users:manage');
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);

    const cookie = setCookieOf(response);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Secure/i); // plain HTTP, no proxy

    const session = await sessionFor('auth-agen');
    const who = await me(session);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ name: 'auth-agen', csrfToken: session.csrf });
  });

  it('marks the cookie Secure when a trusted proxy says the request came over HTTPS', async () => {
    const behindProxy = await login('auth-agen', TEST_PASSWORD, {
      on: proxied,
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
    });
    expect(behindProxy.statusCode).toBe(200);
    expect(setCookieOf(behindProxy)).toMatch(/; Secure/i);

    // Without trustProxy the header is the client's word, and is not believed.
    const direct = await login('auth-agen', TEST_PASSWORD, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(direct.statusCode).toBe(200);
    expect(setCookieOf(direct)).not.toMatch(/; Secure/i);
  });

  it('refuses a wrong password and an unknown user alike, with 401 and no cookie', async () => {
    const ip = freshIp();
    const wrong = await login('auth-agen', 'Bukan-sandi-yang-benar-1', { remoteAddress: ip });
    const unknown = await login('nobody-here', TEST_PASSWORD, { remoteAddress: ip });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: 'wrong user name or password' });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('locks an account for 15 minutes after 5 failed logins, even against the right password', async () => {
    const ip = freshIp();
    for (let i = 1; i <= 4; i++) {
      const response = await login('auth-lock', `Salah-sandi-nomor-${i}`, { remoteAddress: ip });
      expect(response.statusCode, `attempt ${i}`).toBe(401);
    }
    const fifth = await login('auth-lock', 'Salah-sandi-nomor-5', { remoteAddress: ip });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toEqual({
      error: 'account locked after 5 failed logins: try again in 15 minutes',
    });
    expect(fifth.headers['retry-after']).toBe('900');

    // The right password, from this address or another, is refused while locked.
    const right = await login('auth-lock', TEST_PASSWORD, { remoteAddress: ip });
    expect(right.statusCode).toBe(429);
    expect(right.headers['set-cookie']).toBeUndefined();
    expect((await login('auth-lock', TEST_PASSWORD, { remoteAddress: freshIp() })).statusCode).toBe(
      429,
    );

    advance(14 * MINUTE);
    const stillLocked = await login('auth-lock', TEST_PASSWORD, { remoteAddress: ip });
    expect(stillLocked.statusCode).toBe(429);
    expect(stillLocked.json()).toEqual({
      error: 'account locked after 5 failed logins: try again in 1 minutes',
    });
    expect(stillLocked.headers['retry-after']).toBe('60');

    advance(MINUTE + 1_000);
    const afterLock = await login('auth-lock', TEST_PASSWORD, { remoteAddress: ip });
    expect(afterLock.statusCode).toBe(200);
    setCookieOf(afterLock);
  });

  it('blocks an address after 20 failed logins on any accounts, and only that address', async () => {
    const ip = freshIp();
    for (let i = 1; i <= 20; i++) {
      const response = await login(`nobody-${i}`, 'Salah-sandi-apa-saja-1', { remoteAddress: ip });
      expect(response.statusCode, `attempt ${i}`).toBe(401);
    }
    const blocked = await login('auth-ip', TEST_PASSWORD, { remoteAddress: ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual({
      error: 'too many failed logins from this address: try again in 15 minutes',
    });
    expect(blocked.headers['retry-after']).toBe('900');

    // The account itself is not locked: another address gets in.
    expect((await login('auth-ip', TEST_PASSWORD, { remoteAddress: freshIp() })).statusCode).toBe(
      200,
    );
    // Once the failures are older than the 15-minute window, the address gets in too.
    advance(15 * MINUTE + 1_000);
    expect((await login('auth-ip', TEST_PASSWORD, { remoteAddress: ip })).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('end after 30 minutes without a request, and live on while used', async () => {
    const session = await sessionFor('auth-idle');
    advance(29 * MINUTE);
    expect((await me(session)).statusCode).toBe(200);
    advance(29 * MINUTE);
    expect((await me(session)).statusCode).toBe(200);
    advance(31 * MINUTE);
    const idle = await me(session);
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toEqual({ error: 'log in first (or send a bearer token)' });
    // Gone for good: it does not come back however the clock moves.
    offset = 30 * MINUTE;
    expect((await me(session)).statusCode).toBe(401);
  });

  it('end 12 hours after login however busy they are', async () => {
    const session = await sessionFor('auth-abs');
    for (let step = 1; step <= 24; step++) {
      advance(29 * MINUTE);
      expect((await me(session)).statusCode, `after ${step * 29} minutes`).toBe(200);
    }
    advance(12 * HOUR - 24 * 29 * MINUTE - MINUTE); // 11:59 after login
    expect((await me(session)).statusCode).toBe(200);
    advance(MINUTE); // 12:00
    expect((await me(session)).statusCode).toBe(401);
  });

  it('end on logout, which clears the cookie', async () => {
    const session = await sessionFor('auth-agen');
    const out = await logout(session);
    expect(out.statusCode).toBe(204);
    expect(setCookieOf(out)).toMatch(/^pesiar_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect((await me(session)).statusCode).toBe(401);
    expect((await logout(session)).statusCode).toBe(401);
  });

  it('all end when the user changes the password; weak new passwords are refused', async () => {
    const first = await sessionFor('auth-pw');
    const second = await sessionFor('auth-pw');
    const change = (currentPassword: string, newPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
        payload: { currentPassword, newPassword },
      });

    const refusals: [string, RegExp][] = [
      ['Pendek-1', /at least 12 characters/],
      ['password123456', /too common/],
      ['bismillah2026!', /too common/],
      ['aaaaaaaaaaaaaaaa', /too common/],
      ['saya-auth-pw-2026', /user name/],
    ];
    for (const [weak, why] of refusals) {
      const response = await change(TEST_PASSWORD, weak);
      expect(response.statusCode, weak).toBe(400);
      expect((response.json() as { error: string }).error, weak).toMatch(why);
    }
    const wrongCurrent = await change('Bukan-sandi-lama-99', 'Sungai-Jering-baru-2026');
    expect(wrongCurrent.statusCode).toBe(403);
    // Refusals change nothing: both sessions still work.
    expect((await me(first)).statusCode).toBe(200);
    expect((await me(second)).statusCode).toBe(200);

    const NEW = 'Sungai-Jering-baru-2026';
    expect((await change(TEST_PASSWORD, NEW)).statusCode).toBe(204);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    expect((await login('auth-pw', TEST_PASSWORD, { remoteAddress: freshIp() })).statusCode).toBe(
      401,
    );
    expect((await login('auth-pw', NEW, { remoteAddress: freshIp() })).statusCode).toBe(200);
  });
});

describe('guessing the current password', () => {
  it('locks the account like failed logins, and ends its sessions', async () => {
    const session = await sessionFor('auth-guess');
    const guess = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        payload: { currentPassword: 'Tebakan-salah-2026', newPassword: 'Sandi-baru-panjang-2026' },
      });
    for (let i = 1; i <= 4; i++) expect((await guess()).statusCode, `guess ${i}`).toBe(403);
    const fifth = await guess();
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toEqual({ error: expect.stringMatching(/account locked/) });
    expect((await me(session)).statusCode).toBe(401);
    expect(
      (await login('auth-guess', TEST_PASSWORD, { remoteAddress: freshIp() })).statusCode,
    ).toBe(429);
  });
});

describe('CSRF protection of cookie-authenticated changes', () => {
  it('refuses a change without the session’s x-csrf-token, and accepts it with', async () => {
    const session = await sessionFor('auth-agen');
    const other = await sessionFor('auth-agen');

    const missing = await logout(session, null);
    expect(missing.statusCode).toBe(403);
    expect((missing.json() as { error: string }).error).toMatch(/CSRF/);
    expect((await logout(session, 'not-the-token')).statusCode).toBe(403);
    // Another session's token is no better.
    expect((await logout(session, other.csrf)).statusCode).toBe(403);
    expect((await me(session)).statusCode).toBe(200); // reads need none

    expect((await logout(session)).statusCode).toBe(204);
    expect((await me(session)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200);
  });

  it('does not apply to bearer tokens, which a browser does not send by itself', async () => {
    const { authorization } = await bearerFor(database.db, 'auth-tokens', 'agen', [A]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization },
    });
    expect(response.statusCode).toBe(204);
  });
});

describe('bearer tokens', () => {
  it('refuse unknown and malformed tokens with 401', async () => {
    for (const authorization of [
      'Bearer pst_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'Bearer not-a-pesiar-token',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
    ]) {
      const response = await withBearer(authorization, '/api/v1/auth/me');
      expect(response.statusCode, authorization).toBe(401);
    }
  });

  it('stop working once revoked', async () => {
    const { id, token } = await createToken(database.db, LOCAL_SYSTEM, {
      user: 'auth-tokens',
      name: 'revoked-later',
      role: 'agen',
      regions: [A],
      expiresInDays: 30,
    });
    expect((await withBearer(`Bearer ${token}`, '/api/v1/auth/me')).statusCode).toBe(200);
    expect(await revokeToken(database.db, LOCAL_SYSTEM, id)).toBe(true);
    expect((await withBearer(`Bearer ${token}`, '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('stop working when they expire', async () => {
    const { token, expiresAt } = await createToken(database.db, LOCAL_SYSTEM, {
      user: 'auth-tokens',
      name: 'expiring',
      role: 'agen',
      regions: [A],
      expiresInDays: 1,
    });
    offset = expiresAt.getTime() - START.getTime() - MINUTE;
    expect((await withBearer(`Bearer ${token}`, '/api/v1/auth/me')).statusCode).toBe(200);
    advance(MINUTE);
    expect((await withBearer(`Bearer ${token}`, '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('hold only their own role and regions, not everything their user holds', async () => {
    // auth-multi is agen on A and on B, and operator_desa on A.
    const agenA = (await bearerFor(database.db, 'auth-multi', 'agen', [A])).authorization;
    const operatorA = (await bearerFor(database.db, 'auth-multi', 'operator_desa', [A]))
      .authorization;

    const who = await withBearer(agenA, '/api/v1/auth/me');
    expect(who.json()).toMatchObject({ kind: 'token', grants: [{ role: 'agen', region: A }] });

    expect((await withBearer(agenA, `/api/v1/residents?region=${A}`)).statusCode).toBe(200);
    const other = await withBearer(agenA, `/api/v1/residents?region=${B}`);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain(NIK_B);
    expect(niksOf(await withBearer(agenA, '/api/v1/residents'))).toEqual([NIK_A]);
    expect((await withBearer(agenA, '/api/v1/residents/count')).json()).toMatchObject({
      count: 1,
    });

    // The user's own session has B: the limit is the token's, not the user's.
    const session = await sessionFor('auth-multi');
    const byUser = await app.inject({
      url: '/api/v1/residents',
      headers: { cookie: session.cookie },
    });
    expect(niksOf(byUser).sort()).toEqual([NIK_A, NIK_B].sort());

    // The role too: an agen token cannot read the import history; an operator token can.
    expect((await withBearer(agenA, '/api/v1/imports')).statusCode).toBe(403);
    expect((await withBearer(operatorA, '/api/v1/imports')).statusCode).toBe(200);

    // And no token may exceed its user.
    await expect(
      createToken(database.db, LOCAL_SYSTEM, {
        user: 'auth-multi',
        name: 'too-wide',
        role: 'pemda',
        regions: [A.slice(0, 4)],
        expiresInDays: 1,
      }),
    ).rejects.toThrow(UserRequestError);
  });

  it('lapse with the grant of their user, and die with the account', async () => {
    const { authorization } = await bearerFor(database.db, 'auth-lapse', 'agen', [A]);
    expect((await withBearer(authorization, `/api/v1/residents?region=${A}`)).statusCode).toBe(200);

    expect(await revoke(database.db, LOCAL_SYSTEM, 'auth-lapse', 'agen', A)).toBe(true);
    const lapsed = await withBearer(authorization, `/api/v1/residents?region=${A}`);
    expect(lapsed.statusCode).toBe(403);
    expect(lapsed.body).not.toContain(NIK_A);
    expect((await withBearer(authorization, '/api/v1/residents')).statusCode).toBe(403);
    expect((await withBearer(authorization, '/api/v1/auth/me')).json()).toMatchObject({
      grants: [],
    });

    await disableUser(database.db, LOCAL_SYSTEM, 'auth-lapse');
    expect((await withBearer(authorization, '/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('HTTP hardening', () => {
  it('sends the security headers on every answer, refusals included', async () => {
    for (const response of [
      await app.inject({ url: '/api/v1/health' }),
      await app.inject({ url: '/api/v1/residents' }),
    ]) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('refuses a JSON body over 64 KiB with 413, before reading it', async () => {
    const response = await login('auth-agen', 'x'.repeat(64 * 1024), {
      remoteAddress: freshIp(),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toHaveProperty('error');
    // A body within the limit is read (and is only a wrong password).
    const under = await login('auth-agen', 'x'.repeat(900), { remoteAddress: freshIp() });
    expect(under.statusCode).toBe(401);
  });
});
