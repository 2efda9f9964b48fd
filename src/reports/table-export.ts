// Streams rows out as CSV (UTF-8 with BOM, for Excel) or XLSX (exceljs's
// streaming writer), batch by batch: memory stays flat whatever the size.
// Every text cell passes through neutraliseCell.
import { PassThrough, type Readable } from 'node:stream';
import { neutraliseCell } from './export-cells.ts';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Row = Record<string, unknown>;

function text(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return neutraliseCell(value.join(' '));
  return neutraliseCell(String(value));
}

function csvField(value: unknown): string {
  const v = text(value);
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export interface ExportOptions {
  sheetName?: string;
  /**
   * CSV only: start with a byte-order mark so Excel reads UTF-8 (default).
   * Off for files other programs read (reconciliation exchange files).
   */
  bom?: boolean;
}

export function exportStream(
  format: ExportFormat,
  columns: readonly string[],
  batches: AsyncIterable<Row[]>,
  options: ExportOptions = {},
): Readable {
  const out = new PassThrough();
  const done =
    format === 'csv'
      ? writeCsv(out, columns, batches, options.bom ?? true)
      : writeXlsx(out, columns, batches, options.sheetName ?? 'data');
  done.catch((error: unknown) =>
    out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return out;
}

async function writeCsv(
  out: PassThrough,
  columns: readonly string[],
  batches: AsyncIterable<Row[]>,
  bom: boolean,
) {
  const wait = () => new Promise((resolve) => out.once('drain', resolve));
  if (!out.write(`${bom ? '\uFEFF' : ''}${columns.map(csvField).join(',')}\r\n`)) await wait();
  for await (const rows of batches) {
    let chunk = '';
    for (const row of rows) chunk += `${columns.map((c) => csvField(row[c])).join(',')}\r\n`;
    if (!out.write(chunk)) await wait();
  }
  out.end();
}

async function writeXlsx(
  out: PassThrough,
  columns: readonly string[],
  batches: AsyncIterable<Row[]>,
  sheetName: string,
) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow([...columns]).commit();
  for await (const rows of batches) {
    for (const row of rows) sheet.addRow(columns.map((c) => text(row[c]))).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Rows already in memory (a short report) as the batches exportStream takes. */
export async function* inOneBatch<T extends Row>(rows: readonly T[]): AsyncIterable<T[]> {
  yield [...rows];
}
