// The Kemendagri hierarchy: loaded once from idn-area-data (ODbL), looked up
// by code (dotted or plain) or by name, always with its parent chain.
import { createRequire } from 'node:module';
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB, RegionsTable } from '../db/schema.ts';
import { desaKindOf, formatRegionCode, normaliseRegionCode, type RegionLevel } from './codes.ts';
import {
  countDescendants,
  findRegionByCode,
  findRegionSource,
  findRegionsByCodes,
  type NewRegion,
  type RegionRow,
  searchRegionsByName,
  upsertRegionSource,
  upsertRegions,
} from './regions.repository.ts';

const SOURCE = 'idn-area-data';
const LICENCE = 'ODbL-1.0 (Open Database License), data by idn-area-data contributors';
const BATCH = 10_000;

function idnAreaDataVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('idn-area-data/package.json') as { version: string }).version;
}

const plain = (code: string) => code.replaceAll('.', '');

/** Loads the hierarchy unless this version of the data set is already in. */
export async function ensureRegionsLoaded(
  database: Database,
): Promise<{ loaded: boolean; count: number; ms: number }> {
  const started = Date.now();
  const version = idnAreaDataVersion();
  const current = await findRegionSource(database.db, SOURCE);
  if (current?.version === version) return { loaded: false, count: current.region_count, ms: 0 };

  const [provinces, regencies, districts, villages] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
    getVillages(),
  ]);
  const rows: NewRegion[] = [
    ...provinces.map((p) => ({
      code: plain(p.code),
      level: 'provinsi' as const,
      parent_code: null,
      name: p.name,
      desa_kind: null,
    })),
    ...regencies.map((r) => ({
      code: plain(r.code),
      level: 'kabupaten' as const,
      parent_code: plain(r.province_code),
      name: r.name,
      desa_kind: null,
    })),
    ...districts.map((d) => ({
      code: plain(d.code),
      level: 'kecamatan' as const,
      parent_code: plain(d.regency_code),
      name: d.name,
      desa_kind: null,
    })),
    ...villages.map((v) => ({
      code: plain(v.code),
      level: 'desa' as const,
      parent_code: plain(v.district_code),
      name: v.name,
      desa_kind: desaKindOf(plain(v.code)),
    })),
  ];
  await database.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await upsertRegions(tx.db, rows.slice(i, i + BATCH));
    }
    await upsertRegionSource(tx.db, {
      source: SOURCE,
      version,
      licence: LICENCE,
      region_count: rows.length,
    });
  });
  return { loaded: true, count: rows.length, ms: Date.now() - started };
}

export interface RegionView {
  code: string;
  name: string;
  level: RegionLevel;
  kind: RegionsTable['desa_kind'];
  parents: { code: string; name: string; level: RegionLevel }[];
}

export interface RegionDetail extends RegionView {
  children: {
    kecamatan: number;
    desa: number;
    kelurahan: number;
    desa_adat: number;
    kabupaten: number;
  };
}

function parentCodes(code: string): string[] {
  return [2, 4, 6].filter((n) => n < code.length).map((n) => code.slice(0, n));
}

async function withParents(db: Kysely<DB>, rows: RegionRow[]): Promise<RegionView[]> {
  const codes = [...new Set(rows.flatMap((r) => parentCodes(r.code)))];
  const parents = new Map((await findRegionsByCodes(db, codes)).map((p) => [p.code, p]));
  return rows.map((r) => ({
    code: formatRegionCode(r.code),
    name: r.name,
    level: r.level,
    kind: r.desa_kind,
    parents: parentCodes(r.code)
      .reverse()
      .flatMap((c) => {
        const p = parents.get(c);
        return p ? [{ code: formatRegionCode(p.code), name: p.name, level: p.level }] : [];
      }),
  }));
}

export async function findRegions(
  db: Kysely<DB>,
  text: string,
  opts: { level?: RegionLevel | undefined; limit?: number } = {},
): Promise<RegionView[]> {
  const byCode = normaliseRegionCode(text);
  const rows = byCode
    ? [await findRegionByCode(db, byCode.code)].filter((r): r is RegionRow => r !== undefined)
    : await searchRegionsByName(db, text.trim(), { level: opts.level, limit: opts.limit ?? 20 });
  return withParents(db, rows);
}

export async function showRegion(db: Kysely<DB>, code: string): Promise<RegionDetail | null> {
  const normal = normaliseRegionCode(code);
  if (!normal) return null;
  const row = await findRegionByCode(db, normal.code);
  if (!row) return null;
  const [view] = await withParents(db, [row]);
  const counts = await countDescendants(db, normal.code);
  const children = { kabupaten: 0, kecamatan: 0, desa: 0, kelurahan: 0, desa_adat: 0 };
  for (const c of counts) {
    if (c.level === 'desa') children[c.desa_kind ?? 'desa'] += c.n;
    else if (c.level === 'kecamatan' || c.level === 'kabupaten') children[c.level] += c.n;
  }
  return { ...(view as RegionView), children };
}
