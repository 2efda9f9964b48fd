// The defects real registers and extracts have, applied to synthetic people
// at stated rates and recorded by kind, so that a matcher can be scored
// against the truth. Each kind is drawn independently among the people it can
// apply to ("eligible"); three rules keep every true pair findable:
//   - a person whose NIK is damaged on either side keeps both birth dates and
//     gets at most one name defect;
//   - at most two name defects per person, at most three kinds in all;
//   - a damaged NIK and a moved domicile come together only with an intact name.
import type { BirthDate } from './identifiers.ts';
import { MUHAMMAD_FAMILY, type Sex } from './names.ts';
import type { Random } from './random.ts';
import type { Village } from './villages.ts';

export type Side = 'reg' | 'ext';

export interface NoiseSpec {
  readonly rate: number;
  readonly side: Side;
  /** Who can get it; the rate is a share of them. */
  readonly eligible: string;
}

const RESIDENTS = 'residents';
const MEMBERS = 'members found on the register';
const NIK_INTACT = 'NIK intact on both sides';
const DATE_LEFT = 'the date still there';
const NAME_ROOM = 'fewer than two name defects (one if the NIK is damaged)';

const spec = (rate: number, side: Side, eligible: string): NoiseSpec => ({ rate, side, eligible });
const who = (side: Side) => (side === 'reg' ? RESIDENTS : MEMBERS);
const dateSpecs = (side: Side) =>
  [
    spec(0.01, side, `${who(side)}; ${NIK_INTACT}`),
    spec(0.01, side, `${who(side)} with ${DATE_LEFT}; ${NIK_INTACT}`),
    spec(
      0.01,
      side,
      `${who(side)} with ${DATE_LEFT}, day and month both 12 or less and different; ${NIK_INTACT}`,
    ),
    spec(0.01, side, who(side)),
  ] as const;
const nameSpecs = (side: Side) =>
  [
    spec(0.015, side, `${who(side)} aged 20+ or dead (Alm./Almh.); ${NAME_ROOM}`),
    spec(
      0.2,
      side,
      `${who(side)} whose name has Muhammad (or a variant), Abdul/Abd., Nur…/Noer…, Siti/Sitti; ${NAME_ROOM}`,
    ),
    spec(
      0.1,
      side,
      `${who(side)} born before 1972 with u, j, c, ny, sy or kh in the name; ${NAME_ROOM}`,
    ),
    spec(0.01, side, `${who(side)} with a name of 2+ words; ${NAME_ROOM}`),
    spec(0.015, side, `${who(side)} with a name of 2+ words; ${NAME_ROOM}`),
    spec(0.02, side, `Muslim ${who(side)}; ${NAME_ROOM}`),
    spec(0.015, side, `${who(side)} with a word of 3+ letters; ${NAME_ROOM}`),
    spec(0.015, side, `${who(side)}; ${NAME_ROOM}`),
  ] as const;
const [regBirthMissing, regBirthYear, regBirthSwap, regSexMissing] = dateSpecs('reg');
const [extBirthMissing, extBirthYear, extBirthSwap, extSexMissing] = dateSpecs('ext');
const [regTitle, regVariant, regOld, regOrder, regInitial, regBin, regTypo, regCase] =
  nameSpecs('reg');
const [extTitle, extVariant, extOld, extOrder, extInitial, extBin, extTypo, extCase] =
  nameSpecs('ext');

/**
 * Every kind of noise, its rate and who it can apply to: the documentation of
 * truth.csv's noise column. Kinds starting reg_ change the register row,
 * ext_ the extract row.
 */
