// One row of a village population register → one COPY line for `residents`.
// Only a row that cannot stand for a person is rejected (no name, no known
// village); every other defect is kept and flagged, because the people with
// broken records are the ones the agents must find.
import { copyCodeArray, copyField as f } from './copy-text.ts';
import type { Cell } from './read-table.ts';
import { type RowContext, type RowOutcome, RowReader } from './row-context.ts';
import { parseBirthDate } from './values/dates.ts';
import { cleanText, normaliseName } from './values/names.ts';
import { checkNikConsistency, normaliseNik } from './values/nik.ts';
import { normaliseNoKk } from './values/no-kk.ts';
import { parseSex } from './values/sex.ts';
import { parseSmallInt, parseYesNo } from './values/vocab.ts';

export const RESIDENT_COLUMNS = [
  'import_id',
  'row_no',
  'period',
  'kabupaten_code',
  'desa_code',
  'desa_code_raw',
  'source_id',
  'nik',
  'nik_raw',
  'no_kk',
  'no_kk_raw',
  'nama',
  'nama_raw',
  'tanggal_lahir',
  'tanggal_lahir_raw',
  'tempat_lahir',
  'jenis_kelamin',
  'jenis_kelamin_raw',
  'alamat',
  'rt',
  'rw',
  'dusun',
  'pekerjaan',
  'pemberi_kerja',
  'desil',
  'desil_raw',
  'hamil',
  'stunting',
  'phk',
  'disabilitas',
  'status_dasar',
  'hidup',
  'kk_level',
  'id_asuransi',
  'no_asuransi',
  'flags',
  'extra',
] as const;

// Occupation codes of the civil registry (SIAK), which OpenSID's pekerjaan_id uses.
const PEKERJAAN: Readonly<Record<number, string>> = {
  1: 'BELUM/TIDAK BEKERJA',
  2: 'MENGURUS RUMAH TANGGA',
  3: 'PELAJAR/MAHASISWA',
  4: 'PENSIUNAN',
  5: 'PEGAWAI NEGERI SIPIL (PNS)',
  6: 'TENTARA NASIONAL INDONESIA (TNI)',
  7: 'KEPOLISIAN RI (POLRI)',
  8: 'PERDAGANGAN',
  9: 'PETANI/PEKEBUN',
  10: 'PETERNAK',
  11: 'NELAYAN/PERIKANAN',
  12: 'INDUSTRI',
  13: 'KONSTRUKSI',
  14: 'TRANSPORTASI',
  15: 'KARYAWAN SWASTA',
  16: 'KARYAWAN BUMN',
  17: 'KARYAWAN BUMD',
  18: 'KARYAWAN HONORER',
  19: 'BURUH HARIAN LEPAS',
  20: 'BURUH TANI/PERKEBUNAN',
  21: 'BURUH NELAYAN/PERIKANAN',
  22: 'BURUH PETERNAKAN',
  23: 'PEMBANTU RUMAH TANGGA',
  89: 'LAINNYA',
};

// OpenSID cacat_id: 1–6 are kinds of disability, 7 is "tidak cacat".
function disabilitas(value: Cell, openSid: boolean): boolean | null {
  const code = parseSmallInt(value, 1, 7);
  if (openSid && code !== null) return code !== 7;
  return parseYesNo(value);
}

export function validateResident(
  ctx: RowContext,
  rowNo: number,
  cells: readonly Cell[],
): RowOutcome {
  const r = new RowReader(ctx, rowNo, cells);
  const namaRaw = r.raw('nama');
  const nama = normaliseName(namaRaw);
  const desa = r.desa('kode_desa');
  if (nama === null || !desa.ok) {
    const rejects = [];
    if (nama === null) rejects.push(r.reject('nama', 'nama kosong'));
    if (!desa.ok) rejects.push(desa.reject);
    return { ok: false, rejects };
  }

  const flags: string[] = [];
  const nikRaw = r.raw('nik');
  const nik = normaliseNik(r.cell('nik'));
  flags.push(...nik.flags);
  const kk = normaliseNoKk(r.cell('no_kk'));
  flags.push(...kk.flags);
  const birth = parseBirthDate(r.cell('tanggal_lahir'), ctx.asOf);
  if (birth.flag) flags.push(birth.flag);
  const sexRaw = r.raw('jenis_kelamin');
  const sex = parseSex(r.cell('jenis_kelamin'));
  if (sex === null) flags.push(sexRaw === null ? 'SEX_MISSING' : 'SEX_INVALID');
  flags.push(...checkNikConsistency(nik, sex, birth.date));
  if (nik.regionPrefix !== null && !ctx.regions.levels.has(nik.regionPrefix)) {
    // NIK prefixes predate region splits: a warning, never a rejection.
    flags.push('NIK_UNKNOWN_REGION');
  }
  const desilRaw = r.raw('desil');
  const desil = parseSmallInt(r.cell('desil'), 1, 10);
  if (desilRaw !== null && desil === null) flags.push('DESIL_INVALID');

  const statusDasar = parseSmallInt(r.cell('status_dasar'), 1, 9);
  const pekerjaanCell = r.cell('pekerjaan');
  const pekerjaanCode = ctx.mapping.openSid ? parseSmallInt(pekerjaanCell, 1, 99) : null;
  const pekerjaan =
    pekerjaanCode !== null
      ? (PEKERJAAN[pekerjaanCode] ?? `KODE ${pekerjaanCode}`)
      : cleanText(pekerjaanCell);

  const line = [
    f(ctx.importId),
    f(rowNo),
    f(ctx.period),
    f(desa.kabupaten),
    f(desa.code),
    f(desa.raw),
    f(cleanText(r.cell('id')) ?? `${ctx.fileName}:${rowNo}`),
    f(nik.nik),
    f(nikRaw),
    f(kk.noKk),
    f(r.raw('no_kk')),
    f(nama),
    f(namaRaw),
    f(birth.date),
    f(r.raw('tanggal_lahir')),
    f(cleanText(r.cell('tempat_lahir'))),
    f(sex),
    f(sexRaw),
    f(cleanText(r.cell('alamat'))),
    f(cleanText(r.cell('rt'))),
    f(cleanText(r.cell('rw'))),
    f(cleanText(r.cell('dusun'))),
    f(pekerjaan),
    f(cleanText(r.cell('pemberi_kerja'))),
    f(desil),
    f(desilRaw),
    f(parseYesNo(r.cell('hamil'))),
    f(parseYesNo(r.cell('stunting'))),
    f(parseYesNo(r.cell('phk'))),
    f(disabilitas(r.cell('disabilitas'), ctx.mapping.openSid)),
    f(statusDasar),
    f(statusDasar === null || statusDasar === 1),
    f(cleanText(r.cell('kk_level'))),
    f(parseSmallInt(r.cell('id_asuransi'), 1, 99)),
    f(cleanText(r.cell('no_asuransi'))),
    f(copyCodeArray(flags)),
    f(r.extras()),
  ].join('\t');
  return { ok: true, line, flagged: flags.length > 0 };
}
