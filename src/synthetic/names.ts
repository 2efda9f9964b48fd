// Synthetic Indonesian names: which naming traditions live in a province (and
// in a transmigrant village), and how a person of one tradition, sex and
// generation is named. Family names (Batak marga, Minahasa fam, Chinese
// surnames) pass from father to child; a wife keeps her own.
import {
  ABDUL_SUFFIX,
  BALI_L,
  BALI_ORDER,
  BALI_P,
  BATAK_L,
  BATAK_P,
  BUGIS_L,
  BUGIS_P,
  DAYAK_NAMES,
  ISLAM_L,
  ISLAM_P,
  JAWA_L,
  JAWA_P,
  KRISTEN_L,
  KRISTEN_P,
  MALUKU_FAMILY,
  MARGA,
  MARGA_MUSLIM,
  MELAYU_L,
  MELAYU_P,
  MINAHASA_FAMILY,
  MINANG_L,
  MINANG_P,
  MODERN_L,
  MODERN_P,
  NTT_FAMILY,
  PAPUA_FAMILY,
  SECOND_L,
  SECOND_P,
  SUNDA_L,
  SUNDA_P,
  SUNDA_SECOND,
  TIONGHOA_FAMILY,
  TIONGHOA_L,
  TIONGHOA_P,
} from './name-pools.ts';
import { type Random, Weighted } from './random.ts';

export type Sex = 'L' | 'P';
export type Religion = 'islam' | 'kristen' | 'hindu' | 'buddha';
export type Group =
  | 'melayu'
  | 'jawa'
  | 'sunda'
  | 'minang'
  | 'batak'
  | 'bugis'
  | 'bali'
  | 'ntt'
  | 'minahasa'
  | 'maluku'
  | 'papua'
  | 'dayak'
  | 'tionghoa';

/** What a household passes on to the names of its members. */
export interface Family {
  readonly group: Group;
  readonly religion: Religion;
  /** Marga, fam or surname, inherited from the father (null: the tradition has none). */
  readonly surname: string | null;
  /** Bugis nobility (Andi) or Balinese caste, inherited by the children. */
  readonly rank: number;
}

type Mix = readonly (readonly [Group, number])[];

const MUSLIM_MAJORITY: Mix = [
  ['melayu', 70],
  ['jawa', 25],
  ['bugis', 5],
];

