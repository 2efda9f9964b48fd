// Tests for the family card number (No. KK) normaliser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anything } from './arbitraries.testing.ts';
import { normaliseNoKk } from './no-kk.ts';

describe('normaliseNoKk', () => {
  it('accepts 16 digits, cleaned of separators', () => {
    expect(normaliseNoKk('1502172003150004')).toEqual({ noKk: '1502172003150004', flags: [] });
    expect(normaliseNoKk(" '1502 1720.0315-0004 ")).toEqual({
      noKk: '1502172003150004',
      flags: [],
    });
    expect(normaliseNoKk(1502172003150004)).toEqual({ noKk: '1502172003150004', flags: [] });
  });

  it('flags missing values', () => {
    for (const raw of [null, undefined, '', '  ']) {
      expect(normaliseNoKk(raw)).toEqual({ noKk: null, flags: ['NO_KK_MISSING'] });
    }
  });

  it('flags malformed values', () => {
    for (const raw of ['150217200315000', '15021720031500045', '1.50217E+15', 'KK-1', 2.5, false]) {
      expect(normaliseNoKk(raw), String(raw)).toEqual({ noKk: null, flags: ['NO_KK_MALFORMED'] });
    }
  });

  it('treats a 0-prefixed number as temporary, so it groups nobody', () => {
    expect(normaliseNoKk('0000000000000000')).toEqual({ noKk: null, flags: ['NO_KK_TEMPORARY'] });
    expect(normaliseNoKk('0502172003150004')).toEqual({ noKk: null, flags: ['NO_KK_TEMPORARY'] });
  });
});

describe('normaliseNoKk properties', () => {
  it('never throws; a kept number is 16 digits with no flag', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.string(), fc.integer(), fc.double(), fc.date()), (raw) => {
        const { noKk, flags } = normaliseNoKk(raw);
        if (noKk === null) expect(flags).toHaveLength(1);
        else {
          expect(noKk).toMatch(/^[1-9]\d{15}$/);
          expect(flags).toEqual([]);
        }
      }),
    );
  });

  it('round-trips any non-temporary 16-digit number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{15}$/), (noKk) => {
        expect(normaliseNoKk(noKk)).toEqual({ noKk, flags: [] });
        expect(normaliseNoKk(`${noKk.slice(0, 8)} ${noKk.slice(8)}`)).toEqual({ noKk, flags: [] });
      }),
    );
  });
});
