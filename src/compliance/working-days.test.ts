import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  isIsoDate,
  isWorkingDay,
  todayOf,
  weekdayOf,
  workingDaysBetween,
} from './working-days.ts';

/** Any date from 1990 to 2099. */
const date = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('addWorkingDays', () => {
  it('gives a warning ten working days, skipping the weekends in between', () => {
    // Monday 3 June 2024 → Monday 17 June (two weekends skipped).
    expect(addWorkingDays('2024-06-03', 10)).toBe('2024-06-17');
    // Friday 7 June → Friday 21 June.
    expect(addWorkingDays('2024-06-07', 10)).toBe('2024-06-21');
    // Given on a Saturday or Sunday: counted from the Monday after.
    expect(addWorkingDays('2024-06-08', 10)).toBe('2024-06-21');
    expect(addWorkingDays('2024-06-09', 10)).toBe('2024-06-21');
    // Across a month and a year end.
    expect(addWorkingDays('2024-12-27', 10)).toBe('2025-01-10');
    // Thursday + 1 is Friday; Friday + 1 is Monday.
    expect(addWorkingDays('2024-06-06', 1)).toBe('2024-06-07');
    expect(addWorkingDays('2024-06-07', 1)).toBe('2024-06-10');
    expect(addWorkingDays('2024-06-07', 0)).toBe('2024-06-07');
  });

  it('refuses a negative or fractional count and a date that is not one', () => {
    expect(() => addWorkingDays('2024-06-07', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-06-07', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-02-30', 1)).toThrow(/not a date/);
  });

  it('lands on a working day exactly n working days later (checked by an independent count)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), (start, n) => {
        const due = addWorkingDays(start, n);
        expect(isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(start, due)).toBe(n);
        // The day before it holds one working day fewer: it is the first such day.
        expect(workingDaysBetween(start, addDays(due, -1))).toBe(n - 1);
        // Five working days are a week, whatever the start.
        const days = (Date.parse(due) - Date.parse(start)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(Math.floor((n - 1) / 5) * 7 + 1);
        expect(days).toBeLessThanOrEqual(Math.ceil(n / 5) * 7 + 2);
      }),
    );
  });

  it('is monotone and adds up: (a + m) + n = a + (m + n) from a working day', () => {
    fc.assert(
      fc.property(date, fc.nat(60), fc.nat(60), (start, m, n) => {
        fc.pre(isWorkingDay(start));
        expect(addWorkingDays(addWorkingDays(start, m), n)).toBe(addWorkingDays(start, m + n));
        expect(addWorkingDays(start, m + 1) > addWorkingDays(start, m)).toBe(true);
      }),
    );
  });
});

describe('dates', () => {
  it('knows the weekdays and real dates', () => {
    expect(weekdayOf('2024-06-08')).toBe(6);
    expect(isWorkingDay('2024-06-09')).toBe(false);
    expect(isWorkingDay('2024-06-10')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-6-1')).toBe(false);
  });

  it("takes today's date in Jakarta, and an injected one when given", () => {
    expect(todayOf({ today: '2024-06-10' })).toBe('2024-06-10');
    expect(todayOf({})).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(() => todayOf({ today: 'kemarin' })).toThrow(RangeError);
  });
});
