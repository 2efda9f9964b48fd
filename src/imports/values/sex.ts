// Sex (jenis kelamin) parser for imported rows. Registers write it as L/P,
// spelled out in Indonesian, in English, or as OpenSID's code (1 = male,
// 2 = female); anything else is unknown rather than guessed.

const MALE = new Set(['L', 'LK', 'LAKI', 'LAKILAKI', 'LAKI2', 'PRIA', '1', 'M', 'MALE']);
const FEMALE = new Set(['P', 'PR', 'PEREMPUAN', 'WANITA', '2', 'F', 'FEMALE']);

export function parseSex(raw: unknown): 'L' | 'P' | null {
  if (typeof raw === 'number') return raw === 1 ? 'L' : raw === 2 ? 'P' : null;
  if (typeof raw !== 'string') return null;
  // Separators carry no meaning here ("LAKI-LAKI", "Laki laki", "L."), so the
  // key is the letters and digits alone.
  const key = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  if (MALE.has(key)) return 'L';
  if (FEMALE.has(key)) return 'P';
  return null;
}