export const NOISE = {
  /** The register has no NIK. */
  reg_nik_missing: spec(0.04, 'reg', RESIDENTS),
  /** The register has a village-issued placeholder starting with 0. */
  reg_nik_temporary: spec(0.015, 'reg', RESIDENTS),
  /** One digit changed or two adjacent digits swapped. */
  reg_nik_typo: spec(0.02, 'reg', RESIDENTS),
  /** Another member of the same KK's NIK: a duplicate NIK in the register. */
  reg_nik_family: spec(0.01, 'reg', `${RESIDENTS} of a KK of two or more`),
  ext_nik_missing: spec(0.03, 'ext', MEMBERS),
  ext_nik_typo: spec(0.01, 'ext', MEMBERS),
  reg_birth_missing: regBirthMissing,
  /** One year earlier or later. */
  reg_birth_year: regBirthYear,
  /** Day and month exchanged. */
  reg_birth_swap: regBirthSwap,
  reg_sex_missing: regSexMissing,
  ext_birth_missing: extBirthMissing,
  ext_birth_year: extBirthYear,
  ext_birth_swap: extBirthSwap,
  ext_sex_missing: extSexMissing,
  /** H., Hj., Ny., Bpk., Ibu, Alm., Drs., Dra., Ir., Dr. or a degree (", S.Pd."). */
  reg_name_title: regTitle,
  /** Muhammad/Muhamad/Moch./M., Abdul/Abd., Nur/Noer, Siti/Sitti. */
  reg_name_variant: regVariant,
  /** Spelling before 1972: u→oe, j→dj, c→tj, ny→nj, sy→sj, kh→ch. */
  reg_name_old_spelling: regOld,
  /** Two adjacent words exchanged. */
  reg_name_word_order: regOrder,
  /** A later word cut to its initial ("A.") or dropped. */
  reg_name_initial: regInitial,
  /** "bin/binti FATHER" appended. */
  reg_name_bin: regBin,
  /** One letter substituted, deleted or doubled. */
  reg_name_typo: regTypo,
  /** Lower or mixed case, stray spaces, or punctuation. */
  reg_name_case: regCase,
  ext_name_title: extTitle,
  ext_name_variant: extVariant,
  ext_name_old_spelling: extOld,
  ext_name_word_order: extOrder,
  ext_name_initial: extInitial,
  ext_name_bin: extBin,
  ext_name_typo: extTypo,
  ext_name_case: extCase,
  /** The insurer's domicile village is another one (usually in the same kecamatan). */
  ext_moved: spec(
    0.03,
    'ext',
    `${MEMBERS}, where another village exists; with a damaged NIK only if the name is intact`,
  ),
} as const satisfies Record<string, NoiseSpec>;

export type NoiseKind = keyof typeof NOISE;
export const NOISE_KINDS = Object.keys(NOISE) as NoiseKind[];

export type NoiseStats = Record<NoiseKind, { eligible: number; applied: number }>;

const RATES = Float64Array.from(NOISE_KINDS, (k) => NOISE[k].rate);
const INDEX = new Map(NOISE_KINDS.map((k, i) => [k, i]));
const at = (kind: NoiseKind): number => INDEX.get(kind) ?? -1;
const NAME_KIND = NOISE_KINDS.map((k) => k.includes('_name_'));

/** How often each kind was eligible and applied: counters indexed like NOISE_KINDS. */
export class NoiseCounter {
  readonly eligible = new Uint32Array(NOISE_KINDS.length);
  readonly applied = new Uint32Array(NOISE_KINDS.length);

  toStats(): NoiseStats {
    return Object.fromEntries(
      NOISE_KINDS.map((k, i) => [k, { eligible: this.eligible[i], applied: this.applied[i] }]),
    ) as NoiseStats;
  }
}

/** What one side (register or extract) holds about a person. */
export interface Rendition {
  nik: string;
  /** The name as that side writes it (final text). */
  name: string;
  birth: BirthDate | null;
  sex: Sex | null;
  village: Village;
}

/** The person as the noise sees it. */
export interface NoiseSubject {
  readonly name: string;
  readonly nik: string;
  readonly sex: Sex;
  readonly birth: BirthDate;
  readonly age: number;
  readonly religion: string;
  readonly fatherName: string;
  readonly statusDasar: number;
  readonly role: string;
}

export type Casing = 'upper' | 'title';

export interface NoiseInput {
  readonly subject: NoiseSubject;
  /** The true NIKs of the subject's KK (for reg_nik_family), the subject's own included. */
  readonly kkNiks: readonly string[];
  readonly village: Village;
  readonly registerCasing: Casing;
  /** Is the person in the extract? */
  readonly member: boolean;
  /** Villages the insurer might place the person in instead (null: none). */
  readonly neighbours: { pick(random: Random, village: Village): Village | null };
}

