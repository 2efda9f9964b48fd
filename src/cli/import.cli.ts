// pesiar import population|membership|population-figures FILE --period YYYY-MM …
import { createReadStream, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { z } from 'zod';
import {
  IMPORT_KIND_NAMES,
  type ImportResult,
  importKindNameSchema,
  importOptionsSchema,
} from '../imports/imports.schema.ts';
import { ImportFileError, importFile } from '../imports/imports.service.ts';
import { CliError, contextOf, printJson, printTable, withDatabase } from './context.ts';

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1)
    throw new CliError(`--map ${value}: expected field=HEADER`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return `--${String(issue?.path[0] ?? 'option')}: ${issue?.message ?? 'invalid'}`;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import a month of data: population register, membership extract or official population figures',
    )
    .argument('<kind>', 'population | membership | population-figures')
    .argument('<file>', 'CSV (comma or semicolon; UTF-8 or Windows-1252) or XLSX')
    .requiredOption('--period <YYYY-MM>', 'the month the data describes')
    .option(
      '--desa <code>',
      'the village of every row (a one-village file such as an OpenSID export)',
    )
    .option(
      '--source <name>',
      'which source this is; a re-import of the same period and source replaces the previous one',
    )
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
    .option(
      '--encoding <name>',
      'CSV: utf-8 or windows-1252 (default: guessed from the first bytes)',
    )
    .option(
      '--map <field=HEADER>',
      'read a field from a differently named column (repeatable)',
      collectMap,
      {},
    )
    .option(
      '--skip-bad-rows',
      'import the good rows and list the bad ones, instead of importing nothing',
    )
    .option(
      '--rejects <file>',
      'where to write the rejects CSV (default: under the data directory)',
    )
    .addHelpText(
      'after',
      `
A file is imported whole or not at all. By default a file with bad rows imports
nothing and exits 1, listing every bad row (the first 50 on screen, all of them
in the rejects CSV). Rows with a missing or malformed NIK, birth date or sex are
kept and flagged: those are the people the agents must find.

Examples:
  pesiar import population penduduk.xlsx --period 2026-10 --desa 15.02.17.2006
  pesiar import membership peserta.csv --period 2026-10 --map noka=NO_KARTU
  pesiar import population-figures dukcapil.csv --period 2026-06`,
    )
    .action(
      async (kindName: string, file: string, opts: Record<string, unknown>, command: Command) => {
        const ctx = contextOf(command);
        const kind = importKindNameSchema.safeParse(kindName);
        if (!kind.success)
          throw new CliError(
            `unknown kind "${kindName}": use population, membership or population-figures`,
          );
        const parsed = importOptionsSchema.safeParse({
          kind: IMPORT_KIND_NAMES[kind.data],
          period: opts.period,
          source: opts.source,
          desa: opts.desa,
          sheet: opts.sheet,
          encoding: opts.encoding,
          map: opts.map,
          skipBadRows: opts.skipBadRows === true,
        });
        if (!parsed.success) throw new CliError(zodMessage(parsed.error));
        const path = resolve(file);
        let size: number;
        try {
          size = statSync(path).size;
        } catch {
          throw new CliError(`${file}: no such file`);
        }
        const json = ctx.globals.format === 'json';
        const bar =
          process.stderr.isTTY && !json
            ? new cliProgress.SingleBar(
                {
                  format:
                    ' {bar} {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}',
                  stream: process.stderr,
                  etaBuffer: 50,
                },
                cliProgress.Presets.shades_classic,
              )
            : null;
        const started = Date.now();
        bar?.start(size, 0, { rows: 0, speed: 0 });
        let result: ImportResult;
        try {
          result = await withDatabase(ctx, `import ${kindName}`, (database, actor) =>
            importFile(database, {
              options: parsed.data,
              fileName: basename(file),
              input: createReadStream(path),
              actor,
              rejectsDir: join(ctx.dataDir, 'rejects'),
              rejectsPath: typeof opts.rejects === 'string' ? resolve(opts.rejects) : undefined,
              onProgress: bar
                ? ({ rows, bytes }) =>
                    bar.update(bytes, {
                      rows: rows.toLocaleString('en-US'),
                      speed: Math.round(
                        rows / Math.max(0.001, (Date.now() - started) / 1000),
                      ).toLocaleString('en-US'),
                    })
                : undefined,
            }),
          );
        } catch (error) {
          if (error instanceof ImportFileError) throw new CliError(`${file}: ${error.message}`);
          throw error;
        } finally {
          bar?.stop();
        }
        if (json) printJson(result);
        else printSummary(file, result);
        if (result.status !== 'committed') process.exitCode = 1;
      },
    );
}

function printSummary(file: string, r: ImportResult): void {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const n = (v: number) => v.toLocaleString('en-US');
  if (r.status === 'committed') {
    out(
      `Imported ${r.kind} ${r.period} (source "${r.source}") from ${file}: import #${r.importId}`,
    );
    out(`  rows read   ${n(r.rowsRead)}`);
    out(
      `  accepted    ${n(r.rowsAccepted)}${r.rowsFlagged ? ` (${n(r.rowsFlagged)} with data-quality flags)` : ''}`,
    );
    if (r.rowsRejected) out(`  skipped     ${n(r.rowsRejected)} bad row(s)`);
    if (r.replacedImportId) out(`  replaces    import #${r.replacedImportId}`);
    out(
      `  time        ${(r.durationMs / 1000).toFixed(1)} s${r.sha256 ? `, sha256 ${r.sha256.slice(0, 16)}…` : ''}`,
    );
  } else {
    out(`Nothing imported from ${file}: ${r.failure}`);
  }
  if (r.rejects.length > 0) {
    out(
      `\nRejected rows${r.rowsRejected > r.rejects.length ? ` (first ${r.rejects.length} of ${n(r.rowsRejected)})` : ''}:`,
    );
    printTable(
      r.rejects.map((x) => ({ row: x.rowNo, column: x.column, value: x.value, reason: x.reason })),
    );
  }
  if (r.rejectsFile) out(`\nAll rejected rows: ${r.rejectsFile}`);
}
