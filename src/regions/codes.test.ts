// Tests for Kemendagri region codes: normalising dotted and plain forms, and
// reading level, parent, kabupaten, village kind and kota from a code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anything } from '../imports/values/arbitraries.testing.ts';
import {
  desaKindOf,
  formatRegionCode,
  isKota,
  kabupatenCodeOf,
  normaliseRegionCode,
  parentCodeOf,
  regionLevelOf,
} from './codes.ts';

describe('normaliseRegionCode', () => {
  it('accepts dotted and plain codes of every level', () => {
    expect(normaliseRegionCode('15')).toEqual({ code: '15', level: 'provinsi' });
    expect(normaliseRegionCode('15.02')).toEqual({ code: '1502', level: 'kabupaten' });
    expect(normaliseRegionCode('1502')).toEqual({ code: '1502', level: 'kabupaten' });
    expect(normaliseRegionCode('15.02.17')).toEqual({ code: '150217', level: 'kecamatan' });
    expect(normaliseRegionCode('15.02.17.2006')).toEqual({ code: '1502172006', level: 'desa' });
    expect(normaliseRegionCode(' 1502172006\t')).toEqual({ code: '1502172006', level: 'desa' });
    expect(normaliseRegionCode("'15.02.05.2001")).toEqual({ code: '1502052001', level: 'desa' });
  });

  it('accepts integer numbers from XLSX cells', () => {
    expect(normaliseRegionCode(1502172006)).toEqual({ code: '1502172006', level: 'desa' });
    expect(normaliseRegionCode(150217)).toEqual({ code: '150217', level: 'kecamatan' });
    expect(normaliseRegionCode(15)).toEqual({ code: '15', level: 'provinsi' });
  });

  it('refuses other lengths, broken groupings and non-codes', () => {
    for (const raw of [
      '',
      '1',
      '150',
      '15021',
      '15021720',
      '150217200',
      '15021720061',
      '15.2',
      '15.02.17.206',
      '15.02.172006',
      '1502.17.2006',
      '15.02.17.2006.',
      '.15.02',
      '15..02',
      '15 02 17 2006',
      '15-02-17-2006',
      'AB.CD',
      15.02,
      -15,
      Number.NaN,
      null,
      undefined,
      true,
      {},
    ]) {
      expect(normaliseRegionCode(raw), String(raw)).toBeNull();
    }
  });
});

describe('formatRegionCode', () => {
  it('writes the dotted form', () => {
    expect(formatRegionCode('1502172006')).toBe('15.02.17.2006');
    expect(formatRegionCode('150217')).toBe('15.02.17');
    expect(formatRegionCode('1502')).toBe('15.02');
    expect(formatRegionCode('15')).toBe('15');
  });

  it('returns anything else unchanged', () => {
    expect(formatRegionCode('15.02')).toBe('15.02');
    expect(formatRegionCode('150')).toBe('150');
    expect(formatRegionCode('')).toBe('');
    expect(formatRegionCode('abcd')).toBe('abcd');
  });
});

