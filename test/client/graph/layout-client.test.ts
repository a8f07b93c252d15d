import { describe, expect, it } from 'vitest';
import { packNodes } from '../../../client/graph/layout-client.ts';

describe('packNodes', () => {
  it('packNodes flattens nodes into (x, y, charge) triples, NaN where a node has no position or charge', () => {
    const packed = packNodes([{ x: 1.5, y: -2, charge: -120 }, { charge: -30 }, { x: 4, y: null }, {}]);
    expect(packed).toBeInstanceOf(Float64Array);
    expect([...packed]).toEqual([1.5, -2, -120, Number.NaN, Number.NaN, -30, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
  });
});
