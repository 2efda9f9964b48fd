import { describe, expect, it } from 'vitest';
import { previousPeriod } from './periods.ts';

describe('previousPeriod', () => {
  it('steps back one month, across a year', () => {
    expect(previousPeriod('2024-06')).toBe('2024-05');
    expect(previousPeriod('2024-10')).toBe('2024-09');
    expect(previousPeriod('2025-01')).toBe('2024-12');
  });
});
