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
    expect(cache.get('v1', 'k')).toBeUndefined();
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
});