export interface NoiseResult {
  readonly reg: Rendition;
  readonly ext: Rendition | null;
  readonly kinds: NoiseKind[];
}

const MAX_KINDS = 3;

// --- NIK ---------------------------------------------------------------------

function digit(random: Random, not: string): string {
  let d = String(random.int(0, 9));
  while (d === not) d = String(random.int(0, 9));
  return d;
}

/** One digit changed, or two adjacent different digits swapped; never a leading 0. */
export function mistypeNik(random: Random, nik: string): string {
  const chars = nik.split('');
  if (random.chance(0.5)) {
    const pairs: number[] = [];
    for (let i = 0; i < chars.length - 1; i++) {
      if (chars[i] !== chars[i + 1] && !(i === 0 && chars[1] === '0')) pairs.push(i);
    }
    if (pairs.length > 0) {
      const i = random.pick(pairs);
      const a = chars[i] as string;
      chars[i] = chars[i + 1] as string;
      chars[i + 1] = a;
      return chars.join('');
    }
  }
  const i = random.int(0, chars.length - 1);
  let d = digit(random, chars[i] as string);
  while (i === 0 && d === '0') d = digit(random, chars[i] as string);
  chars[i] = d;
  return chars.join('');
}

function temporaryNik(random: Random): string {
  let s = '0';
  for (let i = 0; i < 15; i++) s += String(random.int(0, 9));
  return s;
}

// --- Names -------------------------------------------------------------------

const MUHAMMAD_SET = new Set<string>(MUHAMMAD_FAMILY);

function hasVariant(word: string): boolean {
  return (
    MUHAMMAD_SET.has(word) ||
    word === 'Abdul' ||
    word === 'Abd.' ||
    word === 'Siti' ||
    word === 'Sitti' ||
    word.startsWith('Nur') ||
    word.startsWith('Noer')
  );
}

function variantOf(random: Random, word: string): string | null {
  if (MUHAMMAD_SET.has(word)) {
    let next: string = random.pick(MUHAMMAD_FAMILY);
    while (next === word) next = random.pick(MUHAMMAD_FAMILY);
    return next;
  }
  if (word === 'Abdul') return 'Abd.';
  if (word === 'Abd.') return 'Abdul';
  if (word === 'Siti') return 'Sitti';
  if (word === 'Sitti') return 'Siti';
  if (word.startsWith('Nur')) return `Noer${word.slice(3)}`;
  if (word.startsWith('Noer')) return `Nur${word.slice(4)}`;
  return null;
}

const OLD_SPELLING: readonly (readonly [string, string])[] = [
  ['ny', 'nj'],
  ['sy', 'sj'],
  ['kh', 'ch'],
  ['j', 'dj'],
  ['c', 'tj'],
  ['u', 'oe'],
];

/** The spelling before 1972 (EYD): u→oe, j→dj, c→tj, ny→nj, sy→sj, kh→ch, in one pass. */
export function oldSpelling(word: string): string {
  let out = '';
  const lower = word.toLowerCase();
  for (let i = 0; i < word.length; ) {
    const rule = OLD_SPELLING.find(([from]) => lower.startsWith(from, i));
    if (!rule) {
      out += word[i];
      i++;
      continue;
    }
    const upper = word[i] !== lower[i];
    out += upper ? (rule[1][0] ?? '').toUpperCase() + rule[1].slice(1) : rule[1];
    i += rule[0].length;
  }
  return out;
}

const OLD_PATTERN = /u|j|c|ny|sy|kh/i;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LEADING_LETTERS = /^[A-Za-z]+/;
const VOWELS = 'aeiou';

function typo(random: Random, words: string[]): string[] {
  const candidates: { w: string; i: number; letters: number }[] = [];
  words.forEach((w, i) => {
    const letters = LEADING_LETTERS.exec(w)?.[0].length ?? 0;
    if (letters >= 3) candidates.push({ w, i, letters });
  });
  const { w, i, letters } = random.pick(candidates);
  const at = random.int(1, letters - 1);
  const c = w[at] as string;
  let next: string;
  const op = random.next();
  if (op < 0.4) next = w.slice(0, at) + w.slice(at + 1);
  else if (op < 0.7) next = w.slice(0, at) + c + w.slice(at);
  else {
    const pool = VOWELS.includes(c.toLowerCase()) ? VOWELS : LETTERS;
    let r = random.pick(pool.split(''));
    while (r === c.toLowerCase()) r = random.pick(pool.split(''));
    next = w.slice(0, at) + (c === c.toUpperCase() ? r.toUpperCase() : r) + w.slice(at + 1);
  }
  const out = words.slice();
  out[i] = next;
  return out;
}

