import { describe, expect, it } from 'vitest';
import { createForceLayout, startingPositions } from '../../../client/graph/force-layout.ts';

/** A ring of n nodes with a spoke from node 0 to every third node. */
function ring(n: number) {
  const links: number[] = [];
  for (let i = 0; i < n; i++) links.push(i, (i + 1) % n);
  for (let i = 3; i < n; i += 3) links.push(0, i);
  return { nodes: Array.from({ length: n }, (_v, i) => ({ charge: i === 0 ? -120 : -30 })), links };
}

describe('createForceLayout', () => {
  it('createForceLayout gives the same picture for the same data and seed, tick for tick', () => {
    const a = createForceLayout({ ...ring(60), seed: 0.25 });
    const b = createForceLayout({ ...ring(60), seed: 0.25 });
    a.tick(40);
    b.tick(40);
    expect(Array.from(a.positions())).toEqual(Array.from(b.positions()));
    a.tick(1000);
    b.tick(1000);
    expect(Array.from(a.positions())).toEqual(Array.from(b.positions()));
  });

  it('createForceLayout settles within the ticks alpha allows and then stops ticking', () => {
    const layout = createForceLayout({ ...ring(30), seed: 0.5 });
    const ran = layout.tick(10_000);
    expect(ran).toBeGreaterThan(200);
    expect(ran).toBeLessThan(400);
    expect(layout.settled()).toBe(true);
    expect(layout.tick(5)).toBe(0);
  });

  it('createForceLayout starts known nodes where they were, so a refined layout stays close to the old one', () => {
    const first = createForceLayout({ ...ring(40), seed: 0.1 });
    first.tick(10_000);
    const before = first.positions();
    const nodes = ring(40).nodes.map((n, i) => ({ ...n, x: before[2 * i], y: before[2 * i + 1] }));
    const again = createForceLayout({ nodes, links: ring(40).links, seed: 0.1, alpha: 0.1 });
    expect(Array.from(again.positions())).toEqual(Array.from(before));
    again.tick(10_000);
    const after = again.positions();
    const moved = Math.max(...Array.from(after, (v, i) => Math.abs(v - before[i]!)));
    expect(moved).toBeLessThan(15);
  });

  it('createForceLayout keeps linked nodes closer than unlinked ones once settled', () => {
    const layout = createForceLayout({ ...ring(48), seed: 0.9 });
    layout.tick(10_000);
    const p = layout.positions();
    const d = (i: number, j: number) => Math.hypot(p[2 * i]! - p[2 * j]!, p[2 * i + 1]! - p[2 * j + 1]!);
    const linked = d(1, 2) + d(10, 11) + d(20, 21);
    const far = d(1, 25) + d(10, 35) + d(20, 44);
    expect(linked).toBeLessThan(far);
  });

  it('startingPositions are where the layout starts each node before its first tick, placed or not', () => {
    const { nodes, links } = ring(50);
    const placed = nodes.map((n, i) => (i % 4 === 0 ? { ...n, x: i * 3, y: -i } : n));
    const layout = createForceLayout({ nodes: placed, links, seed: 0.3 });
    const expected = Array.from(layout.positions());
    const actual = Array.from(startingPositions(placed));
    expect(actual).toHaveLength(expected.length);
    actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 3));
    expect(actual[8]).toBe(12);
  });
});
