// No. KK (family card number) normaliser: 16 digits that group residents into a
// household. Like NIK, a bad value keeps the row and becomes a finding.
import { identifierText } from './nik.ts';

export type NoKkFlag = 'NO_KK_MISSING' | 'NO_KK_MALFORMED' | 'NO_KK_TEMPORARY';

export function normaliseNoKk(raw: unknown): { noKk: string | null; flags: NoKkFlag[] } {
  const text = identifierText(raw);
  if (text === null || text === '') return { noKk: null, flags: ['NO_KK_MISSING'] };
  if (text === undefined || !/^\d{16}$/.test(text)) {
    return { noKk: null, flags: ['NO_KK_MALFORMED'] };
  }
  // Same convention as temporary NIKs: village systems issue placeholders that
  // start with 0, often shared by unrelated households, so grouping on them
  // would merge families that are not one.
  if (text.startsWith('0')) return { noKk: null, flags: ['NO_KK_TEMPORARY'] };
  return { noKk: text, flags: [] };
}
