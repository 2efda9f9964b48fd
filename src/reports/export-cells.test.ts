// Tests for what keeps exported files harmless: cells a spreadsheet would run
// as a formula (CSV injection) and file names fit for a Content-Disposition
// header and any disk. Worked examples, then properties over any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, safeFileName } from './export-cells.ts';

const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Text of every kind: ASCII, any code point, lone surrogates, grapheme clusters. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...FORMULA_STARTS, "'", ' ', 'a', '1', '"', ',') }),
);

describe('neutraliseCell', () => {
  it('prefixes an apostrophe to text a spreadsheet would read as a formula', () => {
    expect(neutraliseCell('=HYPERLINK("http://x","klik")')).toBe(`'=HYPERLINK("http://x","klik")`);
    expect(neutraliseCell('=1+1')).toBe("'=1+1");
    expect(neutraliseCell('+62 812 0000 0000')).toBe("'+62 812 0000 0000");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(neutraliseCell('\t=cmd')).toBe("'\t=cmd");
    expect(neutraliseCell('\r=cmd')).toBe("'\r=cmd");
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      '',
      'SITI CONTOH',
      "MA'RUF",
      'Jl. Merdeka No. 5 = rumah biru',
      '1502174105900001',
      ' =1+1',
      '\n=1+1',
      "'=already neutral",
    ]) {
      expect(neutraliseCell(text), JSON.stringify(text)).toBe(text);
    }
  });
});

describe('safeFileName', () => {
  it('keeps a name that is already safe', () => {
    expect(safeFileName('pesiar_residents_2026-10_1502172006.csv')).toBe(
      'pesiar_residents_2026-10_1502172006.csv',
    );
  });

  it('replaces separators, quotes and header-breaking characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('a"; filename=evil.exe')).toBe('a_filename_evil.exe');
    expect(safeFileName('laporan\r\nSet-Cookie: x=1.csv')).toBe('laporan_Set-Cookie_x_1.csv');
    expect(safeFileName('C:\\data\\penduduk desa.xlsx')).toBe('C_data_penduduk_desa.xlsx');
  });

  it('drops accents and keeps the letters', () => {
    expect(safeFileName('Peñduduk Désa.csv')).toBe('Penduduk_Desa.csv');
  });

  it('never starts with a dot, underscore or dash', () => {
    expect(safeFileName('.htaccess')).toBe('htaccess');
    expect(safeFileName('__init__.csv')).toBe('init_.csv');
    expect(safeFileName('-rf.csv')).toBe('rf.csv');
    expect(safeFileName('._-x')).toBe('x');
  });

  it('cuts long names to 100 characters', () => {
    expect(safeFileName('a'.repeat(500))).toBe('a'.repeat(100));
  });

  it('falls back when nothing usable is left', () => {
    expect(safeFileName('')).toBe('export');
    expect(safeFileName('...')).toBe('export');
    expect(safeFileName('日本語')).toBe('export');
    expect(safeFileName('///', 'pesiar')).toBe('pesiar');
  });
});

describe('export cell properties', () => {
  it('neutraliseCell never throws and never returns text that starts a formula', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = neutraliseCell(text);
        expect(FORMULA_STARTS.some((c) => out.startsWith(c))).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('neutraliseCell changes only formula-like text, and only by a leading apostrophe', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const risky = FORMULA_STARTS.some((c) => text.startsWith(c));
        expect(neutraliseCell(text)).toBe(risky ? `'${text}` : text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('safeFileName never throws and always gives a safe name of at most 100 characters', () => {
    const awkward = fc.string({
      unit: fc.constantFrom('.', '_', '-', '/', '\\', '"', ' ', '\r', '\n', 'é', 'a', '7', '日'),
    });
    fc.assert(
      fc.property(fc.oneof(anyText, awkward), (name) => {
        expect(safeFileName(name)).toMatch(SAFE_NAME);
      }),
      { numRuns: 2_000 },
    );
  });
});