function title(random: Random, words: string[], s: NoiseSubject): string[] {
  const female = s.sex === 'P';
  if (s.statusDasar === 2 && random.chance(0.6)) return [female ? 'Almh.' : 'Alm.', ...words];
  const options: string[][] = [];
  if (s.religion === 'islam' && s.age >= 35)
    options.push([female ? 'Hj.' : 'H.'], [female ? 'Hj.' : 'H.']);
  if (female) options.push(['Ibu']);
  if (female && s.role === 'istri') options.push(['Ny.'], ['Ny.']);
  if (!female) options.push(['Bpk.']);
  if (s.birth.y < 1975) options.push([female ? 'Dra.' : 'Drs.']);
  if (s.age >= 24) options.push(['Ir.'], ['Dr.'], [', S.Pd.'], [', SE'], [', SH'], [', S.Sos.']);
  if (s.age >= 22) options.push([', A.Md.'], [', S.Kep.']);
  const pick = random.pick(options)[0] as string;
  if (pick.startsWith(', ')) {
    const out = words.slice();
    out[out.length - 1] = `${out[out.length - 1]},`;
    out.push(pick.slice(2));
    return out;
  }
  return [pick, ...words];
}

function initial(random: Random, words: string[]): string[] {
  const i = random.int(1, words.length - 1);
  const out = words.slice();
  if (random.chance(0.6)) out[i] = `${(words[i] as string)[0]}.`;
  else out.splice(i, 1);
  return out;
}

/** Lower or mixed case, stray spaces, or punctuation where a space was. */
function caseNoise(random: Random, text: string): string {
  const r = random.next();
  if (r < 0.3) return text.toLowerCase();
  const words = text.split(' ');
  if (r < 0.5) {
    return words.map((w, i) => (i % 2 === 0 ? w.toLowerCase() : w.toUpperCase())).join(' ');
  }
  if (r < 0.75) {
    if (words.length > 1) {
      const i = random.int(1, words.length - 1);
      return `${words.slice(0, i).join(' ')}  ${words.slice(i).join(' ')}${random.chance(0.5) ? ' ' : ''}`;
    }
    return ` ${text} `;
  }
  if (words.length > 1 && random.chance(0.6)) {
    const i = random.int(1, words.length - 1);
    return `${words.slice(0, i).join(' ')}${random.pick(['.', '-', '_'])}${words.slice(i).join(' ')}`;
  }
  return `${text}${random.pick(['.', ',', ' -'])}`;
}

// --- Applying it -------------------------------------------------------------

const bump = (counts: Uint32Array, i: number) => {
  counts[i] = (counts[i] ?? 0) + 1;
};

class Draw {
  readonly kinds: number[] = [];
  nameDefects = 0;

  constructor(
    private readonly random: Random,
    private readonly counter: NoiseCounter,
  ) {}

  /** Draws the kind among the eligible; records it when it happens. */
  try(kind: number, eligible: boolean): boolean {
    if (!eligible || this.kinds.length >= MAX_KINDS) return false;
    bump(this.counter.eligible, kind);
    if (this.random.next() >= (RATES[kind] ?? 0)) return false;
    bump(this.counter.applied, kind);
    this.kinds.push(kind);
    if (NAME_KIND[kind]) this.nameDefects++;
    return true;
  }

