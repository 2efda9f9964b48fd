// pesiar report coverage: the monev table of a level (coverage, activity, UHC
// status, rank within the parent, gaps) as a table, JSON, CSV or XLSX. Read
// from the indicators only: counts, not people, so nothing is audited.
import { createWriteStream, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { CoverageRow, ReportLevel } from '../indicators/indicators.schema.ts';
import { coverageReport } from '../indicators/indicators.service.ts';
import { type ExportFormat, exportStream } from '../reports/table-export.ts';
import {
  CliError,
  contextOf,
  type OutputFormat,
  periodOf,
  printJson,
  printTable,
  withDatabase,
} from './context.ts';

const LEVELS: readonly ReportLevel[] = ['provinsi', 'kabupaten', 'kecamatan', 'desa'];
const REPORT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv', 'xlsx'];

/** The columns of the CSV and XLSX files, in order. */
export const COVERAGE_COLUMNS = [
  'code',
  'name',
  'level',
  'parent_code',
  'population',
  'population_source',
  'residents',
  'registered',
  'active',
  'inactive',
  'coverage_pct',
  'activity_pct',
  'active_population_pct',
  'verified_registered',
  'verified_active',
  'uhc',
  'uhc_coverage_threshold',
  'uhc_activity_threshold',
  'gap_coverage',
  'gap_activity',
  'rank',
  'rank_of',
  'previous_period',
  'registered_change',
  'active_change',
  'coverage_pct_change',
] as const satisfies readonly (keyof CoverageRow)[];

const two = (value: number | null) => (value === null ? '' : value.toFixed(2));
const signed = (value: number | null, digits = 0) =>
  value === null ? '' : `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;

// Where the population came from, marked after the number.
const SOURCE_MARK: Record<CoverageRow['population_source'], string> = {
  official: '  ',
  children: ' Σ',
  register: ' R',
  none: '  ',
};

function printCoverageTable(rows: CoverageRow[]) {
  printTable(
    rows.map((r) => ({
      kode: r.code,
      nama: r.name,
      penduduk:
        r.population === null
          ? '-  '
          : `${r.population.toLocaleString('en-US')}${SOURCE_MARK[r.population_source]}`,
      terdaftar: r.registered,
      aktif: r.active,
      'cakupan%': two(r.coverage_pct),
      'keaktifan%': two(r.activity_pct),
      'aktif/penduduk%': two(r.active_population_pct),
      terverifikasi: r.verified_registered,
      uhc: r.uhc ? 'ya' : 'tidak',
      peringkat: `${r.rank}/${r.rank_of}`,
      'kurang daftar': r.gap_coverage,
      'kurang aktif': r.gap_activity,
      'Δ cakupan': signed(r.coverage_pct_change, 2),
    })),
    undefined,
    {
      right: ['penduduk', 'cakupan%', 'keaktifan%', 'aktif/penduduk%', 'peringkat', 'Δ cakupan'],
    },
  );
}

async function writeExport(format: ExportFormat, rows: CoverageRow[], out: string | undefined) {
  async function* batches() {
    yield rows;
  }
  // A file is for Excel (UTF-8 with BOM); a pipe is for other programs (none).
  const stream = exportStream(format, COVERAGE_COLUMNS, batches(), {
    sheetName: 'cakupan',
    bom: out !== undefined,
  });
  if (out === undefined) {
    for await (const chunk of stream) process.stdout.write(chunk as Buffer);
    return;
  }
  await pipeline(stream, createWriteStream(out));
}

export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description('monev reports from the indicators (counts per region, no personal data)');

  report
    .command('coverage')
    .description(
      'coverage, activity and UHC status of the regions of a level, ranked within their parent',
    )
    .requiredOption('--period <YYYY-MM>', 'the month')
    .option('--level <level>', LEVELS.join(' | '), 'kabupaten')
    .option('--within <code>', 'only the regions inside this one (dotted or plain)')
    .option('--out <file>', 'write to this file (json, csv; required for xlsx)')
    .addHelpText(
      'after',
      '\nOutput: --format table | json | csv | xlsx (the global option; before or after the command).\nPopulation marks: Σ sum of the regions below, R living residents of the village register.',
    )
    .action(
      async (
        opts: { period: string; level: string; within?: string; out?: string },
        command: Command,
      ) => {
        const ctx = contextOf(command, REPORT_FORMATS);
        const format = ctx.globals.format;
        periodOf(opts.period);
        const level = LEVELS.find((l) => l === opts.level);
        if (level === undefined) throw new CliError(`--level must be one of ${LEVELS.join(', ')}`);
        if (format === 'xlsx' && opts.out === undefined) {
          throw new CliError('--format xlsx: give the file with --out FILE');
        }
        if (format === 'table' && opts.out !== undefined) {
          throw new CliError('--out: choose --format csv, xlsx or json');
        }
        const result = await withDatabase(ctx, 'report coverage', (database, actor) =>
          coverageReport(database.db, actor, { period: opts.period, level, within: opts.within }),
        );
        if (result.message !== null) {
          // stdout stays parseable for the machine formats.
          if (format === 'table') {
            process.stdout.write(`${result.message}\n`);
            return;
          }
          process.stderr.write(`${result.message}\n`);
          if (format !== 'json') return;
        }
        const rows = result.rows;
        if (format === 'table') {
          if (rows.length === 0) {
            process.stdout.write(
              `Tidak ada wilayah ${level}${result.within ? ` di ${result.within}` : ''} dengan indikator periode ${result.period}.\n`,
            );
            return;
          }
          const first = rows[0];
          process.stdout.write(
            `Cakupan JKN per ${level}${result.within ? ` di ${result.within}` : ''}, periode ${result.period}; ambang UHC ${first?.uhc_coverage_threshold ?? '-'}% cakupan, ${first?.uhc_activity_threshold ?? '-'}% keaktifan\n`,
          );
          printCoverageTable(rows);
          return;
        }
        if (format === 'json') {
          if (opts.out === undefined) return printJson(rows);
          writeFileSync(opts.out, `${JSON.stringify(rows, null, 2)}\n`);
        } else {
          await writeExport(format, rows, opts.out);
        }
        if (opts.out !== undefined) {
          process.stdout.write(`${rows.length} row(s) written to ${opts.out}.\n`);
        }
      },
    );
}
