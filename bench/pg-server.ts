// A throw-away PostgreSQL 15 cluster for benchmarks (the same binaries CI
// uses), or the server named by BENCH_DATABASE_URL.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The buffer pool a server of that size would be given: 256 MB for a
 * district (a small server), 2 GB for a province (a quarter of an 8 GB
 * server's memory, the usual rule).
 */
export type ServerSize = 'district' | 'province';
const SHARED_BUFFERS: Record<ServerSize, string> = { district: '256MB', province: '2GB' };

export async function startPostgres(
  size: ServerSize = 'district',
): Promise<{ url: string; stop(): void } | null> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop() {} };
  if (!existsSync(`${BIN}/pg_ctl`)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'pesiar-bench-pg-'));
  chmodSync(dir, 0o777);
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...asPostgres, ...args];
    execFileSync(cmd as string, rest, { stdio: 'pipe' });
  };
  const port = await freePort();
  run([`${BIN}/initdb`, '-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8']);
  run([
    `${BIN}/pg_ctl`,
    '-D',
    join(dir, 'data'),
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    // Durability as in production (fsync on); the buffer pool and WAL size
    // a server of that size would be given.
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=${SHARED_BUFFERS[size]} -c max_wal_size=4GB`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      const [cmd, ...rest] = [
        ...asPostgres,
        `${BIN}/pg_ctl`,
        '-D',
        join(dir, 'data'),
        '-m',
        'fast',
        'stop',
      ];
      spawnSync(cmd as string, rest, { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
