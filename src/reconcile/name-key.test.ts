import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey, nameWords } from './name-key.ts';

describe('nameKey: the same person written by two offices gets one key', () => {
  const same: [string, string][] = [
    ['Muhammad Yusuf', 'MOCH. YUSUF'],
    ['Muhammad Yusuf', 'M. Yusuf'],
    ['Muhammad Yusuf', 'Mohammad  Jusuf'],
    ['Muhammad Yusuf', 'Muh.Yusuf'],
    ['Muhammad Yusuf', 'Yusuf Muhamad'],
    ['Abdul Rahman', 'Abd. Rahman'],
    ['Abdul Rahman', 'ABD.RAHMAN'],
    ['Nur Hayati', 'Noer Hayati'],
    ['Nur Hayati', 'Nur-Hayati'],
    ['Siti Aminah', 'Sitti Aminah'],
    ['Siti Aminah', 'Hj. Siti Aminah'],
    ['Siti Aminah', 'Ny. SITI AMINAH binti Abdullah'],
    ['Siti Aminah', 'siti aminah, S.Pd.'],
    ['Budi Santoso', 'Drs. H. Budi Santoso, M.Si'],
    ['Budi Santoso', 'Bpk. Budi Santoso SE'],
    ['Budi Santoso', 'Alm. Budi Santoso'],
    ['Ahmad Sujono', 'Achmad Soedjono'],
    ['Cahya Ningsih', 'Tjahja Ningsih'],
    ['Nyoman', 'Njoman'],
    ['Syamsul Bahri', 'Sjamsul Bahri'],
    ['Khairul Anwar', 'Chairul Anwar'],
    ["Ma'ruf Amin", 'Maruf Amin'],
    ['Dr. Ir. Ratna Sari', 'Ratna   Sari'],
    ['Éka Putri', 'EKA PUTRI'],
  ];
  it.each(same)('%s ≡ %s', (a, b) => {
    expect(nameKey(a)).not.toBeNull();
    expect(nameKey(a)).toBe(nameKey(b));
  });

  const different: [string, string][] = [
    ['Siti Aminah', 'Siti Aisyah'],
    ['Budi Santoso', 'Budi Susanto'],
    ['Ahmad Yani', 'Ahmad Yanti'],
    ['Rina', 'Rini'],
  ];
  it.each(different)('%s ≢ %s', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  it('keeps initials as words and drops titles anywhere', () => {
    expect(nameKey('Siti A.')).toBe('A SITI');
    expect(nameKey('Muhammad Yusuf')).toBe('JUSUF MUHAMAD');
    expect(nameWords('H. Ahmad bin Yusuf')).toEqual(['AHMAD']);
    expect(nameKey('Hj.')).toBeNull();
    expect(nameKey('')).toBeNull();
    expect(nameKey(null)).toBeNull();
  });
});

describe('nameKey properties', () => {
  const letters = fc.constantFrom(...'ABCDEHIJKMNORSTUY'.split(''));
  // Names without a patronymic (bin/binti …), whose order matters.
  const word = fc
    .array(letters, { minLength: 1, maxLength: 9 })
    .map((a) => a.join(''))
    .filter((w) => !['BIN', 'BINTI', 'BT', 'BN', 'BINTE'].includes(w));
  const name = fc.array(word, { minLength: 1, maxLength: 5 });
  const decorate = fc.constantFrom('', 'H. ', 'Hj. ', 'Drs. ', 'Ny. ', 'Bpk. ', 'Alm. ');
  const degree = fc.constantFrom('', ', S.Pd.', ', SE', ' S.H.', ', M.Si', ', A.Md.Kep');

  it('is idempotent: the key of a key is the key', () => {
    fc.assert(
      fc.property(name, (words) => {
        const key = nameKey(words.join(' '));
        expect(key === null ? null : nameKey(key)).toBe(key);
      }),
    );
  });

  it('ignores word order, case, spacing, titles and degrees', () => {
    fc.assert(
      fc.property(
        name,
        decorate,
        degree,
        fc.integer({ min: 1, max: 3 }),
        (words, pre, post, gap) => {
          const plain = nameKey(words.join(' '));
          const messy = `${pre}${[...words].reverse().join(' '.repeat(gap)).toLowerCase()}${post}`;
          expect(nameKey(messy)).toBe(plain);
        },
      ),
    );
  });

  it('has sorted, distinct words and never an empty one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const key = nameKey(text);
        if (key === null) return;
        const words = key.split(' ');
        expect(words.every((w) => /^[A-Z]+$/.test(w))).toBe(true);
        expect([...new Set(words)].sort()).toEqual(words);
      }),
    );
  });
});
