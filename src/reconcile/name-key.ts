// The comparison key of an Indonesian name: what is left of a name when the
// ways the same person is written differently in two offices are folded away.
// Computed once per row at import (stored as nama_kunci beside nama and
// nama_raw, which stay as received), so that reconciliation compares keys in
// SQL without re-tokenising millions of names every month.
//
// Folded: case, spacing and punctuation; titles, honorifics and degrees
// anywhere in the name; old (pre-1972) spelling; doubled letters; the
// Muhammad family and its peers (Abd./Abdul, Nur/Noer, Siti/Sitti); the
// patronymic after bin/binti; word order (the key's words are sorted).
// Kept: initials (single letters), which the matcher pairs with whole words.

/** Titles, honorifics and degrees, written without dots (S.Pd. → SPD). */
const TITLES = new Set(
  [
    // religious and social honorifics
    'H HJ HAJI HAJJAH KH KYAI UST USTAD USTADZ USTADZAH USTAZ NY NYONYA NN NONA TN TUAN',
    'BPK BAPAK BP IBU SDR SDRI SAUDARA SAUDARI ALM ALMH ALMARHUM ALMARHUMAH',
    // academic titles
    'DR DRS DRA IR PROF dr',
    // degrees (Indonesian bachelor, master, diploma, specialist)
    'SPD SPDI SPDSD SAG SSOS SKOM SH SHI SE SEI ST SIP SKM SKEP SKED SFARM SSI SPSI SHUT SP STP STR SKEB',
    'SPT SIKOM SKG SGZ SPSIO SPI STH SIKOM SST SSTP SAP SAK SSN SDS SPAR',
    'MPD MPDI MSI MM MKES MAG MH MKOM MT MSC MA MAP MSC MBA MEC',
    'AMD AMA AMAPD AMDKEP AMDKEB AMK AMKEP AMKEB AMKL AMF AMG AMRAD',
    'SPOG SPA SPPD SPB SPM SPS SPKK SPTHT SPJP SPRAD SPAN',
  ]
    .join(' ')
    .toUpperCase()
    .split(' '),
);

/** Marks the start of the patronymic (…bin Abdullah): the rest is the father's name. */
const PATRONYMIC = new Set(['BIN', 'BINTI', 'BT', 'BN', 'BINTE']);

/**
 * Spelling variants of one name word, written after the old-spelling and
 * doubled-letter folds below have been applied (so MOCHAMMAD arrives as
 * MOKHAMAD). A single letter here is an abbreviation, not an initial.
 */
const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  MUHAMAD: [
    'MUHAMAD',
    'MUHAMED',
    'MOHAMAD',
    'MOHAMED',
    'MUKHAMAD',
    'MOKHAMAD',
    'MOHAMAT',
    'MUHAMAT',
    'MAHMAD',
    'MOKH',
    'MOH',
    'MUH',
    'MHD',
    'MUHD',
    'MOHD',
    'MD',
    'M',
  ],
  ABDUL: ['ABDUL', 'ABD', 'ABDUL', 'ABDOEL', 'ABDOL'],
  AHMAD: ['AHMAD', 'AKHMAD', 'AHMAT', 'AKHMAT', 'AHMED'],
  NUR: ['NUR', 'NOR', 'NURUL'],
  SITI: ['SITI', 'SITTI', 'STI'],
  ABDULAH: ['ABDULAH', 'ABDULOH', 'ABDILAH'],
  JUSUF: ['JUSUF', 'JUSOF'],
  KHAIRUL: ['KHAIRUL', 'HAIRUL', 'KAIRUL'],
  SJAIFUL: ['SJAIFUL', 'SAIFUL', 'SJAEFUL', 'SAEFUL'],
  FATIMAH: ['FATIMAH', 'FATIMA', 'FATMAH'],
};

const CANONICAL = new Map<string, string>();
for (const [canonical, variants] of Object.entries(FAMILIES)) {
  for (const variant of variants) CANONICAL.set(variant, canonical);
}

// Old Indonesian (van Ophuijsen / Soewandi) spelling → EYD, as village
// registers still carry it for people born before 1972. NJ → NY and SJ → SY
// need no rule: J and Y are one letter in the key (see foldWord).
const OLD_SPELLING: readonly [RegExp, string][] = [
  [/OE/g, 'U'],
  [/DJ/g, 'J'],
  [/TJ/g, 'C'],
  [/CH/g, 'KH'],
];

const DOUBLED = /(.)\1+/g;

function foldWord(word: string): string {
  // Doubled letters are spelled both ways (MUHAMMAD/MUHAMAD, SITTI/SITI,
  // ALLAH); folded before and after the spelling, which can make new pairs.
  // Old J is today's Y (Tjahja = Cahya, Jusuf = Yusuf) while old DJ is
  // today's J: a name does not say which spelling it uses, so J and Y are
  // one letter in the key.
  let w = word.replace(/Y/g, 'J').replace(DOUBLED, '$1');
  for (const [from, to] of OLD_SPELLING) if (w.includes(from.source)) w = w.replace(from, to);
  w = w.replace(DOUBLED, '$1');
  return CANONICAL.get(w) ?? w;
}

const SEPARATOR = /[^A-Z.']+/;

/**
 * The words of a name (upper case, folded, no titles, no patronymic), in
 * their written order. Exposed for the explanation of a comparison.
 */
export function nameWords(nama: string): string[] {
  // Combining marks go (É → E); then everything but letters, dots and
  // apostrophes separates words.
  const text = nama.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  const words: string[] = [];
  for (const chunk of text.split(SEPARATOR)) {
    if (chunk === '') continue;
    const undotted = chunk.replace(/[.']/g, '');
    if (undotted === '') continue;
    // "S.Pd." and "H." are titles as a whole; "M.Yusuf" and "Abd.Rahman" are two words.
    if (TITLES.has(undotted)) continue;
    const parts = chunk.includes('.') ? chunk.split('.') : [chunk];
    for (const part of parts) {
      const word = part.replace(/'/g, '');
      if (word === '') continue;
      if (PATRONYMIC.has(word) && words.length > 0) return words;
      if (TITLES.has(word)) continue;
      const folded = foldWord(word);
      // A fold can land on a title (HY → HJ): such a word is dropped too, so
      // that the key of a key is the key.
      if (!TITLES.has(folded)) words.push(folded);
    }
  }
  return words;
}

/**
 * The key compared across registers: folded words, each once, sorted, joined
 * by one space. Null when nothing of the name is left (a name that is only a
 * title): such a row is compared on its other fields alone.
 */
export function nameKey(nama: string | null | undefined): string | null {
  if (nama === null || nama === undefined) return null;
  const words = [...new Set(nameWords(nama))].sort();
  return words.length === 0 ? null : words.join(' ');
}
