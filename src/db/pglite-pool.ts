// PGlite is one Postgres backend in this process: one session, no pool. This
// adapter gives it the small slice of node-postgres' Pool interface that
// Kysely's PostgresDialect uses, so both databases run through the same
// dialect and the same compiled SQL. A mutex hands the single session to one
// caller at a time, so a transaction is never interleaved with other queries.
import type { PGlite } from '@electric-sql/pglite';

export interface PoolClientLike {
  query(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: unknown[]; rowCount: number | null; command: string }>;
  release(): void;
}

export interface PoolLike {
  connect(): Promise<PoolClientLike>;
  end(): Promise<void>;
}

const commandPattern = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge|select)\b/i;

export class PGlitePool implements PoolLike {
  #tail: Promise<void> = Promise.resolve();

  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PoolClientLike> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => released);
    await previous;
    const pglite = this.pglite;
    let done = false;
    return {
      async query(sql, params) {
        // Without parameters, use the simple protocol: it takes several
        // statements at once (migrations), as node-postgres does.
        const result =
          params && params.length > 0
            ? await pglite.query(sql, [...params])
            : ((await pglite.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 });
        // Kysely reads numAffectedRows only for these commands; PGlite reports
        // affectedRows without the command tag, so derive it from the SQL.
        const command = commandPattern.exec(sql)?.[1]?.toUpperCase() ?? 'OTHER';
        const rowCount = command === 'SELECT' ? result.rows.length : (result.affectedRows ?? 0);
        return { rows: result.rows, rowCount, command };
      },
      release() {
        if (!done) {
          done = true;
          release();
        }
      },
    };
  }

  async end(): Promise<void> {
    await this.#tail;
  }
}
