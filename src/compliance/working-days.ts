// Calendar arithmetic for deadlines: dates are 'YYYY-MM-DD' strings (as the
// database returns them), worked on in UTC so that no time zone shifts a day.
//
// A working day is Monday to Friday. Public holidays (libur nasional, cuti
// bersama) are not counted yet: a warning issued before Lebaran is due a few
// days earlier here than on paper. A holiday table would slot in at isWorkingDay.
import { todayInJakarta } from '../indicators/periods.ts';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function toUtc(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

export function isWorkingDay(date: string): boolean {
  const day = weekdayOf(date);
  return day !== 0 && day !== 6;
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/**
 * The date `days` working days after `start` (the start itself not counted):
 * a warning given on Friday 7 June 2024 with ten working days is due Friday
 * 21 June; one given on Saturday 8 June, too.
 */
export function addWorkingDays(start: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days: a whole number, 0 or more');
  let date = start;
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when to ≤ from). */
export function workingDaysBetween(from: string, to: string): number {
  const a = toUtc(from);
  const b = toUtc(to);
  if (b <= a) return 0;
  const total = Math.round((b - a) / DAY_MS);
  const weeks = Math.floor(total / 7);
  let count = weeks * 5;
  for (let ms = a + weeks * 7 * DAY_MS + DAY_MS; ms <= b; ms += DAY_MS) {
    if (isWorkingDay(fromUtc(ms))) count += 1;
  }
  return count;
}

/** Where services read today from: injectable for tests, Jakarta's date otherwise. */
export interface Clock {
  /** YYYY-MM-DD; default: today in Asia/Jakarta. */
  today?: string | undefined;
}

export function todayOf(clock: Clock): string {
  const today = clock.today ?? todayInJakarta();
  if (!isIsoDate(today)) throw new RangeError(`today: ${today} is not a date (YYYY-MM-DD)`);
  return today;
}
