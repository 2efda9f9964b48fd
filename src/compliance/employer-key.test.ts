import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { employerKey } from './employer-key.ts';

describe('employerKey', () => {
  it('folds the spellings of one employer to one key', () => {
    for (const name of [
      'PT. Maju Jaya',
      'PT Maju Jaya',
      'P.T. Maju  Jaya',
      'Maju Jaya, PT',
      'maju jaya tbk',
      'PT. MAJU JAYA (Persero) Tbk.',
      'CV Maju-Jaya',
      '  Perusahaan Maju Jaya ',
    ]) {
      expect(employerKey(name), name).toBe('MAJU JAYA');
    }
    expect(employerKey('U.D. Sumber Rezeki')).toBe('SUMBER REZEKI');
    expect(employerKey('Koperasi Unit Desa Tani Makmur')).toBe('KOPERASI UNIT DESA TANI MAKMUR');
    // Accents dropped; digits kept.
    expect(employerKey('Café Sénang 2')).toBe('CAFE SENANG 2');
    // A dotted abbreviation inside the name is joined, a word after "PT." is not.
    expect(employerKey('PT.ABC Sawit')).toBe('ABC SAWIT');
    expect(employerKey('PT A.B.C. Sawit')).toBe('ABC SAWIT');
  });

  it('keeps a name made only of legal forms, and has no key for no name', () => {
    expect(employerKey('CV')).toBe('CV');
    expect(employerKey('PT. CV.')).toBe('PT CV');
    expect(employerKey('')).toBeNull();
    expect(employerKey(' - , . ')).toBeNull();
  });

  const word = fc
    .string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPRSTUWY0123456789'),
      minLength: 2,
      maxLength: 8,
    })
    .filter((w) => !['PT', 'CV', 'TBK', 'UD', 'PERUSAHAAN', 'PERSERO'].includes(w));
  const name = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));

  it('is idempotent: a key is its own key (so a key can be passed where a name is expected)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const key = employerKey(text);
        if (key !== null) expect(employerKey(key)).toBe(key);
      }),
    );
  });

  it('ignores case, spacing, punctuation and a legal form before or after', () => {
    const form = fc.constantFrom('PT', 'PT.', 'P.T.', 'CV', 'CV.', 'UD', 'Tbk', 'pt');
    const separator = fc.constantFrom(' ', '  ', ', ', '. ', ' - ');
    fc.assert(
      fc.property(name, form, separator, fc.boolean(), (n, f, sep, before) => {
        const written = before ? `${f}${sep}${n.toLowerCase()}` : `${n}${sep}${f}`;
        expect(employerKey(written)).toBe(n);
        expect(employerKey(n.replaceAll(' ', '   '))).toBe(n);
      }),
    );
  });
});
