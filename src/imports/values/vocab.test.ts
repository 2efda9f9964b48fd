// Tests for the coded vocabularies: segment, status, inactivity reason, care
// class, yes/no flags and small integers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anything } from './arbitraries.testing.ts';
import {
  parseAlasan,
  parseKelas,
  parseSegmen,
  parseSmallInt,
  parseStatus,
  parseYesNo,
} from './vocab.ts';

const anyInput = fc.oneof(
  anything,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.date(),
);

describe('parseSegmen', () => {
  it('reads the PBI APBN aliases', () => {
    for (const raw of ['PBI APBN', 'pbi_apbn', 'PBI JK', 'PBI-JK', 'PBI', 'pbi (jk)', 'PBI_APBN']) {
      expect(parseSegmen(raw), raw).toEqual({ segmen: 'PBI_APBN', detail: null });
    }
  });

  it('reads the district-paid aliases', () => {
    for (const raw of [
      'PBI APBD',
      'PBPU Pemda',
      'PEMDA',
      'APBD',
      'PBPU BP PEMDA',
      'PBPU/BP Pemda',
    ]) {
      expect(parseSegmen(raw), raw).toEqual({ segmen: 'PBI_APBD', detail: null });
    }
  });

  it('reads PPU with its detail', () => {
    expect(parseSegmen('PPU')).toEqual({ segmen: 'PPU', detail: null });
    expect(parseSegmen('Pekerja Penerima Upah')).toEqual({ segmen: 'PPU', detail: null });
    for (const raw of [
      'PPU PN',
      'ppu-pn',
      'PPU (PN)',
      'PPU Penyelenggara Negara',
      'PEKERJA PENERIMA UPAH PN',
    ]) {
      expect(parseSegmen(raw), raw).toEqual({ segmen: 'PPU', detail: 'PN' });
    }
    for (const raw of [
      'PPU BU',
      'PPU_BU',
      'PPU Badan Usaha',
      'Pekerja Penerima Upah - Badan Usaha',
    ]) {
      expect(parseSegmen(raw), raw).toEqual({ segmen: 'PPU', detail: 'BU' });
    }
  });

  it('reads PBPU and BP', () => {
    for (const raw of [
      'PBPU',
      'Mandiri',
      'PBPU/Mandiri',
      'PBPU MANDIRI',
      'Pekerja Bukan Penerima Upah',
    ]) {
      expect(parseSegmen(raw), raw).toEqual({ segmen: 'PBPU', detail: null });
    }
    for (const raw of ['BP', 'bp', 'Bukan Pekerja']) {
      expect(parseSegmen(raw), raw).toEqual({ segmen: 'BP', detail: null });
    }
  });

  it('returns null for unknown segments', () => {
    for (const raw of [
      null,
      undefined,
      '',
      'ASKES',
      'PPU XX',
      'PBI APBN APBD',
      'JAMKESMAS',
      1,
      {},
    ]) {
      expect(parseSegmen(raw), String(raw)).toBeNull();
    }
  });
});

describe('parseStatus', () => {
  it('reads active and inactive spellings', () => {
    for (const raw of ['AKTIF', 'aktif', ' Aktif ', 'A', 'AKTIF/ACTIVE', 'Active']) {
      expect(parseStatus(raw), raw).toBe('AKTIF');
    }
    for (const raw of [
      'NONAKTIF',
      'Non Aktif',
      'NON-AKTIF',
      'TIDAK AKTIF',
      'TIDAKAKTIF',
      'n',
      'Inactive',
    ]) {
      expect(parseStatus(raw), raw).toBe('NONAKTIF');
    }
  });

  it('returns null for anything else', () => {
    for (const raw of [null, '', 'AKTIF SEMENTARA', 'SUSPEND', 'Y', 1, true]) {
      expect(parseStatus(raw), String(raw)).toBeNull();
    }
  });
});

describe('parseAlasan', () => {
  it('treats an empty reason as known and absent', () => {
    for (const raw of [null, undefined, '', '  ']) {
      expect(parseAlasan(raw)).toEqual({ alasan: null, known: true });
    }
  });

  it('reads the six codes and their spellings', () => {
    const cases: Array<[string, string]> = [
      ['TUNGGAKAN', 'TUNGGAKAN'],
      ['menunggak', 'TUNGGAKAN'],
      ['Tunggak', 'TUNGGAKAN'],
      ['PBI_NONAKTIF', 'PBI_NONAKTIF'],
      ['PBI NONAKTIF', 'PBI_NONAKTIF'],
      ['PBI-NON-AKTIF', 'PBI_NONAKTIF'],
      ['PBI dinonaktifkan', 'PBI_NONAKTIF'],
      ['PPU_BERHENTI', 'PPU_BERHENTI'],
      ['PPU berhenti', 'PPU_BERHENTI'],
      ['PHK', 'PPU_BERHENTI'],
      ['Berhenti Bekerja', 'PPU_BERHENTI'],
      ['MENINGGAL', 'MENINGGAL'],
      ['Wafat', 'MENINGGAL'],
      ['mati', 'MENINGGAL'],
      ['PINDAH', 'PINDAH'],
      ['Mutasi', 'PINDAH'],
      ['LAINNYA', 'LAINNYA'],
    ];
    for (const [raw, alasan] of cases) {
      expect(parseAlasan(raw), raw).toEqual({ alasan, known: true });
    }
  });

  it('keeps unknown wording as LAINNYA, marked unknown', () => {
    expect(parseAlasan('pindah agama')).toEqual({ alasan: 'LAINNYA', known: false });
    expect(parseAlasan('data ganda')).toEqual({ alasan: 'LAINNYA', known: false });
    expect(parseAlasan(7)).toEqual({ alasan: 'LAINNYA', known: false });
  });
});

