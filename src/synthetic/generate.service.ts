// pesiar generate: a synthetic month of data for one province or kabupaten —
// the village population register, the insurer's membership extract and the
// official population figures (formats.md §1–3) — plus truth.csv, which says
// which register row and which extract row are the same person and what noise
// separates them. Written village by village and household by household, so
// that memory stays flat however many residents are asked for.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CsvWriter, csvField as q } from './csv-writer.ts';
import { type GenerateOptions, generateOptionsSchema } from './generate.schema.ts';
import {
  type Household,
  makeEmployers,
  makeHousehold,
  makeNewborn,
  makeOutsider,
  type Person,
  type Segmen,
  type VillageSetting,
  villageSetting,
} from './households.ts';
import { type BirthDate, KkAllocator, NikAllocator, NokaAllocator } from './identifiers.ts';
import { mixDrawer, villageMix } from './names.ts';
import { applyNoise, type Casing, NoiseCounter, type NoiseStats, type Rendition } from './noise.ts';
import { Random, Weighted } from './random.ts';
import { type Area, loadArea, type Village } from './villages.ts';

export { AreaError } from './villages.ts';

export const POPULATION_HEADER = [
  'id',
  'nik',
  'no_kk',
  'nama',
  'tanggal_lahir',
  'jenis_kelamin',
  'kode_desa',
  'alamat',
  'rt',
  'rw',
  'dusun',
  'pekerjaan',
  'pemberi_kerja',
  'desil',
  'hamil',
  'stunting',
  'phk',
  'disabilitas',
  'status_dasar',
] as const;

export const MEMBERSHIP_HEADER = [
  'noka',
  'nik',
  'nama',
  'tanggal_lahir',
  'jenis_kelamin',
  'kode_desa',
  'segmen',
  'kelas',
  'status',
  'alasan_nonaktif',
  'bulan_tunggakan',
  'badan_usaha',
  'alamat',
  'faskes',
] as const;

export const FIGURES_HEADER = ['kode_wilayah', 'jumlah_penduduk'] as const;
export const TRUTH_HEADER = ['id', 'noka', 'noise'] as const;

export const FILE_NAMES = {
  population: 'penduduk.csv',
  membership: 'peserta.csv',
  figures: 'jumlah_penduduk.csv',
  truth: 'truth.csv',
} as const;

export interface GeneratedFile {
  kind: keyof typeof FILE_NAMES;
  path: string;
  rows: number;
  bytes: number;
}

export interface GenerateResult {
  residents: number;
  livingResidents: number;
  members: number;
  /** Members who are residents of the register (the rest are in truth.csv nowhere). */
  membersOnRegister: number;
  livingMembersOnRegister: number;
  villages: number;
  files: GeneratedFile[];
  segments: Record<Segmen, number>;
  active: number;
  noise: NoiseStats;
  seed: number;
  durationMs: number;
}

export interface GenerateHooks {
  /** Called after each village with the residents written so far. */
  onProgress?: (written: number, total: number) => void;
}

const DAY_MS = 86_400_000;
/** Extract rows for people not on the register, per member who is: 5 % of members. */
const EXTRA_PER_MEMBER = 0.05 / 0.95;
/** Pathways of the members who are on no register here. */
const EXTRA_SEGMEN = new Weighted<Segmen>([
  ['PBI_APBN', 40],
  ['PBI_APBD', 15],
  ['PPU', 20],
  ['PBPU', 20],
  ['BP', 5],
]);
/** Chance that a living resident of an insured household is a member, by pathway. */
const MEMBER_RATE: Record<Segmen, number> = {
  PBI_APBN: 0.95,
  PBI_APBD: 0.93,
  PPU: 0.96,
  PBPU: 0.86,
  BP: 0.95,
};

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => String(n).padStart(3, '0');

/** How one village's register writes its values (villages use different systems). */
interface RegisterStyle {
  readonly casing: Casing;
  readonly date: (b: BirthDate) => string;
  readonly sex: (s: 'L' | 'P') => string;
  readonly flag: (b: boolean) => string;
  readonly rtRw: (n: number) => string;
  readonly desaCode: string;
}

