// Test databases: real ones, never mocks. On PGlite each test gets a fresh
// in-process database started from a template (migrated, regions loaded) that
// the global setup builds once; on PostgreSQL (PESIAR_TEST_DATABASE_URL) each
// test gets a fresh database cloned from a template database.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startDatabase } from '../start.ts';
import type { Database } from './database.ts';

export const TEMPLATE_DB = 'pesiar_test_template';

export function testDatabaseUrl(): string | undefined {
  return process.env.PESIAR_TEST_DATABASE_URL || undefined;
}

/** The PGlite template as a blob, if the global setup made one. */
export function pgliteTemplate(): Blob | undefined {
  const path = process.env.PESIAR_TEST_PGLITE_TEMPLATE;
  return path ? new Blob([readFileSync(path)]) : undefined;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<Database> {
  const url = testDatabaseUrl();
  if (!url) return startDatabase({ dataDir: null, template: pgliteTemplate() });
  const name = `pesiar_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = await startDatabase({ databaseUrl: withDatabase(url, name), dataDir: null });
  return {
    ...database,
    async close() {
      await database.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

/** For tests that need a database URL of their own (child processes). */
export async function createTestDatabaseUrl(): Promise<{
  url: string;
  drop(): Promise<void>;
} | null> {
  const url = testDatabaseUrl();
  if (!url) return null;
  const name = `pesiar_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  return {
    url: withDatabase(url, name),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export { withDatabase };
