// Applies migrations/NNN_name.sql in order, each in its own transaction, under
// a session advisory lock so two processes starting together never race.
// Applied files are checksummed: an edited migration is refused, not re-run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
// Any constant will do; it names "Pesiar migrations" among advisory locks.
const MIGRATION_LOCK_KEY = 7_364_201;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export async function migrate(database: Database): Promise<string[]> {
  const migrations = readMigrations();
  const applied: string[] = [];
  await database.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`.execute(conn);
      const done = await conn.selectFrom('schema_migrations').selectAll().execute();
      const byVersion = new Map(done.map((m) => [m.version, m]));
      for (const m of migrations) {
        const previous = byVersion.get(m.version);
        if (previous) {
          if (previous.checksum !== m.checksum) {
            throw new Error(
              `Migration ${m.name} was changed after it was applied; add a new migration instead.`,
            );
          }
          continue;
        }
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.sql).execute(trx);
          await trx
            .insertInto('schema_migrations')
            .values({ version: m.version, name: m.name, checksum: m.checksum })
            .execute();
        });
        applied.push(m.name);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
  return applied;
}