// Approximate shares of naming traditions by province (BPS census ethnicity,
// rounded); the Arabic-Muslim names common everywhere come in through every
// Muslim tradition's own pools.
const PROVINCE_MIX: Readonly<Record<string, Mix>> = {
  '11': [
    ['melayu', 85],
    ['jawa', 10],
    ['batak', 5],
  ],
  '12': [
    ['batak', 45],
    ['jawa', 32],
    ['melayu', 12],
    ['tionghoa', 5],
    ['minang', 4],
    ['sunda', 2],
  ],
  '13': [
    ['minang', 88],
    ['batak', 5],
    ['jawa', 5],
    ['melayu', 2],
  ],
  '14': [
    ['melayu', 40],
    ['jawa', 25],
    ['minang', 14],
    ['batak', 13],
    ['tionghoa', 4],
    ['sunda', 4],
  ],
  '15': [
    ['melayu', 44],
    ['jawa', 28],
    ['minang', 9],
    ['sunda', 6],
    ['batak', 5],
    ['bugis', 4],
    ['tionghoa', 3],
    ['bali', 1],
  ],
  '16': [
    ['melayu', 63],
    ['jawa', 28],
    ['sunda', 3],
    ['tionghoa', 3],
    ['minang', 2],
    ['bali', 1],
  ],
  '17': [
    ['melayu', 55],
    ['jawa', 25],
    ['minang', 10],
    ['sunda', 6],
    ['batak', 4],
  ],
  '18': [
    ['jawa', 62],
    ['melayu', 20],
    ['sunda', 11],
    ['bali', 3],
    ['tionghoa', 2],
    ['minang', 2],
  ],
  '19': [
    ['melayu', 64],
    ['tionghoa', 26],
    ['jawa', 8],
    ['bugis', 2],
  ],
  '21': [
    ['melayu', 33],
    ['jawa', 25],
    ['batak', 13],
    ['minang', 11],
    ['tionghoa', 10],
    ['bugis', 4],
    ['sunda', 4],
  ],
  '31': [
    ['jawa', 38],
    ['melayu', 26],
    ['sunda', 15],
    ['tionghoa', 8],
    ['batak', 5],
    ['minang', 5],
    ['bugis', 3],
  ],
  '32': [
    ['sunda', 76],
    ['jawa', 15],
    ['melayu', 6],
    ['tionghoa', 2],
    ['batak', 1],
  ],
  '33': [
    ['jawa', 97],
    ['sunda', 2],
    ['tionghoa', 1],
  ],
  '34': [
    ['jawa', 96],
    ['sunda', 2],
    ['tionghoa', 1],
    ['batak', 1],
  ],
  '35': [
    ['jawa', 93],
    ['melayu', 5],
    ['tionghoa', 2],
  ],
  '36': [
    ['sunda', 55],
    ['jawa', 25],
    ['melayu', 16],
    ['tionghoa', 2],
    ['batak', 2],
  ],
  '51': [
    ['bali', 86],
    ['jawa', 10],
    ['melayu', 3],
    ['tionghoa', 1],
  ],
  '52': [
    ['melayu', 90],
    ['bali', 4],
    ['bugis', 3],
    ['jawa', 3],
  ],
  '53': [
    ['ntt', 88],
    ['melayu', 6],
    ['bugis', 3],
    ['jawa', 3],
  ],
  '61': [
    ['melayu', 38],
    ['dayak', 33],
    ['tionghoa', 10],
    ['jawa', 10],
    ['bugis', 5],
    ['sunda', 4],
  ],
  '62': [
    ['dayak', 46],
    ['melayu', 24],
    ['jawa', 22],
    ['bugis', 4],
    ['sunda', 4],
  ],
  '63': [
    ['melayu', 76],
    ['jawa', 15],
    ['dayak', 4],
    ['bugis', 4],
    ['tionghoa', 1],
  ],
  '64': [
    ['jawa', 30],
    ['bugis', 28],
    ['melayu', 22],
    ['dayak', 10],
    ['tionghoa', 4],
    ['minahasa', 3],
    ['batak', 3],
  ],
  '65': [
    ['dayak', 35],
    ['bugis', 28],
    ['jawa', 20],
    ['melayu', 10],
    ['ntt', 4],
    ['tionghoa', 3],
  ],
  '71': [
    ['minahasa', 72],
    ['melayu', 18],
    ['bugis', 5],
    ['tionghoa', 3],
    ['jawa', 2],
  ],
  '72': [
    ['bugis', 55],
    ['melayu', 15],
    ['jawa', 12],
    ['bali', 7],
    ['minahasa', 7],
    ['tionghoa', 2],
    ['ntt', 2],
  ],
  '73': [
    ['bugis', 90],
    ['jawa', 4],
    ['tionghoa', 2],
    ['minahasa', 2],
    ['bali', 2],
  ],
  '74': [
    ['bugis', 70],
    ['jawa', 12],
    ['bali', 8],
    ['melayu', 8],
    ['tionghoa', 2],
  ],
  '75': [
    ['melayu', 85],
    ['bugis', 8],
    ['jawa', 4],
    ['minahasa', 3],
  ],
  '76': [
    ['bugis', 85],
    ['jawa', 8],
    ['bali', 4],
    ['melayu', 3],
  ],
  '81': [
    ['maluku', 55],
    ['melayu', 30],
    ['bugis', 8],
    ['jawa', 4],
    ['tionghoa', 3],
  ],
  '82': [
    ['melayu', 60],
    ['maluku', 25],
    ['bugis', 8],
    ['jawa', 5],
    ['minahasa', 2],
  ],
};

