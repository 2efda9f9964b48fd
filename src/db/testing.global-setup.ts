// Vitest global setup: builds the template database once per run (PGlite:
// cached on disk between runs, keyed by the migrations and library versions).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startDatabase } from '../start.ts';
import { dumpPGlite } from './database.ts';
import { readMigrations } from './migrate.ts';
import { TEMPLATE_DB, testDatabaseUrl, withDatabase } from './testing.ts';

function templateKey(): string {
  const versions = ['@electric-sql/pglite', 'idn-area-data'].map(
    (p) =>
      (
        JSON.parse(
          readFileSync(
            fileURLToPath(new URL(`../../node_modules/${p}/package.json`, import.meta.url)),
            'utf8',
          ),
        ) as { version: string }
      ).version,
  );
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(m.checksum);
  hash.update(versions.join(','));
  return hash.digest('hex').slice(0, 16);
}

export default async function setup(): Promise<void> {
  const url = testDatabaseUrl();
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    const database = await startDatabase({
      databaseUrl: withDatabase(url, TEMPLATE_DB),
      dataDir: null,
    });
    await database.close();
    await admin.end();
    return;
  }
  const dir = join(tmpdir(), 'pesiar-test');
  const path = join(dir, `template-${templateKey()}.tar`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const database = await startDatabase({ dataDir: null });
    const dump = await dumpPGlite(database);
    await database.close();
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  }
  process.env.PESIAR_TEST_PGLITE_TEMPLATE = path;
}
