// Tests for the sex (jenis kelamin) parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anything } from './arbitraries.testing.ts';
import { parseSex } from './sex.ts';

describe('parseSex', () => {
  it('reads the male spellings', () => {
    for (const raw of [
      'L',
      'l',
      ' L ',
      'L.',
      'LAKI-LAKI',
      'Laki-laki',
      'LAKI LAKI',
      'laki2',
      'LK',
      'Pria',
      '1',
      1,
      'M',
      'male',
    ]) {
      expect(parseSex(raw), String(raw)).toBe('L');
    }
  });

  it('reads the female spellings', () => {
    for (const raw of ['P', 'p', 'PR', 'PEREMPUAN', 'Perempuan', 'WANITA', '2', 2, 'F', 'Female']) {
      expect(parseSex(raw), String(raw)).toBe('P');
    }
  });

  it('returns null for anything else', () => {
    for (const raw of [
      null,
      undefined,
      '',
      ' ',
      '3',
      3,
      0,
      1.5,
      'X',
      'LP',
      'LAKI/PEREMPUAN',
      true,
      {},
    ]) {
      expect(parseSex(raw), String(raw)).toBeNull();
    }
  });
});

describe('parseSex properties', () => {
  it('never throws and only returns L, P or null', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.string(), fc.integer(), fc.double(), fc.date()), (raw) => {
        expect([null, 'L', 'P']).toContain(parseSex(raw));
      }),
    );
  });

  it('ignores case and surrounding whitespace', () => {
    const spellings = fc.constantFrom(
      'laki-laki',
      'perempuan',
      'l',
      'p',
      'pria',
      'wanita',
      'lk',
      'pr',
    );
    const ws = fc.constantFrom('', ' ', '\t', '  ', '\u00a0');
    fc.assert(
      fc.property(spellings, fc.boolean(), ws, ws, (word, upper, before, after) => {
        const raw = `${before}${upper ? word.toUpperCase() : word}${after}`;
        expect(parseSex(raw)).toBe(parseSex(word));
        expect(parseSex(raw)).not.toBeNull();
      }),
    );
  });
});
