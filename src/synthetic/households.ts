// Synthetic households: a family card (No. KK) of one to seven people with
// consistent ages and sexes, an address, a welfare decile, jobs and the
// vulnerability flags the agents look for. Everything here is the truth; the
// noise is applied later (noise.ts).
import type { BirthDate, KkAllocator, NikAllocator, NokaAllocator } from './identifiers.ts';
import {
  COMPANY_WORDS_A,
  COMPANY_WORDS_B,
  DUSUN_WORDS,
  PEKERJAAN,
  STREET_WORDS,
} from './name-pools.ts';
import {
  type Family,
  fatherGivenName,
  type Group,
  newFamily,
  personName,
  type Religion,
  type Sex,
  spouseFamily,
} from './names.ts';
import { type Random, Weighted } from './random.ts';
import type { Area, Village } from './villages.ts';

export type Role = 'kepala' | 'istri' | 'anak' | 'orang_tua';
export type Segmen = 'PBI_APBN' | 'PBI_APBD' | 'PPU' | 'PBPU' | 'BP';

export interface Person {
  /** The register's record id (0 for a member who is not on the register). */
  id: number;
  readonly role: Role;
  readonly sex: Sex;
  readonly birth: BirthDate;
  readonly age: number;
  readonly name: string;
  /** The father's given name, for "bin/binti FATHER". */
  readonly fatherName: string;
  readonly religion: Religion;
  readonly nik: string;
  pekerjaan: string;
  pemberiKerja: string;
  hamil: boolean;
  stunting: boolean;
  phk: boolean;
  disabilitas: boolean;
  /** 1 living, 2 died, 3 moved away (OpenSID's status_dasar). */
  statusDasar: 1 | 2 | 3;
}

export interface Household {
  readonly village: Village;
  readonly noKk: string;
  readonly family: Family;
  /** The pathway the family is on (or would be on, if uninsured). */
  readonly segmen: Segmen;
  readonly ppuDetail: 'PN' | 'BU' | null;
  /** The wage earner's employer (PPU), for badan_usaha. */
  readonly employer: string | null;
  readonly desil: number | null;
  readonly dusun: string;
  readonly rw: number;
  readonly rt: number;
  readonly street: string | null;
  readonly houseNo: number;
  readonly members: Person[];
}

/** Everything that stays the same for the households of one village. */
export interface VillageSetting {
  readonly village: Village;
  readonly groups: Weighted<Group>;
  readonly dusun: readonly { name: string; rws: readonly number[] }[];
  readonly streets: readonly string[];
  /** People in other kecamatan codes of the province than their own (NIK prefix). */
  readonly area: Area;
}

/** The generator's shared state: the clock, the identifier counters, the employers. */
export interface World {
  /** The first day of --period (UTC ms): everyone was born before it. */
  readonly asOfMs: number;
  readonly asOf: BirthDate;
  readonly nik: NikAllocator;
  readonly kk: KkAllocator;
  readonly noka: NokaAllocator;
  readonly employers: Employers;
}

export interface Employers {
  readonly companies: readonly string[];
  readonly government: readonly string[];
  readonly bumn: readonly string[];
}

const DAY_MS = 86_400_000;

