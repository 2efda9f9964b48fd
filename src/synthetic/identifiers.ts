// Unique synthetic identifiers in their real layouts: NIK (kecamatan, birth
// date with women's day + 40, serial), No. KK (kecamatan, issue date, serial)
// and the 13-digit JKN card number. Counters live in typed arrays per
// kecamatan, so that millions of people cost a few megabytes.

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number) => String(n).padStart(4, '0');

export interface BirthDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** A serial per (kecamatan, day of a two-digit year, sex): what makes a NIK unique. */
export class NikAllocator {
  private readonly counters = new Map<string, Uint16Array>();

  next(kecamatan: string, birth: BirthDate, female: boolean): string {
    let counter = this.counters.get(kecamatan);
    if (!counter) {
      counter = new Uint16Array(100 * 12 * 31 * 2);
      this.counters.set(kecamatan, counter);
    }
    const yy = birth.y % 100;
    const slot = (((yy * 12 + birth.m - 1) * 31 + birth.d - 1) << 1) | (female ? 1 : 0);
    const serial = (counter[slot] ?? 0) + 1;
    if (serial > 9999) throw new Error(`NIK serials exhausted for ${kecamatan} ${yy}`);
    counter[slot] = serial;
    return `${kecamatan}${pad2(female ? birth.d + 40 : birth.d)}${pad2(birth.m)}${pad2(yy)}${pad4(serial)}`;
  }
}

/** No. KK: kecamatan, the card's issue date (DDMMYY) and a serial for that day. */
export class KkAllocator {
  private readonly counters = new Map<string, Uint16Array>();

  next(kecamatan: string, issued: BirthDate): string {
    let counter = this.counters.get(kecamatan);
    if (!counter) {
      counter = new Uint16Array(100 * 12 * 31);
      this.counters.set(kecamatan, counter);
    }
    const yy = issued.y % 100;
    const slot = (yy * 12 + issued.m - 1) * 31 + issued.d - 1;
    const serial = (counter[slot] ?? 0) + 1;
    if (serial > 9999) throw new Error(`No. KK serials exhausted for ${kecamatan} ${yy}`);
    counter[slot] = serial;
    return `${kecamatan}${pad2(issued.d)}${pad2(issued.m)}${pad2(yy)}${pad4(serial)}`;
  }
}

const NOKA_SPACE = 9_000_000_000;
// A prime that divides neither 2, 3 nor 5: i ↦ i·STEP mod 9·10⁹ is a bijection,
// so consecutive members get scattered, never repeated, card numbers.
const NOKA_STEP = 999_983;

/** 13-digit card numbers, "000" and ten digits, unique for up to nine billion members. */
export class NokaAllocator {
  private count = 0;

  constructor(private readonly offset: number) {}

  next(): string {
    const i = this.count++;
    const n = 1_000_000_000 + ((i * NOKA_STEP + this.offset) % NOKA_SPACE);
    return `000${n}`;
  }
}