const PAPUA_MIX: Mix = [
  ['papua', 62],
  ['jawa', 14],
  ['bugis', 12],
  ['maluku', 5],
  ['ntt', 5],
  ['minahasa', 2],
];

// Village names of transmigration settlements and their Javanese neighbours.
const TRANSMIGRANT =
  /\b(?:rejo|mulyo|mulya|makmur|sido\w*|sri\w*|wono\w*|karya|harjo|mukti|tirta|sumber|marga|bumi|suka\w*|catur|tri|panca|purwo\w*|margo\w*|rahayu)\b/i;
const JAVA_BALI = new Set(['31', '32', '33', '34', '35', '36', '51']);

/**
 * The naming traditions of one village: the province's mix, perturbed so that
 * villages differ, and mostly Javanese in a transmigrant settlement.
 */
export function villageMix(random: Random, provinceCode: string, villageName: string): Mix {
  const base = PROVINCE_MIX[provinceCode] ?? (provinceCode >= '91' ? PAPUA_MIX : MUSLIM_MAJORITY);
  const transmigrant = !JAVA_BALI.has(provinceCode) && TRANSMIGRANT.test(villageName);
  return base.map(([group, weight]) => {
    const boost = transmigrant && group === 'jawa' ? 6 : transmigrant && group === 'sunda' ? 2 : 1;
    return [group, weight * boost * Math.exp(0.6 * random.normal())] as const;
  });
}

export function mixDrawer(mix: Mix): Weighted<Group> {
  return new Weighted(mix);
}

const CHRISTIAN_SHARE: Readonly<Record<Group, number>> = {
  melayu: 0.02,
  jawa: 0.04,
  sunda: 0.01,
  minang: 0.005,
  batak: 0.65,
  bugis: 0.01,
  bali: 0.02,
  ntt: 0.92,
  minahasa: 0.9,
  maluku: 0.55,
  papua: 0.88,
  dayak: 0.7,
  tionghoa: 0.5,
};

function religionOf(random: Random, group: Group): Religion {
  if (group === 'bali') return random.chance(0.97) ? 'hindu' : 'islam';
  if (random.chance(CHRISTIAN_SHARE[group])) return 'kristen';
  if (group === 'tionghoa') return 'buddha';
  return group === 'dayak' || group === 'papua' || group === 'ntt' || group === 'minahasa'
    ? 'kristen'
    : 'islam';
}

function surnameOf(random: Random, group: Group, religion: Religion): string | null {
  switch (group) {
    case 'batak':
      return religion === 'islam' ? random.pick(MARGA_MUSLIM) : random.pick(MARGA);
    case 'ntt':
      return random.pick(NTT_FAMILY);
    case 'minahasa':
      return random.pick(MINAHASA_FAMILY);
    case 'maluku':
      return random.pick(MALUKU_FAMILY);
    case 'papua':
      return random.chance(0.9) ? random.pick(PAPUA_FAMILY) : null;
    case 'tionghoa':
      return random.chance(0.75) ? random.pick(TIONGHOA_FAMILY) : null;
    default:
      return null;
  }
}

export function newFamily(random: Random, group: Group): Family {
  const religion = religionOf(random, group);
  const rank =
    group === 'bugis' && random.chance(0.08)
      ? 1
      : group === 'bali' && random.chance(0.1)
        ? random.int(1, 3)
        : 0;
  return { group, religion, surname: surnameOf(random, group, religion), rank };
}

/** A spouse's own family of origin: usually the same tradition and religion. */
export function spouseFamily(random: Random, family: Family, mix: Weighted<Group>): Family {
  const group = random.chance(0.85) ? family.group : mix.draw(random);
  const religion = group === family.group ? family.religion : religionOf(random, group);
  // Batak marriage is exogamous: the wife's marga differs from the husband's.
  let surname = surnameOf(random, group, religion);
  if (surname !== null && surname === family.surname) surname = surnameOf(random, group, religion);
  return { group, religion, surname, rank: random.chance(0.5) ? family.rank : 0 };
}