function registerStyle(random: Random, village: Village): RegisterStyle {
  const d = random.next();
  const date =
    d < 0.7
      ? (b: BirthDate) => `${b.y}-${pad2(b.m)}-${pad2(b.d)}`
      : d < 0.9
        ? (b: BirthDate) => `${pad2(b.d)}-${pad2(b.m)}-${b.y}`
        : (b: BirthDate) => `${pad2(b.d)}/${pad2(b.m)}/${b.y}`;
  const s = random.next();
  const sex =
    s < 0.8
      ? (x: 'L' | 'P') => x
      : s < 0.95
        ? (x: 'L' | 'P') => (x === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN')
        : (x: 'L' | 'P') => (x === 'L' ? '1' : '2');
  const f = random.next();
  const flag =
    f < 0.45
      ? (b: boolean) => (b ? '1' : '')
      : f < 0.8
        ? (b: boolean) => (b ? '1' : '0')
        : f < 0.9
          ? (b: boolean) => (b ? 'Y' : 'T')
          : (b: boolean) => (b ? 'ya' : 'tidak');
  const r = random.next();
  const rtRw = r < 0.6 ? pad3 : r < 0.8 ? pad2 : String;
  return {
    casing: random.chance(0.8) ? 'upper' : 'title',
    date,
    sex,
    flag,
    rtRw,
    desaCode: random.chance(0.7) ? village.dotted : village.code,
  };
}

const extractDate = (b: BirthDate | null) => (b === null ? '' : `${pad2(b.d)}-${pad2(b.m)}-${b.y}`);

/** How the branch office writes a segment: mostly the official name, sometimes an alias. */
const SEGMEN_TEXT: Record<Segmen, Weighted<string>> = {
  PBI_APBN: new Weighted([
    ['PBI APBN', 85],
    ['PBI JK', 15],
  ]),
  PBI_APBD: new Weighted([
    ['PBI APBD', 60],
    ['PBPU PEMDA', 25],
    ['PEMDA', 15],
  ]),
  PPU: new Weighted([
    ['PPU', 80],
    ['PEKERJA PENERIMA UPAH', 20],
  ]),
  PBPU: new Weighted([
    ['PBPU', 75],
    ['MANDIRI', 15],
    ['PBPU MANDIRI', 10],
  ]),
  BP: new Weighted([
    ['BP', 85],
    ['BUKAN PEKERJA', 15],
  ]),
};

type Alasan = 'TUNGGAKAN' | 'PBI_NONAKTIF' | 'PPU_BERHENTI' | 'MENINGGAL' | 'PINDAH' | 'LAINNYA';

interface Standing {
  aktif: boolean;
  alasan: Alasan | null;
  tunggakan: number | null;
}

function inactive(random: Random, alasan: Alasan): Standing {
  // Arrears are mostly a few months; a long tail runs to three years.
  const tunggakan = alasan === 'TUNGGAKAN' ? 1 + Math.floor(35 * random.next() ** 2) : null;
  return { aktif: false, alasan, tunggakan };
}

function standingFor(random: Random, segmen: Segmen, phk: boolean): Standing {
  const r = random.next();
  switch (segmen) {
    case 'PBI_APBN':
      return r < 0.84 ? ACTIVE : inactive(random, r < 0.97 ? 'PBI_NONAKTIF' : 'LAINNYA');
    case 'PBI_APBD':
      return r < 0.8 ? ACTIVE : inactive(random, r < 0.95 ? 'PBI_NONAKTIF' : 'LAINNYA');
    case 'PPU':
      if (phk) return inactive(random, 'PPU_BERHENTI');
      return r < 0.86 ? ACTIVE : inactive(random, r < 0.98 ? 'PPU_BERHENTI' : 'LAINNYA');
    case 'PBPU':
      return r < 0.38 ? ACTIVE : inactive(random, r < 0.96 ? 'TUNGGAKAN' : 'LAINNYA');
    case 'BP':
      return r < 0.6 ? ACTIVE : inactive(random, r < 0.97 ? 'TUNGGAKAN' : 'LAINNYA');
  }
}

const ACTIVE: Standing = { aktif: true, alasan: null, tunggakan: null };

function kelasFor(random: Random, segmen: Segmen, detail: 'PN' | 'BU' | null): number {
  if (segmen === 'PBI_APBN' || segmen === 'PBI_APBD') return 3;
  if (segmen === 'PPU') return random.chance(detail === 'PN' ? 0.45 : 0.3) ? 1 : 2;
  const r = random.next();
  return r < 0.65 ? 3 : r < 0.87 ? 2 : 1;
}

/** The extract's view of a household: pathway, class, standing, facility, address. */
interface Cover {
  readonly segmen: Segmen;
  readonly kelas: number;
  readonly standing: Standing;
  readonly badanUsaha: string;
  /** The last two columns, alamat and faskes, as CSV. */
  readonly place: string;
}

function coverOf(random: Random, h: Household): Cover {
  const head = h.members[0];
  const v = h.village;
  const f = random.next();
  const faskes =
    f < 0.86
      ? `PUSKESMAS ${v.kecamatanName.toUpperCase()}`
      : f < 0.96
        ? `KLINIK PRATAMA ${v.name.toUpperCase()}`
        : `DR. ${(head?.name ?? 'Sehat').split(' ')[0]?.toUpperCase()} (DOKTER PRAKTIK)`;
  const place = h.street
    ? `JL. ${h.street.toUpperCase()} NO. ${h.houseNo}`
    : h.dusun.toUpperCase().startsWith('DUSUN')
      ? h.dusun.toUpperCase()
      : `DUSUN ${h.dusun.toUpperCase()}`;
  const alamat = random.chance(0.5)
    ? `${place} RT ${pad3(h.rt)}/RW ${pad3(h.rw)} ${v.name.toUpperCase()}`
    : `${place}, RT ${pad2(h.rt)}, RW ${pad2(h.rw)}, DESA ${v.name.toUpperCase()}`;
  return {
    segmen: h.segmen,
    kelas: kelasFor(random, h.segmen, h.ppuDetail),
    standing: standingFor(random, h.segmen, head?.phk === true && h.segmen === 'PPU'),
    badanUsaha: h.segmen === 'PPU' ? (h.employer ?? '').toUpperCase() : '',
    place: `${q(alamat)},${q(faskes)}`,
  };
}

function titleCaseText(text: string, casing: Casing): string {
  return casing === 'upper' ? text.toUpperCase() : text;
}

/** Where the noise may move someone: another village of the kecamatan, else of the kabupaten. */
class Neighbours {
  private readonly byKecamatan = new Map<string, Village[]>();
  private readonly byKabupaten = new Map<string, Village[]>();

  constructor(area: Area) {
    for (const v of area.villages) {
      const k = this.byKecamatan.get(v.kecamatan) ?? [];
      k.push(v);
      this.byKecamatan.set(v.kecamatan, k);
      const b = this.byKabupaten.get(v.kabupaten) ?? [];
      b.push(v);
      this.byKabupaten.set(v.kabupaten, b);
    }
  }

  pick(random: Random, village: Village): Village | null {
    const near = this.byKecamatan.get(village.kecamatan) ?? [];
    const far = this.byKabupaten.get(village.kabupaten) ?? [];
    const pool = near.length > 1 && random.chance(0.75) ? near : far;
    if (pool.length < 2) return null;
    let other = random.pick(pool);
    while (other.code === village.code) other = random.pick(pool);
    return other;
  }
}

/** Village sizes: log-normal, towns (kelurahan) larger; summing to exactly `total`. */
function villageTargets(random: Random, villages: readonly Village[], total: number): number[] {
  const weights = villages.map((v) => Math.exp(0.7 * random.normal()) * (v.kelurahan ? 1.8 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const targets = exact.map(Math.floor);
  let left = total - targets.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    targets[i] = (targets[i] ?? 0) + 1;
    left--;
  }
  return targets;
}

function firstOfMonth(period: string): { ms: number; date: BirthDate } {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return { ms: Date.UTC(y, m - 1, 1), date: { y, m, d: 1 } };
}

function newStats() {
  return {
    residents: 0,
    living: 0,
    members: 0,
    membersOnRegister: 0,
    livingMembers: 0,
    active: 0,
    segments: { PBI_APBN: 0, PBI_APBD: 0, PPU: 0, PBPU: 0, BP: 0 } as Record<Segmen, number>,
  };
}

/** Writes the four files into `options.out`. Deterministic for a seed. */
export async function generateSynthetic(
  options: GenerateOptions,
  hooks: GenerateHooks = {},
): Promise<GenerateResult> {
  const started = Date.now();
  const settings = generateOptionsSchema.parse(options);
  const area = await loadArea(settings.within);
  const seed = settings.seed;
  const out = resolve(settings.out);
  mkdirSync(out, { recursive: true });

  const villageRandom = new Random(seed, 'villages');
  const householdRandom = new Random(seed, 'households');
  const extractRandom = new Random(seed, 'extract');
  const noiseRandom = new Random(seed, 'noise');
  const reference = firstOfMonth(settings.period);
  const kabupatenNames = [...new Set(area.villages.map((v) => v.kabupatenName))];
  const world = {
    asOfMs: reference.ms - DAY_MS,
    asOf: reference.date,
    nik: new NikAllocator(),
    kk: new KkAllocator(),
    noka: new NokaAllocator(Math.floor(villageRandom.next() * 9_000_000_000)),
    employers: makeEmployers(villageRandom, kabupatenNames),
  };
  const neighbours = new Neighbours(area);
  const targets = villageTargets(villageRandom, area.villages, settings.residents);
  const noise = new NoiseCounter();
  const stats = newStats();
  const living = new Map<string, number>();
  const share = settings.membersShare;
  // Whole households go uninsured; this base share and a feedback on the
  // running share keep the members among living residents at --members-share.
  const baseUninsured = Math.max(0, 1 - share / 0.93);
  const memberScale = share > 0.93 ? share / 0.93 : 1;

  const population = new CsvWriter(join(out, FILE_NAMES.population), POPULATION_HEADER);
  const membership = new CsvWriter(join(out, FILE_NAMES.membership), MEMBERSHIP_HEADER);
  const truth = new CsvWriter(join(out, FILE_NAMES.truth), TRUTH_HEADER);
  const writers = [population, membership, truth];
  let nextId = 1;

  const writeMember = (
    r: Rendition,
    cover: Cover,
    standing: Standing,
    segmen: Segmen,
    employer: string = cover.badanUsaha,
  ): string => {
    const noka = world.noka.next();
    const status = standing.aktif
      ? 'AKTIF'
      : extractRandom.chance(0.04)
        ? 'TIDAK AKTIF'
        : 'NONAKTIF';
    const tunggakan = standing.tunggakan === null ? '' : String(standing.tunggakan);
    const badanUsaha = segmen === 'PPU' ? q(employer) : '';
    // A member on another pathway than the household's has that pathway's class.
    const kelas = segmen === cover.segmen ? cover.kelas : kelasFor(extractRandom, segmen, null);
    membership.line(
      `${noka},${r.nik},${q(r.name)},${extractDate(r.birth)},${r.sex ?? ''},${r.village.code},${SEGMEN_TEXT[segmen].draw(extractRandom)},${kelas},${status},${standing.alasan ?? ''},${tunggakan},${badanUsaha},${cover.place}`,
    );
    stats.members++;
    stats.segments[segmen]++;
    if (standing.aktif) stats.active++;
    return noka;
  };

  /** A member the register does not have: a newborn, someone on another register, someone dead. */
  const writeExtra = (setting: VillageSetting, household: Household, cover: Cover) => {
    const r = extractRandom.next();
    let person: Person;
    let standing = cover.standing;
    let segmen = cover.segmen;
    if (r < 0.45) person = makeNewborn(householdRandom, world, household);
    else {
      const dead = r > 0.85;
      person = makeOutsider(householdRandom, world, setting, dead);
      segmen = EXTRA_SEGMEN.draw(extractRandom);
      standing = dead
        ? extractRandom.chance(0.6)
          ? ACTIVE
          : { aktif: false, alasan: 'MENINGGAL', tunggakan: null }
        : standingFor(extractRandom, segmen, false);
    }
    // Newborns are often registered as "Bayi Nyonya <mother>" before they are named.
    const mother = household.members[1]?.role === 'istri' ? household.members[1] : undefined;
    const name =
      r < 0.45 && mother && extractRandom.chance(0.3)
        ? `BY NY ${mother.name.toUpperCase()}`
        : person.name.toUpperCase();
    const rendition: Rendition = {
      nik: person.nik !== '' && extractRandom.chance(0.03) ? '' : person.nik,
      name,
      birth: person.birth,
      sex: person.sex,
      village: household.village,
    };
    const employer =
      segmen === cover.segmen ? cover.badanUsaha : extractRandom.pick(world.employers.companies);
    writeMember(rendition, cover, standing, segmen, employer.toUpperCase());
  };

  const writeHousehold = (setting: VillageSetting, style: RegisterStyle, h: Household) => {
    const cover = coverOf(extractRandom, h);
    const runningShare = stats.living > 200 ? stats.livingMembers / stats.living : share;
    const uninsured = extractRandom.chance(
      Math.min(0.95, Math.max(0, baseUninsured + 3 * (runningShare - share))),
    );
    const niks: string[] = [];
    for (const m of h.members) niks.push(m.nik);
    const v = h.village;
    const alamat = titleCaseText(
      h.street
        ? `Jl. ${h.street} No. ${h.houseNo}`
        : h.dusun.startsWith('Dusun')
          ? h.dusun
          : `Dusun ${h.dusun}`,
      style.casing,
    );
    const dusun = titleCaseText(h.dusun, style.casing);
    // The columns every member of the household shares, kode_desa to dusun.
    const place = `${style.desaCode},${q(alamat)},${style.rtRw(h.rt)},${style.rtRw(h.rw)},${q(dusun)}`;
    const desil = h.desil === null ? '' : String(h.desil);
    for (const person of h.members) {
      const alive = person.statusDasar === 1;
      let member: boolean;
      if (uninsured) member = false;
      else if (alive) {
        const rate = MEMBER_RATE[h.segmen] * memberScale * (person.age === 0 ? 0.7 : 1);
        member = extractRandom.chance(Math.min(1, rate));
      } else member = extractRandom.chance(person.statusDasar === 2 ? 0.55 : 0.6);

      const result = applyNoise(noiseRandom, noise, {
        subject: {
          name: person.name,
          nik: person.nik,
          sex: person.sex,
          birth: person.birth,
          age: person.age,
          religion: person.religion,
          fatherName: person.fatherName,
          statusDasar: person.statusDasar,
          role: person.role,
        },
        kkNiks: niks,
        village: v,
        registerCasing: style.casing,
        member,
        neighbours,
      });
      const reg = result.reg;
      const flags = `${style.flag(person.hamil)},${style.flag(person.stunting)},${style.flag(person.phk)},${style.flag(person.disabilitas)}`;
      const employer = person.pemberiKerja && q(titleCaseText(person.pemberiKerja, style.casing));
      population.line(
        `${person.id},${reg.nik},${h.noKk},${q(reg.name)},${reg.birth === null ? '' : style.date(reg.birth)},${reg.sex === null ? '' : style.sex(reg.sex)},${place},${person.pekerjaan},${employer},${desil},${flags},${person.statusDasar}`,
      );
      stats.residents++;
      if (alive) {
        stats.living++;
        living.set(v.code, (living.get(v.code) ?? 0) + 1);
      }

      let noka = '';
      if (result.ext) {
        // Most of a household shares its pathway and standing; some members differ.
        let segmen = cover.segmen;
        let standing = cover.standing;
        if (extractRandom.chance(0.08)) {
          segmen = person.age >= 60 ? 'PBI_APBN' : extractRandom.chance(0.5) ? 'PBPU' : 'PBI_APBD';
          standing = standingFor(extractRandom, segmen, false);
        } else if (extractRandom.chance(0.1)) {
          standing = standingFor(extractRandom, segmen, person.phk);
        }
        if (
          segmen === 'PPU' &&
          person.role === 'anak' &&
          person.age >= 21 &&
          person.pemberiKerja === ''
        )
          standing = { aktif: false, alasan: 'PPU_BERHENTI', tunggakan: null };
        if (person.statusDasar === 2 && extractRandom.chance(0.7))
          standing = { aktif: false, alasan: 'MENINGGAL', tunggakan: null };
        if (person.statusDasar === 3 && extractRandom.chance(0.4))
          standing = { aktif: false, alasan: 'PINDAH', tunggakan: null };
        noka = writeMember(result.ext, cover, standing, segmen);
        stats.membersOnRegister++;
        if (alive) stats.livingMembers++;
        if (extractRandom.chance(EXTRA_PER_MEMBER)) writeExtra(setting, h, cover);
      }
      truth.line(`${person.id},${noka},${result.kinds.join(';')}`);
    }
  };

  try {
    for (let vi = 0; vi < area.villages.length; vi++) {
      const village = area.villages[vi] as Village;
      const groups = mixDrawer(villageMix(villageRandom, area.province, village.name));
      const setting = villageSetting(villageRandom, village, groups, area);
      const style = registerStyle(villageRandom, village);
      let remaining = targets[vi] ?? 0;
      while (remaining > 0) {
        const household = makeHousehold(householdRandom, world, setting);
        if (household.members.length > remaining) household.members.length = remaining;
        remaining -= household.members.length;
        for (const m of household.members) m.id = nextId++;
        writeHousehold(setting, style, household);
        await population.flushIfFull();
        await membership.flushIfFull();
        await truth.flushIfFull();
      }
      hooks.onProgress?.(stats.residents, settings.residents);
    }
    for (const w of writers) await w.close();
  } catch (error) {
    for (const w of writers) w.destroy();
    throw error;
  }

  const figures = await writeFigures(join(out, FILE_NAMES.figures), area, living, villageRandom);
  const file = (kind: GeneratedFile['kind'], w: CsvWriter): GeneratedFile => ({
    kind,
    path: w.path,
    rows: w.rows,
    bytes: w.bytes,
  });
  return {
    residents: stats.residents,
    livingResidents: stats.living,
    members: stats.members,
    membersOnRegister: stats.membersOnRegister,
    livingMembersOnRegister: stats.livingMembers,
    villages: area.villages.length,
    files: [
      file('population', population),
      file('membership', membership),
      file('figures', figures),
      file('truth', truth),
    ],
    segments: stats.segments,
    active: stats.active,
    noise: noise.toStats(),
    seed,
    durationMs: Date.now() - started,
  };
}

/**
 * The civil registry's figures: per village the living residents give or take
 * a few percent (the two registries never agree exactly), and every kecamatan,
 * kabupaten (and province) the sum of its villages.
 */
async function writeFigures(
  path: string,
  area: Area,
  living: ReadonlyMap<string, number>,
  random: Random,
): Promise<CsvWriter> {
  const villageFigure = new Map<string, number>();
  const sums = new Map<string, number>();
  for (const v of area.villages) {
    const n = living.get(v.code) ?? 0;
    const drift = Math.max(-0.08, Math.min(0.08, 0.03 * random.normal()));
    const figure = Math.max(0, Math.round(n * (1 + drift)));
    villageFigure.set(v.code, figure);
    for (const parent of [v.kecamatan, v.kabupaten])
      sums.set(parent, (sums.get(parent) ?? 0) + figure);
    if (area.level === 'provinsi') sums.set(area.province, (sums.get(area.province) ?? 0) + figure);
  }
  const writer = new CsvWriter(path, FIGURES_HEADER);
  if (area.level === 'provinsi') writer.line(`${area.province},${sums.get(area.province) ?? 0}`);
  let kabupaten = '';
  let kecamatan = '';
  for (const v of area.villages) {
    if (v.kabupaten !== kabupaten) {
      kabupaten = v.kabupaten;
      writer.line(`${kabupaten},${sums.get(kabupaten) ?? 0}`);
    }
    if (v.kecamatan !== kecamatan) {
      kecamatan = v.kecamatan;
      writer.line(`${kecamatan},${sums.get(kecamatan) ?? 0}`);
    }
    writer.line(`${v.code},${villageFigure.get(v.code) ?? 0}`);
  }
  await writer.close();
  return writer;
}
