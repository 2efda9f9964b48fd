// Noka (nomor kartu JKN) normaliser: the 13-digit card number that identifies
// an insurer record. Unlike NIK, a bad noka rejects the extract row, so the
// failure reason is written for the operator who has to fix the file.
import { identifierText } from './nik.ts';

export type NokaResult =
  | { ok: true; noka: string; padded: boolean }
  | { ok: false; reason: string };

const NOKA_LENGTH = 13;

export function normaliseNoka(raw: unknown): NokaResult {
  const text = identifierText(raw);
  if (text === null || text === '') return { ok: false, reason: 'noka kosong' };
  if (text === undefined) {
    return typeof raw === 'number' || typeof raw === 'bigint'
      ? { ok: false, reason: `noka harus bilangan bulat positif (ditemukan ${String(raw)})` }
      : { ok: false, reason: 'noka harus berupa teks atau angka' };
  }
  if (typeof raw === 'string' && /^\d+(?:[.,]\d+)?E[+-]?\d+$/i.test(raw.trim())) {
    return {
      ok: false,
      reason: 'noka tertulis dalam notasi ilmiah (format angka Excel); simpan kolom sebagai teks',
    };
  }
  if (!/^\d+$/.test(text)) return { ok: false, reason: 'noka hanya boleh berisi angka' };
  // Numeric XLSX cells lose leading zeros (PBI cards start with 000...), so a
  // short number is restored; a short text cell was typed that way and is wrong.
  const numeric = typeof raw === 'number' || typeof raw === 'bigint';
  if (numeric && text.length < NOKA_LENGTH) {
    const noka = text.padStart(NOKA_LENGTH, '0');
    return /^0+$/.test(noka)
      ? { ok: false, reason: 'noka tidak boleh nol semua' }
      : { ok: true, noka, padded: true };
  }
  if (text.length !== NOKA_LENGTH) {
    return { ok: false, reason: `noka harus ${NOKA_LENGTH} digit (ditemukan ${text.length})` };
  }
  // An all-zero number is a placeholder, and accepting it would make every such
  // row the "same member".
  if (/^0+$/.test(text)) return { ok: false, reason: 'noka tidak boleh nol semua' };
  return { ok: true, noka: text, padded: false };
}
