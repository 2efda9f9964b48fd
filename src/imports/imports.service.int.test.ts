// The import service end to end: files go into importFile() as the CLI and the
// HTTP API hand them over (a byte stream), and what counts is what ends up in
// the database — the row tables, the import history and the rejects CSV.
// Synthetic people only: invented names and NIKs, real Kemendagri village codes.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import type { ImportKind } from '../db/schema.ts';
import { createTestDatabase } from '../db/testing.ts';
import { type ImportResult, importOptionsSchema } from './imports.schema.ts';
import { ImportFileError, importFile } from './imports.service.ts';

// Villages of Kecamatan Pangkalan Jambu (15.02.17), Kabupaten Merangin (15.02), Jambi (15).
const SUNGAI_JERING = '15.02.17.2006';
const BIRUN = '15.02.17.2003';
const TIGA_ALUR = '15.02.17.2004';

/** Fixed "today", so that a birth date in the future stays in the future. */
const AS_OF = new Date('2026-10-15T00:00:00Z');

let database: Database;
let rejectsDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-service-rejects-'));
});

afterAll(async () => {
  await database?.close();
  if (rejectsDir) rmSync(rejectsDir, { recursive: true, force: true });
});

interface RunOptions {
  kind?: ImportKind;
  period: string;
  source?: string;
  desa?: string;
  sheet?: string;
  encoding?: 'utf-8' | 'windows-1252';
  map?: Record<string, string>;
  skipBadRows?: boolean;
  fileName?: string;
}

/** Imports `content` as an uploaded file would arrive: one byte stream. */
function runImport(
  content: string | Buffer | ArrayBuffer,
  run: RunOptions & { chunkBytes?: number },
): Promise<ImportResult> {
  const { fileName = 'data.csv', kind = 'population', chunkBytes, ...rest } = run;
  const whole =
    typeof content === 'string'
      ? Buffer.from(content, 'utf8')
      : Buffer.isBuffer(content)
        ? content
        : Buffer.from(content);
  // As a file read from disk arrives: in chunks (64 KiB for fs streams).
  const bytes: Buffer[] = [];
  const step = chunkBytes ?? whole.length;
  for (let at = 0; at < whole.length || bytes.length === 0; at += step) {
    bytes.push(whole.subarray(at, at + step));
  }
  return importFile(database, {
    options: importOptionsSchema.parse({ kind, ...rest }),
    fileName,
    input: Readable.from(bytes, { objectMode: false }),
    actor: LOCAL_SYSTEM,
    rejectsDir,
    asOf: AS_OF,
  });
}

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

interface ImportRow {
  id: number;
  kind: string;
  period: string;
  source: string;
  status: string;
  failure: string | null;
  file_format: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  columns: Record<string, unknown>;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_flagged: number;
  rejects_file: string | null;
  replaces_import_id: number | null;
}

async function importRow(id: number): Promise<ImportRow> {
  const { rows } = await sql<ImportRow>`SELECT * FROM imports WHERE id = ${id}`.execute(
    database.db,
  );
  const row = rows[0];
  if (!row) throw new Error(`no import #${id}`);
  return row;
}

interface ResidentRow {
  import_id: number;
  row_no: number;
  period: string;
  kabupaten_code: string;
  desa_code: string;
  desa_code_raw: string | null;
  source_id: string;
  nik: string | null;
  nik_raw: string | null;
  no_kk: string | null;
  nama: string;
  nama_raw: string;
  tanggal_lahir: string | null;
  tanggal_lahir_raw: string | null;
  tempat_lahir: string | null;
  jenis_kelamin: string | null;
  rt: string | null;
  rw: string | null;
  dusun: string | null;
  pekerjaan: string | null;
  status_dasar: number | null;
  hidup: boolean;
  id_asuransi: number | null;
  flags: string[];
  extra: Record<string, string> | null;
}

async function residentsOf(importId: number): Promise<ResidentRow[]> {
  const { rows } = await sql<ResidentRow>`
    SELECT * FROM residents WHERE import_id = ${importId} ORDER BY row_no`.execute(database.db);
  return rows;
}

async function residentsInPeriod(
  period: string,
): Promise<Pick<ResidentRow, 'import_id' | 'row_no' | 'nama'>[]> {
  const { rows } = await sql<Pick<ResidentRow, 'import_id' | 'row_no' | 'nama'>>`
    SELECT import_id, row_no, nama FROM residents WHERE period = ${period}
    ORDER BY import_id, row_no`.execute(database.db);
  return rows;
}

/** The rejects CSV as records (the writer quotes cells that need it). */
function readRejectsCsv(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(['row', 'column', 'value', 'reason']);
  return parsed.data;
}

