import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../server/errors.ts';
import { HubMapCache, decodeCursor, encodeCursor } from '../../server/services/hubs.service.ts';

describe('pool cursors', () => {
  it('decodeCursor reads back what encodeCursor wrote', () => {
    expect(decodeCursor(encodeCursor(0.812345, 'c-0042'))).toEqual({ score: 0.812345, id: 'c-0042' });
    expect(decodeCursor(encodeCursor(0, 'a'))).toEqual({ score: 0, id: 'a' });
  });

  it('decodeCursor rejects anything it did not write, naming query.cursor', () => {
    const bad = [
      '',
      'not base64!',
      Buffer.from('{"score":1}').toString('base64url'),
      Buffer.from('[1.5,"c1"]').toString('base64url'),
      Buffer.from('[0.5,"c1 OR 1=1"]').toString('base64url'),
      Buffer.from('[0.5]').toString('base64url'),
      Buffer.from('["0.5","c1"]').toString('base64url'),
    ];
    for (const cursor of bad) {
      expect(() => decodeCursor(cursor), cursor).toThrow(BadRequestError);
    }
    try {
      decodeCursor('garbage');
    } catch (error) {
      expect((error as BadRequestError).message).toContain('query.cursor');
    }
  });
});

describe('HubMapCache', () => {
  const response = (total: number) => ({ hubs: [{ id: 'h', name: 'H', countryCode: null, countryName: null, location: null, catchmentKm: null, counts: { total, segments: { 'healthcare-shipped': 0, 'adjacent-sector': 0, academic: 0, other: total }, passive: 0, active: total } }] });

  it('HubMapCache answers for the same data version and filters only', () => {
    const cache = new HubMapCache();
    expect(cache.get('v1', 'k')).toBeUndefined();
    cache.set('v1', 'k', response(1));
    expect(cache.get('v1', 'k')).toEqual(response(1));
    expect(cache.get('v1', 'other')).toBeUndefined();
    expect(cache.get('v2', 'k')).toBeUndefined();
    expect(cache.get('v1', 'k')).toBeUndefined();
  });

  it('HubMapCache drops the oldest entry when full', () => {
    const cache = new HubMapCache(2);
    cache.get('v', 'a');
    cache.set('v', 'a', response(1));
    cache.set('v', 'b', response(2));
    cache.set('v', 'c', response(3));
    expect(cache.get('v', 'a')).toBeUndefined();
    expect(cache.get('v', 'c')).toEqual(response(3));
  });
});
