// The columns each kind of file may carry (formats.md), with the header names
// they arrive under. A header is matched after normaliseHeader(); an operator
// can map any other header with --map field=HEADER.
import type { ImportKind } from '../db/schema.ts';

export interface FieldSpec {
  readonly aliases: readonly string[];
  /** A row without the value is rejected (formats.md "yes"). */
  readonly required?: boolean;
}

export type FieldTable = Readonly<Record<string, FieldSpec>>;

const kodeDesa = [
  'kode_desa',
  'kode_wilayah',
  'kd_desa',
  'kodedesa',
  'kode_kelurahan',
  'kode_desa_kelurahan',
];
const tanggalLahir = [
  'tanggal_lahir',
  'tanggallahir',
  'tgl_lahir',
  'tgllahir',
  'tanggal_lhr',
  'tgl_lhr',
];
const jenisKelamin = ['jenis_kelamin', 'sex', 'jk', 'kelamin', 'l_p', 'lp', 'gender'];

export const POPULATION_FIELDS = {
  id: { aliases: ['id', 'id_penduduk', 'record_id'] },
  nik: { aliases: ['nik', 'no_nik', 'nomor_nik', 'no_ktp', 'nik_ktp'] },
  no_kk: { aliases: ['no_kk', 'nokk', 'nomor_kk', 'kk', 'no_kartu_keluarga'] },
  nama: { aliases: ['nama', 'nama_lengkap', 'nama_penduduk'], required: true },
  tanggal_lahir: { aliases: tanggalLahir },
  tempat_lahir: { aliases: ['tempat_lahir', 'tempatlahir', 'tmp_lahir'] },
  jenis_kelamin: { aliases: jenisKelamin },
  kode_desa: { aliases: kodeDesa, required: true },
  alamat: { aliases: ['alamat', 'alamat_lengkap'] },
  rt: { aliases: ['rt'] },
  rw: { aliases: ['rw'] },
  dusun: { aliases: ['dusun', 'nama_dusun'] },
  pekerjaan: { aliases: ['pekerjaan', 'pekerjaan_id', 'jenis_pekerjaan'] },
  pemberi_kerja: { aliases: ['pemberi_kerja', 'nama_perusahaan', 'tempat_kerja', 'perusahaan'] },
  desil: { aliases: ['desil', 'desil_dtsen', 'desil_dtks', 'desil_kesejahteraan'] },
  hamil: { aliases: ['hamil', 'ibu_hamil'] },
  stunting: { aliases: ['stunting', 'anak_stunting'] },
  phk: { aliases: ['phk', 'korban_phk'] },
  disabilitas: { aliases: ['disabilitas', 'penyandang_disabilitas', 'cacat', 'cacat_id'] },
  status_dasar: { aliases: ['status_dasar'] },
  kk_level: { aliases: ['kk_level', 'hubungan_keluarga', 'shdk'] },
  id_asuransi: { aliases: ['id_asuransi'] },
  no_asuransi: { aliases: ['no_asuransi'] },
} as const satisfies FieldTable;

export const MEMBERSHIP_FIELDS = {
  noka: {
    aliases: ['noka', 'no_kartu', 'nomor_kartu', 'no_kartu_jkn', 'nokartu', 'no_jkn', 'noka_jkn'],
    required: true,
  },
  nik: { aliases: ['nik', 'no_nik', 'nik_peserta'] },
  nama: { aliases: ['nama', 'nama_peserta', 'nmpst', 'nama_lengkap'], required: true },
  tanggal_lahir: { aliases: tanggalLahir },
  jenis_kelamin: { aliases: jenisKelamin },
  kode_desa: { aliases: [...kodeDesa, 'kode_desa_domisili'], required: true },
  segmen: { aliases: ['segmen', 'segmen_peserta', 'jenis_peserta', 'kepesertaan'], required: true },
  kelas: { aliases: ['kelas', 'kelas_rawat', 'hak_kelas'] },
  status: { aliases: ['status', 'status_peserta', 'status_kepesertaan'], required: true },
  alasan_nonaktif: { aliases: ['alasan_nonaktif', 'keterangan_nonaktif', 'alasan'] },
  bulan_tunggakan: {
    aliases: ['bulan_tunggakan', 'jumlah_bulan_tunggakan', 'tunggakan_bulan', 'lama_tunggakan'],
  },
  badan_usaha: { aliases: ['badan_usaha', 'nama_badan_usaha', 'pemberi_kerja', 'perusahaan'] },
  alamat: { aliases: ['alamat'] },
  faskes: { aliases: ['faskes', 'fktp', 'faskes_tingkat_1', 'nama_faskes'] },
} as const satisfies FieldTable;