const HEADER = 'id,nik,no_kk,nama,tanggal_lahir,jenis_kelamin,kode_desa';
// Rows 3, 4 and 6 cannot stand for a person; rows 2, 5 and 7 are fine.
const WITH_BAD_ROWS = csv(
  HEADER,
  `P1,1502174105900001,1502170101200001,Siti Aminah,1990-05-01,P,${SUNGAI_JERING}`,
  `P2,1502171203850002,1502170101200001,,1985-03-12,L,${SUNGAI_JERING}`,
  'P3,1502175507100003,1502170101200001,Ani Lestari,2010-07-15,P,15.02.17.9999',
  `P4,1502170202000004,1502170202200002,Joko Santoso,2000-02-02,L,${BIRUN}`,
  'P5,1502170303000005,1502170202200002,Rina Harahap,2000-03-03,P,15.02.17',
  `P6,1502174404040006,1502170202200002,Putri Santoso,2004-04-04,P,${BIRUN}`,
);
const EXPECTED_REJECTS = [
  { rowNo: 3, column: 'nama', value: '', reason: expect.stringMatching(/nama kosong/) },
  {
    rowNo: 4,
    column: 'kode_desa',
    value: '15.02.17.9999',
    reason: expect.stringMatching(/tidak dikenal/),
  },
  {
    rowNo: 6,
    column: 'kode_desa',
    value: '15.02.17',
    reason: expect.stringMatching(/kecamatan, bukan kode desa/),
  },
];

