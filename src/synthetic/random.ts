// A small seeded PRNG (sfc32) and the draws the generator needs. Math.random
// would make every run different; the point of synthetic data with ground
// truth is that a seed names one exact data set.

/** A 32-bit string hash (FNV-1a), to derive independent streams from one seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * `stream` names what the numbers are for: the households, the noise and
   * the extract draw from separate streams, so changing a noise rate does not
   * change who lives in the villages.
   */
  constructor(seed: number, stream = '') {
    this.a = hash32(`a${seed}/${stream}`);
    this.b = hash32(`b${seed}/${stream}`);
    this.c = hash32(`c${seed}/${stream}`);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** sfc32: a uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** An index drawn with the given (cumulative) weights; see cumulative(). */
  weighted(cumulativeWeights: readonly number[]): number {
    const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
    const x = this.next() * total;
    for (let i = 0; i < cumulativeWeights.length; i++) {
      if (x < (cumulativeWeights[i] ?? 0)) return i;
    }
    return cumulativeWeights.length - 1;
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => {
    sum += w;
    return sum;
  });
}

/** A weighted choice among values, drawn with Random.weighted(). */
export class Weighted<T> {
  private readonly values: readonly T[];
  private readonly cumulative: readonly number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map(([value]) => value);
    this.cumulative = cumulative(entries.map(([, weight]) => weight));
  }

  draw(random: Random): T {
    return this.values[random.weighted(this.cumulative)] as T;
  }
}
