// Test helpers: users with grants, bearer tokens, and an inject() that sends them.
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.ts';
import { LOCAL_SYSTEM } from './actor.ts';
import { addUser, createToken, grant } from './users.service.ts';

export const TEST_PASSWORD = 'Uji-coba-sandi-7419';

/** A user holding the given grants (first grant at creation, the rest added). */
export async function addTestUser(
  db: Kysely<DB>,
  name: string,
  grants: readonly { role: Role; region?: string }[],
): Promise<void> {
  const [first, ...rest] = grants;
  if (!first) throw new Error('addTestUser: at least one grant');
  await addUser(db, LOCAL_SYSTEM, {
    name,
    role: first.role,
    region: first.region,
    password: TEST_PASSWORD,
  });
  for (const g of rest) await grant(db, LOCAL_SYSTEM, name, g.role, g.region);
}

/** An Authorization header for a token of the user with the role on the regions. */
export async function bearerFor(
  db: Kysely<DB>,
  user: string,
  role: Role,
  regions: string[] = [],
): Promise<{ authorization: string }> {
  const { token } = await createToken(db, LOCAL_SYSTEM, {
    user,
    name: `${user}-test`,
    role,
    regions,
    expiresInDays: 1,
  });
  return { authorization: `Bearer ${token}` };
}

/** A new admin user and its bearer header. */
export async function adminHeaders(db: Kysely<DB>, name = 'test-admin') {
  await addTestUser(db, name, [{ role: 'admin' }]);
  return bearerFor(db, name, 'admin');
}

/** app.inject with these headers added to every request. */
export function injectWith(app: FastifyInstance, headers: Record<string, string>) {
  return (options: InjectOptions) =>
    app.inject({ ...options, headers: { ...headers, ...(options.headers ?? {}) } });
}
