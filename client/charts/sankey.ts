import { select } from 'd3';
import { type SankeyLink, type SankeyNode, sankey, sankeyLinkHorizontal } from 'd3-sankey';
import type { Flow } from '../../server/schemas/flows.schema.ts';
import { formatCount, plural } from '../format.ts';
import { chartTooltip } from './tooltip.ts';

/**
 * Talent flows as a Sankey diagram: where people came from (left) and where
 * they went (right), link width ∝ moves. The two sides are separate nodes,
 * so moves both ways between two sectors (a cycle) draw as two links rather
 * than breaking the layout. Target sectors are marked.
 */

export interface SankeyOptions {
  width?: number;
  height?: number;
  nodeWidth?: number;
  nodePadding?: number;
  onSelect?: (end: { id: string; side: 'from' | 'to' }) => void;
}

interface End {
  key: string;
  id: string;
  name: string;
  side: 'from' | 'to';
  target: boolean;
}
interface Move {
  moves: number;
}
type Node = SankeyNode<End, Move>;
type Link = SankeyLink<End, Move>;

export const SOURCE_COLOR = '#5b6b7f';
export const TARGET_COLOR = '#007a5a';

export function renderSankey(
  container: HTMLElement,
  flows: Flow[],
  { width = container.clientWidth || 960, height = container.clientHeight || 560, nodeWidth = 14, nodePadding = 10, onSelect }: SankeyOptions = {},
): SVGSVGElement {
  const svg = select(container)
    .selectAll<SVGSVGElement, null>('svg.sankey')
    .data([null])
    .join((enter) => {
      const s = enter.append('svg').attr('class', 'sankey').attr('role', 'img');
      s.append('g').attr('class', 'links');
      s.append('g').attr('class', 'nodes');
      return s;
    })
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height);
  const totalMoves = flows.reduce((sum, f) => sum + f.moves, 0);
  svg.attr('aria-label', `Talent flows: ${plural(totalMoves, 'move')} in ${plural(flows.length, 'flow')}`);

  const ends = new Map<string, End>();
  const end = (side: 'from' | 'to', e: Flow['from']) => {
    const key = `${side}:${e.id}`;
    if (!ends.has(key)) ends.set(key, { key, id: e.id, name: e.name, side, target: e.target === true });
    return key;
  };
  const links = flows.map((f) => ({ source: end('from', f.from), target: end('to', f.to), value: f.moves, moves: f.moves }));
  const labelRoom = Math.min(250, width * 0.3);
  const short = (name: string) => (name.length > 30 ? `${name.slice(0, 28)}…` : name);
  const layout = sankey<End, Move>()
    .nodeId((n) => n.key)
    .nodeWidth(nodeWidth)
    .nodePadding(nodePadding)
    .nodeSort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.name.localeCompare(b.name))
    .extent([
      [labelRoom, 8],
      [width - labelRoom, height - 8],
    ]);
  const graph =
    links.length === 0
      ? { nodes: [] as Node[], links: [] as Link[] }
      : layout({ nodes: [...ends.values()].map((e) => ({ ...e })), links: links.map((l) => ({ ...l })) });

  const tooltip = chartTooltip(container);
  const color = (n: End) => (n.target ? TARGET_COLOR : SOURCE_COLOR);

  svg
    .select('g.links')
    .selectAll<SVGPathElement, Link>('path.flow')
    .data(graph.links, (l) => `${(l.source as Node).key}>${(l.target as Node).key}`)
    .join('path')
    .attr('class', 'flow')
    .attr('data-from', (l) => (l.source as Node).id)
    .attr('data-to', (l) => (l.target as Node).id)
    .attr('data-moves', (l) => l.moves)
    .attr('d', sankeyLinkHorizontal())
    .attr('stroke', (l) => color(l.target as Node))
    .attr('stroke-width', (l) => Math.max(1, l.width ?? 1))
    .on('mouseenter', (event: MouseEvent, l) => {
      const [x, y] = [event.offsetX, event.offsetY];
      tooltip.show([['Moves', formatCount(l.moves)]], x, y, `${(l.source as Node).name} → ${(l.target as Node).name}`);
    })
    .on('mouseleave', () => tooltip.hide());

  const nodes = svg
    .select('g.nodes')
    .selectAll<SVGGElement, Node>('g.end')
    .data(graph.nodes, (n) => n.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'end');
      g.append('rect');
      g.append('text').attr('class', 'halo');
      return g;
    })
    .attr('data-side', (n) => n.side)
    .attr('data-id', (n) => n.id)
    .attr('data-value', (n) => n.value ?? 0)
    .classed('target', (n) => n.target);
  nodes
    .select('rect')
    .attr('x', (n) => n.x0 ?? 0)
    .attr('y', (n) => n.y0 ?? 0)
    .attr('width', (n) => (n.x1 ?? 0) - (n.x0 ?? 0))
    .attr('height', (n) => Math.max(1, (n.y1 ?? 0) - (n.y0 ?? 0)))
    .attr('fill', color);
  nodes
    .select('text')
    .attr('x', (n) => (n.side === 'from' ? (n.x0 ?? 0) - 6 : (n.x1 ?? 0) + 6))
    .attr('y', (n) => ((n.y0 ?? 0) + (n.y1 ?? 0)) / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', (n) => (n.side === 'from' ? 'end' : 'start'))
    .text((n) => `${short(n.name)} (${formatCount(n.value ?? 0)})${n.target ? ' ★' : ''}`);
  nodes
    .attr('tabindex', onSelect ? 0 : null)
    .attr('role', onSelect ? 'button' : null)
    .attr('aria-label', (n) => `${n.side === 'from' ? 'From' : 'Into'} ${n.name}: ${plural(n.value ?? 0, 'move')}`)
    .on('click', (_e, n) => onSelect?.({ id: n.id, side: n.side }))
    .on('keydown', (event: KeyboardEvent, n) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect?.({ id: n.id, side: n.side });
      }
    });
  return svg.node()!;
}
