// Birth-date parser for imported rows. Village spreadsheets and insurer
// extracts write dates every which way, and XLSX hands over serial numbers or
// Date objects; everything ends up as an ISO calendar date (YYYY-MM-DD) or a
// flag. A bad birth date never rejects a row (formats.md), so nothing throws.

export type DateFlag = 'BIRTHDATE_MISSING' | 'BIRTHDATE_INVALID' | 'BIRTHDATE_IMPOSSIBLE';

export interface BirthDateResult {
  date: string | null;
  flag: DateFlag | null;
}

/** 9999-12-31, the last date Excel can represent. */
const MAX_EXCEL_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;
/** 1899-12-30: serial 0 once Excel's phantom 1900-02-29 (serial 60) is skipped. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

// Fresh objects each time: callers may attach or mutate results.
const missing = (): BirthDateResult => ({ date: null, flag: 'BIRTHDATE_MISSING' });
const invalid = (): BirthDateResult => ({ date: null, flag: 'BIRTHDATE_INVALID' });
const impossible = (): BirthDateResult => ({ date: null, flag: 'BIRTHDATE_IMPOSSIBLE' });

function pad(n: number, width: number): string {
  return n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0');
}

export function formatIsoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/**
 * The latest acceptable birth date, as YYYYMMDD in a number. A caller may build `asOf` at UTC midnight
 * (new Date('2025-06-30')) or at local midnight (new Date(2025, 5, 30)), and a
 * server set to Indonesian time is a day ahead of UTC until 07:00 WIB; taking
 * the later of the UTC and local calendar days reads all of these as meant,
 * so no baby registered on its birthday is dated into the future.
 */
let cachedAsOf = Number.NaN;
let cachedLatest = 0;

function latestDate(asOf: Date | undefined): number {
  // An import passes the same asOf for every row: work it out once.
  const time = asOf instanceof Date ? asOf.getTime() : Number.NaN;
  if (time === cachedAsOf) return cachedLatest;
  const latest = computeLatestDate(asOf);
  if (!Number.isNaN(time)) {
    cachedAsOf = time;
    cachedLatest = latest;
  }
  return latest;
}

function computeLatestDate(asOf: Date | undefined): number {
  const at = asOf instanceof Date && !Number.isNaN(asOf.getTime()) ? asOf : new Date();
  const utc = at.getUTCFullYear() * 10_000 + (at.getUTCMonth() + 1) * 100 + at.getUTCDate();
  const local = at.getFullYear() * 10_000 + (at.getMonth() + 1) * 100 + at.getDate();
  return Math.max(utc, local);
}

function fromParts(
  y: number,
  m: number,
  d: number,
  asOf: Date | undefined,
  iso?: string,
): BirthDateResult {
  if (!isCalendarDate(y, m, d)) return invalid();
  if (y < 1880 || y > 9999 || y * 10_000 + m * 100 + d > latestDate(asOf)) return impossible();
  return { date: iso ?? formatIsoDate(y, m, d), flag: null };
}

function fromExcelSerial(serial: number, asOf: Date | undefined): BirthDateResult {
  // The fraction is the time of day.
  const whole = Math.floor(serial);
  // Excel believes 1900 was a leap year: serial 60 is 1900-02-29, a day that
  // never existed, and every later serial is one day ahead of the calendar.
  if (whole < 1 || whole === 60 || whole > MAX_EXCEL_SERIAL) return invalid();
  const days = whole < 60 ? whole + 1 : whole;
  const at = new Date(EXCEL_EPOCH_MS + days * DAY_MS);
  return fromParts(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), asOf);
}

/**
 * A whole number between 1880 and 2100 is read as a bare year, not as an Excel
 * serial (which would land in 1905): old residents are often recorded with
 * only their birth year, and inventing a day for them would be wrong.
 */
function looksLikeBareYear(n: number): boolean {
  return Number.isInteger(n) && n >= 1880 && n <= 2100;
}

// Anything after the date must look like a time of day, so that
// "1980-01-02 00:00:00" and "1980-01-02T00:00:00Z" pass but trailing junk does not.
const TIME = String.raw`(?:[T\s]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[AP]M)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`, 'i');
const DMY = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`, 'i');
const COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`, 'i');
const SERIAL = /^\d{1,5}(?:\.\d+)?$/;
/** MySQL's zero date, which OpenSID exports for "unknown". */
const ZERO_DATE = /^(?:0000(?<a>[-/.]?)00\k<a>00|00(?<b>[-/.]?)00\k<b>0000)(?:[T\s].*)?$/;

