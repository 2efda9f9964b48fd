// One way into the database, whichever it is: PGlite (Postgres in WASM,
// file-backed under the data directory) by default, or a PostgreSQL server
// when DATABASE_URL is set. Both speak the same SQL through the same Kysely
// dialect; the only thing that differs is how a bulk COPY reaches the server.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { PGlitePool, type PoolClientLike, type PoolLike } from './pglite-pool.ts';
import type { DB } from './schema.ts';

export interface DatabaseConfig {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite under dataDir. */
  databaseUrl?: string | undefined;
  /** PESIAR_DATA_DIR; null for a throw-away in-memory PGlite (tests). */
  dataDir: string | null;
  /** Recorded in the data directory's lock file: 'server' or the CLI command. */
  role?: string;
  /** PGlite only: start from this data directory dump (tests' template). */
  template?: Blob | undefined;
}

export interface Transaction {
  /** Kysely bound to this transaction; use nothing else inside the callback. */
  readonly db: Kysely<DB>;
  /** COPY rows (PostgreSQL text format, one line a row) into a table. */
  copyInto(table: string, columns: readonly string[], data: string | Uint8Array): Promise<void>;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Where the data lives, for messages (never the password). */
  readonly location: string;
  readonly lock: DataDirLock | null;
  /** The embedded instance, for maintenance (dump); null on PostgreSQL. */
  readonly pglite: PGlite | null;
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Same value types from both drivers: dates stay 'YYYY-MM-DD' strings (a JS
// Date would shift them by the time zone), bigint counts become numbers.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
pg.types.setTypeParser(DATE_OID, (v) => v);
pg.types.setTypeParser(INT8_OID, (v) => Number(v));
const pgliteParsers = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
  [NUMERIC_OID]: (v: string) => v,
};

// The embedded database runs in this process' memory: a small buffer pool
// keeps a cheap machine's footprint low; the OS page cache does the rest.
// temp_buffers: the monthly reconciliation's working tables (a district's
// residents, members and candidate pairs) stay in memory instead of going
// through the file system; allocated only when used.
const PGLITE_CONF = ['shared_buffers=32MB', 'temp_buffers=96MB'];
const PGLITE_EXTENSIONS = { pg_trgm, unaccent, fuzzystrmatch };

const identifier = /^[a-z_][a-z0-9_]*$/;

function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!identifier.test(name)) throw new Error(`invalid identifier for COPY: ${name}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}

function singleClientPool(client: PoolClientLike): PostgresPool {
  return {
    connect: async () => ({ query: client.query.bind(client), release: () => {} }),
    end: async () => {},
  } as unknown as PostgresPool;
}

async function createPGlite(path: string | null, template?: Blob): Promise<PGlite> {
  const options = {
    extensions: PGLITE_EXTENSIONS,
    postgresqlconf: PGLITE_CONF,
    parsers: pgliteParsers,
  };
  const seeded = template ? { ...options, loadDataDir: template } : options;
  if (path === null) return PGlite.create(seeded);
  if (!existsSync(join(path, 'PG_VERSION'))) {
    // initdb is not atomic: build the cluster beside its final place and move
    // it in, so a first start killed half-way leaves nothing half-made.
    const parent = join(path, '..');
    for (const name of readdirSync(parent)) {
      if (name.startsWith('pglite.init-'))
        rmSync(join(parent, name), { recursive: true, force: true });
    }
    rmSync(path, { recursive: true, force: true });
    const staging = join(parent, `pglite.init-${process.pid}`);
    const fresh = await PGlite.create({ ...seeded, dataDir: staging });
    await fresh.close();
    renameSync(staging, path);
  }
  return PGlite.create({ ...options, dataDir: path });
}

/** A PGlite data directory as a tarball (the tests' template database). */
export async function dumpPGlite(database: Database): Promise<Blob> {
  if (!database.pglite) throw new Error('dumpPGlite: not a PGlite database');
  return database.pglite.dumpDataDir('none');
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPGlite(config.dataDir, config.role ?? 'cli', config.template);
}

interface ResizableArrayBuffer extends ArrayBuffer {
  resize(byteLength: number): void;
  readonly maxByteLength: number;
}
// ES2024's resizable ArrayBuffer (Node 20 has it; the ES2023 lib types do not).
const ResizableArrayBuffer = ArrayBuffer as unknown as new (
  byteLength: number,
  options: { maxByteLength: number },
) => ResizableArrayBuffer;

/**
 * A COPY batch as PGlite's /dev/blob wants it. PGlite reads the blob through
 * blob.arrayBuffer() and nothing else, and reads the whole ArrayBuffer. A real
 * Blob would copy the batch twice into memory V8 does not count, so garbage
 * Blobs pile up between collections (measured: +250 MB over a million rows);
 * a fresh ArrayBuffer per batch is garbage too. The bytes go into one reused,
 * resizable buffer of the database's instead (PGlite runs one query at a
 * time), sized to the batch.
 */
function blobOf(bytes: Uint8Array, copyScratch: ResizableArrayBuffer): Blob {
  let buffer: ArrayBuffer;
  if (bytes.byteLength <= copyScratch.maxByteLength) {
    copyScratch.resize(bytes.byteLength);
    new Uint8Array(copyScratch).set(bytes);
    buffer = copyScratch;
  } else {
    buffer = bytes.slice().buffer as ArrayBuffer;
  }
  return { arrayBuffer: async () => buffer } as unknown as Blob;
}

async function openPGlite(
  dataDir: string | null,
  role: string,
  template: Blob | undefined,
): Promise<Database> {
  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  const copyScratch = new ResizableArrayBuffer(0, { maxByteLength: 256 << 20 });
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir, role);
    try {
      pglite = await createPGlite(join(dataDir, 'pglite'), template);
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = await createPGlite(null, template);
  }
  const pool = new PGlitePool(pglite);
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: pool as unknown as PostgresPool }),
  });
  return {
    kind: 'pglite',
    db,
    lock,
    pglite,
    location: dataDir === null ? 'PGlite (in memory)' : `PGlite at ${join(dataDir, 'pglite')}`,
    transaction: (fn) =>
      runTransaction(pool, fn, async (_client, table, columns, text) => {
        const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
        const blob = blobOf(bytes, copyScratch);
        await pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob });
      }),
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, an administrator, a test
  // dropping its database) is an 'error' on the pool; unheard, Node would end
  // the process. The pool has already discarded the client: the next query
  // opens a new one.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const where = new URL(url);
  return {
    kind: 'postgres',
    db,
    lock: null,
    pglite: null,
    location: `PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname}`,
    transaction: (fn) =>
      runTransaction(pool as unknown as PoolLike, fn, async (client, table, columns, text) => {
        const raw = client as unknown as pg.PoolClient;
        const stream = raw.query(copyFrom(copyStatement(table, columns, 'STDIN')));
        await new Promise<void>((resolve, reject) => {
          stream.on('error', reject);
          stream.on('finish', resolve);
          stream.end(
            typeof text === 'string'
              ? text
              : Buffer.from(text.buffer, text.byteOffset, text.byteLength),
          );
        });
      }),
    async close() {
      await db.destroy();
    },
  };
}

async function runTransaction<T>(
  pool: PoolLike,
  fn: (tx: Transaction) => Promise<T>,
  copy: (
    client: PoolClientLike,
    table: string,
    columns: readonly string[],
    text: string | Uint8Array,
  ) => Promise<void>,
): Promise<T> {
  const client = await pool.connect();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
  try {
    await client.query('BEGIN');
    try {
      const result = await fn({ db, copyInto: (t, c, text) => copy(client, t, c, text) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}
