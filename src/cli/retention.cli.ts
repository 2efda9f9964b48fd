// pesiar retention purge [--months N]
import type { Command } from 'commander';
import { readEnv } from '../config.ts';
import { purgeExpired } from '../imports/retention.service.ts';
import { CliError, contextOf, printJson, withDatabase } from './context.ts';

export function registerRetentionCommands(program: Command): void {
  program
    .command('retention')
    .description('how long registers and extracts are kept')
    .command('purge')
    .description('delete registers and extracts older than the retention period (admins)')
    .option('--months <n>', 'keep this many months (default: PESIAR_RETENTION_MONTHS, else 24)')
    .action(async (opts: { months?: string }, command: Command) => {
      const ctx = contextOf(command);
      const months =
        opts.months === undefined ? readEnv().PESIAR_RETENTION_MONTHS : Number(opts.months);
      if (!Number.isInteger(months) || months < 1 || months > 600) {
        throw new CliError('--months: 1 to 600');
      }
      const result = await withDatabase(ctx, 'retention purge', (db, actor) =>
        purgeExpired(db, actor, months),
      );
      if (ctx.globals.format === 'json') return printJson(result);
      process.stdout.write(
        `Kept from ${result.keepFrom}: purged ${result.imports} import(s), ${result.rows} row(s).\n`,
      );
    });
}
