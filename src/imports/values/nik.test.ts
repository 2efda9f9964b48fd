// Tests for the NIK normaliser: worked examples from village registers, and
// properties that hold for any input a spreadsheet could produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anything } from './arbitraries.testing.ts';
import { checkNikConsistency, identifierText, normaliseNik } from './nik.ts';

describe('normaliseNik', () => {
  it('decodes a female NIK (day + 40)', () => {
    expect(normaliseNik('1502174105900001')).toEqual({
      nik: '1502174105900001',
      flags: [],
      regionPrefix: '150217',
      sex: 'P',
      birth: { day: 1, month: 5, yy: 90 },
    });
  });

  it('decodes a male NIK', () => {
    expect(normaliseNik('3201011508850002')).toEqual({
      nik: '3201011508850002',
      flags: [],
      regionPrefix: '320101',
      sex: 'L',
      birth: { day: 15, month: 8, yy: 85 },
    });
  });

  it('reads the day boundaries 01, 31, 41 and 71', () => {
    expect(normaliseNik('1502170101000001').birth).toEqual({ day: 1, month: 1, yy: 0 });
    expect(normaliseNik('1502173112990001').sex).toBe('L');
    expect(normaliseNik('1502174101000001').sex).toBe('P');
    expect(normaliseNik('1502177112990001').birth).toEqual({ day: 31, month: 12, yy: 99 });
  });

  it('strips spaces, dots, dashes and the Excel apostrophe', () => {
    for (const raw of [
      "'1502174105900001",
      ' 1502 1741 0590 0001 ',
      '15.02.17.410590.0001',
      '150217-410590-0001',
      '1502\u00a0174105900001',
      '\uff11502174105900001',
    ]) {
      expect(normaliseNik(raw).nik, raw).toBe('1502174105900001');
    }
  });

  it('converts an integer XLSX cell exactly', () => {
    expect(normaliseNik(1502174105900001).nik).toBe('1502174105900001');
    // Above 2^53 only even integers survive in a double; the survivor must print exactly.
    expect(normaliseNik(9171014105900002).nik).toBe('9171014105900002');
    expect(normaliseNik(9171014105900002).regionPrefix).toBe('917101');
  });

  it('flags empty values as missing', () => {
    for (const raw of [null, undefined, '', '   ', "'", ' - ']) {
      expect(normaliseNik(raw), String(raw)).toEqual({
        nik: null,
        flags: ['NIK_MISSING'],
        regionPrefix: null,
        sex: null,
        birth: null,
      });
    }
  });

  it('treats 16 digits starting with 0 as a temporary NIK', () => {
    expect(normaliseNik('0000000000000000')).toEqual({
      nik: null,
      flags: ['NIK_TEMPORARY'],
      regionPrefix: null,
      sex: null,
      birth: null,
    });
    expect(normaliseNik('0502174105900001').flags).toEqual(['NIK_TEMPORARY']);
  });

  it('flags anything that is not 16 digits as malformed', () => {
    for (const raw of [
      '150217410590001',
      '15021741059000011',
      '150217410590000A',
      '3.20101E+15',
      '1,502174E+15',
      1.5,
      -1502174105900001,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      150217,
      true,
      {},
      ['1502174105900001'],
      new Date(0),
    ]) {
      const info = normaliseNik(raw);
      expect(info.nik, String(raw)).toBeNull();
      expect(info.flags, String(raw)).toEqual(['NIK_MALFORMED']);
    }
  });

  it('keeps a NIK with an impossible date but flags it', () => {
    for (const raw of [
      '1502170005900001', // day 00
      '1502173205900001', // day 32
      '1502174005900001', // day 40
      '1502177205900001', // day 72
      '1502171500900001', // month 00
      '1502171513900001', // month 13
      '1502173102900001', // 31 February
      '1502173104900001', // 31 April
      '1502172902910001', // 29 February in a non-leap year
    ]) {
      expect(normaliseNik(raw), raw).toEqual({
        nik: raw,
        flags: ['NIK_INVALID_DATE'],
        regionPrefix: '150217',
        sex: null,
        birth: null,
      });
    }
  });

  it('accepts 29 February when the two-digit year can be a leap year', () => {
    expect(normaliseNik('1502176902920001').birth).toEqual({ day: 29, month: 2, yy: 92 });
    expect(normaliseNik('1502172902000001').birth).toEqual({ day: 29, month: 2, yy: 0 });
  });
});

