// pesiar residents|members list|count|export: the register and the extract
// of the acting user's area, scoped, masked and audited like the API.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { normaliseRegionCode } from '../regions/codes.ts';
import {
  countPeople,
  exportPeople,
  listPeople,
  type PersonTable,
} from '../registers/registers.service.ts';
import {
  CliError,
  contextOf,
  pageOf,
  periodOf,
  printJson,
  printTable,
  withDatabase,
} from './context.ts';

interface FilterOpts {
  period?: string;
  region?: string;
  name?: string;
  purpose?: string;
}

function filterOf(opts: FilterOpts) {
  if (opts.period !== undefined) periodOf(opts.period);
  let region: string | undefined;
  if (opts.region !== undefined) {
    region = normaliseRegionCode(opts.region)?.code;
    if (region === undefined) throw new CliError(`--region ${opts.region}: not a region code`);
  }
  return { period: opts.period, region, name: opts.name, purpose: opts.purpose };
}

const TITLES: Record<PersonTable, string> = {
  residents: 'the population register',
  members: 'the membership extract',
};

function withFilterOptions(command: Command): Command {
  return command
    .option('--period <YYYY-MM>', 'month (default: the latest imported)')
    .option('--region <code>', 'a region of your area, any level (default: all of it)')
    .option('--name <text>', 'part of a name')
    .option('--purpose <text>', 'why (recorded in the audit log)');
}

export function registerRegisterCommands(program: Command): void {
  for (const table of ['residents', 'members'] as const) {
    const noun = program.command(table).description(`${TITLES[table]} of your area`);

    withFilterOptions(noun.command('list').description('a page of people'))
      .option('--limit <n>', 'at most this many (1–500)', '50')
      .option('--offset <n>', 'skip this many', '0')
      .action(async (opts: FilterOpts & { limit: string; offset: string }, command: Command) => {
        const ctx = contextOf(command);
        const { limit, offset } = pageOf(opts);
        const result = await withDatabase(ctx, `${table} list`, (db, actor) =>
          listPeople(db.db, actor, table, filterOf(opts), { limit, offset }),
        );
        if (ctx.globals.format === 'json') return printJson(result);
        if (result.rows.length === 0) {
          process.stdout.write(`Nobody (period ${result.period ?? 'none imported'}).\n`);
          return;
        }
        printTable(result.rows);
      });

    withFilterOptions(noun.command('count').description('how many people')).action(
      async (opts: FilterOpts, command: Command) => {
        const ctx = contextOf(command);
        const result = await withDatabase(ctx, `${table} count`, (db, actor) =>
          countPeople(db.db, actor, table, filterOf(opts)),
        );
        if (ctx.globals.format === 'json') return printJson(result);
        process.stdout.write(`${result.count} (period ${result.period ?? 'none imported'})\n`);
      },
    );

    withFilterOptions(noun.command('export').description('to a CSV or XLSX file (audited)'))
      .requiredOption('--out <file>', 'the file to write (.csv or .xlsx)')
      .action(async (opts: FilterOpts & { out: string }, command: Command) => {
        const ctx = contextOf(command);
        const format = opts.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
        const count = await withDatabase(ctx, `${table} export`, async (db, actor) => {
          const file = await exportPeople(db.db, actor, table, filterOf(opts), format);
          await pipeline(file.stream, createWriteStream(opts.out, { flags: 'wx' }));
          return file.count;
        });
        process.stdout.write(`${count} row(s) written to ${opts.out}.\n`);
      });
  }
}
