import { randomLcg } from 'd3';

/**
 * Seeded randomness for the demo world. Every entity draws from its own
 * generator, keyed by the world seed and the entity (`seed, 'candidate', 17`),
 * so an entity does not depend on how many numbers others drew before it.
 */

/** A well-mixed 32-bit hash of the parts (FNV-1a, then the murmur3 finaliser). */
export function hashKey(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${String(part)}\u0001`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private readonly source: () => number;

  constructor(seed: number) {
    this.source = randomLcg(seed);
  }

  /** A generator for one entity of the world. */
  static for(...parts: readonly (string | number)[]): Rng {
    return new Rng(hashKey(...parts));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.source();
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.source();
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.source() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.source() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.source() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.source();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.source());
  }
}

/** Items drawn in proportion to their weights (binary search on the cumulative sums). */
export class WeightedTable<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]> = []) {
    for (const [item, weight] of entries) this.add(item, weight);
  }

  add(item: T, weight: number): void {
    if (!(weight > 0)) return;
    this.total += weight;
    this.items.push(item);
    this.cumulative.push(this.total);
  }

  get size(): number {
    return this.items.length;
  }

  pick(rng: Rng): T {
    if (this.items.length === 0) throw new RangeError('pick from an empty table');
    const target = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
