// For tests that run `pesiar` as an operator does (node bin/pesiar.js in a
// child process) against a database of their own, prepared in-process first:
// a PGlite data directory from the suite's template, or a database on the
// PostgreSQL server of the database suite.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.ts';
import { createTestDatabaseUrl, pgliteTemplate } from '../db/testing.ts';
import { startDatabase } from '../start.ts';

const BIN = fileURLToPath(new URL('../../bin/pesiar.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliDatabase {
  /** The test's working directory (the commands' cwd). */
  work: string;
  /** Runs `pesiar --data-dir … ARGS` on the database and collects its output. */
  pesiar(args: string[]): Promise<CliRun>;
  dispose(): Promise<void>;
}

/** A database for CLI tests, filled by `prepare` before any command runs. */
export async function createCliDatabase(
  prefix: string,
  prepare: (database: Database, work: string) => Promise<void>,
): Promise<CliDatabase> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(work, 'data');
  const server = await createTestDatabaseUrl();
  const databaseUrl = server?.url;
  const database = await startDatabase(
    databaseUrl ? { databaseUrl, dataDir: null } : { dataDir, template: pgliteTemplate() },
  );
  try {
    await prepare(database, work);
  } finally {
    await database.close();
  }

  function pesiar(args: string[]): Promise<CliRun> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl ?? '' };
    delete env.PESIAR_DATA_DIR;
    delete env.PESIAR_USER;
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
      cwd: work,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  return {
    work,
    pesiar,
    async dispose() {
      await server?.drop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