export const FIGURES_FIELDS = {
  kode_wilayah: {
    aliases: [
      'kode_wilayah',
      'kode',
      'kode_wil',
      'kode_desa',
      'kode_kecamatan',
      'kode_kabupaten',
      'kode_provinsi',
    ],
    required: true,
  },
  jumlah_penduduk: {
    aliases: ['jumlah_penduduk', 'jumlah', 'penduduk', 'jml_penduduk', 'total_penduduk'],
    required: true,
  },
} as const satisfies FieldTable;

export const FIELDS_BY_KIND: Record<ImportKind, FieldTable> = {
  population: POPULATION_FIELDS,
  membership: MEMBERSHIP_FIELDS,
  population_figures: FIGURES_FIELDS,
};

/** 'Tanggal Lahir ' → 'tanggal_lahir': case, spacing and punctuation folded. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** OpenSID's resident spreadsheet: one village's file, with its own codes. */
const OPENSID_MARKERS = ['tanggallahir', 'status_dasar', 'id_asuransi', 'pekerjaan_id', 'kk_level'];

export function looksLikeOpenSid(headers: readonly string[]): boolean {
  const set = new Set(headers.map(normaliseHeader));
  return set.has('sex') && OPENSID_MARKERS.filter((m) => set.has(m)).length >= 2;
}

export class HeaderError extends Error {}

export interface ColumnMapping {
  /** field → column index in the file */
  readonly fields: ReadonlyMap<string, number>;
  /** column index → original header, for columns kept as extra attributes */
  readonly extras: ReadonlyMap<number, string>;
  /** field → original header, for the import history */
  readonly used: Record<string, string>;
  readonly openSid: boolean;
}

/**
 * Matches a file's headers to fields. `overrides` (from --map) win over
 * aliases; unknown headers become extra attributes. Throws HeaderError when a
 * required column is missing (unless `supplied` provides it for every row).
 */
export function mapColumns(
  kind: ImportKind,
  headers: readonly string[],
  overrides: Readonly<Record<string, string>>,
  supplied: ReadonlySet<string>,
): ColumnMapping {
  const table = FIELDS_BY_KIND[kind];
  const normal = headers.map(normaliseHeader);
  const fields = new Map<string, number>();
  const used: Record<string, string> = {};
  const taken = new Set<number>();
  for (const [field, header] of Object.entries(overrides)) {
    if (!(field in table)) {
      throw new HeaderError(
        `--map ${field}=${header}: unknown field "${field}"; known fields: ${Object.keys(table).join(', ')}`,
      );
    }
    const index = normal.indexOf(normaliseHeader(header));
    if (index < 0) {
      throw new HeaderError(`--map ${field}=${header}: the file has no column "${header}"`);
    }
    fields.set(field, index);
    taken.add(index);
  }
  for (const [field, spec] of Object.entries(table)) {
    if (fields.has(field)) continue;
    for (const alias of spec.aliases) {
      const index = normal.findIndex((h, i) => h === alias && !taken.has(i));
      if (index >= 0) {
        fields.set(field, index);
        taken.add(index);
        break;
      }
    }
  }
  const missing = Object.entries(table)
    .filter(([field, spec]) => spec.required && !fields.has(field) && !supplied.has(field))
    .map(([field]) => field);
  const openSid = kind === 'population' && looksLikeOpenSid(headers);
  if (missing.length > 0) {
    const hint =
      missing.includes('kode_desa') && kind === 'population'
        ? openSid
          ? ' This looks like an OpenSID export of one village: name the village with --desa CODE.'
          : ' Name the village for the whole file with --desa CODE, or map the column with --map kode_desa=HEADER.'
        : ` Map a column with --map ${missing[0]}=HEADER.`;
    throw new HeaderError(`missing required column(s): ${missing.join(', ')}.${hint}`);
  }
  for (const [field, index] of fields) used[field] = headers[index] ?? '';
  const extras = new Map<number, string>();
  headers.forEach((h, i) => {
    if (!taken.has(i) && h.trim() !== '') extras.set(i, h.trim());
  });
  return { fields, extras, used, openSid };
}
