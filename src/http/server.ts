// The running server: listens, says where in the data directory's lock file,
// and shuts down cleanly on SIGTERM/SIGINT — requests in flight finish, then
// the database closes. Once started, the server owns the database.
import type { FastifyInstance } from 'fastify';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import { readEnv } from '../config.ts';
import type { Database } from '../db/database.ts';
import { purgeExpired } from '../imports/retention.service.ts';
import { buildApp } from './app.ts';

export interface ServerOptions {
  database: Database;
  rejectsDir: string;
  port: number;
  host: string;
}

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  /** Stops listening, lets requests in flight finish, closes the database. */
  close(): Promise<void>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { database } = opts;
  const env = readEnv();
  const app = await buildApp({
    database,
    rejectsDir: opts.rejectsDir,
    logger: { level: env.LOG_LEVEL },
    trustProxy: env.TRUST_PROXY,
  });
  let url: string;
  try {
    url = await app.listen({ port: opts.port, host: opts.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  database.lock?.update({ role: 'server', url });

  // Retention: purge expired registers and extracts now and once a day.
  const purge = () =>
    purgeExpired(
      database,
      { ...LOCAL_SYSTEM, name: 'system:retention' },
      env.PESIAR_RETENTION_MONTHS,
    )
      .then((r) => {
        if (r.imports > 0) app.log.info({ imports: r.imports, rows: r.rows }, 'retention purge');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'retention purge failed'));
  const daily = setInterval(purge, 24 * 3_600_000);
  daily.unref();
  await purge();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    if (!closing) {
      // A second signal while closing gets the default action: stop now.
      for (const signal of SIGNALS) process.off(signal, onSignal);
      clearInterval(daily);
      closing = app.close().finally(() => database.close());
    }
    return closing;
  };
  function onSignal(signal: NodeJS.Signals) {
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  }
  for (const signal of SIGNALS) process.on(signal, onSignal);

  return { app, url, close };
}
