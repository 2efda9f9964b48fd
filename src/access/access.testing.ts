// Test helpers: users with grants, bearer tokens, and an inject() that sends them.
import { Readable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB, Role } from '../db/schema.ts';
import { importOptionsSchema } from '../imports/imports.schema.ts';
import { importFile } from '../imports/imports.service.ts';
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

/** Village A of the access tests: Sungai Jering, Pangkalan Jambu, Merangin, Jambi. */
export const VILLAGE_A = '1502172006';

/** A village in another province than A's: the first of Kabupaten Bogor, Jawa Barat. */
export async function villageOutsideA(db: Kysely<DB>): Promise<string> {
  const b = await db
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 'desa')
    .where('code', 'like', '3201%')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return b.code;
}

/** Imports a CSV text as the local system account. */
export function importCsvText(
  database: Database,
  run: {
    kind: 'population' | 'membership';
    period: string;
    csv: string;
    rejectsDir: string;
    skipBadRows?: boolean;
  },
) {
  return importFile(database, {
    options: importOptionsSchema.parse({
      kind: run.kind,
      period: run.period,
      skipBadRows: run.skipBadRows ?? false,
    }),
    fileName: `${run.kind}-${run.period}.csv`,
    input: Readable.from([Buffer.from(run.csv)]),
    actor: LOCAL_SYSTEM,
    rejectsDir: run.rejectsDir,
  });
}
