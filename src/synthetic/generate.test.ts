// The synthetic data generator without a database: the same seed writes the
// same bytes, identifiers have their real structure, truth.csv agrees with the
// two files it links, and each kind of noise happens at its documented rate.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FILE_NAMES,
  type GenerateResult,
  generateSynthetic,
  MEMBERSHIP_HEADER,
  POPULATION_HEADER,
} from './generate.service.ts';
import { mistypeNik, NOISE, NOISE_KINDS, type NoiseKind, oldSpelling } from './noise.ts';
import { Random } from './random.ts';

type Row = Record<string, string>;

let root: string;
let big: { dir: string; result: GenerateResult; pen: Row[]; pes: Row[]; truth: Row[] };

function read(dir: string, name: string): Row[] {
  const parsed = Papa.parse<Row>(readFileSync(join(dir, name), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** Collects failed checks of a loop over thousands of rows, to assert once. */
function problems() {
  const found: string[] = [];
  return {
    found,
    check(ok: boolean, what: () => string) {
      if (!ok && found.length < 20) found.push(what());
    },
  };
}

const kindsOf = (row: Row): NoiseKind[] =>
  (row.noise ?? '').split(';').filter((k) => k !== '') as NoiseKind[];

/** The register's dates come as YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY. */
function isoDate(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const m = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(text);
  if (!m) throw new Error(`unexpected date ${text}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

const sexOf = (text: string): 'L' | 'P' | null =>
  ['L', 'LAKI-LAKI', '1'].includes(text)
    ? 'L'
    : ['P', 'PEREMPUAN', '2'].includes(text)
      ? 'P'
      : null;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pesiar-synthetic-'));
  const dir = join(root, 'big');
  const result = await generateSynthetic({
    within: '15.02',
    residents: 20_000,
    period: '2024-06',
    out: dir,
    seed: 7,
  });
  big = {
    dir,
    result,
    pen: read(dir, FILE_NAMES.population),
    pes: read(dir, FILE_NAMES.membership),
    truth: read(dir, FILE_NAMES.truth),
  };
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('generateSynthetic', () => {
  it('writes the same bytes for the same seed, and other bytes for another', async () => {
    const run = (name: string, seed: number) =>
      generateSynthetic({
        within: '1502',
        residents: 1_500,
        period: '2024-06',
        out: join(root, name),
        seed,
      });
    await run('a', 3);
    await run('b', 3);
    await run('c', 4);
    for (const file of Object.values(FILE_NAMES)) {
      const a = readFileSync(join(root, 'a', file));
      expect(readFileSync(join(root, 'b', file)).equals(a), file).toBe(true);
    }
    const other = readFileSync(join(root, 'c', FILE_NAMES.population));
    expect(other.equals(readFileSync(join(root, 'a', FILE_NAMES.population)))).toBe(false);
  });

  it('writes the headers of the data contract and exactly the residents asked for', () => {
    const header = (name: string) =>
      readFileSync(join(big.dir, name), 'utf8').split('\n', 1)[0]?.split(',');
    expect(header(FILE_NAMES.population)).toEqual([...POPULATION_HEADER]);
    expect(header(FILE_NAMES.membership)).toEqual([...MEMBERSHIP_HEADER]);
    expect(header(FILE_NAMES.figures)).toEqual(['kode_wilayah', 'jumlah_penduduk']);
    expect(header(FILE_NAMES.truth)).toEqual(['id', 'noka', 'noise']);
    expect(big.pen).toHaveLength(20_000);
    expect(big.result.residents).toBe(20_000);
    expect(big.result.files.map((f) => f.rows)).toEqual([
      big.pen.length,
      big.pes.length,
      expect.any(Number),
      big.truth.length,
    ]);
    // Every village of Merangin is used.
    const villages = new Set(big.pen.map((r) => r.kode_desa?.replaceAll('.', '')));
    expect(villages.size).toBe(big.result.villages);
    expect(big.result.villages).toBe(215);
  });

  it('gives intact NIKs the real structure: kecamatan, birth day (+40 for women), month, year, serial', () => {
    const truthById = new Map(big.truth.map((t) => [t.id, kindsOf(t)]));
    const seen = new Set<string>();
    const p = problems();
    let checked = 0;
    for (const r of big.pen) {
      const kinds = truthById.get(r.id ?? '') ?? [];
      const nik = r.nik ?? '';
      if (kinds.includes('reg_nik_missing')) {
        p.check(nik === '', () => `${r.id}: missing NIK is ${nik}`);
        continue;
      }
      if (kinds.includes('reg_nik_temporary')) {
        p.check(/^0\d{15}$/.test(nik), () => `${r.id}: temporary NIK is ${nik}`);
        continue;
      }
      if (kinds.some((k) => k.startsWith('reg_nik_'))) continue;
      p.check(/^15\d{14}$/.test(nik), () => `${r.id}: NIK ${nik} is not of Jambi (15)`);
      p.check(!seen.has(nik), () => `${r.id}: duplicate NIK ${nik}`);
      p.check(Number(nik.slice(12)) > 0, () => `${r.id}: serial 0000 in ${nik}`);
      seen.add(nik);
      const sex = sexOf(r.jenis_kelamin ?? '');
      const date = r.tanggal_lahir ? isoDate(r.tanggal_lahir) : null;
      if (sex === null || date === null || kinds.some((k) => k.startsWith('reg_birth_'))) continue;
      const day = Number(date.slice(8, 10)) + (sex === 'P' ? 40 : 0);
      const encoded = `${String(day).padStart(2, '0')}${date.slice(5, 7)}${date.slice(2, 4)}`;
      p.check(nik.slice(6, 12) === encoded, () => `${r.id}: ${nik} for ${sex} born ${date}`);
      checked++;
    }
    expect(p.found).toEqual([]);
    expect(checked).toBeGreaterThan(15_000);
  });

  it('gives every KK 16 digits starting with its kecamatan, and 1 to 7 members', () => {
    const sizes = new Map<string, number>();
    for (const r of big.pen) {
      const kk = r.no_kk ?? '';
      expect(kk).toMatch(/^\d{16}$/);
      expect(kk.slice(0, 6)).toBe((r.kode_desa ?? '').replaceAll('.', '').slice(0, 6));
      sizes.set(kk, (sizes.get(kk) ?? 0) + 1);
    }
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(7);
    const mean = big.pen.length / sizes.size;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(4.5);
  });

  it('keeps truth.csv consistent with the register and the extract', () => {
    expect(big.truth.map((t) => t.id)).toEqual(big.pen.map((r) => r.id));
    const nokas = new Set(big.pes.map((m) => m.noka));
    expect(nokas.size).toBe(big.pes.length);
    for (const m of big.pes) expect(m.noka).toMatch(/^\d{13}$/);
    const linked = big.truth.map((t) => t.noka).filter((n) => n !== '');
    expect(new Set(linked).size).toBe(linked.length);
    for (const noka of linked) expect(nokas.has(noka)).toBe(true);
    expect(linked.length).toBe(big.result.membersOnRegister);

    // About 5 % of the extract is people the register does not have.
    const extra = (big.pes.length - linked.length) / big.pes.length;
    expect(extra).toBeGreaterThan(0.035);
    expect(extra).toBeLessThan(0.065);
    // About 80 % of living residents are members (the --members-share default).
    const living = big.pen.filter((r) => r.status_dasar === '1');
    const linkedIds = new Set(big.truth.filter((t) => t.noka !== '').map((t) => t.id));
    const share = living.filter((r) => linkedIds.has(r.id ?? '')).length / living.length;
    expect(share).toBeGreaterThan(0.78);
    expect(share).toBeLessThan(0.82);
    // Most members are active; the dead and moved are a small minority.
    expect(big.result.active / big.result.members).toBeGreaterThan(0.62);
    expect(big.result.active / big.result.members).toBeLessThan(0.78);
    expect(1 - living.length / big.pen.length).toBeLessThan(0.025);
  });

  it('makes the noise visible where truth.csv says it is', () => {
    const pen = new Map(big.pen.map((r) => [r.id, r]));
    const pes = new Map(big.pes.map((m) => [m.noka, m]));
    const p = problems();
    let checked = 0;
    for (const t of big.truth) {
      const kinds = kindsOf(t);
      const has = (k: NoiseKind) => kinds.includes(k);
      const any = (part: string) => kinds.some((k) => k.includes(part));
      const r = pen.get(t.id) as Row;
      const m = t.noka ? pes.get(t.noka) : undefined;
      const who = () => `${t.id} (${kinds.join(';')})`;
      if (has('reg_birth_missing')) p.check(r.tanggal_lahir === '', who);
      if (has('reg_sex_missing')) p.check(r.jenis_kelamin === '', who);
      if (!m) continue;
      if (has('ext_nik_missing')) p.check(m.nik === '', who);
      if (has('ext_birth_missing')) p.check(m.tanggal_lahir === '', who);
      if (has('ext_sex_missing')) p.check(m.jenis_kelamin === '', who);
      const regDesa = (r.kode_desa ?? '').replaceAll('.', '');
      p.check(has('ext_moved') === (m.kode_desa !== regDesa), who);
      if (!any('_nik_')) p.check(m.nik === r.nik, who);
      if (has('reg_nik_typo') && !kinds.some((k) => k.startsWith('ext_nik_'))) {
        const diff = [...(r.nik ?? '')].filter((c, i) => c !== m.nik?.[i]).length;
        p.check(diff === 1 || diff === 2, who);
      }
      const regDate = r.tanggal_lahir ? isoDate(r.tanggal_lahir) : null;
      const extDate = m.tanggal_lahir ? isoDate(m.tanggal_lahir) : null;
      if (!any('_birth_')) p.check(extDate === regDate, who);
      if (has('ext_birth_swap') && kinds.length === 1) {
        const swapped = `${regDate?.slice(0, 4)}-${regDate?.slice(8)}-${regDate?.slice(5, 7)}`;
        p.check(extDate === swapped, who);
      }
      if (!any('_name_')) p.check(m.nama === (r.nama ?? '').toUpperCase(), who);
      checked++;
    }
    expect(p.found).toEqual([]);
    expect(checked).toBeGreaterThan(15_000);
  });

  it('applies each kind of noise at its documented rate, and keeps every pair findable', () => {
    const counted = Object.fromEntries(NOISE_KINDS.map((k) => [k, 0])) as Record<NoiseKind, number>;
    let threeOrMore = 0;
    for (const t of big.truth) {
      const kinds = kindsOf(t);
      for (const k of kinds) counted[k]++;
      if (kinds.length >= 3) threeOrMore++;
      expect(kinds.length).toBeLessThanOrEqual(3);
      // A damaged NIK never comes with a damaged birth date, nor with two name defects.
      if (kinds.some((k) => k.includes('_nik_'))) {
        expect(kinds.filter((k) => k.includes('_birth_'))).toEqual([]);
        expect(kinds.filter((k) => k.includes('_name_')).length).toBeLessThanOrEqual(1);
      }
      expect(kinds.filter((k) => k.includes('_name_')).length).toBeLessThanOrEqual(2);
    }
    expect(threeOrMore / big.truth.length).toBeLessThan(0.01);
    for (const kind of NOISE_KINDS) {
      const { eligible, applied } = big.result.noise[kind];
      expect(counted[kind], kind).toBe(applied);
      const rate = NOISE[kind].rate;
      expect(eligible, kind).toBeGreaterThan(kind.includes('old_spelling') ? 500 : 2_000);
      const tolerance = 4 * Math.sqrt((rate * (1 - rate)) / eligible) + 0.001;
      expect(Math.abs(applied / eligible - rate), `${kind}: ${applied}/${eligible}`).toBeLessThan(
        tolerance,
      );
    }
    // The register rates of formats.md: NIK missing ~4 %, temporary ~1.5 %, mistyped ~2 %, a relative's ~1 %.
    const share = (k: NoiseKind) => counted[k] / big.pen.length;
    expect(share('reg_nik_missing')).toBeCloseTo(0.04, 2);
    expect(share('reg_nik_temporary')).toBeCloseTo(0.015, 2);
    expect(share('reg_nik_typo')).toBeCloseTo(0.02, 2);
    expect(share('reg_nik_family')).toBeCloseTo(0.01, 2);
  });

  it('writes official figures for every village, kecamatan and the kabupaten, summing up', () => {
    const figures = read(big.dir, FILE_NAMES.figures);
    const value = new Map(figures.map((f) => [f.kode_wilayah, Number(f.jumlah_penduduk)]));
    const villages = figures.filter((f) => f.kode_wilayah?.length === 10);
    const kecamatan = figures.filter((f) => f.kode_wilayah?.length === 6);
    expect(villages).toHaveLength(215);
    expect(figures.filter((f) => f.kode_wilayah?.length === 4).map((f) => f.kode_wilayah)).toEqual([
      '1502',
    ]);
    const sum = (rows: Row[]) => rows.reduce((a, f) => a + Number(f.jumlah_penduduk), 0);
    expect(value.get('1502')).toBe(sum(villages));
    expect(value.get('1502')).toBe(sum(kecamatan));
    for (const k of kecamatan) {
      const code = k.kode_wilayah ?? '';
      expect(Number(k.jumlah_penduduk)).toBe(
        sum(villages.filter((v) => v.kode_wilayah?.startsWith(code))),
      );
    }
    const living = new Map<string, number>();
    for (const r of big.pen) {
      if (r.status_dasar !== '1') continue;
      const code = (r.kode_desa ?? '').replaceAll('.', '');
      living.set(code, (living.get(code) ?? 0) + 1);
    }
    for (const v of villages) {
      const n = living.get(v.kode_wilayah ?? '') ?? 0;
      expect(Math.abs(Number(v.jumlah_penduduk) - n)).toBeLessThanOrEqual(Math.ceil(n * 0.08) + 1);
    }
  });

  it('refuses a code that is not a province or kabupaten of the list', async () => {
    const out = join(root, 'refused');
    await expect(
      generateSynthetic({ within: '15.02.17', residents: 10, period: '2024-06', out }),
    ).rejects.toThrow(/province|kabupaten/);
    await expect(
      generateSynthetic({ within: '1599', residents: 10, period: '2024-06', out }),
    ).rejects.toThrow(/no villages/);
  });
});

describe('noise helpers', () => {
  it('mistypes a NIK by one digit or one adjacent swap, never into a temporary NIK', () => {
    const random = new Random(1, 'test');
    for (let i = 0; i < 2_000; i++) {
      const nik = '1502174105900001';
      const typo = mistypeNik(random, nik);
      expect(typo).toMatch(/^[1-9]\d{15}$/);
      expect(typo).not.toBe(nik);
      const at = [...typo].flatMap((c, j) => (c !== nik[j] ? [j] : []));
      if (at.length === 2) {
        const [a, b] = at as [number, number];
        expect(b).toBe(a + 1);
        expect(`${typo[a]}${typo[b]}`).toBe(`${nik[b]}${nik[a]}`);
      } else expect(at).toHaveLength(1);
    }
  });

  it('writes names the way they were spelt before 1972', () => {
    expect(oldSpelling('Sukarno')).toBe('Soekarno');
    expect(oldSpelling('Juminten')).toBe('Djoeminten');
    expect(oldSpelling('Cahyono')).toBe('Tjahyono');
    expect(oldSpelling('Nyoman')).toBe('Njoman');
    expect(oldSpelling('Syamsul')).toBe('Sjamsoel');
    expect(oldSpelling('Khadijah')).toBe('Chadidjah');
  });
});
