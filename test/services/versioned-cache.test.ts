import { describe, expect, it } from 'vitest';
import { VersionedCache } from '../../server/services/versioned-cache.ts';

describe('VersionedCache', () => {
  const response = (total: number) => ({ hubs: [{ id: 'h', name: 'H', countryCode: null, countryName: null, location: null, catchmentKm: null, counts: { total, segments: { 'target-sector': 0, 'adjacent-sector': 0, academic: 0, other: total }, passive: 0, active: total } }] });

  it('VersionedCache answers for the same data version and filters only', () => {
    const cache = new VersionedCache<ReturnType<typeof response>>();
    expect(cache.get('v1', 'k')).toBeUndefined();
    cache.set('v1', 'k', response(1));
    expect(cache.get('v1', 'k')).toEqual(response(1));
    expect(cache.get('v1', 'other')).toBeUndefined();
    expect(cache.get('v2', 'k')).toBeUndefined();
    // A new version drops the others' entries: nothing of an erased person outlives the erasure's mark.
    expect(cache.get('v1', 'k')).toBeUndefined();
  });

  it('VersionedCache made to keep earlier entries answers each version with its own', () => {
    const cache = new VersionedCache<ReturnType<typeof response>>(10, 60_000, Date.now, true);
    cache.set('v1', 'k', response(1));
    expect(cache.get('v2', 'k')).toBeUndefined();
    // A request that read the mark before a write still gets the answer of its version.
    expect(cache.get('v1', 'k')).toEqual(response(1));
    cache.set('v2', 'k', response(2));
    expect(cache.get('v1', 'k')).toBeUndefined();
    expect(cache.get('v2', 'k')).toEqual(response(2));
  });

  it('VersionedCache drops an entry older than maxAgeMs, for writes made outside the app', () => {
    let now = 1_000;
    const cache = new VersionedCache<ReturnType<typeof response>>(10, 500, () => now);
    cache.get('v', 'k');
    cache.set('v', 'k', response(1));
    now += 499;
    expect(cache.get('v', 'k')).toEqual(response(1));
    now += 1;
    expect(cache.get('v', 'k')).toBeUndefined();
  });

  it('VersionedCache drops the oldest entry when full', () => {
    const cache = new VersionedCache<ReturnType<typeof response>>(2);
    cache.get('v', 'a');
    cache.set('v', 'a', response(1));
    cache.set('v', 'b', response(2));
    cache.set('v', 'c', response(3));
    expect(cache.get('v', 'a')).toBeUndefined();
    expect(cache.get('v', 'c')).toEqual(response(3));
  });

  it('VersionedCache.getOrCompute works a missing entry out once for everyone who asks meanwhile, and keeps it', async () => {
    const cache = new VersionedCache<ReturnType<typeof response>>();
    let calls = 0;
    let finish: (value: ReturnType<typeof response>) => void = () => {};
    const compute = () => {
      calls++;
      return new Promise<ReturnType<typeof response>>((resolve) => {
        finish = resolve;
      });
    };
    const waiting = [cache.getOrCompute('v', 'k', compute), cache.getOrCompute('v', 'k', compute), cache.getOrCompute('v', 'k', compute)];
    finish(response(7));
    expect(await Promise.all(waiting)).toEqual([response(7), response(7), response(7)]);
    expect(calls).toBe(1);
    expect(await cache.getOrCompute('v', 'k', compute)).toEqual(response(7));
    expect(calls).toBe(1);
    // Another data version is another answer.
    const next = cache.getOrCompute('v2', 'k', compute);
    finish(response(8));
    expect(await next).toEqual(response(8));
    expect(calls).toBe(2);
  });

  it('VersionedCache.getOrCompute keeps neither an undefined answer nor a failure', async () => {
    const cache = new VersionedCache<ReturnType<typeof response>>();
    expect(await cache.getOrCompute('v', 'k', () => Promise.resolve(undefined))).toBeUndefined();
    const failing = () => Promise.reject(new Error('database unavailable'));
    const both = [cache.getOrCompute('v', 'k', failing), cache.getOrCompute('v', 'k', failing)];
    for (const attempt of both) await expect(attempt).rejects.toThrow('database unavailable');
    expect(await cache.getOrCompute('v', 'k', () => Promise.resolve(response(3)))).toEqual(response(3));
  });

  it('VersionedCache.getOrCompute brings an earlier version\'s entry up to date with `update`, and computes afresh when it declines', async () => {
    let now = 1_000;
    const cache = new VersionedCache<ReturnType<typeof response>>(10, 500, () => now, true);
    const seen: number[] = [];
    let computed = 0;
    const compute = async () => response(100 + ++computed);
    const plusOne = async (earlier: ReturnType<typeof response>) => {
      seen.push(earlier.hubs[0]!.counts.total);
      return response(earlier.hubs[0]!.counts.total + 1);
    };
    expect(await cache.getOrCompute('v1', 'k', compute, plusOne)).toEqual(response(101));
    expect(seen).toEqual([]);
    now += 300;
    expect(await cache.getOrCompute('v2', 'k', compute, plusOne)).toEqual(response(102));
    expect(seen).toEqual([101]);
    expect(computed).toBe(1);
    // The update keeps the age of the entry it came from: 500 ms after the computation it is gone.
    now += 200;
    expect(cache.get('v2', 'k')).toBeUndefined();
    expect(await cache.getOrCompute('v3', 'k', compute, plusOne)).toEqual(response(102));
    expect(computed).toBe(2);
    // An update that declines leaves the work to compute.
    expect(await cache.getOrCompute('v4', 'k', compute, async () => undefined)).toEqual(response(103));
    expect(computed).toBe(3);
    // Another key's entry is never the earlier one.
    expect(await cache.getOrCompute('v4', 'other', compute, plusOne)).toEqual(response(104));
    expect(seen).toEqual([101]);
  });
});
