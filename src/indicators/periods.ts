// Months as Pesiar names them ('YYYY-MM'), and today's date in Indonesia.

/** A month, 'YYYY-MM'. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before `period` ('2025-01' → '2024-12'). */
export function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 1
    ? `${String(year - 1).padStart(4, '0')}-12`
    : `${period.slice(0, 4)}-${String(month - 1).padStart(2, '0')}`;
}

/** The month `months` after `period` (negative: before): shiftPeriod('2025-11', 2) = '2026-01'. */
export function shiftPeriod(period: string, months: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const JAKARTA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Jakarta',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date (YYYY-MM-DD) in Asia/Jakarta (WIB): the date offices write on their letters. */
export function todayInJakarta(now: Date = new Date()): string {
  return JAKARTA_DAY.format(now);
}