describe('checkNikConsistency', () => {
  const female1990 = normaliseNik('1502174105900001');

  it('finds no mismatch when the row agrees with the NIK', () => {
    expect(checkNikConsistency(female1990, 'P', '1990-05-01')).toEqual([]);
  });

  it('flags a sex mismatch', () => {
    expect(checkNikConsistency(female1990, 'L', '1990-05-01')).toEqual(['NIK_SEX_MISMATCH']);
  });

  it('flags a birth date mismatch on day, month or two-digit year', () => {
    expect(checkNikConsistency(female1990, 'P', '1990-05-02')).toEqual(['NIK_BIRTHDATE_MISMATCH']);
    expect(checkNikConsistency(female1990, 'P', '1990-06-01')).toEqual(['NIK_BIRTHDATE_MISMATCH']);
    expect(checkNikConsistency(female1990, 'P', '1991-05-01')).toEqual(['NIK_BIRTHDATE_MISMATCH']);
    expect(checkNikConsistency(female1990, 'L', '1991-05-01')).toEqual([
      'NIK_SEX_MISMATCH',
      'NIK_BIRTHDATE_MISMATCH',
    ]);
  });

  it('ignores the century, which a NIK does not record', () => {
    expect(checkNikConsistency(female1990, 'P', '2090-05-01')).toEqual([]);
  });

  it('does not call an unknown value a mismatch', () => {
    expect(checkNikConsistency(female1990, null, null)).toEqual([]);
    expect(checkNikConsistency(female1990, null, 'not a date')).toEqual([]);
    expect(checkNikConsistency(normaliseNik(''), 'L', '1990-05-01')).toEqual([]);
    expect(checkNikConsistency(normaliseNik('1502173205900001'), 'L', '1990-05-01')).toEqual([]);
  });
});

describe('identifierText', () => {
  it('separates empty cells from cells that cannot be identifiers', () => {
    expect(identifierText(null)).toBeNull();
    expect(identifierText(' ')).toBe('');
    expect(identifierText(2.5)).toBeUndefined();
    expect(identifierText(false)).toBeUndefined();
    expect(identifierText(1e21)).toBe('1000000000000000000000');
    expect(identifierText(12n)).toBe('12');
  });
});

describe('normaliseNik properties', () => {
  const anyInput = fc.oneof(
    anything,
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc.double(),
    fc.date(),
    fc.stringMatching(/^'?[0-9 .-]{0,20}$/),
  );

  it('never throws and keeps its invariants', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        const info = normaliseNik(raw);
        if (info.nik === null) {
          expect(info.flags).toHaveLength(1);
          expect(['NIK_MISSING', 'NIK_TEMPORARY', 'NIK_MALFORMED']).toContain(info.flags[0]);
          expect(info.regionPrefix).toBeNull();
        } else {
          expect(info.nik).toMatch(/^[1-9]\d{15}$/);
          expect(info.regionPrefix).toBe(info.nik.slice(0, 6));
          expect(info.sex === null).toBe(info.birth === null);
        }
        expect(() => checkNikConsistency(info, 'L', '1990-01-01')).not.toThrow();
      }),
    );
  });

  const parts = fc.record({
    region: fc.integer({ min: 110000, max: 999999 }),
    sex: fc.constantFrom<'L' | 'P'>('L', 'P'),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    yy: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 0, max: 9999 }),
  });
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  it('decodes a NIK built from its parts back to those parts', () => {
    fc.assert(
      fc.property(parts, ({ region, sex, month, day, yy, serial }) => {
        const nik = `${region}${pad(sex === 'P' ? day + 40 : day, 2)}${pad(month, 2)}${pad(yy, 2)}${pad(serial, 4)}`;
        const info = normaliseNik(nik);
        expect(info).toEqual({
          nik,
          flags: [],
          regionPrefix: String(region),
          sex,
          birth: { day, month, yy },
        });
        // The same number from a numeric cell, and decorated as clerks type it.
        if (Number(nik) <= Number.MAX_SAFE_INTEGER) expect(normaliseNik(Number(nik)).nik).toBe(nik);
        expect(normaliseNik(`'${nik.slice(0, 6)}.${nik.slice(6, 12)}-${nik.slice(12)} `).nik).toBe(
          nik,
        );
        const iso = `${1900 + yy}-${pad(month, 2)}-${pad(day, 2)}`;
        expect(checkNikConsistency(info, sex, iso)).toEqual([]);
        expect(checkNikConsistency(info, sex === 'L' ? 'P' : 'L', iso)).toEqual([
          'NIK_SEX_MISMATCH',
        ]);
      }),
    );
  });
});
