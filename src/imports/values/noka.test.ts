// Tests for the JKN card number (noka) normaliser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anything } from './arbitraries.testing.ts';
import { normaliseNoka } from './noka.ts';

describe('normaliseNoka', () => {
  it('accepts 13 digits as text', () => {
    expect(normaliseNoka('0001234567890')).toEqual({
      ok: true,
      noka: '0001234567890',
      padded: false,
    });
    expect(normaliseNoka(" '0001 2345.678-90 ")).toEqual({
      ok: true,
      noka: '0001234567890',
      padded: false,
    });
  });

  it('restores leading zeros that Excel ate from a numeric cell', () => {
    expect(normaliseNoka(1234567890)).toEqual({ ok: true, noka: '0001234567890', padded: true });
    expect(normaliseNoka(2345678901234)).toEqual({
      ok: true,
      noka: '2345678901234',
      padded: false,
    });
  });

  it('does not pad text, which was typed short', () => {
    expect(normaliseNoka('1234567890')).toEqual({
      ok: false,
      reason: 'noka harus 13 digit (ditemukan 10)',
    });
    expect(normaliseNoka('12345678901')).toEqual({
      ok: false,
      reason: 'noka harus 13 digit (ditemukan 11)',
    });
  });

  it('rejects empty values', () => {
    for (const raw of [null, undefined, '', '   ', "'"]) {
      expect(normaliseNoka(raw)).toEqual({ ok: false, reason: 'noka kosong' });
    }
  });

  it('rejects too long, non-digit, scientific and fractional values', () => {
    expect(normaliseNoka('00012345678901')).toEqual({
      ok: false,
      reason: 'noka harus 13 digit (ditemukan 14)',
    });
    expect(normaliseNoka(12345678901234)).toEqual({
      ok: false,
      reason: 'noka harus 13 digit (ditemukan 14)',
    });
    expect(normaliseNoka('000123456789A')).toEqual({
      ok: false,
      reason: 'noka hanya boleh berisi angka',
    });
    const scientific = normaliseNoka('1.23457E+12');
    expect(scientific.ok).toBe(false);
    expect(scientific.ok ? '' : scientific.reason).toMatch(/notasi ilmiah/);
    expect(normaliseNoka(12345.5).ok).toBe(false);
    expect(normaliseNoka(-1234567890).ok).toBe(false);
    expect(normaliseNoka(Number.NaN).ok).toBe(false);
    expect(normaliseNoka(true)).toEqual({ ok: false, reason: 'noka harus berupa teks atau angka' });
  });

  it('rejects the all-zero placeholder', () => {
    expect(normaliseNoka('0000000000000')).toEqual({
      ok: false,
      reason: 'noka tidak boleh nol semua',
    });
    expect(normaliseNoka(0)).toEqual({ ok: false, reason: 'noka tidak boleh nol semua' });
  });
});

describe('normaliseNoka properties', () => {
  it('never throws and only returns 13-digit cards', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.string(), fc.integer(), fc.double(), fc.date()), (raw) => {
        const result = normaliseNoka(raw);
        if (result.ok) expect(result.noka).toMatch(/^\d{13}$/);
        else expect(result.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('round-trips 13-digit text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), (noka) => {
        fc.pre(!/^0+$/.test(noka));
        expect(normaliseNoka(noka)).toEqual({ ok: true, noka, padded: false });
      }),
    );
  });

  it('pads numeric cells back to the same card number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999_999_999 }), (n) => {
        const result = normaliseNoka(n);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.noka).toHaveLength(13);
        expect(Number(result.noka)).toBe(n);
        expect(result.padded).toBe(n < 1_000_000_000_000);
      }),
    );
  });
});