/** Share of "modern" national given names among people born in a year. */
function modernShare(birthYear: number): number {
  return Math.min(0.85, Math.max(0.03, (birthYear - 1958) / 55));
}

const WORDS_OLD = new Weighted([
  [1, 45],
  [2, 47],
  [3, 8],
]);
const WORDS_MID = new Weighted([
  [1, 20],
  [2, 55],
  [3, 22],
  [4, 3],
]);
const WORDS_YOUNG = new Weighted([
  [1, 6],
  [2, 46],
  [3, 40],
  [4, 8],
]);

function wordCount(random: Random, birthYear: number): number {
  const table = birthYear < 1962 ? WORDS_OLD : birthYear < 1987 ? WORDS_MID : WORDS_YOUNG;
  return table.draw(random);
}

/** How the variants of Muhammad are written (canonical first). */
export const MUHAMMAD_FAMILY = [
  'Muhammad',
  'Muhamad',
  'Mohammad',
  'Mohamad',
  'Mochammad',
  'Moch.',
  'Moh.',
  'Muh.',
  'M.',
] as const;
const MUHAMMAD = new Weighted(MUHAMMAD_FAMILY.map((w, i) => [w, i === 0 ? 78 : 3] as const));

interface Pools {
  readonly own: readonly string[];
  readonly second: readonly string[];
}

function poolsOf(group: Group, sex: Sex): Pools {
  const male = sex === 'L';
  switch (group) {
    case 'jawa':
      return { own: male ? JAWA_L : JAWA_P, second: male ? SECOND_L : SECOND_P };
    case 'sunda':
      return { own: male ? SUNDA_L : SUNDA_P, second: SUNDA_SECOND };
    case 'minang':
      return { own: male ? MINANG_L : MINANG_P, second: male ? SECOND_L : SECOND_P };
    case 'bugis':
      return { own: male ? BUGIS_L : BUGIS_P, second: male ? SECOND_L : SECOND_P };
    case 'batak':
      return { own: male ? BATAK_L : BATAK_P, second: male ? BATAK_L : BATAK_P };
    case 'bali':
      return { own: male ? BALI_L : BALI_P, second: male ? BALI_L : BALI_P };
    case 'tionghoa':
      return { own: male ? TIONGHOA_L : TIONGHOA_P, second: male ? SECOND_L : SECOND_P };
    case 'dayak':
      return { own: DAYAK_NAMES, second: male ? KRISTEN_L : KRISTEN_P };
    case 'ntt':
    case 'minahasa':
    case 'maluku':
    case 'papua':
      return { own: male ? KRISTEN_L : KRISTEN_P, second: male ? KRISTEN_L : KRISTEN_P };
    default:
      return { own: male ? MELAYU_L : MELAYU_P, second: male ? SECOND_L : SECOND_P };
  }
}

/** One given name: the tradition's own, a religious one, or a modern national one. */
function givenWord(
  random: Random,
  family: Family,
  sex: Sex,
  birthYear: number,
  pools: Pools,
): string {
  const roll = random.next();
  const modern = modernShare(birthYear);
  if (roll < modern) return random.pick(sex === 'L' ? MODERN_L : MODERN_P);
  // The old regional names (Paijo, Sumarni, Ujang) are for older people; the
  // young of Muslim families get Arabic names instead.
  const religious =
    family.religion === 'islam'
      ? birthYear >= 1985
        ? 0.6
        : 0.3
      : family.religion === 'kristen'
        ? 0.45
        : 0;
  if (roll < modern + (1 - modern) * religious) {
    if (family.religion === 'islam') return random.pick(sex === 'L' ? ISLAM_L : ISLAM_P);
    return random.pick(sex === 'L' ? KRISTEN_L : KRISTEN_P);
  }
  return random.pick(pools.own);
}

/** Adds the word unless the name has it already ("Siti Siti"); the caller may try again. */
function addDistinct(words: string[], word: string): boolean {
  if (words.includes(word)) return false;
  words.push(word);
  return true;
}

