// pesiar audit [--user U] [--since D]; pesiar person report NIK
import type { Command } from 'commander';
import { listAudit } from '../access/audit.service.ts';
import { personReport } from '../registers/registers.service.ts';
import { CliError, contextOf, printJson, printTable, withDatabase } from './context.ts';

export function registerAuditCommands(program: Command): void {
  program
    .command('audit')
    .description('who read, exported or changed what, newest first (admins)')
    .option('--user <name>', 'only this user (or system:local)')
    .option('--since <date>', 'from this date or time (YYYY-MM-DD or ISO)')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (opts: { user?: string; since?: string; limit: string }, command: Command) => {
      const ctx = contextOf(command);
      const since = opts.since === undefined ? undefined : new Date(opts.since);
      if (since !== undefined && Number.isNaN(since.getTime())) {
        throw new CliError('--since: a date, YYYY-MM-DD');
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new CliError('--limit: 1 to 10000');
      const rows = await withDatabase(ctx, 'audit', (db, actor) =>
        listAudit(db.db, actor, { actor: opts.user, since, limit }),
      );
      if (ctx.globals.format === 'json') return printJson(rows);
      if (rows.length === 0) {
        process.stdout.write('Nothing recorded.\n');
        return;
      }
      printTable(
        rows.map((r) => ({
          id: Number(r.id),
          at: r.at.toISOString().slice(0, 19).replace('T', ' '),
          actor: r.actor,
          via: r.ip ? `${r.via} ${r.ip}` : r.via,
          action: r.action,
          subject: r.subject,
          period: r.period ?? '',
          scope:
            r.scope?.join(' ') ??
            (r.action.match(/^(list|count|export|read)$/) ? 'everywhere' : ''),
          rows: r.row_count,
          people: Number(r.people),
          purpose: r.purpose ?? '',
        })),
      );
    });

  const person = program.command('person').description('one person (data-subject requests)');
  person
    .command('report')
    .description('what Pesiar holds about one person and every access to it (UU 27/2022)')
    .argument('<nik>', 'the 16-digit NIK')
    .action(async (nik: string, _opts, command: Command) => {
      const ctx = contextOf(command);
      if (!/^\d{16}$/.test(nik)) throw new CliError('NIK: 16 digits');
      const report = await withDatabase(ctx, 'person report', (db, actor) =>
        personReport(db.db, actor, nik),
      );
      if (ctx.globals.format === 'json') return printJson(report);
      const out = process.stdout;
      out.write(`Person report for NIK ${nik}\n\n`);
      out.write(`Population register: ${report.residents.length} row(s)\n`);
      if (report.residents.length > 0) printTable(report.residents);
      out.write(`\nMembership extract: ${report.members.length} row(s)\n`);
      if (report.members.length > 0) printTable(report.members);
      out.write(`\nAccesses: ${report.accesses.length}\n`);
      if (report.accesses.length > 0) {
        printTable(
          report.accesses.map((a) => ({
            id: Number(a.id),
            at: new Date(a.at).toISOString().slice(0, 19).replace('T', ' '),
            actor: a.actor,
            via: a.ip ? `${a.via} ${a.ip}` : a.via,
            action: a.action,
            subject: a.subject,
            period: a.period ?? '',
            how: a.how === 'named' ? 'named' : 'in a query',
            purpose: a.purpose ?? '',
          })),
        );
      }
    });
}
