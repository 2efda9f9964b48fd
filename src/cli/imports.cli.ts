// pesiar imports list: the import history.
import type { Command } from 'commander';
import {
  IMPORT_KIND_NAMES,
  importKindNameSchema,
  periodSchema,
} from '../imports/imports.schema.ts';
import { listImports } from '../imports/imports.service.ts';
import { CliError, contextOf, printJson, printTable, withDatabase } from './context.ts';

export function registerImportsCommands(program: Command): void {
  const imports = program.command('imports').description('the import history');
  imports
    .command('list')
    .description('every import attempt, newest first: when, who, file, SHA-256, rows, outcome')
    .option('--period <YYYY-MM>', 'only this period')
    .option('--kind <kind>', 'population | membership | population-figures')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { period?: string; kind?: string; limit: string }, command: Command) => {
      const ctx = contextOf(command);
      if (opts.period !== undefined && !periodSchema.safeParse(opts.period).success) {
        throw new CliError('--period must be YYYY-MM');
      }
      let kind: (typeof IMPORT_KIND_NAMES)[keyof typeof IMPORT_KIND_NAMES] | undefined;
      if (opts.kind !== undefined) {
        const k = importKindNameSchema.safeParse(opts.kind);
        if (!k.success)
          throw new CliError('--kind must be population, membership or population-figures');
        kind = IMPORT_KIND_NAMES[k.data];
      }
      const rows = await withDatabase(ctx, 'imports list', (db, actor) =>
        listImports(db, actor, { period: opts.period, kind, limit: Number(opts.limit) || 50 }),
      );
      if (ctx.globals.format === 'json') return printJson(rows);
      if (rows.length === 0) {
        process.stdout.write('No imports yet.\n');
        return;
      }
      printTable(
        rows.map((r) => ({
          id: r.id,
          when: r.startedAt.slice(0, 19).replace('T', ' '),
          who: r.importedBy,
          kind: r.kind,
          period: r.period,
          source: r.source,
          status: r.status,
          file: r.fileName,
          sha256: r.sha256 ? `${r.sha256.slice(0, 12)}…` : '',
          accepted: r.rowsAccepted,
          rejected: r.rowsRejected,
          seconds: Math.round(r.durationMs / 100) / 10,
        })),
      );
    });
}