  /** One draw for mutually exclusive kinds (a NIK is missing or mistyped, not both). */
  tryOneOf(kinds: readonly number[], eligible: readonly boolean[]): number {
    if (this.kinds.length >= MAX_KINDS) return -1;
    const u = this.random.next();
    let edge = 0;
    let hit = -1;
    for (let i = 0; i < kinds.length; i++) {
      if (!eligible[i]) continue;
      const kind = kinds[i] as number;
      bump(this.counter.eligible, kind);
      const rate = RATES[kind] ?? 0;
      if (hit < 0 && u >= edge && u < edge + rate) hit = kind;
      edge += rate;
    }
    if (hit >= 0) {
      bump(this.counter.applied, hit);
      this.kinds.push(hit);
    }
    return hit;
  }
}

function shiftYear(birth: BirthDate, by: number): BirthDate {
  const y = birth.y + by;
  const d = birth.m === 2 && birth.d === 29 ? 28 : birth.d;
  return { y, m: birth.m, d };
}

interface SideKinds {
  readonly title: number;
  readonly variant: number;
  readonly old: number;
  readonly order: number;
  readonly initial: number;
  readonly bin: number;
  readonly typo: number;
  readonly case: number;
  readonly birthMissing: number;
  readonly birthYear: number;
  readonly birthSwap: number;
  readonly sexMissing: number;
}

const kindsOf = (side: Side): SideKinds => ({
  title: at(`${side}_name_title`),
  variant: at(`${side}_name_variant`),
  old: at(`${side}_name_old_spelling`),
  order: at(`${side}_name_word_order`),
  initial: at(`${side}_name_initial`),
  bin: at(`${side}_name_bin`),
  typo: at(`${side}_name_typo`),
  case: at(`${side}_name_case`),
  birthMissing: at(`${side}_birth_missing`),
  birthYear: at(`${side}_birth_year`),
  birthSwap: at(`${side}_birth_swap`),
  sexMissing: at(`${side}_sex_missing`),
});
const REG = kindsOf('reg');
const EXT = kindsOf('ext');
const REG_NIK = [
  at('reg_nik_missing'),
  at('reg_nik_temporary'),
  at('reg_nik_typo'),
  at('reg_nik_family'),
];
const EXT_NIK = [at('ext_nik_missing'), at('ext_nik_typo')];
const MOVED = at('ext_moved');
// The same words as hasVariant(), over a whole name.
const HAS_VARIANT =
  /(?:^| )(?:(?:Muhammad|Muhamad|Mohammad|Mohamad|Mochammad|Moch\.|Moh\.|Muh\.|M\.|Abdul|Abd\.|Siti|Sitti)(?= |$)|Nur|Noer)/;
/** A word that starts with three letters: room for a typo (see typo()). */
const HAS_LETTERS = /(?:^| )[A-Za-z]{3}/;

const textOf = (words: string[] | null, s: NoiseSubject) => (words ? words.join(' ') : s.name);
const wordCount = (words: string[] | null, s: NoiseSubject) =>
  words ? words.length : s.name.indexOf(' ') > 0 ? 2 : 1;

function nameNoise(
  random: Random,
  draw: Draw,
  k: SideKinds,
  s: NoiseSubject,
  casing: Casing,
  maxDefects: number,
): string {
  // Split only when a defect needs the words (most names get none). No
  // closures here: this runs twice per person.
  let words = null as string[] | null;
  const max = maxDefects;
  if (draw.try(k.variant, draw.nameDefects < max && HAS_VARIANT.test(textOf(words, s)))) {
    const current = words ?? s.name.split(' ');
    const spots: number[] = [];
    for (let i = 0; i < current.length; i++) if (hasVariant(current[i] as string)) spots.push(i);
    const i = random.pick(spots);
    words = current.slice();
    words[i] = variantOf(random, current[i] as string) ?? (current[i] as string);
  }
  if (draw.try(k.old, draw.nameDefects < max && s.birth.y < 1972 && OLD_PATTERN.test(s.name)))
    words = (words ?? s.name.split(' ')).map(oldSpelling);
  if (draw.try(k.order, draw.nameDefects < max && wordCount(words, s) >= 2)) {
    words = (words ?? s.name.split(' ')).slice();
    const i = random.int(0, words.length - 2);
    [words[i], words[i + 1]] = [words[i + 1] as string, words[i] as string];
  }
  if (draw.try(k.initial, draw.nameDefects < max && wordCount(words, s) >= 2))
    words = initial(random, words ?? s.name.split(' '));
  if (draw.try(k.bin, draw.nameDefects < max && s.religion === 'islam' && s.fatherName !== ''))
    words = [
      ...(words ?? s.name.split(' ')),
      s.sex === 'P' ? 'binti' : 'bin',
      ...s.fatherName.split(' '),
    ];
  if (draw.try(k.typo, draw.nameDefects < max && HAS_LETTERS.test(textOf(words, s))))
    words = typo(random, words ?? s.name.split(' '));
  // Titles last, so that the other defects stay within the name itself.
  if (draw.try(k.title, draw.nameDefects < max && (s.age >= 20 || s.statusDasar === 2)))
    words = title(random, words ?? s.name.split(' '), s);
  const joined = words ? words.join(' ') : s.name;
  let text = casing === 'upper' ? joined.toUpperCase() : joined;
  if (draw.try(k.case, draw.nameDefects < max)) text = caseNoise(random, text);
  return text;
}

