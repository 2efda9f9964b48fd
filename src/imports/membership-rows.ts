// One row of the insurer's membership extract → one COPY line for `members`.
// Rejected only when it cannot stand for a member: no or malformed noka, no
// name, no known village, or a segment or status we cannot read.
import { nameKey } from '../reconcile/name-key.ts';
import { type CopyBuffer, copyCodeArray, copyField as f } from './copy-text.ts';
import type { Cell } from './read-table.ts';
import {
  ACCEPTED,
  ACCEPTED_FLAGGED,
  type Reject,
  type RowContext,
  type RowOutcome,
  RowReader,
} from './row-context.ts';
import { parseBirthDate } from './values/dates.ts';
import { cleanText, normaliseName } from './values/names.ts';
import { checkNikConsistency, normaliseNik } from './values/nik.ts';
import { normaliseNoka } from './values/noka.ts';
import { parseSex } from './values/sex.ts';
import {
  parseAlasan,
  parseKelas,
  parseSegmen,
  parseSmallInt,
  parseStatus,
} from './values/vocab.ts';

export const MEMBER_COLUMNS = [
  'import_id',
  'row_no',
  'period',
  'kabupaten_code',
  'desa_code',
  'desa_code_raw',
  'noka',
  'noka_raw',
  'nik',
  'nik_raw',
  'nama',
  'nama_raw',
  'nama_kunci',
  'tanggal_lahir',
  'tanggal_lahir_raw',
  'jenis_kelamin',
  'jenis_kelamin_raw',
  'segmen',
  'segmen_detail',
  'segmen_raw',
  'kelas',
  'kelas_raw',
  'status',
  'status_raw',
  'alasan_nonaktif',
  'alasan_nonaktif_raw',
  'bulan_tunggakan',
  'bulan_tunggakan_raw',
  'badan_usaha',
  'alamat',
  'faskes',
  'flags',
  'extra',
] as const;

/** The validator of one file's rows (one reader for the whole file). */
export function createMemberValidator(
  ctx: RowContext,
  out: CopyBuffer,
): (rowNo: number, cells: readonly Cell[]) => RowOutcome {
  const reader = new RowReader(ctx);
  return (rowNo, cells) => {
    const row = validateMember(ctx, reader.at(rowNo, cells));
    if (!row.ok) return row;
    out.push(row.line);
    return row.flagged ? ACCEPTED_FLAGGED : ACCEPTED;
  };
}

function validateMember(
  ctx: RowContext,
  r: RowReader,
): { ok: true; line: string; flagged: boolean } | { ok: false; rejects: Reject[] } {
  const rowNo = r.rowNo;
  const rejects: Reject[] = [];
  const noka = normaliseNoka(r.cell('noka'));
  if (!noka.ok) rejects.push(r.reject('noka', noka.reason));
  const namaRaw = r.raw('nama');
  const nama = normaliseName(namaRaw);
  if (nama === null) rejects.push(r.reject('nama', 'nama kosong'));
  const desa = r.desa('kode_desa');
  if (!desa.ok) rejects.push(desa.reject);
  const segmenRaw = r.raw('segmen');
  const segmen = parseSegmen(r.cell('segmen'));
  if (!segmen) {
    rejects.push(
      r.reject(
        'segmen',
        segmenRaw === null
          ? 'segmen kosong'
          : 'segmen tidak dikenal (PBI APBN, PBI APBD, PPU, PBPU, BP)',
      ),
    );
  }
  const statusRaw = r.raw('status');
  const status = parseStatus(r.cell('status'));
  if (!status) {
    rejects.push(
      r.reject(
        'status',
        statusRaw === null ? 'status kosong' : 'status tidak dikenal (AKTIF atau NONAKTIF)',
      ),
    );
  }
  if (!noka.ok || nama === null || !desa.ok || !segmen || !status) return { ok: false, rejects };

  const flags: string[] = [];
  if (noka.padded) flags.push('NOKA_ZERO_PADDED');
  const nikRaw = r.raw('nik');
  const nik = normaliseNik(r.cell('nik'));
  flags.push(...nik.flags);
  const birth = parseBirthDate(r.cell('tanggal_lahir'), ctx.asOf);
  if (birth.flag) flags.push(birth.flag);
  const sexRaw = r.raw('jenis_kelamin');
  const sex = parseSex(r.cell('jenis_kelamin'));
  if (sex === null) flags.push(sexRaw === null ? 'SEX_MISSING' : 'SEX_INVALID');
  flags.push(...checkNikConsistency(nik, sex, birth.date));
  if (nik.regionPrefix !== null && !ctx.regions.levels.has(nik.regionPrefix))
    flags.push('NIK_UNKNOWN_REGION');
  const kelasRaw = r.raw('kelas');
  const kelas = parseKelas(r.cell('kelas'));
  if (kelasRaw !== null && kelas === null) flags.push('KELAS_INVALID');
  const alasanRaw = r.raw('alasan_nonaktif');
  const alasan = parseAlasan(r.cell('alasan_nonaktif'));
  if (!alasan.known) flags.push('ALASAN_UNKNOWN');
  const tunggakanRaw = r.raw('bulan_tunggakan');
  const tunggakan = parseSmallInt(r.cell('bulan_tunggakan'), 0, 600);
  if (tunggakanRaw !== null && tunggakan === null) flags.push('TUNGGAKAN_INVALID');

  const line = [
    f(ctx.importId),
    f(rowNo),
    f(ctx.period),
    f(desa.kabupaten),
    f(desa.code),
    f(desa.raw),
    f(noka.noka),
    f(r.raw('noka')),
    f(nik.nik),
    f(nikRaw),
    f(nama),
    f(namaRaw),
    f(nameKey(nama)),
    f(birth.date),
    f(r.raw('tanggal_lahir')),
    f(sex),
    f(sexRaw),
    f(segmen.segmen),
    f(segmen.detail),
    f(segmenRaw),
    f(kelas),
    f(kelasRaw),
    f(status),
    f(statusRaw),
    f(alasan.alasan),
    f(alasanRaw),
    f(tunggakan),
    f(tunggakanRaw),
    f(cleanText(r.cell('badan_usaha'))),
    f(cleanText(r.cell('alamat'))),
    f(cleanText(r.cell('faskes'))),
    f(copyCodeArray(flags)),
    f(r.extras()),
  ].join('\t');
  return { ok: true, line, flagged: flags.length > 0 };
}