describe('parseKelas', () => {
  it('reads numbers, Roman numerals and prefixed forms', () => {
    const cases: Array<[unknown, 1 | 2 | 3]> = [
      [1, 1],
      [2, 2],
      [3, 3],
      ['1', 1],
      ['03', 3],
      ['I', 1],
      ['ii', 2],
      ['III', 3],
      ['KELAS 1', 1],
      ['Kelas II', 2],
      ['KLS 2', 2],
      ['Kls.3', 3],
      ['kelas III', 3],
    ];
    for (const [raw, kelas] of cases) {
      expect(parseKelas(raw), String(raw)).toBe(kelas);
    }
  });

  it('returns null for anything else', () => {
    for (const raw of [null, '', 0, 4, 1.5, '4', 'IV', 'KELAS', 'KELAS 4', 'VIP', '1 2', true]) {
      expect(parseKelas(raw), String(raw)).toBeNull();
    }
  });
});

describe('parseYesNo', () => {
  it('reads yes and no spellings', () => {
    for (const raw of [1, '1', 'Y', 'y', 'YA', 'Ya', 'YES', 'TRUE', 'true', 'X', 'x', true]) {
      expect(parseYesNo(raw), String(raw)).toBe(true);
    }
    for (const raw of [0, '0', 'N', 'TIDAK', 'tidak', 'NO', 'FALSE', 'F', 'T', false]) {
      expect(parseYesNo(raw), String(raw)).toBe(false);
    }
  });

  it('returns null for empty and unknown values', () => {
    for (const raw of [null, undefined, '', ' ', '-', 2, 'MUNGKIN', 'YA TIDAK', {}]) {
      expect(parseYesNo(raw), String(raw)).toBeNull();
    }
  });
});

describe('parseSmallInt', () => {
  it('reads integers within range', () => {
    expect(parseSmallInt('01', 1, 10)).toBe(1);
    expect(parseSmallInt(' 7 ', 1, 10)).toBe(7);
    expect(parseSmallInt(10, 1, 10)).toBe(10);
    expect(parseSmallInt('0', 0, 24)).toBe(0);
    expect(parseSmallInt(-0, 0, 24)).toBe(0);
    expect(Object.is(parseSmallInt(-0, 0, 24), 0)).toBe(true);
  });

  it('returns null outside the range or for non-integers', () => {
    for (const raw of [0, 11, '11', 1.5, '1.5', '1e1', '', null, 'tiga', Number.NaN, true]) {
      expect(parseSmallInt(raw, 1, 10), String(raw)).toBeNull();
    }
  });
});

describe('vocabulary properties', () => {
  it('no parser throws on arbitrary input', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        const segmen = parseSegmen(raw);
        if (segmen !== null && segmen.segmen !== 'PPU') expect(segmen.detail).toBeNull();
        expect([null, 'AKTIF', 'NONAKTIF']).toContain(parseStatus(raw));
        const alasan = parseAlasan(raw);
        if (!alasan.known) expect(alasan.alasan).toBe('LAINNYA');
        expect([null, 1, 2, 3]).toContain(parseKelas(raw));
        expect([null, true, false]).toContain(parseYesNo(raw));
        const n = parseSmallInt(raw, 0, 24);
        if (n !== null) expect(Number.isInteger(n) && n >= 0 && n <= 24).toBe(true);
      }),
    );
  });

  it('canonical codes parse back to themselves, whatever the case and separators', () => {
    const segmens = fc.constantFrom('PBI_APBN', 'PBI_APBD', 'PPU', 'PBPU', 'BP');
    const alasans = fc.constantFrom(
      'TUNGGAKAN',
      'PBI_NONAKTIF',
      'PPU_BERHENTI',
      'MENINGGAL',
      'PINDAH',
      'LAINNYA',
    );
    const sep = fc.constantFrom('_', ' ', '-', '');
    fc.assert(
      fc.property(segmens, alasans, sep, fc.boolean(), (segmen, alasan, s, lower) => {
        const spell = (code: string) => {
          const text = code.replace('_', s);
          return lower ? text.toLowerCase() : text;
        };
        expect(parseSegmen(spell(segmen))).toEqual({ segmen, detail: null });
        expect(parseAlasan(spell(alasan))).toEqual({ alasan, known: true });
      }),
    );
  });

  it('parseSmallInt reads back any in-range integer, as number or text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 500 }),
        (n, width) => {
          const min = n - width;
          const max = n + width;
          expect(parseSmallInt(n, min, max)).toBe(n);
          expect(parseSmallInt(` ${n} `, min, max)).toBe(n);
          expect(parseSmallInt(n, n + 1, n + 2)).toBeNull();
        },
      ),
    );
  });
});