/** YYYYMMDD, or DDMMYYYY when the digits are not a real YYYYMMDD date. */
function fromEightDigits(digits: string, asOf: Date | undefined): BirthDateResult {
  const asYmd = fromParts(
    Number(digits.slice(0, 4)),
    Number(digits.slice(4, 6)),
    Number(digits.slice(6, 8)),
    asOf,
  );
  if (asYmd.flag !== 'BIRTHDATE_INVALID') return asYmd;
  // DDMMYYYY is common in hand-kept sheets. No string is a plausible date
  // (1880 or later) both ways round, so the fallback cannot steal a YYYYMMDD.
  const asDmy = fromParts(
    Number(digits.slice(4, 8)),
    Number(digits.slice(2, 4)),
    Number(digits.slice(0, 2)),
    asOf,
  );
  return asDmy.flag === null ? asDmy : asYmd;
}

// Printable ASCII needs no Unicode folding (the common case, and NFKC is slow).
const PRINTABLE_ASCII = /^[ -~]*$/;

/** Two ASCII digits at i as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const isSeparator = (c: number) => c === 45 || c === 47 || c === 46; // - / .

/**
 * YYYY-MM-DD and DD-MM-YYYY (any of - / .) spelled out in full, the shapes of
 * nearly every register, read without a regular expression; null for
 * anything else, which takes the general path. Same results as that path.
 */
function tenCharacterDate(raw: string, asOf: Date | undefined): BirthDateResult | null {
  if (raw.length !== 10) return null;
  const sep4 = raw.charCodeAt(4);
  if (isSeparator(sep4) && raw.charCodeAt(7) === sep4) {
    const hi = twoDigits(raw, 0);
    const lo = twoDigits(raw, 2);
    const m = twoDigits(raw, 5);
    const d = twoDigits(raw, 8);
    if (hi < 0 || lo < 0 || m < 0 || d < 0 || (hi === 0 && lo === 0)) return null;
    // Already the ISO form: keep the very string.
    return fromParts(hi * 100 + lo, m, d, asOf, sep4 === 45 ? raw : undefined);
  }
  const sep2 = raw.charCodeAt(2);
  if (isSeparator(sep2) && raw.charCodeAt(5) === sep2) {
    const d = twoDigits(raw, 0);
    const m = twoDigits(raw, 3);
    const hi = twoDigits(raw, 6);
    const lo = twoDigits(raw, 8);
    if (hi < 0 || lo < 0 || m < 0 || d < 0 || (hi === 0 && lo === 0)) return null;
    return fromParts(hi * 100 + lo, m, d, asOf);
  }
  return null;
}

function parseText(raw: string, asOf: Date | undefined): BirthDateResult {
  const quick = tenCharacterDate(raw, asOf);
  if (quick) return quick;
  let text = (PRINTABLE_ASCII.test(raw) ? raw : raw.normalize('NFKC')).trim();
  if (text.startsWith("'")) text = text.slice(1).trim();
  if (text === '' || ZERO_DATE.test(text)) return missing();

  let m = YMD.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[3]), Number(m[4]), asOf);
  m = DMY.exec(text);
  if (m) return fromParts(Number(m[4]), Number(m[3]), Number(m[1]), asOf);
  m = COMPACT.exec(text);
  if (m) return fromEightDigits(`${m[1]}${m[2]}${m[3]}`, asOf);
  if (SERIAL.test(text)) {
    const n = Number(text);
    return looksLikeBareYear(n) ? invalid() : fromExcelSerial(n, asOf);
  }
  return invalid();
}

function parseNumber(n: number, asOf: Date | undefined): BirthDateResult {
  if (!Number.isFinite(n) || n < 0) return invalid();
  if (looksLikeBareYear(n)) return invalid();
  // A numeric cell holding 19800102 is a YYYYMMDD typed without separators;
  // Excel serials stop at 2958465, so the two readings never collide.
  if (Number.isInteger(n) && n >= 10_000_000 && n <= 99_999_999) {
    return fromEightDigits(String(n), asOf);
  }
  return fromExcelSerial(n, asOf);
}

export function parseBirthDate(raw: unknown, asOf?: Date): BirthDateResult {
  if (raw === null || raw === undefined) return missing();
  if (typeof raw === 'string') return parseText(raw, asOf);
  if (typeof raw === 'number') return parseNumber(raw, asOf);
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return invalid();
    // XLSX readers build dates at UTC midnight; the local parts would shift
    // the day west of Greenwich.
    return fromParts(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), asOf);
  }
  return invalid();
}
