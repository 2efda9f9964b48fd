// The phone normaliser: every way of writing an Indonesian mobile number
// gives the one international form, and nothing else passes as one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseTelepon } from './agents.schema.ts';

/** The national significant number of a mobile: 8, then 8 to 11 digits. */
const subscriber = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 11 })
  .map((digits) => `8${digits.join('')}`);

/** Written with spaces, dashes, dots or brackets between some digits. */
function spaced(text: string, separators: readonly string[]): string {
  return [...text].map((ch, i) => `${ch}${separators[i % separators.length] ?? ''}`).join('');
}
const separators = fc.array(fc.constantFrom('', '', '', ' ', '-', '.'), {
  minLength: 1,
  maxLength: 6,
});

describe('normaliseTelepon', () => {
  it('reads the usual spellings', () => {
    expect(normaliseTelepon('0812-3456-7890')).toBe('+6281234567890');
    expect(normaliseTelepon('+62 812 3456 7890')).toBe('+6281234567890');
    expect(normaliseTelepon('6281234567890')).toBe('+6281234567890');
    expect(normaliseTelepon('(0812) 345.678')).toBe('+62812345678');
  });

  it('gives one form for 08…, +628… and 628…, however spaced', () => {
    fc.assert(
      fc.property(subscriber, separators, (nsn, seps) => {
        const want = `+62${nsn}`;
        for (const written of [`0${nsn}`, `+62${nsn}`, `62${nsn}`]) {
          expect(normaliseTelepon(spaced(written, seps))).toBe(want);
        }
      }),
    );
  });

  it('is idempotent and always international', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (raw) => {
        const once = normaliseTelepon(raw);
        if (once === null) return;
        expect(once).toMatch(/^\+628\d{8,11}$/);
        expect(normaliseTelepon(once)).toBe(once);
      }),
    );
  });

  it('refuses what is not an Indonesian mobile number', () => {
    for (const raw of ['', '0812', '021-5551234', '+6521234567', '08123456789012345', 'nomor hp']) {
      expect(normaliseTelepon(raw), raw).toBeNull();
    }
    fc.assert(
      fc.property(subscriber, fc.constantFrom('+1', '1', '00', '+0', '+6208'), (nsn, prefix) => {
        expect(normaliseTelepon(`${prefix}${nsn}`)).toBeNull();
      }),
    );
  });
});
