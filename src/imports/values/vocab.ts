// Parsers for the small coded vocabularies of the membership extract and the
// village register: segment, status, reason for inactivity, care class, yes/no
// flags and small counts. Branch offices and village clerks spell these many
// ways; each parser accepts the spellings seen in the field and nothing it
// would have to guess at.

/** Upper-case letters and digits only: "PBI-JK", "pbi jk" and "PBI_JK" share one key. */
function compactKey(raw: unknown): string | null {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (typeof raw === 'number' && Number.isFinite(raw)) text = String(raw);
  else return null;
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

export type Segmen = 'PBI_APBN' | 'PBI_APBD' | 'PPU' | 'PBPU' | 'BP';

const SEGMEN_ALIASES: ReadonlyMap<string, Segmen> = new Map<string, Segmen>([
  ['PBIAPBN', 'PBI_APBN'],
  ['PBIJK', 'PBI_APBN'],
  ['PBI', 'PBI_APBN'],
  ['PBIAPBD', 'PBI_APBD'],
  ['PBPUPEMDA', 'PBI_APBD'],
  ['PEMDA', 'PBI_APBD'],
  ['APBD', 'PBI_APBD'],
  ['PBPUBPPEMDA', 'PBI_APBD'],
  ['PBPU', 'PBPU'],
  ['MANDIRI', 'PBPU'],
  ['PBPUMANDIRI', 'PBPU'],
  ['PEKERJABUKANPENERIMAUPAH', 'PBPU'],
  ['BP', 'BP'],
  ['BUKANPEKERJA', 'BP'],
]);

const PPU_PREFIXES = ['PEKERJAPENERIMAUPAH', 'PPU'];
const PPU_DETAILS: ReadonlyMap<string, 'PN' | 'BU' | null> = new Map<string, 'PN' | 'BU' | null>([
  ['', null],
  ['PN', 'PN'],
  ['PENYELENGGARANEGARA', 'PN'],
  ['BU', 'BU'],
  ['BADANUSAHA', 'BU'],
]);

export function parseSegmen(raw: unknown): { segmen: Segmen; detail: 'PN' | 'BU' | null } | null {
  const key = compactKey(raw);
  if (key === null || key === '') return null;
  const segmen = SEGMEN_ALIASES.get(key);
  if (segmen !== undefined) return { segmen, detail: null };
  // PPU carries its sub-segment (civil servants vs private employers) in the
  // same cell; anything after the prefix that is not a known detail is not PPU
  // as far as we can tell, and an unknown segment rejects the row for review.
  for (const prefix of PPU_PREFIXES) {
    if (!key.startsWith(prefix)) continue;
    const detail = PPU_DETAILS.get(key.slice(prefix.length));
    if (detail !== undefined) return { segmen: 'PPU', detail };
  }
  return null;
}

export type StatusPeserta = 'AKTIF' | 'NONAKTIF';

const STATUS_ALIASES: ReadonlyMap<string, StatusPeserta> = new Map<string, StatusPeserta>([
  ['AKTIF', 'AKTIF'],
  ['A', 'AKTIF'],
  ['ACTIVE', 'AKTIF'],
  ['AKTIFACTIVE', 'AKTIF'],
  ['NONAKTIF', 'NONAKTIF'],
  ['TIDAKAKTIF', 'NONAKTIF'],
  ['N', 'NONAKTIF'],
  ['INACTIVE', 'NONAKTIF'],
  ['NONAKTIFINACTIVE', 'NONAKTIF'],
  ['TIDAKAKTIFINACTIVE', 'NONAKTIF'],
]);

export function parseStatus(raw: unknown): StatusPeserta | null {
  const key = compactKey(raw);
  return key === null ? null : (STATUS_ALIASES.get(key) ?? null);
}

export type AlasanNonaktif =
  | 'TUNGGAKAN'
  | 'PBI_NONAKTIF'
  | 'PPU_BERHENTI'
  | 'MENINGGAL'
  | 'PINDAH'
  | 'LAINNYA';

const ALASAN_ALIASES: ReadonlyMap<string, AlasanNonaktif> = new Map<string, AlasanNonaktif>([
  ['TUNGGAKAN', 'TUNGGAKAN'],
  ['MENUNGGAK', 'TUNGGAKAN'],
  ['TUNGGAK', 'TUNGGAKAN'],
  ['PBINONAKTIF', 'PBI_NONAKTIF'],
  ['PBIDINONAKTIFKAN', 'PBI_NONAKTIF'],
  ['PPUBERHENTI', 'PPU_BERHENTI'],
  ['PHK', 'PPU_BERHENTI'],
  ['BERHENTIBEKERJA', 'PPU_BERHENTI'],
  ['MENINGGAL', 'MENINGGAL'],
  ['MENINGGALDUNIA', 'MENINGGAL'],
  ['WAFAT', 'MENINGGAL'],
  ['MATI', 'MENINGGAL'],
  ['PINDAH', 'PINDAH'],
  ['MUTASI', 'PINDAH'],
  ['LAINNYA', 'LAINNYA'],
  ['LAINLAIN', 'LAINNYA'],
]);

export function parseAlasan(raw: unknown): { alasan: AlasanNonaktif | null; known: boolean } {
  // No reason is a legitimate value (active members have none).
  if (isBlank(raw)) return { alasan: null, known: true };
  const key = compactKey(raw);
  const alasan = key === null ? undefined : ALASAN_ALIASES.get(key);
  // Unrecognised text still says "inactive for some reason": keep it as
  // LAINNYA and let the import report the unknown wording.
  return alasan === undefined ? { alasan: 'LAINNYA', known: false } : { alasan, known: true };
}

const KELAS = /^(?:KELAS|KLS|KL)?(0?[123]|III|II|I)$/;
const ROMAN: Readonly<Record<string, 1 | 2 | 3>> = { I: 1, II: 2, III: 3 };

export function parseKelas(raw: unknown): 1 | 2 | 3 | null {
  if (typeof raw === 'number') return raw === 1 || raw === 2 || raw === 3 ? raw : null;
  const key = compactKey(raw);
  const m = key === null ? null : KELAS.exec(key);
  const value = m?.[1];
  if (value === undefined) return null;
  const n = ROMAN[value] ?? Number(value);
  return n === 1 || n === 2 || n === 3 ? n : null;
}

// T is "tidak" (no): Indonesian sheets write Y/T for ya/tidak, and reading T
// as TRUE would mark a whole village pregnant. Excel's TRUE/FALSE is spelt out.
// BENAR/SALAH is how Indonesian-locale Excel writes TRUE/FALSE into a CSV.
const YES = new Set(['1', 'Y', 'YA', 'YES', 'TRUE', 'X', 'BENAR']);
const NO = new Set(['0', 'N', 'T', 'TIDAK', 'TDK', 'NO', 'FALSE', 'F', 'SALAH']);

export function parseYesNo(raw: unknown): boolean | null {
  // XLSX boolean cells arrive as real booleans.
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : null;
  if (typeof raw !== 'string') return null;
  const key = raw.normalize('NFKC').trim().toUpperCase();
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

export function parseSmallInt(raw: unknown, min: number, max: number): number | null {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim())) n = Number(raw.trim());
  else return null;
  if (!Number.isInteger(n) || n < min || n > max) return null;
  // -0 would print as "0" but compare oddly with Object.is; store a plain zero.
  return n === 0 ? 0 : n;
}
