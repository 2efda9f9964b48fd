// pesiar serve: the HTTP API (and, later, the web app) on the configured database.
import { join } from 'node:path';
import type { Command } from 'commander';
import { readEnv } from '../config.ts';
import { startDatabase } from '../start.ts';
import { CliError, contextOf } from './context.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (API under /api/v1, documentation at /api/docs)')
    .option('--port <n>', 'port (default: PORT, else 3000)')
    .option('--host <address>', 'address to listen on (default: HOST, else 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }, command: Command) => {
      const ctx = contextOf(command);
      const env = readEnv();
      const port = opts.port === undefined ? env.PORT : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError('--port must be 0 to 65535');
      const started = Date.now();
      const database = await startDatabase({
        databaseUrl: ctx.databaseUrl,
        dataDir: ctx.dataDir,
        role: 'server',
      });
      // Loaded here so that other commands do not pay for the HTTP stack.
      const { startServer } = await import('../http/server.ts');
      const server = await startServer({
        database,
        rejectsDir: join(ctx.dataDir, 'rejects'),
        port,
        host: opts.host ?? env.HOST,
      });
      process.stderr.write(
        `Pesiar is serving ${database.location} at ${server.url} (API ${server.url}/api/v1, docs ${server.url}/api/docs), ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    });
}