export function dateOf(ms: number): BirthDate {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function ageAt(birth: BirthDate, asOf: BirthDate): number {
  const before = asOf.m < birth.m || (asOf.m === birth.m && asOf.d < birth.d);
  return asOf.y - birth.y - (before ? 1 : 0);
}

/** A birth date for someone who is `age` full years old on the reference day. */
function birthForAge(random: Random, world: World, age: number): BirthDate {
  const days = Math.floor((age + random.next()) * 365.2425) + 1;
  return dateOf(world.asOfMs - days * DAY_MS);
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

export function villageSetting(
  random: Random,
  village: Village,
  groups: Weighted<Group>,
  area: Area,
): VillageSetting {
  const count = village.kelurahan ? random.int(4, 10) : random.int(2, 7);
  const roman = random.chance(0.4);
  const dusun: { name: string; rws: number[] }[] = [];
  let rw = 0;
  for (let i = 0; i < count; i++) {
    const name = roman
      ? `Dusun ${ROMAN[i] ?? i + 1}`
      : random.chance(0.5)
        ? `${random.pick(DUSUN_WORDS)} ${random.pick(DUSUN_WORDS)}`
        : `${village.name.split(' ')[0] ?? 'Kampung'} ${random.pick(DUSUN_WORDS)}`;
    const rws: number[] = [];
    for (let k = random.int(1, 3); k > 0; k--) rws.push(++rw);
    dusun.push({ name, rws });
  }
  const streets = Array.from({ length: random.int(2, 6) }, () => random.pick(STREET_WORDS));
  return { village, groups, dusun, streets, area };
}

export function makeEmployers(random: Random, kabupatenNames: readonly string[]): Employers {
  const companies = new Set<string>();
  while (companies.size < 60) {
    const form = random.chance(0.75) ? 'PT' : 'CV';
    companies.add(`${form} ${random.pick(COMPANY_WORDS_A)} ${random.pick(COMPANY_WORDS_B)}`);
  }
  const government = kabupatenNames.flatMap((k) => [
    `Pemerintah Kabupaten ${k}`,
    `Dinas Pendidikan Kabupaten ${k}`,
    `Dinas Kesehatan Kabupaten ${k}`,
    `RSUD ${k}`,
    `Kantor Kementerian Agama Kabupaten ${k}`,
  ]);
  const bumn = [
    'PT Perkebunan Nusantara',
    'PT Bank Rakyat Indonesia (Persero) Tbk',
    'PT Pos Indonesia',
    'PT PLN (Persero)',
    'PT Pertamina',
    'PT Telkom Indonesia',
  ];
  return { companies: [...companies], government, bumn };
}

const SEGMEN = new Weighted<Segmen>([
  ['PBI_APBN', 40],
  ['PBI_APBD', 13],
  ['PPU', 21],
  ['PBPU', 18],
  ['BP', 8],
]);

type Shape = 'single' | 'couple' | 'nuclear' | 'extended' | 'single_parent';
const SHAPE = new Weighted<Shape>([
  ['single', 8],
  ['couple', 11],
  ['nuclear', 63],
  ['extended', 11],
  ['single_parent', 7],
]);
const ELDERLY_SHAPE = new Weighted<Shape>([
  ['single', 35],
  ['couple', 40],
  ['extended', 25],
]);
const CHILDREN = new Weighted([
  [1, 27],
  [2, 33],
  [3, 21],
  [4, 12],
  [5, 7],
]);
const DESIL = new Weighted([14, 13, 12, 11, 10, 10, 9, 8, 7, 6].map((w, i) => [i + 1, w] as const));

function desilFor(random: Random, segmen: Segmen): number | null {
  if (random.chance(0.3)) return null;
  switch (segmen) {
    case 'PBI_APBN':
      return random.chance(0.88) ? random.int(1, 5) : random.int(6, 8);
    case 'PBI_APBD':
      return random.int(1, 7);
    case 'PPU':
      return random.int(4, 10);
    case 'BP':
      return random.int(5, 10);
    default:
      return Math.max(2, DESIL.draw(random));
  }
}

interface Draft {
  role: Role;
  sex: Sex;
  age: number;
  family: Family;
  fatherName: string | null;
  birthOrder: number;
}

/** Ages of the children still at home, eldest first, for a mother of `motherAge`. */
function childAges(random: Random, motherAge: number, count: number): number[] {
  const ages: number[] = [];
  let age = motherAge - random.int(19, 31);
  for (let i = 0; i < count && age >= 0; i++) {
    // Grown children mostly have homes of their own.
    if (age > 25 && random.chance(0.75)) {
      age -= random.int(1, 5);
      i--;
      continue;
    }
    ages.push(age);
    age -= random.int(1, 5);
  }
  return ages;
}

function draftMembers(
  random: Random,
  setting: VillageSetting,
  segmen: Segmen,
  asOfYear: number,
): Draft[] {
  const groups = setting.groups;
  const family = newFamily(random, groups.draw(random));
  const shape = segmen === 'BP' ? ELDERLY_SHAPE.draw(random) : SHAPE.draw(random);
  // Living alone or as a couple is mostly the old (and the newly married).
  const elderly =
    segmen === 'BP' || ((shape === 'single' || shape === 'couple') && random.chance(0.55));
  const drafts: Draft[] = [];
  const headAge = elderly
    ? random.int(52, 85)
    : shape === 'couple'
      ? random.int(20, 32)
      : 21 + Math.round((46 * (random.next() + random.next() + random.next())) / 3);

  if (shape === 'single') {
    const sex: Sex = elderly && random.chance(0.7) ? 'P' : random.chance(0.6) ? 'L' : 'P';
    const age = elderly ? headAge : random.int(19, 40);
    const own = sex === 'L' ? family : spouseFamily(random, family, groups);
    drafts.push({ role: 'kepala', sex, age, family: own, fatherName: null, birthOrder: 0 });
    return drafts;
  }
  if (shape === 'single_parent') {
    const age = random.int(27, 68);
    const mother = spouseFamily(random, family, groups);
    drafts.push({ role: 'kepala', sex: 'P', age, family: mother, fatherName: null, birthOrder: 0 });
    // The absent father (died, divorced): named once, for every child's "bin/binti".
    const father = fatherGivenName(random, family, asOfYear - age - 4);
    const ages = childAges(random, age, CHILDREN.draw(random));
    for (let i = 0; i < ages.length; i++) {
      const sex: Sex = random.chance(0.51) ? 'L' : 'P';
      drafts.push({
        role: 'anak',
        sex,
        age: ages[i] ?? 0,
        family,
        fatherName: father,
        birthOrder: i,
      });
    }
    return drafts;
  }
  const wifeAge = Math.min(
    headAge + 5,
    Math.max(17, headAge - Math.round(3.5 + 3 * random.normal())),
  );
  drafts.push({
    role: 'kepala',
    sex: 'L',
    age: headAge,
    family,
    fatherName: null,
    birthOrder: random.int(0, 3),
  });
  drafts.push({
    role: 'istri',
    sex: 'P',
    age: wifeAge,
    family: spouseFamily(random, family, groups),
    fatherName: null,
    birthOrder: random.int(0, 3),
  });
  if (shape !== 'couple') {
    const ages = childAges(random, wifeAge, CHILDREN.draw(random));
    for (let i = 0; i < ages.length; i++) {
      const sex: Sex = random.chance(0.51) ? 'L' : 'P';
      drafts.push({ role: 'anak', sex, age: ages[i] ?? 0, family, fatherName: '', birthOrder: i });
    }
  }
  if (shape === 'extended' && drafts.length < 7) {
    const ofHead = random.chance(0.65);
    const sex: Sex = random.chance(0.7) ? 'P' : 'L';
    const age = (ofHead ? headAge : wifeAge) + random.int(20, 34);
    if (age <= 96) {
      const line = ofHead ? family : (drafts[1]?.family ?? family);
      const own = sex === 'L' ? line : spouseFamily(random, line, groups);
      drafts.push({ role: 'orang_tua', sex, age, family: own, fatherName: null, birthOrder: 0 });
    }
  }
  return drafts.slice(0, 7);
}

const INFORMAL_L = new Weighted<string>([
  [PEKERJAAN.petani, 40],
  [PEKERJAAN.wiraswasta, 14],
  [PEKERJAAN.buruhHarian, 12],
  [PEKERJAAN.buruhTani, 10],
  [PEKERJAAN.perdagangan, 5],
  [PEKERJAAN.pedagang, 4],
  [PEKERJAAN.nelayan, 2],
  [PEKERJAAN.sopir, 3],
  [PEKERJAAN.tukang, 3],
  [PEKERJAAN.peternak, 2],
  [PEKERJAAN.belumBekerja, 5],
]);
const INFORMAL_P = new Weighted<string>([
  [PEKERJAAN.petani, 34],
  [PEKERJAAN.rumahTangga, 20],
  [PEKERJAAN.wiraswasta, 12],
  [PEKERJAAN.buruhTani, 10],
  [PEKERJAAN.pedagang, 9],
  [PEKERJAAN.perdagangan, 5],
  [PEKERJAAN.buruhHarian, 4],
  [PEKERJAAN.belumBekerja, 6],
]);

/** A wage job and its employer (PPU PN: state; PPU BU: companies). */
function wageJob(
  random: Random,
  world: World,
  setting: VillageSetting,
  detail: 'PN' | 'BU',
): { pekerjaan: string; employer: string } {
  const { employers } = world;
  if (detail === 'PN') {
    const r = random.next();
    if (r < 0.45) return { pekerjaan: PEKERJAAN.pns, employer: random.pick(employers.government) };
    if (r < 0.6) return { pekerjaan: PEKERJAAN.guru, employer: random.pick(employers.government) };
    if (r < 0.8)
      return {
        pekerjaan: PEKERJAAN.perangkatDesa,
        employer: `Pemerintah Desa ${setting.village.name}`,
      };
    if (r < 0.9)
      return { pekerjaan: PEKERJAAN.tni, employer: `Kodim ${setting.village.kabupatenName}` };
    return { pekerjaan: PEKERJAAN.polri, employer: `Polres ${setting.village.kabupatenName}` };
  }
  const r = random.next();
  if (r < 0.12) return { pekerjaan: PEKERJAAN.karyawanBumn, employer: random.pick(employers.bumn) };
  if (r < 0.2) return { pekerjaan: PEKERJAAN.honorer, employer: random.pick(employers.government) };
  return { pekerjaan: PEKERJAAN.karyawanSwasta, employer: random.pick(employers.companies) };
}

function nikKecamatan(random: Random, setting: VillageSetting, role: Role): string {
  const own = role === 'anak' ? 0.96 : role === 'kepala' ? 0.88 : 0.78;
  return random.chance(own)
    ? setting.village.kecamatan
    : random.pick(setting.area.provinceKecamatan);
}

/**
 * One household of a village. The caller numbers the register rows (`id`) and
 * may truncate `members` to fit the village's population.
 */
export function makeHousehold(random: Random, world: World, setting: VillageSetting): Household {
  const segmen = SEGMEN.draw(random);
  const drafts = draftMembers(random, setting, segmen, world.asOf.y);
  const head = drafts[0] as Draft;
  const ppuDetail = segmen === 'PPU' ? (head.age >= 58 || random.chance(0.4) ? 'PN' : 'BU') : null;
  let employer: string | null = null;

  const members: Person[] = [];
  let headGiven = '';
  for (const draft of drafts) {
    const birth = birthForAge(random, world, draft.age);
    const age = ageAt(birth, world.asOf);
    const name = personName(random, draft.family, draft.sex, birth.y, draft.birthOrder);
    if (draft.role === 'kepala') headGiven = name.split(' ').slice(0, 2).join(' ');
    const fatherName =
      draft.fatherName === ''
        ? headGiven
        : (draft.fatherName ?? fatherGivenName(random, draft.family, birth.y - 28));
    const female = draft.sex === 'P';
    const nik = world.nik.next(nikKecamatan(random, setting, draft.role), birth, female);

    let pekerjaan: string;
    let pemberiKerja = '';
    if (age < 7) pekerjaan = PEKERJAAN.belumBekerja;
    else if (age < 19) pekerjaan = PEKERJAAN.pelajar;
    else if (draft.role === 'anak' && age < 23 && random.chance(0.45))
      pekerjaan = PEKERJAAN.pelajar;
    else if (draft.role === 'orang_tua' || (segmen === 'BP' && draft.role === 'kepala'))
      pekerjaan = random.chance(0.6) ? PEKERJAAN.pensiunan : PEKERJAAN.belumBekerja;
    else if (draft.role === 'istri' && random.chance(0.6)) pekerjaan = PEKERJAAN.rumahTangga;
    else if (ppuDetail !== null && draft === head && age >= 58) {
      // Retired civil servants, soldiers and police stay PPU, paid through Taspen/Asabri.
      pekerjaan = PEKERJAAN.pensiunan;
      employer = 'PT Taspen (Persero)';
    } else if (
      (ppuDetail !== null && draft === head) ||
      (draft.role === 'anak' && random.chance(0.15))
    ) {
      const job = wageJob(random, world, setting, ppuDetail ?? 'BU');
      pekerjaan = job.pekerjaan;
      pemberiKerja = job.employer;
      if (draft === head) employer = job.employer;
    } else if (age >= 65 && random.chance(0.5)) pekerjaan = PEKERJAAN.belumBekerja;
    else pekerjaan = (female ? INFORMAL_P : INFORMAL_L).draw(random);

    const person: Person = {
      id: 0,
      role: draft.role,
      sex: draft.sex,
      birth,
      age,
      name,
      fatherName,
      religion: draft.family.religion,
      nik,
      pekerjaan,
      pemberiKerja,
      hamil: draft.role === 'istri' && age >= 17 && age <= 44 && random.chance(0.08),
      stunting: age < 5 && random.chance(0.12),
      phk: age >= 20 && age <= 55 && random.chance(0.025),
      disabilitas: random.chance(age >= 60 ? 0.05 : 0.012),
      statusDasar: 1,
    };
    // Laid off: the register shows no job; the extract may still show the
    // employer, with the membership stopped (PPU_BERHENTI).
    if (person.phk) {
      person.pekerjaan = PEKERJAAN.belumBekerja;
      person.pemberiKerja = '';
    }
    const died = age >= 60 ? 0.022 : 0.002;
    const moved = age >= 18 && age <= 35 ? 0.011 : 0.003;
    const r = random.next();
    person.statusDasar = r < died ? 2 : r < died + moved ? 3 : 1;
    members.push(person);
  }

  const issued = dateOf(world.asOfMs - random.int(30, 18 * 365) * DAY_MS);
  const dusun = random.pick(setting.dusun);
  return {
    village: setting.village,
    noKk: world.kk.next(setting.village.kecamatan, issued),
    family: head.family,
    segmen,
    ppuDetail,
    employer,
    desil: desilFor(random, segmen),
    dusun: dusun.name,
    rw: random.pick(dusun.rws),
    rt: random.int(1, 12),
    street: random.chance(0.55) ? random.pick(setting.streets) : null,
    houseNo: random.int(1, 150),
    members,
  };
}

/** A newborn of the household, not yet on the register (the insurer knows it). */
export function makeNewborn(random: Random, world: World, household: Household): Person {
  const sex: Sex = random.chance(0.51) ? 'L' : 'P';
  const birth = dateOf(world.asOfMs - random.int(5, 300) * DAY_MS);
  const head = household.members[0];
  return {
    id: 0,
    role: 'anak',
    sex,
    birth,
    age: 0,
    name: personName(random, household.family, sex, birth.y, household.members.length),
    fatherName: head?.sex === 'L' ? (head.name.split(' ')[0] ?? '') : '',
    religion: household.family.religion,
    nik: random.chance(0.5) ? '' : world.nik.next(household.village.kecamatan, birth, sex === 'P'),
    pekerjaan: PEKERJAAN.belumBekerja,
    pemberiKerja: '',
    hamil: false,
    stunting: false,
    phk: false,
    disabilitas: false,
    statusDasar: 1,
  };
}

/** Someone the insurer places in the village who is on another village's register. */
export function makeOutsider(
  random: Random,
  world: World,
  setting: VillageSetting,
  elderly: boolean,
): Person {
  const family = newFamily(random, setting.groups.draw(random));
  const sex: Sex = random.chance(0.5) ? 'L' : 'P';
  const birth = birthForAge(random, world, elderly ? random.int(65, 92) : random.int(1, 70));
  return {
    id: 0,
    role: 'kepala',
    sex,
    birth,
    age: ageAt(birth, world.asOf),
    name: personName(random, family, sex, birth.y, random.int(0, 3)),
    fatherName: fatherGivenName(random, family, birth.y - 28),
    religion: family.religion,
    nik: world.nik.next(random.pick(setting.area.provinceKecamatan), birth, sex === 'P'),
    pekerjaan: '',
    pemberiKerja: '',
    hamil: false,
    stunting: false,
    phk: false,
    disabilitas: false,
    statusDasar: elderly ? 2 : 1,
  };
}