function dateNoise(
  random: Random,
  draw: Draw,
  k: SideKinds,
  birth: BirthDate,
  age: number,
): BirthDate | null {
  if (draw.try(k.birthMissing, true)) return null;
  let out = birth;
  // A baby's year is only ever mistyped backwards: the other way lies the future.
  if (draw.try(k.birthYear, true)) out = shiftYear(out, age === 0 || random.chance(0.5) ? -1 : 1);
  const swappable = out.d <= 12 && out.m <= 12 && out.d !== out.m;
  if (draw.try(k.birthSwap, swappable)) out = { y: out.y, m: out.d, d: out.m };
  return out;
}

const ALWAYS4 = [true, true, true, true];
const SOLO = [true, true, true, false];
const ALWAYS2 = [true, true];

export function applyNoise(random: Random, counter: NoiseCounter, input: NoiseInput): NoiseResult {
  const s = input.subject;
  const draw = new Draw(random, counter);
  const reg: Rendition = {
    nik: s.nik,
    name: '',
    birth: s.birth,
    sex: s.sex,
    village: input.village,
  };
  const ext: Rendition | null = input.member
    ? { nik: s.nik, name: '', birth: s.birth, sex: s.sex, village: input.village }
    : null;

  const regNik = draw.tryOneOf(REG_NIK, input.kkNiks.length > 1 ? ALWAYS4 : SOLO);
  if (regNik === REG_NIK[0]) reg.nik = '';
  else if (regNik === REG_NIK[1]) reg.nik = temporaryNik(random);
  else if (regNik === REG_NIK[2]) reg.nik = mistypeNik(random, s.nik);
  else if (regNik === REG_NIK[3]) {
    let relative = random.pick(input.kkNiks);
    while (relative === s.nik) relative = random.pick(input.kkNiks);
    reg.nik = relative;
  }

  let extNik = -1;
  if (ext) {
    extNik = draw.tryOneOf(EXT_NIK, ALWAYS2);
    if (extNik === EXT_NIK[0]) ext.nik = '';
    else if (extNik === EXT_NIK[1]) ext.nik = mistypeNik(random, s.nik);
  }
  const nikDamaged = regNik >= 0 || extNik >= 0;

  if (!nikDamaged) {
    reg.birth = dateNoise(random, draw, REG, s.birth, s.age);
    if (ext) ext.birth = dateNoise(random, draw, EXT, s.birth, s.age);
  }
  if (draw.try(REG.sexMissing, true)) reg.sex = null;
  if (ext && draw.try(EXT.sexMissing, true)) ext.sex = null;

  const maxDefects = nikDamaged ? 1 : 2;
  reg.name = nameNoise(random, draw, REG, s, input.registerCasing, maxDefects);
  if (ext) {
    ext.name = nameNoise(random, draw, EXT, s, 'upper', maxDefects);
    if ((!nikDamaged || draw.nameDefects === 0) && draw.kinds.length < MAX_KINDS) {
      const village = input.neighbours.pick(random, input.village);
      if (draw.try(MOVED, village !== null) && village) ext.village = village;
    }
  }
  const kinds: NoiseKind[] = [];
  for (const i of draw.kinds) kinds.push(NOISE_KINDS[i] as NoiseKind);
  return { reg, ext, kinds };
}
