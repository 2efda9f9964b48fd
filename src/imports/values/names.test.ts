// Tests for the name normal form and free-text cleaning.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anything } from './arbitraries.testing.ts';
import { cleanText, normaliseName } from './names.ts';

describe('normaliseName', () => {
  it('upper-cases, collapses whitespace and trims', () => {
    expect(normaliseName('  siti   aminah ')).toBe('SITI AMINAH');
    expect(normaliseName('Siti\u00a0Aminah')).toBe('SITI AMINAH');
    expect(normaliseName('Siti\tAminah\r\nBinti Umar')).toBe('SITI AMINAH BINTI UMAR');
    expect(normaliseName('Siti\u3000Aminah')).toBe('SITI AMINAH');
  });

  it('straightens apostrophes and backticks', () => {
    expect(normaliseName('Ma’ruf')).toBe("MA'RUF");
    expect(normaliseName('Ma‘ruf')).toBe("MA'RUF");
    expect(normaliseName('Ma`ruf')).toBe("MA'RUF");
    expect(normaliseName('Ma´ruf')).toBe("MA'RUF");
    expect(normaliseName('Ma\u02bcruf')).toBe("MA'RUF");
    expect(normaliseName('Abdul “Udin”')).toBe('ABDUL "UDIN"');
  });

  it('removes control and invisible characters', () => {
    expect(normaliseName('Sit\u0000i Ami\u200bnah\ufeff')).toBe('SITI AMINAH');
    expect(normaliseName('Nur\u00adhayati')).toBe('NURHAYATI');
  });

  it('applies NFKC', () => {
    expect(normaliseName('ＳＩＴＩ')).toBe('SITI');
    expect(normaliseName('\ufb01tri')).toBe('FITRI');
    expect(normaliseName('Jose\u0301')).toBe('JOSÉ');
  });

  it('keeps titles and punctuation for later matching to deal with', () => {
    expect(normaliseName('Hj. Siti Aminah, S.Pd.')).toBe('HJ. SITI AMINAH, S.PD.');
    expect(normaliseName('Muhamad')).toBe('MUHAMAD');
  });

  it('returns null for empty values and non-text', () => {
    for (const raw of [null, undefined, '', '   ', '\u200b', '\u0000', 42, {}, true]) {
      expect(normaliseName(raw), String(raw)).toBeNull();
    }
  });
});

describe('cleanText', () => {
  it('collapses whitespace and keeps case', () => {
    expect(cleanText('  Jl. Merdeka   No. 5\n RT 01 ')).toBe('Jl. Merdeka No. 5 RT 01');
    expect(cleanText('Petani\u0007 / Pekebun')).toBe('Petani / Pekebun');
  });

  it('turns numbers into text', () => {
    expect(cleanText(5)).toBe('5');
    expect(cleanText(0)).toBe('0');
    expect(cleanText(2.5)).toBe('2.5');
    expect(cleanText(Number.NaN)).toBeNull();
  });

  it('returns null for empty values and other types', () => {
    for (const raw of [null, undefined, '', ' \t\n ', {}, false]) {
      expect(cleanText(raw), String(raw)).toBeNull();
    }
  });
});

describe('name and text properties', () => {
  const anyInput = fc.oneof(
    anything,
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.double(),
    fc.date(),
  );

  it('normaliseName never throws, is idempotent and yields a tidy upper-case form', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        const once = normaliseName(raw);
        if (once === null) return;
        expect(normaliseName(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/\s\s|[\t\n\r\u00a0]/);
        expect(once).not.toMatch(/[\u2018\u2019`]/);
        expect(once.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('normaliseName ignores case and spacing differences', () => {
    const word = fc.stringMatching(/^[A-Za-z']{1,10}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const tidy = words.join(' ').toUpperCase();
        const messy = `  ${words.map((w) => w.toLowerCase()).join(' \u00a0\t')} `;
        expect(normaliseName(messy)).toBe(tidy);
      }),
    );
  });

  it('cleanText never throws and is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        const once = cleanText(raw);
        if (once === null) return;
        expect(cleanText(once)).toBe(once);
        expect(once).toBe(once.trim());
      }),
    );
  });
});
