import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERIOD_PATTERN, previousPeriod, shiftPeriod, todayInJakarta } from './periods.ts';

describe('previousPeriod', () => {
  it('steps back one month, across a year', () => {
    expect(previousPeriod('2024-06')).toBe('2024-05');
    expect(previousPeriod('2024-10')).toBe('2024-09');
    expect(previousPeriod('2025-01')).toBe('2024-12');
  });
});

describe('shiftPeriod', () => {
  it('moves across year ends both ways', () => {
    expect(shiftPeriod('2025-11', 2)).toBe('2026-01');
    expect(shiftPeriod('2025-12', 1)).toBe('2026-01');
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-05', 0)).toBe('2026-05');
  });

  it('agrees with previousPeriod and undoes itself', () => {
    const period = fc
      .tuple(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(period, fc.integer({ min: -240, max: 240 }), (p, n) => {
        const shifted = shiftPeriod(p, n);
        expect(shifted).toMatch(PERIOD_PATTERN);
        expect(shiftPeriod(shifted, -n)).toBe(p);
        expect(shiftPeriod(p, -1)).toBe(previousPeriod(p));
      }),
    );
  });
});

describe('todayInJakarta', () => {
  it('is the date in Jakarta (UTC+7), not UTC', () => {
    // 18:30 UTC on 31 December is already 1 January in Jakarta.
    expect(todayInJakarta(new Date('2024-12-31T18:30:00Z'))).toBe('2025-01-01');
    expect(todayInJakarta(new Date('2024-12-31T16:30:00Z'))).toBe('2024-12-31');
  });
});
