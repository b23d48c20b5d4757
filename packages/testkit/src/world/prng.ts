/** Mix a 32-bit state (the splitmix32/murmur3 finaliser). */
export function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hash of integers, order-sensitive: the seed of one record's PRNG. */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = mix32(h ^ mix32((value | 0) + Math.floor(value / 4294967296)));
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return mix32(h);
}

/** FNV-1a hash of a string mixed with a seed. */
export function hashString(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ mix32(seed)) >>> 0;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** A small seeded PRNG (mulberry32) with helpers. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `count` distinct elements (or all when fewer), in array order of picking. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return out;
  }
}

/** Stream ids: one per kind of derived value so streams never overlap. */
export const STREAM = {
  category: 1, attribute: 2, product: 3, productShape: 4, price: 5, stock: 6, company: 7, customer: 8,
  order: 9, promotion: 10, campaign: 11, segment: 12, content: 13, time: 14, invalid: 15, location: 16,
  priceList: 17, customerPrice: 18,
} as const;

/** The PRNG of record `index` of `stream` for `seed`. */
export function rngFor(seed: number, stream: number, index: number, sub = 0): Rng {
  return new Rng(hashInts(seed, stream, index, sub));
}

/** Zero-padded decimal number. */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
