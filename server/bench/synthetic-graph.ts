import { randomLcg } from 'd3';
import type { GraphLink, GraphNode, NodeKind } from '../schemas/common.schema.ts';
import { SEGMENTS } from '../schemas/common.schema.ts';
import type { NeighbourhoodResponse } from '../schemas/graph.schema.ts';

/**
 * A seeded neighbourhood of exactly `size` nodes shaped like the talent
 * graph's: a centre hub, a few more hubs, sectors, skills, employers (each in
 * a sector, with sites) and candidates (based in a hub, working somewhere,
 * with a few skills) — about 3.5 links per node. For the client benchmark.
 */
export function syntheticNeighbourhood(size: number, seed = 0.42): NeighbourhoodResponse {
  const random = randomLcg(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const nodes: GraphNode[] = [];
  const links: GraphLink[] = [];
  const add = (kind: NodeKind, id: string, props: GraphNode['props'] = {}) => {
    const node = { key: `${kind}:${id}`, id, kind, label: `${kind} ${id}`, props };
    nodes.push(node);
    return node.key;
  };
  const link = (source: string, target: string, type: string) => links.push({ source, target, type, props: {} });

  const hubs = Array.from({ length: Math.max(3, Math.round(size / 400)) }, (_v, i) => add('hub', `h${i}`));
  const sectors = Array.from({ length: 12 }, (_v, i) => add('sector', `s${i}`, { target: i < 4 }));
  const skills = Array.from({ length: 40 }, (_v, i) => add('skill', `k${i}`));
  const employers = Array.from({ length: Math.round(size * 0.08) }, (_v, i) => {
    const key = add('employer', `e${i}`);
    link(key, pick(sectors), 'IN_SECTOR');
    link(key, pick(hubs), 'HAS_SITE');
    return key;
  });
  for (let i = 0; nodes.length < size; i++) {
    const key = add('candidate', `c${i}`, { segment: pick(SEGMENTS) });
    link(key, random() < 0.6 ? hubs[0]! : pick(hubs), 'BASED_IN');
    link(key, pick(employers), 'WORKS_AT');
    for (let k = 0; k < 1 + Math.floor(random() * 2); k++) link(key, pick(skills), 'HAS_SKILL');
  }
  return {
    center: hubs[0]!,
    depth: 2,
    nodes,
    links,
    truncated: false,
    caps: { firstHop: 300, perNode: 50, total: size },
  };
}