describe('code anatomy', () => {
  it('reads the level', () => {
    expect(regionLevelOf('15')).toBe('provinsi');
    expect(regionLevelOf('1502')).toBe('kabupaten');
    expect(regionLevelOf('150217')).toBe('kecamatan');
    expect(regionLevelOf('1502172006')).toBe('desa');
    expect(regionLevelOf('15.02')).toBeNull();
    expect(regionLevelOf('15021')).toBeNull();
  });

  it('walks up to the parent', () => {
    expect(parentCodeOf('1502172006')).toBe('150217');
    expect(parentCodeOf('150217')).toBe('1502');
    expect(parentCodeOf('1502')).toBe('15');
    expect(parentCodeOf('15')).toBeNull();
    expect(parentCodeOf('15.02')).toBeNull();
  });

  it('finds the kabupaten of kabupaten-level codes and below', () => {
    expect(kabupatenCodeOf('1502172006')).toBe('1502');
    expect(kabupatenCodeOf('150217')).toBe('1502');
    expect(kabupatenCodeOf('1502')).toBe('1502');
    expect(kabupatenCodeOf('15')).toBeNull();
    expect(kabupatenCodeOf('x')).toBeNull();
  });

  it('tells desa, kelurahan and desa adat apart', () => {
    expect(desaKindOf('1502172006')).toBe('desa');
    expect(desaKindOf('1571011001')).toBe('kelurahan');
    expect(desaKindOf('5171033001')).toBe('desa_adat');
    expect(desaKindOf('1502174006')).toBeNull();
    expect(desaKindOf('150217')).toBeNull();
  });

  it('recognises a kota by its kabupaten number', () => {
    expect(isKota('1571')).toBe(true);
    expect(isKota('1571011001')).toBe(true);
    expect(isKota('3174')).toBe(true);
    expect(isKota('1502')).toBe(false);
    expect(isKota('1570')).toBe(false);
    expect(isKota('150217')).toBe(false);
    expect(isKota('15')).toBe(false);
    expect(isKota('71')).toBe(false);
  });
});

describe('region code properties', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const codes = fc
    .record({
      prov: fc.integer({ min: 11, max: 99 }),
      kab: fc.integer({ min: 1, max: 99 }),
      kec: fc.integer({ min: 1, max: 99 }),
      desa: fc.integer({ min: 1001, max: 3999 }),
      length: fc.constantFrom(2, 4, 6, 10),
    })
    .map(({ prov, kab, kec, desa, length }) =>
      `${prov}${pad(kab, 2)}${pad(kec, 2)}${desa}`.slice(0, length),
    );

  it('round-trips plain and dotted forms', () => {
    fc.assert(
      fc.property(codes, (code) => {
        const dotted = formatRegionCode(code);
        expect(dotted.replaceAll('.', '')).toBe(code);
        expect(dotted.split('.').map((g) => g.length)).toEqual(
          [2, 2, 2, 4].slice(0, dotted.split('.').length),
        );
        const level = regionLevelOf(code);
        expect(level).not.toBeNull();
        expect(normaliseRegionCode(dotted)).toEqual({ code, level });
        expect(normaliseRegionCode(code)).toEqual({ code, level });
        expect(normaliseRegionCode(` ${dotted} `)).toEqual({ code, level });
        expect(normaliseRegionCode(Number(code))).toEqual({ code, level });
      }),
    );
  });

  it('every parent is a prefix one level up, ending at the province', () => {
    const order = ['provinsi', 'kabupaten', 'kecamatan', 'desa'];
    fc.assert(
      fc.property(codes, (code) => {
        let current: string | null = code;
        let steps = 0;
        while (current !== null) {
          const parent = parentCodeOf(current);
          if (parent !== null) {
            expect(current.startsWith(parent)).toBe(true);
            expect(order.indexOf(regionLevelOf(parent) ?? '')).toBe(
              order.indexOf(regionLevelOf(current) ?? '') - 1,
            );
          } else {
            expect(regionLevelOf(current)).toBe('provinsi');
          }
          current = parent;
          steps++;
        }
        expect(steps).toBe(order.indexOf(regionLevelOf(code) ?? '') + 1);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.string(), fc.integer(), fc.double(), fc.date()), (raw) => {
        const result = normaliseRegionCode(raw);
        if (result !== null) expect(regionLevelOf(result.code)).toBe(result.level);
        // The anatomy functions are typed for strings; feed them whatever came in anyway.
        const text = raw as string;
        const formatted = formatRegionCode(text);
        if (regionLevelOf(text) === null) expect(formatted).toBe(text);
        else expect(typeof formatted).toBe('string');
        expect(() => [
          parentCodeOf(text),
          kabupatenCodeOf(text),
          desaKindOf(text),
          isKota(text),
        ]).not.toThrow();
      }),
    );
  });
});
