// The villages a synthetic data set is spread over, from the Kemendagri list
// that idn-area-data ships (ODbL), the same list the importer checks against.
import { getDistricts, getRegencies, getVillages } from 'idn-area-data';
import { normaliseRegionCode } from '../regions/codes.ts';

export interface Village {
  /** Plain 10-digit code. */
  readonly code: string;
  readonly dotted: string;
  readonly name: string;
  readonly kecamatan: string;
  readonly kecamatanName: string;
  readonly kabupaten: string;
  readonly kabupatenName: string;
  readonly kelurahan: boolean;
}

export interface Area {
  /** The --within code, plain. */
  readonly code: string;
  readonly level: 'provinsi' | 'kabupaten';
  readonly province: string;
  readonly villages: readonly Village[];
  /** Every kecamatan of the province (plain 6-digit codes): where NIKs may come from. */
  readonly provinceKecamatan: readonly string[];
}

export class AreaError extends Error {}

const plain = (code: string) => code.replaceAll('.', '');

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, sep: string, c: string) => {
    return sep + c.toUpperCase();
  });
}

/** Loads the villages of a province or kabupaten (code dotted or plain). */
export async function loadArea(within: string): Promise<Area> {
  const normal = normaliseRegionCode(within);
  if (!normal || (normal.level !== 'provinsi' && normal.level !== 'kabupaten')) {
    throw new AreaError(`${within}: expected a province (15) or kabupaten/kota (15.02) code`);
  }
  const [regencies, districts, villages] = await Promise.all([
    getRegencies(),
    getDistricts(),
    getVillages(),
  ]);
  const province = normal.code.slice(0, 2);
  const regencyNames = new Map(
    regencies.map((r) => [plain(r.code), titleCase(r.name.replace(/^KABUPATEN /, ''))]),
  );
  const districtNames = new Map(districts.map((d) => [plain(d.code), titleCase(d.name)]));
  const selected: Village[] = [];
  for (const v of villages) {
    const code = plain(v.code);
    if (!code.startsWith(normal.code)) continue;
    const kecamatan = code.slice(0, 6);
    const kabupaten = code.slice(0, 4);
    selected.push({
      code,
      dotted: v.code,
      name: titleCase(v.name),
      kecamatan,
      kecamatanName: districtNames.get(kecamatan) ?? kecamatan,
      kabupaten,
      kabupatenName: regencyNames.get(kabupaten) ?? kabupaten,
      kelurahan: code[6] === '1',
    });
  }
  if (selected.length === 0) throw new AreaError(`${within}: no villages in the Kemendagri list`);
  selected.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const provinceKecamatan = districts
    .map((d) => plain(d.code))
    .filter((c) => c.startsWith(province))
    .sort();
  return {
    code: normal.code,
    level: normal.level,
    province,
    villages: selected,
    provinceKecamatan,
  };
}