describe('a population file with bad rows', () => {
  it('imports nothing by default, records the failure and lists every bad row', async () => {
    const result = await runImport(WITH_BAD_ROWS, { period: '2026-01' });
    expect(result).toMatchObject({
      status: 'failed',
      kind: 'population',
      period: '2026-01',
      source: 'register',
      rowsRead: 6,
      rowsAccepted: 0,
      rowsRejected: 3,
      replacedImportId: null,
    });
    expect(result.failure).toMatch(/^3 row\(s\) rejected; nothing imported/);
    expect(result.rejects).toEqual(EXPECTED_REJECTS);

    expect(await residentsInPeriod('2026-01')).toEqual([]);
    const { rows: anyRows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM residents WHERE import_id = ${result.importId}`.execute(
      database.db,
    );
    expect(anyRows[0]?.n).toBe(0);

    const history = await importRow(result.importId);
    expect(history).toMatchObject({
      kind: 'population',
      period: '2026-01',
      status: 'failed',
      failure: result.failure,
      rows_read: 6,
      rows_accepted: 0,
      rows_rejected: 3,
      rejects_file: result.rejectsFile,
    });

    expect(result.rejectsFile).toMatch(/\.rejects\.csv$/);
    expect(existsSync(result.rejectsFile as string)).toBe(true);
    expect(readRejectsCsv(result.rejectsFile as string)).toEqual(
      EXPECTED_REJECTS.map((r) => ({
        row: String(r.rowNo),
        column: r.column,
        value: r.value,
        reason: r.reason,
      })),
    );
  });

  it('imports exactly the good rows when asked to skip the bad ones', async () => {
    const result = await runImport(WITH_BAD_ROWS, { period: '2026-02', skipBadRows: true });
    expect(result).toMatchObject({
      status: 'committed',
      rowsRead: 6,
      rowsAccepted: 3,
      rowsRejected: 3,
      failure: null,
    });
    expect(result.rejects).toEqual(EXPECTED_REJECTS);

    const residents = await residentsOf(result.importId);
    expect(residents.map((r) => r.row_no)).toEqual([2, 5, 7]);
    expect(residents.map((r) => r.nama)).toEqual(['SITI AMINAH', 'JOKO SANTOSO', 'PUTRI SANTOSO']);
    expect(residents.map((r) => r.desa_code)).toEqual(['1502172006', '1502172003', '1502172003']);
    expect(residents.every((r) => r.kabupaten_code === '1502' && r.period === '2026-02')).toBe(
      true,
    );
    expect(residents.map((r) => r.source_id)).toEqual(['P1', 'P4', 'P6']);

    expect(await importRow(result.importId)).toMatchObject({
      status: 'committed',
      rows_read: 6,
      rows_accepted: 3,
      rows_rejected: 3,
      rejects_file: result.rejectsFile,
    });
    expect(readRejectsCsv(result.rejectsFile as string).map((r) => [r.row, r.column])).toEqual([
      ['3', 'nama'],
      ['4', 'kode_desa'],
      ['6', 'kode_desa'],
    ]);
  });

  it('reports both problems of a row that has two', async () => {
    const result = await runImport(
      csv('nama,kode_desa', `Siti Aminah,${SUNGAI_JERING}`, '   ,15.2.17'),
      { period: '2026-03', skipBadRows: true },
    );
    expect(result.status).toBe('committed');
    expect(result.rowsAccepted).toBe(1);
    expect(result.rejects).toEqual([
      { rowNo: 3, column: 'nama', value: '   ', reason: 'nama kosong' },
      {
        rowNo: 3,
        column: 'kode_desa',
        value: '15.2.17',
        reason: expect.stringMatching(/kode desa tidak valid/),
      },
    ]);
    expect((await residentsOf(result.importId)).map((r) => r.row_no)).toEqual([2]);
    // Rows, not problems: 2 rows read = 1 accepted + 1 rejected.
    expect(result.rowsRejected).toBe(1);
    expect(await importRow(result.importId)).toMatchObject({
      rows_read: 2,
      rows_accepted: 1,
      rows_rejected: 1,
    });
  });

  it('gives each import its own rejects file, even two in the same second', async () => {
    const [a, b] = await Promise.all([
      runImport(csv('nama,kode_desa', 'Siti,15.2.17'), {
        period: '2026-04',
        source: 'desa:A',
        skipBadRows: true,
      }),
      runImport(csv('nama,kode_desa', 'Budi,99.99.99.9999'), {
        period: '2026-04',
        source: 'desa:B',
        skipBadRows: true,
      }),
    ]);
    expect(a.rejectsFile).not.toBeNull();
    expect(b.rejectsFile).not.toBeNull();
    expect(a.rejectsFile).not.toBe(b.rejectsFile);
    expect(readFileSync(a.rejectsFile as string, 'utf8')).toContain('15.2.17');
    expect(readFileSync(b.rejectsFile as string, 'utf8')).toContain('99.99.99.9999');
    expect(readFileSync(b.rejectsFile as string, 'utf8')).not.toContain('15.2.17');
  });
});

describe('rows with broken identity data', () => {
  it('keeps them, flags each defect, and keeps the value as received', async () => {
    const result = await runImport(
      csv(
        HEADER,
        // 15 digits: a digit lost in typing.
        `F1,150217410590001,1502170101200001,Nur Hidayat,1990-05-01,P,${SUNGAI_JERING}`,
        // A placeholder NIK given by the village system.
        `F2,0502174105900002,1502170101200001,Dewi Lubis,1990-05-01,P,${SUNGAI_JERING}`,
        // Born in the future.
        `F3,1502171203850003,1502170101200001,Eko Siregar,2099-01-01,L,${SUNGAI_JERING}`,
        // Not a calendar date.
        `F4,1502171203850004,1502170101200001,Agus Nasution,31/02/1985,L,${SUNGAI_JERING}`,
        // Nothing but a name and a village.
        `F5,,,Sri Wijaya,,,${SUNGAI_JERING}`,
        // The NIK says a woman born on 1 May 1990; the row says a man.
        `F6,1502174105900006,1502170101200001,Andi Pratama,1990-05-01,L,${SUNGAI_JERING}`,
        // Nothing wrong.
        `F7,1502174105900007,1502170101200001,Siti Aminah,1990-05-01,P,${SUNGAI_JERING}`,
      ),
      { period: '2026-04' },
    );
    expect(result).toMatchObject({
      status: 'committed',
      rowsRead: 7,
      rowsAccepted: 7,
      rowsRejected: 0,
      rowsFlagged: 6,
      rejectsFile: null,
    });
    const rows = await residentsOf(result.importId);
    const bySourceId = new Map(rows.map((r) => [r.source_id, r]));
    const flagsOf = (id: string) => [...(bySourceId.get(id)?.flags ?? ['(no such row)'])].sort();

    expect(bySourceId.get('F1')).toMatchObject({ nik: null, nik_raw: '150217410590001' });
    expect(flagsOf('F1')).toEqual(['NIK_MALFORMED']);
    expect(bySourceId.get('F2')).toMatchObject({ nik: null, nik_raw: '0502174105900002' });
    expect(flagsOf('F2')).toEqual(['NIK_TEMPORARY']);
    expect(bySourceId.get('F3')).toMatchObject({
      nik: '1502171203850003',
      tanggal_lahir: null,
      tanggal_lahir_raw: '2099-01-01',
    });
    expect(flagsOf('F3')).toEqual(['BIRTHDATE_IMPOSSIBLE']);
    expect(bySourceId.get('F4')).toMatchObject({
      tanggal_lahir: null,
      tanggal_lahir_raw: '31/02/1985',
    });
    expect(flagsOf('F4')).toEqual(['BIRTHDATE_INVALID']);
    expect(bySourceId.get('F5')).toMatchObject({ nik: null, nik_raw: null, jenis_kelamin: null });
    expect(flagsOf('F5')).toEqual(
      ['BIRTHDATE_MISSING', 'NIK_MISSING', 'NO_KK_MISSING', 'SEX_MISSING'].sort(),
    );
    expect(flagsOf('F6')).toEqual(['NIK_SEX_MISMATCH']);
    expect(bySourceId.get('F7')).toMatchObject({
      nik: '1502174105900007',
      nik_raw: '1502174105900007',
      no_kk: '1502170101200001',
      tanggal_lahir: '1990-05-01',
      jenis_kelamin: 'P',
      flags: [],
    });
    expect((await importRow(result.importId)).rows_flagged).toBe(6);
  });
});

describe('re-importing a period', () => {
  const FIRST = csv(
    'nama,kode_desa',
    `Siti Aminah,${SUNGAI_JERING}`,
    `Budi Santoso,${SUNGAI_JERING}`,
    `Ani Lestari,${SUNGAI_JERING}`,
  );
  const SECOND = csv('nama,kode_desa', `Joko Santoso,${BIRUN}`, `Rina Harahap,${BIRUN}`);

  it('replaces the earlier import of the same kind, period and source, and only that', async () => {
    const first = await runImport(FIRST, { period: '2026-05' });
    expect(first).toMatchObject({ status: 'committed', rowsAccepted: 3, replacedImportId: null });

    const second = await runImport(SECOND, { period: '2026-05' });
    expect(second).toMatchObject({
      status: 'committed',
      rowsAccepted: 2,
      replacedImportId: first.importId,
    });
    expect(await importRow(first.importId)).toMatchObject({ status: 'replaced' });
    expect(await importRow(second.importId)).toMatchObject({
      status: 'committed',
      replaces_import_id: first.importId,
    });
    expect(await residentsOf(first.importId)).toEqual([]);
    expect(await residentsInPeriod('2026-05')).toEqual([
      { import_id: second.importId, row_no: 2, nama: 'JOKO SANTOSO' },
      { import_id: second.importId, row_no: 3, nama: 'RINA HARAHAP' },
    ]);

    // A failed re-import changes nothing: the committed one stays.
    const failed = await runImport(csv('nama,kode_desa', `,${BIRUN}`), { period: '2026-05' });
    expect(failed).toMatchObject({ status: 'failed', replacedImportId: null });
    expect(await importRow(second.importId)).toMatchObject({ status: 'committed' });

    // Another source of the same period is imported beside it, not over it.
    const other = await runImport(FIRST, { period: '2026-05', source: 'desa-upload' });
    expect(other).toMatchObject({ status: 'committed', replacedImportId: null });
    expect(await importRow(second.importId)).toMatchObject({ status: 'committed' });
    expect(await residentsInPeriod('2026-05')).toEqual([
      { import_id: second.importId, row_no: 2, nama: 'JOKO SANTOSO' },
      { import_id: second.importId, row_no: 3, nama: 'RINA HARAHAP' },
      { import_id: other.importId, row_no: 2, nama: 'SITI AMINAH' },
      { import_id: other.importId, row_no: 3, nama: 'BUDI SANTOSO' },
      { import_id: other.importId, row_no: 4, nama: 'ANI LESTARI' },
    ]);
    const { rows: committed } = await sql<{ id: number }>`
      SELECT id FROM imports
      WHERE kind = 'population' AND period = '2026-05' AND status = 'committed'
      ORDER BY id`.execute(database.db);
    expect(committed.map((r) => r.id)).toEqual([second.importId, other.importId]);
  });
});

describe('CSV variants', () => {
  it('reads a semicolon-separated file', async () => {
    const result = await runImport(
      csv(
        'nama;kode_desa;tanggal_lahir;alamat',
        `Siti Aminah;${SUNGAI_JERING};01/05/1990;Jl. Lintas, No. 3`,
        `Budi Santoso;${BIRUN};12-03-1985;`,
      ),
      { period: '2026-06', source: 'semicolon' },
    );
    expect(result).toMatchObject({ status: 'committed', rowsAccepted: 2, format: 'csv' });
    expect(await importRow(result.importId)).toMatchObject({
      delimiter: ';',
      encoding: 'utf8',
      file_format: 'csv',
    });
    const rows = await residentsOf(result.importId);
    expect(rows.map((r) => [r.nama, r.desa_code, r.tanggal_lahir])).toEqual([
      ['SITI AMINAH', '1502172006', '1990-05-01'],
      ['BUDI SANTOSO', '1502172003', '1985-03-12'],
    ]);
    const { rows: alamat } = await sql<{ alamat: string | null }>`
      SELECT alamat FROM residents WHERE import_id = ${result.importId} ORDER BY row_no`.execute(
      database.db,
    );
    expect(alamat.map((r) => r.alamat)).toEqual(['Jl. Lintas, No. 3', null]);
  });

  it('reads UTF-8 with a byte order mark before the first header', async () => {
    const result = await runImport(
      `\uFEFFnama,kode_desa\r\nDésirée Müller,${SUNGAI_JERING}\r\nNur Hidayat,${BIRUN}\r\n`,
      { period: '2026-06', source: 'bom' },
    );
    expect(result).toMatchObject({ status: 'committed', rowsAccepted: 2 });
    expect((await importRow(result.importId)).encoding).toBe('utf8');
    const rows = await residentsOf(result.importId);
    expect(rows.map((r) => [r.nama_raw, r.nama])).toEqual([
      ['Désirée Müller', 'DÉSIRÉE MÜLLER'],
      ['Nur Hidayat', 'NUR HIDAYAT'],
    ]);
  });

  it('reads Windows-1252 from old Excel, accents and curly apostrophes included', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`nama;kode_desa\r\nDésirée;${SUNGAI_JERING}\r\nMa`, 'latin1'),
      Buffer.from([0x92]), // Windows-1252's right single quotation mark
      Buffer.from(`ruf Siregar;${TIGA_ALUR}\r\n`, 'latin1'),
    ]);
    expect(bytes.includes(Buffer.from([0xe9]))).toBe(true);
    const result = await runImport(bytes, { period: '2026-06', source: 'cp1252' });
    expect(result).toMatchObject({ status: 'committed', rowsAccepted: 2 });
    expect(await importRow(result.importId)).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
    });
    const rows = await residentsOf(result.importId);
    expect(rows.map((r) => [r.nama_raw, r.nama, r.desa_code])).toEqual([
      ['Désirée', 'DÉSIRÉE', '1502172006'],
      ['Ma\u2019ruf Siregar', "MA'RUF SIREGAR", '1502172004'],
    ]);
  });
});

describe('an encoding guessed wrong', () => {
  // 300 KiB of plain ASCII first: the guess sees only the start of the file.
  const filler = Array.from({ length: 12_000 }, (_, i) => `Warga ${i},${SUNGAI_JERING}`);
  const bytes = Buffer.from(csv('nama,kode_desa', ...filler, `Désirée,${SUNGAI_JERING}`), 'latin1');

  it('refuses a file that turns out not to be UTF-8, naming the byte and the option', async () => {
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const result = await runImport(bytes, {
      period: '2026-07',
      source: 'late-accent',
      chunkBytes: 64 * 1024,
    });
    expect(result.status).toBe('failed');
    expect(result.failure).toMatch(/not valid UTF-8 \(byte [\d,]+\).*--encoding windows-1252/);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM residents WHERE period = '2026-07'`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('reads it whole with the encoding given', async () => {
    const result = await runImport(bytes, {
      period: '2026-07',
      source: 'late-accent',
      encoding: 'windows-1252',
      chunkBytes: 64 * 1024,
    });
    expect(result).toMatchObject({ status: 'committed', rowsAccepted: 12_001 });
    const { rows } = await sql<{ nama_raw: string }>`
      SELECT nama_raw FROM residents WHERE import_id = ${result.importId} AND row_no = 12002`.execute(
      database.db,
    );
    expect(rows[0]?.nama_raw).toBe('Désirée');
  });
});

describe('XLSX workbooks', () => {
  let workbook: ArrayBuffer;

  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    const first = book.addWorksheet('First');
    first.addRow(['nama', 'kode_desa', 'tanggal_lahir', 'nik']);
    first.addRow([
      'Siti Aminah',
      SUNGAI_JERING,
      new Date(Date.UTC(1990, 4, 1)),
      '1502174105900001',
    ]);
    // A village code typed into a numeric cell, a date typed as text.
    first.addRow(['Budi Santoso', 1502172003, '12-03-1985', '1502171203850002']);
    const second = book.addWorksheet('Second');
    second.addRow(['NAMA', 'KODE_DESA']);
    second.addRow(['Rina Harahap', TIGA_ALUR]);
    workbook = (await book.xlsx.writeBuffer()) as ArrayBuffer;
  });

  it('reads the first sheet by default', async () => {
    const result = await runImport(workbook, { period: '2026-07', fileName: 'penduduk.xlsx' });
    expect(result).toMatchObject({ status: 'committed', format: 'xlsx', rowsAccepted: 2 });
    expect(await importRow(result.importId)).toMatchObject({ file_format: 'xlsx', sheet: null });
    const rows = await residentsOf(result.importId);
    expect(rows.map((r) => [r.row_no, r.nama, r.desa_code, r.tanggal_lahir, r.nik])).toEqual([
      [2, 'SITI AMINAH', '1502172006', '1990-05-01', '1502174105900001'],
      [3, 'BUDI SANTOSO', '1502172003', '1985-03-12', '1502171203850002'],
    ]);
    // No sex or family card column; the dates (one a Date cell) agree with the NIKs.
    expect(rows.map((r) => [...r.flags].sort())).toEqual([
      ['NO_KK_MISSING', 'SEX_MISSING'],
      ['NO_KK_MISSING', 'SEX_MISSING'],
    ]);
  });

  it('reads the sheet named by the operator', async () => {
    const result = await runImport(workbook, {
      period: '2026-07',
      source: 'second-sheet',
      sheet: 'Second',
      fileName: 'penduduk.xlsx',
    });
    expect(result).toMatchObject({ status: 'committed', rowsAccepted: 1 });
    expect((await importRow(result.importId)).sheet).toBe('Second');
    const rows = await residentsOf(result.importId);
    expect(rows.map((r) => [r.row_no, r.nama, r.desa_code])).toEqual([
      [2, 'RINA HARAHAP', '1502172004'],
    ]);
  });

  it('fails on a sheet name the workbook lacks, naming the sheets it has', async () => {
    const result = await runImport(workbook, {
      period: '2026-07',
      source: 'no-such-sheet',
      sheet: 'Penduduk',
      fileName: 'penduduk.xlsx',
    });
    expect(result).toMatchObject({ status: 'failed', rowsAccepted: 0 });
    expect(result.failure).toMatch(/no sheet named "Penduduk"/);
    expect(result.failure).toContain('First, Second');
    expect(await importRow(result.importId)).toMatchObject({
      status: 'failed',
      failure: result.failure,
    });
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM residents r JOIN imports i ON i.id = r.import_id
      WHERE i.source = 'no-such-sheet'`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
  });
});

describe('an OpenSID resident export (one village, no village column)', () => {
  const OPENSID = csv(
    'nik,no_kk,nama,sex,tanggallahir,tempatlahir,pekerjaan_id,status_dasar,id_asuransi,rt,rw,dusun',
    '1502174105900001,1502170101200001,SITI AMINAH,2,1990-05-01,Bangko,2,1,2,001,002,Dusun Baru',
    '1502171203850002,1502170101200001,BUDI SANTOSO,1,1985-03-12,Bangko,9,1,1,001,002,Dusun Baru',
    '1502170101400003,1502170101200001,AHMAD LUBIS,1,1940-01-01,Jambi,89,2,99,001,002,Dusun Baru',
  );

  it('fails without --desa, telling the operator to name the village', async () => {
    const result = await runImport(OPENSID, { period: '2026-08', fileName: 'opensid.csv' });
    expect(result.status).toBe('failed');
    expect(result.failure).toMatch(/kode_desa/);
    expect(result.failure).toMatch(/OpenSID/);
    expect(result.failure).toContain('--desa');
    expect(await importRow(result.importId)).toMatchObject({ status: 'failed' });
  });

  it('refuses a --desa that is not a village code before reading anything', async () => {
    await expect(runImport(OPENSID, { period: '2026-08', desa: '15.02.17' })).rejects.toThrow(
      ImportFileError,
    );
    await expect(runImport(OPENSID, { period: '2026-08', desa: '15.02.17.9999' })).rejects.toThrow(
      /not a known village/,
    );
  });

  it('puts every row in the --desa village and reads OpenSID codes', async () => {
    const result = await runImport(OPENSID, {
      period: '2026-08',
      desa: SUNGAI_JERING,
      fileName: 'opensid.csv',
    });
    expect(result).toMatchObject({
      status: 'committed',
      source: 'desa:1502172006',
      rowsAccepted: 3,
      rowsFlagged: 0,
    });
    const history = await importRow(result.importId);
    expect(history.columns).toMatchObject({ _opensid: true, jenis_kelamin: 'sex' });
    const rows = await residentsOf(result.importId);
    expect(
      rows.map((r) => ({
        desa_code: r.desa_code,
        desa_code_raw: r.desa_code_raw,
        kabupaten_code: r.kabupaten_code,
        jenis_kelamin: r.jenis_kelamin,
        tanggal_lahir: r.tanggal_lahir,
        tempat_lahir: r.tempat_lahir,
        pekerjaan: r.pekerjaan,
        status_dasar: r.status_dasar,
        hidup: r.hidup,
        id_asuransi: r.id_asuransi,
        rt: r.rt,
        rw: r.rw,
        dusun: r.dusun,
      })),
    ).toEqual([
      {
        desa_code: '1502172006',
        desa_code_raw: null,
        kabupaten_code: '1502',
        jenis_kelamin: 'P',
        tanggal_lahir: '1990-05-01',
        tempat_lahir: 'Bangko',
        pekerjaan: 'MENGURUS RUMAH TANGGA',
        status_dasar: 1,
        hidup: true,
        id_asuransi: 2,
        rt: '001',
        rw: '002',
        dusun: 'Dusun Baru',
      },
      {
        desa_code: '1502172006',
        desa_code_raw: null,
        kabupaten_code: '1502',
        jenis_kelamin: 'L',
        tanggal_lahir: '1985-03-12',
        tempat_lahir: 'Bangko',
        pekerjaan: 'PETANI/PEKEBUN',
        status_dasar: 1,
        hidup: true,
        id_asuransi: 1,
        rt: '001',
        rw: '002',
        dusun: 'Dusun Baru',
      },
      {
        desa_code: '1502172006',
        desa_code_raw: null,
        kabupaten_code: '1502',
        jenis_kelamin: 'L',
        tanggal_lahir: '1940-01-01',
        tempat_lahir: 'Jambi',
        pekerjaan: 'LAINNYA',
        status_dasar: 2,
        hidup: false,
        id_asuransi: 99,
        rt: '001',
        rw: '002',
        dusun: 'Dusun Baru',
      },
    ]);
  });
});

describe('column mapping and extra columns', () => {
  it('reads a field from the column named in the map, over the usual alias', async () => {
    const result = await runImport(
      csv(
        'nama,NAMA_LENGKAP,kode_desa',
        `Siti,Siti Aminah,${SUNGAI_JERING}`,
        `Budi,Budi Santoso,${SUNGAI_JERING}`,
      ),
      { period: '2026-09', source: 'mapped', map: { nama: 'NAMA_LENGKAP' } },
    );
    expect(result).toMatchObject({ status: 'committed', rowsAccepted: 2 });
    const rows = await residentsOf(result.importId);
    expect(rows.map((r) => [r.nama, r.extra])).toEqual([
      ['SITI AMINAH', { nama: 'Siti' }],
      ['BUDI SANTOSO', { nama: 'Budi' }],
    ]);
    expect((await importRow(result.importId)).columns).toMatchObject({
      nama: 'NAMA_LENGKAP',
      kode_desa: 'kode_desa',
      _extra: ['nama'],
    });
  });

  it('needs the map for a header it does not know, and keeps unknown columns as extra', async () => {
    const file = csv(
      'Nama Warga,kode_desa,Warna Rumah,catatan',
      `Siti Aminah,${SUNGAI_JERING},hijau,`,
      `Budi Santoso,${SUNGAI_JERING},,`,
    );
    const unmapped = await runImport(file, { period: '2026-09', source: 'warga' });
    expect(unmapped.status).toBe('failed');
    expect(unmapped.failure).toMatch(/missing required column\(s\): nama\b/);
    expect(unmapped.failure).toContain('--map nama=HEADER');

    const mapped = await runImport(file, {
      period: '2026-09',
      source: 'warga',
      map: { nama: 'nama warga' },
    });
    expect(mapped).toMatchObject({ status: 'committed', rowsAccepted: 2 });
    const rows = await residentsOf(mapped.importId);
    expect(rows.map((r) => [r.nama, r.extra])).toEqual([
      ['SITI AMINAH', { 'Warna Rumah': 'hijau' }],
      ['BUDI SANTOSO', null],
    ]);
  });

  it('fails on a map to a column the file does not have', async () => {
    const result = await runImport(csv('nama,kode_desa', `Siti Aminah,${SUNGAI_JERING}`), {
      period: '2026-09',
      source: 'bad-map',
      map: { nama: 'NAMA_LENGKAP' },
    });
    expect(result.status).toBe('failed');
    expect(result.failure).toMatch(/no column "NAMA_LENGKAP"/);
  });
});

describe('a membership extract', () => {
  const EXTRACT = csv(
    'noka,nik,nama,tanggal_lahir,jenis_kelamin,kode_desa,segmen,kelas,status',
    `0001234567890,1502174105900001,SITI AMINAH,1990-05-01,P,${SUNGAI_JERING},PBI APBN,3,AKTIF`,
    `0001234567891,1502171203850002,BUDI SANTOSO,1985-03-12,L,${SUNGAI_JERING},PBPU,2,NONAKTIF`,
    `0001234567890,1502175507100003,ANI LESTARI,2010-07-15,P,${SUNGAI_JERING},PBI APBN,3,AKTIF`,
  );

  async function membersInPeriod(period: string) {
    const { rows } = await sql<{
      import_id: number;
      row_no: number;
      noka: string;
      segmen: string;
      status: string;
    }>`
      SELECT import_id, row_no, noka, segmen, status FROM members WHERE period = ${period}
      ORDER BY row_no`.execute(database.db);
    return rows;
  }

  it('rejects a card number that appears twice, and imports nothing by default', async () => {
    const result = await runImport(EXTRACT, { kind: 'membership', period: '2026-10' });
    expect(result).toMatchObject({
      status: 'failed',
      kind: 'membership',
      source: 'bpjs',
      rowsAccepted: 0,
      rowsRejected: 1,
    });
    expect(result.rejects).toEqual([
      {
        rowNo: 4,
        column: 'noka',
        value: '0001234567890',
        reason: expect.stringMatching(/duplikat.*baris 2/),
      },
    ]);
    expect(await membersInPeriod('2026-10')).toEqual([]);
    expect(await importRow(result.importId)).toMatchObject({ status: 'failed', rows_rejected: 1 });
    expect(readRejectsCsv(result.rejectsFile as string)).toEqual([
      {
        row: '4',
        column: 'noka',
        value: '0001234567890',
        reason: expect.stringMatching(/duplikat/),
      },
    ]);
  });

  it('keeps the first of the duplicates when skipping bad rows', async () => {
    const result = await runImport(EXTRACT, {
      kind: 'membership',
      period: '2026-11',
      skipBadRows: true,
    });
    expect(result).toMatchObject({
      status: 'committed',
      rowsRead: 3,
      rowsAccepted: 2,
      rowsRejected: 1,
    });
    expect(await membersInPeriod('2026-11')).toEqual([
      {
        import_id: result.importId,
        row_no: 2,
        noka: '0001234567890',
        segmen: 'PBI_APBN',
        status: 'AKTIF',
      },
      {
        import_id: result.importId,
        row_no: 3,
        noka: '0001234567891',
        segmen: 'PBPU',
        status: 'NONAKTIF',
      },
    ]);
    expect(await importRow(result.importId)).toMatchObject({
      status: 'committed',
      rows_accepted: 2,
      rows_rejected: 1,
    });
  });
});

describe('official population figures', () => {
  it('reads codes of every level and populations with thousands separators', async () => {
    const result = await runImport(
      csv(
        'kode_wilayah,jumlah_penduduk,nama_wilayah',
        '15,"3.679.169",JAMBI',
        '15.02,"412,345",KABUPATEN MERANGIN',
        '150217,12.345,PANGKALAN JAMBU',
        `${SUNGAI_JERING},1234,SUNGAI JERING`,
        '1502172003,"1,050",BIRUN',
      ),
      { kind: 'population_figures', period: '2026-06' },
    );
    expect(result).toMatchObject({
      status: 'committed',
      kind: 'population_figures',
      source: 'dukcapil',
      rowsAccepted: 5,
    });
    const { rows } = await sql<{
      region_code: string;
      level: string;
      kabupaten_code: string | null;
      jumlah_penduduk: number;
      jumlah_penduduk_raw: string;
      extra: Record<string, string> | null;
    }>`
      SELECT region_code, level, kabupaten_code, jumlah_penduduk, jumlah_penduduk_raw, extra
      FROM population_figures WHERE import_id = ${result.importId} ORDER BY row_no`.execute(
      database.db,
    );
    expect(rows).toEqual([
      {
        region_code: '15',
        level: 'provinsi',
        kabupaten_code: null,
        jumlah_penduduk: 3_679_169,
        jumlah_penduduk_raw: '3.679.169',
        extra: { nama_wilayah: 'JAMBI' },
      },
      {
        region_code: '1502',
        level: 'kabupaten',
        kabupaten_code: '1502',
        jumlah_penduduk: 412_345,
        jumlah_penduduk_raw: '412,345',
        extra: { nama_wilayah: 'KABUPATEN MERANGIN' },
      },
      {
        region_code: '150217',
        level: 'kecamatan',
        kabupaten_code: '1502',
        jumlah_penduduk: 12_345,
        jumlah_penduduk_raw: '12.345',
        extra: { nama_wilayah: 'PANGKALAN JAMBU' },
      },
      {
        region_code: '1502172006',
        level: 'desa',
        kabupaten_code: '1502',
        jumlah_penduduk: 1234,
        jumlah_penduduk_raw: '1234',
        extra: { nama_wilayah: 'SUNGAI JERING' },
      },
      {
        region_code: '1502172003',
        level: 'desa',
        kabupaten_code: '1502',
        jumlah_penduduk: 1050,
        jumlah_penduduk_raw: '1,050',
        extra: { nama_wilayah: 'BIRUN' },
      },
    ]);
  });

  it('rejects unknown codes, unreadable numbers and a region given twice', async () => {
    const result = await runImport(
      csv(
        'kode_wilayah,jumlah_penduduk',
        '15.02,412345',
        '15.99,1000',
        '15.02.17,"12,5"',
        '1502,412000',
      ),
      { kind: 'population_figures', period: '2026-12' },
    );
    expect(result.status).toBe('failed');
    expect(result.rejects).toEqual([
      {
        rowNo: 3,
        column: 'kode_wilayah',
        value: '15.99',
        reason: expect.stringMatching(/tidak dikenal/),
      },
      {
        rowNo: 4,
        column: 'jumlah_penduduk',
        value: '12,5',
        reason: expect.stringMatching(/bilangan bulat/),
      },
      {
        rowNo: 5,
        column: 'kode_wilayah',
        value: '1502',
        reason: expect.stringMatching(/duplikat.*baris 2/),
      },
    ]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM population_figures WHERE period = '2026-12'`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
