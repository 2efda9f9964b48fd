// One row of a village population register → one COPY line for `residents`.
// Only a row that cannot stand for a person is rejected (no name, no known
// village); every other defect is kept and flagged, because the people with
// broken records are the ones the agents must find.

import { nameKey } from '../reconcile/name-key.ts';
import { rawText } from './cells.ts';
import { type CopyBuffer, copyCodeArray, copyField as f } from './copy-text.ts';
import { memoCell } from './memo.ts';
import type { Cell } from './read-table.ts';
import {
  ACCEPTED,
  ACCEPTED_FLAGGED,
  type RowContext,
  type RowOutcome,
  RowReader,
} from './row-context.ts';
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
  'nama_kunci',
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

const t = '\t';

/**
 * The validator of one file's rows: column positions are looked up and the
 * columns whose values repeat are memoised once per file (see memo.ts).
 */
export function createResidentValidator(
  ctx: RowContext,
  out: CopyBuffer,
): (rowNo: number, cells: readonly Cell[]) => RowOutcome {
  const r = new RowReader(ctx);
  const at = (field: string) => r.index(field);
  const iNama = at('nama');
  const iDesa = at('kode_desa');
  const iNik = at('nik');
  const iKk = at('no_kk');
  const iLahir = at('tanggal_lahir');
  const iSex = at('jenis_kelamin');
  const iDesil = at('desil');
  const iStatusDasar = at('status_dasar');
  const iPekerjaan = at('pekerjaan');
  const iId = at('id');
  const iTempatLahir = at('tempat_lahir');
  const iAlamat = at('alamat');
  const iRt = at('rt');
  const iRw = at('rw');
  const iDusun = at('dusun');
  const iPemberiKerja = at('pemberi_kerja');
  const iHamil = at('hamil');
  const iStunting = at('stunting');
  const iPhk = at('phk');
  const iDisabilitas = at('disabilitas');
  const iKkLevel = at('kk_level');
  const iIdAsuransi = at('id_asuransi');
  const iNoAsuransi = at('no_asuransi');
  const openSid = ctx.mapping.openSid;
  const importId = f(ctx.importId);
  const period = f(ctx.period);

  // One memo per column: its values repeat within the column, not across.
  const textColumn = () => memoCell((cell) => f(cleanText(cell)));
  const tempatLahirOf = textColumn();
  const alamatOf = textColumn();
  const rtOf = textColumn();
  const rwOf = textColumn();
  const dusunOf = textColumn();
  const pemberiKerjaOf = textColumn();
  const kkLevelOf = textColumn();
  const yesNoColumn = () => memoCell((cell) => f(parseYesNo(cell)));
  const hamilOf = yesNoColumn();
  const stuntingOf = yesNoColumn();
  const phkOf = yesNoColumn();
  const disabled = memoCell((cell) => f(disabilitas(cell, openSid)));
  const idAsuransi = memoCell((cell) => f(parseSmallInt(cell, 1, 99)));
  const sexOf = memoCell((cell) => {
    const sex = parseSex(cell);
    const raw = rawText(cell);
    const flag = sex !== null ? null : raw === null ? 'SEX_MISSING' : 'SEX_INVALID';
    return { sex, flag, copy: `${f(sex)}${t}${f(raw)}` };
  });
  const desilOf = memoCell((cell) => {
    const raw = rawText(cell);
    const desil = parseSmallInt(cell, 1, 10);
    return { flag: raw !== null && desil === null, copy: `${f(desil)}${t}${f(raw)}` };
  });
  const statusDasarOf = memoCell((cell) => {
    const status = parseSmallInt(cell, 1, 9);
    return `${f(status)}${t}${f(status === null || status === 1)}`;
  });
  const pekerjaanOf = memoCell((cell) => {
    const code = openSid ? parseSmallInt(cell, 1, 99) : null;
    return f(code !== null ? (PEKERJAAN[code] ?? `KODE ${code}`) : cleanText(cell));
  });

  return (rowNo, cells) => {
    r.at(rowNo, cells);
    const namaRaw = rawText(r.cellAt(iNama));
    const nama = normaliseName(namaRaw);
    const desaCell = r.cellAt(iDesa);
    const desa = r.lookupDesa(desaCell);
    if (nama === null || !desa.ok) {
      const rejects = [];
      if (nama === null) rejects.push(r.reject('nama', 'nama kosong'));
      if (!desa.ok) rejects.push(r.reject('kode_desa', desa.reason));
      return { ok: false, rejects };
    }

    const nikCell = r.cellAt(iNik);
    const nik = normaliseNik(nikCell);
    const flags: string[] = nik.flags.length > 0 ? nik.flags.slice() : [];
    const kkCell = r.cellAt(iKk);
    const kk = normaliseNoKk(kkCell);
    for (const flag of kk.flags) flags.push(flag);
    // Birth dates are nearly all distinct: parsed each time (the common
    // spellings take a fast path), not memoised.
    const lahirCell = r.cellAt(iLahir);
    const birth = parseBirthDate(lahirCell, ctx.asOf);
    if (birth.flag) flags.push(birth.flag);
    const sex = sexOf(r.cellAt(iSex));
    if (sex.flag) flags.push(sex.flag);
    if (nik.nik !== null) {
      for (const flag of checkNikConsistency(nik, sex.sex, birth.date)) flags.push(flag);
      // NIK prefixes predate region splits: a warning, never a rejection.
      if (nik.regionPrefix !== null && !ctx.regions.levels.has(nik.regionPrefix)) {
        flags.push('NIK_UNKNOWN_REGION');
      }
    }
    const desil = desilOf(r.cellAt(iDesil));
    if (desil.flag) flags.push('DESIL_INVALID');
    const idCell = r.cellAt(iId);
    const id = cleanText(idCell) ?? `${ctx.fileName}:${rowNo}`;

    // Straight into the batch's bytes, field by field.
    out.field(importId);
    out.field(String(rowNo));
    out.field(period);
    out.field(desa.kabupaten);
    out.field(desa.code);
    out.field(f(rawText(desaCell)));
    out.field(f(id));
    out.field(f(nik.nik));
    out.field(f(rawText(nikCell)));
    out.field(f(kk.noKk));
    out.field(f(rawText(kkCell)));
    out.field(f(nama));
    out.field(f(namaRaw));
    out.field(f(nameKey(nama)));
    out.field(f(birth.date));
    out.field(f(rawText(lahirCell)));
    out.field(tempatLahirOf(r.cellAt(iTempatLahir)));
    out.field(sex.copy);
    out.field(alamatOf(r.cellAt(iAlamat)));
    out.field(rtOf(r.cellAt(iRt)));
    out.field(rwOf(r.cellAt(iRw)));
    out.field(dusunOf(r.cellAt(iDusun)));
    out.field(pekerjaanOf(r.cellAt(iPekerjaan)));
    out.field(pemberiKerjaOf(r.cellAt(iPemberiKerja)));
    out.field(desil.copy);
    out.field(hamilOf(r.cellAt(iHamil)));
    out.field(stuntingOf(r.cellAt(iStunting)));
    out.field(phkOf(r.cellAt(iPhk)));
    out.field(disabled(r.cellAt(iDisabilitas)));
    out.field(statusDasarOf(r.cellAt(iStatusDasar)));
    out.field(kkLevelOf(r.cellAt(iKkLevel)));
    out.field(idAsuransi(r.cellAt(iIdAsuransi)));
    out.field(f(cleanText(r.cellAt(iNoAsuransi))));
    out.field(copyCodeArray(flags));
    out.last(f(r.extras()));
    return flags.length > 0 ? ACCEPTED_FLAGGED : ACCEPTED;
  };
}
