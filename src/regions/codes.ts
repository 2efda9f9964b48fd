// Kemendagri region codes: province (2 digits), kabupaten/kota (4), kecamatan
// (6), desa/kelurahan (10). Files write them dotted (15.02.17.2006) or plain
// (1502172006); Pesiar stores the plain digits and shows the dotted form.
// Every function here takes the canonical plain form unless it says otherwise.

export type RegionLevel = 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';
export type DesaKind = 'desa' | 'kelurahan' | 'desa_adat';

const LEVEL_BY_LENGTH: Readonly<Record<number, RegionLevel>> = {
  2: 'provinsi',
  4: 'kabupaten',
  6: 'kecamatan',
  10: 'desa',
};
const PLAIN = /^(?:\d{2}|\d{4}|\d{6}|\d{10})$/;
// Only whole prefixes of 2.2.2.4: "15.2" or "1502.17" are typing slips that
// could name a different region, so they are refused rather than repaired.
const DOTTED = /^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$/;

export function regionLevelOf(code: string): RegionLevel | null {
  if (typeof code !== 'string' || !PLAIN.test(code)) return null;
  return LEVEL_BY_LENGTH[code.length] ?? null;
}

export function normaliseRegionCode(raw: unknown): { code: string; level: RegionLevel } | null {
  let text: string;
  if (typeof raw === 'string') {
    text = raw.trim();
    // Excel's text prefix, added to keep a code from being read as a number.
    if (text.startsWith("'")) text = text.slice(1);
    if (DOTTED.test(text)) text = text.replaceAll('.', '');
  } else if (typeof raw === 'number') {
    // No province code starts with 0, so a numeric cell has lost nothing; a
    // fraction (15.02 typed into a numeric cell) is ambiguous and refused.
    if (!Number.isSafeInteger(raw) || raw < 0) return null;
    text = String(raw);
  } else {
    return null;
  }
  const level = regionLevelOf(text);
  return level === null ? null : { code: text, level };
}

export function formatRegionCode(code: string): string {
  if (regionLevelOf(code) === null) return code;
  const groups = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6)];
  return groups.filter((g) => g !== '').join('.');
}

export function parentCodeOf(code: string): string | null {
  switch (regionLevelOf(code)) {
    case 'desa':
      return code.slice(0, 6);
    case 'kecamatan':
      return code.slice(0, 4);
    case 'kabupaten':
      return code.slice(0, 2);
    default:
      return null;
  }
}

export function kabupatenCodeOf(code: string): string | null {
  const level = regionLevelOf(code);
  return level === null || level === 'provinsi' ? null : code.slice(0, 4);
}

export function desaKindOf(code: string): DesaKind | null {
  if (regionLevelOf(code) !== 'desa') return null;
  switch (code[6]) {
    case '1':
      return 'kelurahan';
    case '2':
      return 'desa';
    case '3':
      return 'desa_adat';
    default:
      return null;
  }
}

export function isKota(code: string): boolean {
  const kabupaten = kabupatenCodeOf(code);
  return kabupaten !== null && Number(kabupaten.slice(2, 4)) >= 71;
}
