// The employer's name key: how one employer is recognised across the village
// registers (pemberi_kerja, typed by hand) and the BPJS extract (badan_usaha):
// "PT. Maju Jaya", "MAJU JAYA, CV" and "P.T. Maju  Jaya Tbk" are one key,
// MAJU JAYA. Two firms that differ only by legal form (PT Maju Jaya and CV
// Maju Jaya) share a key too; in one district that is rare, and a case
// officer sees the names behind each key.

/** Legal forms and words that say "a company" rather than which one. */
const LEGAL_FORMS = new Set(['PT', 'CV', 'TBK', 'UD', 'PERUSAHAAN', 'PERSERO']);

/**
 * The key, or null for a name with no letters or digits. Upper case, accents
 * dropped, dotted abbreviations joined (P.T. → PT), any other punctuation a
 * space, legal forms dropped, spaces collapsed. A name that is nothing but
 * legal forms keeps them (so "CV" is not the empty key).
 */
export function employerKey(name: string): string | null {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    // P.T. / C.V. / U.D.: single letters joined by dots are one word.
    .replace(/\b[A-Z](?:\.[A-Z])+\b\.?/g, (abbr) => abbr.replaceAll('.', ''))
    .replace(/[^A-Z0-9]+/g, ' ');
  const words = folded.split(' ').filter((w) => w !== '');
  if (words.length === 0) return null;
  const kept = words.filter((w) => !LEGAL_FORMS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}
