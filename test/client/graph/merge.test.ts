import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../server/schemas/common.schema.ts';
import type { NeighbourhoodResponse } from '../../../server/schemas/graph.schema.ts';
import { fromNeighbourhood, layoutLinks, layoutNodes, mergeNeighbourhood, seedOf } from '../../../client/graph/merge.ts';

const node = (kind: GraphNode['kind'], id: string): GraphNode => ({ key: `${kind}:${id}`, id, kind, label: id, props: {} });
const answer = (center: string, nodes: GraphNode[], links: [string, string][], truncated = false): NeighbourhoodResponse => ({
  center,
  depth: 1,
  nodes,
  links: links.map(([source, target]) => ({ source, target, type: 'X', props: {} })),
  truncated,
  caps: { firstHop: 300, perNode: 0, total: 500 },
});

const HUB = answer('hub:munich', [node('hub', 'munich'), node('employer', 'e-2'), node('employer', 'e-1')], [
  ['employer:e-2', 'hub:munich'],
  ['employer:e-1', 'hub:munich'],
]);

describe('graph data', () => {
  it('fromNeighbourhood orders nodes by key, whatever order the API sent', () => {
    const data = fromNeighbourhood(HUB);
    expect(data.nodes.map((n) => n.key)).toEqual(['employer:e-1', 'employer:e-2', 'hub:munich']);
    const shuffled = fromNeighbourhood({ ...HUB, nodes: [...HUB.nodes].reverse(), links: [...HUB.links].reverse() });
    expect(shuffled).toEqual(data);
    expect(data.expanded).toEqual(['hub:munich']);
  });

  it('mergeNeighbourhood adds only new nodes and links, remembers the expansion and any truncation', () => {
    const base = fromNeighbourhood(HUB);
    const hop = answer('employer:e-1', [node('employer', 'e-1'), node('hub', 'munich'), node('candidate', 'c-1')], [
      ['employer:e-1', 'hub:munich'],
      ['candidate:c-1', 'employer:e-1'],
    ], true);
    const { data, added } = mergeNeighbourhood(base, hop);
    expect(added).toEqual(['candidate:c-1']);
    expect(data.nodes.map((n) => n.key)).toEqual(['candidate:c-1', 'employer:e-1', 'employer:e-2', 'hub:munich']);
    expect(data.links).toHaveLength(3);
    expect(data.expanded).toEqual(['hub:munich', 'employer:e-1']);
    expect(data.truncated).toBe(true);
    expect(layoutLinks(data)).toEqual(Uint32Array.from([0, 1, 1, 3, 2, 3]));
  });

  it('layoutNodes keeps known positions and grows new nodes out of the expanded one, the same way every time', () => {
    const base = fromNeighbourhood(HUB);
    const { data } = mergeNeighbourhood(base, answer('employer:e-1', [node('candidate', 'c-1'), node('candidate', 'c-2')], []));
    const previous = new Map([
      ['employer:e-1', { x: 100, y: 50 }],
      ['employer:e-2', { x: -10, y: 0 }],
      ['hub:munich', { x: 0, y: 0 }],
    ]);
    const nodes = layoutNodes(data, previous, 'employer:e-1');
    expect(nodes.map((n) => [n.x, n.y].map((v) => Math.round(v ?? NaN)))).toEqual([
      [112, 50],
      [Math.round(100 + 18 * Math.cos(Math.PI * (3 - Math.sqrt(5)))), Math.round(50 + 18 * Math.sin(Math.PI * (3 - Math.sqrt(5))))],
      [100, 50],
      [-10, 0],
      [0, 0],
    ]);
    expect(nodes.map((n) => n.charge)).toEqual([-30, -30, -45, -45, -120]);
    expect(layoutNodes(data, previous, 'employer:e-1')).toEqual(nodes);
  });

  it('seedOf gives each centre its own stable seed in [0, 1)', () => {
    expect(seedOf('hub:munich')).toBe(seedOf('hub:munich'));
    expect(seedOf('hub:munich')).not.toBe(seedOf('hub:berlin'));
    for (const key of ['a', 'hub:x', 'candidate:c-000001']) {
      expect(seedOf(key)).toBeGreaterThanOrEqual(0);
      expect(seedOf(key)).toBeLessThan(1);
    }
  });
});
