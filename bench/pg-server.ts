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

export async function startPostgres(): Promise<{ url: string; stop(): void } | null> {
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
    // Durability as in production (fsync on); a buffer pool and WAL size a
    // small district server would be given.
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_wal_size=4GB`,
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