function islamicPrefix(random: Random, family: Family, sex: Sex, birthYear: number): string[] {
  if (family.religion !== 'islam') return [];
  const r = random.next();
  if (sex === 'L') {
    if (r < 0.1) return [MUHAMMAD.draw(random)];
    if (r < 0.14) return ['Ahmad'];
    if (r < 0.17) return ['Abdul', random.pick(ABDUL_SUFFIX)];
    if (r < 0.19) return ['Nur'];
    return [];
  }
  const siti = birthYear < 1975 ? 0.14 : 0.06;
  if (r < siti) return ['Siti'];
  if (r < siti + 0.04) return ['Nur'];
  if (family.group === 'jawa' && r < siti + 0.12) return ['Sri'];
  return [];
}

const BALI_CASTE_L = [
  ['Ida', 'Bagus'],
  ['Anak', 'Agung'],
  ['I', 'Gusti', 'Ngurah'],
] as const;
const BALI_CASTE_P = [
  ['Ida', 'Ayu'],
  ['Anak', 'Agung', 'Ayu'],
  ['I', 'Gusti', 'Ayu'],
] as const;

function balineseName(
  random: Random,
  family: Family,
  sex: Sex,
  birthYear: number,
  birthOrder: number,
): string[] {
  const pools = poolsOf('bali', sex);
  const words: string[] = [];
  if (family.rank > 0) {
    const caste = (sex === 'L' ? BALI_CASTE_L : BALI_CASTE_P)[family.rank - 1] ?? [];
    words.push(...caste);
  } else {
    words.push(sex === 'L' ? 'I' : 'Ni');
    words.push(random.pick(BALI_ORDER[birthOrder % 4] ?? BALI_ORDER[0]));
  }
  for (let i = 0; i < 4; i++)
    if (addDistinct(words, givenWord(random, family, sex, birthYear, pools))) break;
  if (words.length < 4 && random.chance(0.35)) addDistinct(words, random.pick(pools.second));
  return words;
}

/**
 * A person's full name (title case, 1 to 4 words). `birthOrder` counts the
 * children of a household from 0 (Balinese names carry it).
 */
export function personName(
  random: Random,
  family: Family,
  sex: Sex,
  birthYear: number,
  birthOrder: number,
): string {
  if (family.group === 'bali' && family.religion === 'hindu') {
    return balineseName(random, family, sex, birthYear, birthOrder).join(' ');
  }
  const pools = poolsOf(family.group, sex);
  const words: string[] = [];
  if (family.group === 'bugis' && family.rank > 0) words.push('Andi');
  if (family.surname !== null) {
    // Given name(s) and the family name: "Togar Siregar", "Yohanes Bria".
    const given = random.chance(birthYear < 1975 ? 0.7 : 0.5) ? 1 : 2;
    for (let i = 0; i < given; i++)
      for (let t = 0; t < 4; t++)
        if (addDistinct(words, givenWord(random, family, sex, birthYear, pools))) break;
    words.push(family.surname);
    return words.join(' ');
  }
  const prefix = islamicPrefix(random, family, sex, birthYear);
  // "Abdul Rahman" is a whole name; "Muhammad", "Siti" or "Nur" alone is not.
  const least = words.length + prefix.length + (prefix[0] === 'Abdul' ? 0 : 1);
  const total = Math.min(4, Math.max(least, wordCount(random, birthYear)));
  words.push(...prefix);
  for (let i = 0; words.length < total && i < 12; i++) {
    const last = words.length === total - 1 && words.length > 0;
    addDistinct(
      words,
      last && random.chance(0.5)
        ? random.pick(pools.second)
        : givenWord(random, family, sex, birthYear, pools),
    );
  }
  if (words.length === 0) words.push(random.pick(pools.own));
  return words.join(' ');
}

/** A male given name of a family's tradition, for "bin FATHER" when the father is not in the household. */
export function fatherGivenName(random: Random, family: Family, birthYear: number): string {
  const pools = poolsOf(family.group, 'L');
  return givenWord(random, family, 'L', birthYear, pools);
}
