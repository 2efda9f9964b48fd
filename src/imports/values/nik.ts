// NIK (Nomor Induk Kependudukan) normaliser: turns whatever a village register
// or insurer extract holds in its NIK column into a 16-digit string plus
// data-quality flags. A bad NIK never rejects a row (formats.md): the flags are
// findings for the monthly sync, so this module reports, it does not refuse.

export type NikFlag =
  | 'NIK_MISSING'
  | 'NIK_TEMPORARY'
  | 'NIK_MALFORMED'
  | 'NIK_INVALID_DATE'
  | 'NIK_SEX_MISMATCH'
  | 'NIK_BIRTHDATE_MISMATCH';

export interface NikInfo {
  nik: string | null;
  flags: NikFlag[];
  regionPrefix: string | null;
  sex: 'L' | 'P' | null;
  birth: { day: number; month: number; yy: number } | null;
}

/**
 * The digit string an identifier cell stands for, before any length check.
 * Shared by NIK, No. KK and noka, which all arrive through the same
 * spreadsheets with the same damage.
 * - `null`: the cell is empty.
 * - `undefined`: the cell holds something that cannot be an identifier
 *   (a fraction, a negative number, a boolean, an object).
 * - otherwise the cleaned text (it may still contain non-digits).
 */
function allDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function identifierText(raw: unknown): string | null | undefined {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') {
    // XLSX numeric cells: a 16-digit integer is above 2^53 for some provinces
    // and String() switches to exponent notation from 1e21, so go through
    // BigInt, which prints the stored integer exactly.
    if (!Number.isInteger(raw) || raw < 0) return undefined;
    return BigInt(raw).toString();
  }
  if (typeof raw === 'bigint') return raw < 0n ? undefined : raw.toString();
  if (typeof raw !== 'string') return undefined;
  // The common case, a clean digit string, needs none of the folding below.
  if (allDigits(raw)) return raw;
  // NFKC folds full-width digits typed on some phone keyboards into ASCII.
  let text = raw.normalize('NFKC').trim();
  // Excel's text prefix: a leading apostrophe keeps the leading zeros alive.
  if (text.startsWith("'")) text = text.slice(1);
  return text.replace(/[\s.\-\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]/gu, '');
}

function result(
  nik: string | null,
  flags: NikFlag[],
  sex: NikInfo['sex'] = null,
  birth: NikInfo['birth'] = null,
): NikInfo {
  return { nik, flags, regionPrefix: nik === null ? null : nik.slice(0, 6), sex, birth };
}

/** Days in a month when only the two-digit year is known. */
function maxDay(month: number, yy: number): number {
  if (month === 2) {
    // yy % 4 === 0 is a leap year in either century that matters (2000 was leap),
    // so 29 February can only be rejected when yy is not a multiple of four.
    return yy % 4 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function normaliseNik(raw: unknown): NikInfo {
  const text = identifierText(raw);
  if (text === null || text === '') return result(null, ['NIK_MISSING']);
  if (text === undefined || text.length !== 16 || !allDigits(text)) {
    return result(null, ['NIK_MALFORMED']);
  }
  // Village systems hand out placeholder NIKs starting with 0 to people not yet
  // recorded by Dukcapil; the domain treats them as "no NIK".
  if (text.startsWith('0')) return result(null, ['NIK_TEMPORARY']);

  const dd = Number(text.slice(6, 8));
  const month = Number(text.slice(8, 10));
  const yy = Number(text.slice(10, 12));
  const female = dd >= 41 && dd <= 71;
  const day = female ? dd - 40 : dd;
  const dayInRange = female || (dd >= 1 && dd <= 31);
  const valid = dayInRange && month >= 1 && month <= 12 && day <= maxDay(month, yy);
  // A NIK with an impossible date is still kept: the insurer may hold the very
  // same wrong number, and matching on it is how the two records meet.
  if (!valid) return result(text, ['NIK_INVALID_DATE']);
  return result(text, [], female ? 'P' : 'L', { day, month, yy });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Compares the sex and birth date encoded in a NIK with the ones recorded next
 * to it. Unknown values on either side are not a mismatch: a gap is flagged by
 * the parsers of those fields, not here.
 */
export function checkNikConsistency(
  info: NikInfo,
  sex: 'L' | 'P' | null,
  birthDate: string | null,
): NikFlag[] {
  const flags: NikFlag[] = [];
  if (info.sex !== null && (sex === 'L' || sex === 'P') && info.sex !== sex) {
    flags.push('NIK_SEX_MISMATCH');
  }
  // birthDate is the parser's own YYYY-MM-DD (or null): read it by position.
  if (info.birth !== null && typeof birthDate === 'string' && ISO_DATE.test(birthDate)) {
    const year = Number(birthDate.slice(0, 4));
    const month = Number(birthDate.slice(5, 7));
    const day = Number(birthDate.slice(8, 10));
    if (info.birth.day !== day || info.birth.month !== month || info.birth.yy !== year % 100) {
      flags.push('NIK_BIRTHDATE_MISMATCH');
    }
  }
  return flags;
}
