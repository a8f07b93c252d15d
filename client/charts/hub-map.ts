import {
  type GeoPermissibleObjects,
  arc,
  forceCollide,
  forceSimulation,
  forceX,
  forceY,
  geoAzimuthalEqualArea,
  geoPath,
  pie,
  randomLcg,
  scaleSqrt,
  select,
} from 'd3';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { SEGMENTS, type Segment } from '../../server/schemas/common.schema.ts';
import type { HubSummary } from '../../server/schemas/pool.schema.ts';
import { ACTIVE_COLOR, PASSIVE_COLOR, SEGMENT_COLORS } from '../colors.ts';
import { formatCount, formatPercent, plural, segmentLabel } from '../format.ts';
import { chartTooltip } from './tooltip.ts';

/**
 * The hub map: Europe's countries (Natural Earth via world-atlas) in a
 * Lambert azimuthal equal-area projection centred like the EU's ETRS89-LAEA
 * (EPSG:3035, 10°E 52°N), fitted to the part of Europe the hubs are in; each hub a pie of its pool by
 * segment, area ∝ pool size, ringed by its passive share. Hubs close
 * together are pushed apart just enough not to overlap, with a leader line
 * to where they really are.
 */

export interface HubMapData {
  countries: FeatureCollection<Geometry, { name?: string }>;
  hubs: HubSummary[];
}

export interface HubMapOptions {
  width?: number;
  height?: number;
  /** Largest pool the radius scale maps to maxRadius (keep it fixed across filters so sizes stay comparable). */
  radiusDomainMax?: number;
  maxRadius?: number;
  minRadius?: number;
  selected?: string | null;
  /** [[west, south], [east, north]] in degrees: the area the projection is fitted to (default: the hubs, with a margin). */
  extent?: [[number, number], [number, number]];
  onSelect?: (hub: HubSummary) => void;
}

export const EUROPE_EXTENT: [[number, number], [number, number]] = [
  [-10.5, 35],
  [32, 61],
];

interface Mark {
  hub: HubSummary;
  r: number;
  ax: number;
  ay: number;
  x: number;
  y: number;
}

/** The hubs' bounding box with a margin of a few degrees; all of Europe when no hub is located. */
export function hubsExtent(hubs: readonly HubSummary[], margin: [number, number] = [4, 2.5]): [[number, number], [number, number]] {
  const located = hubs.flatMap((h) => (h.location ? [h.location] : []));
  if (located.length === 0) return EUROPE_EXTENT;
  const lons = located.map((l) => l.longitude);
  const lats = located.map((l) => l.latitude);
  return [
    [Math.min(...lons) - margin[0], Math.min(...lats) - margin[1]],
    [Math.max(...lons) + margin[0], Math.max(...lats) + margin[1]],
  ];
}

function extentOutline([[w, s], [e, n]]: [[number, number], [number, number]]): GeoPermissibleObjects {
  const coordinates: [number, number][] = [];
  for (let i = 0; i <= 8; i++) {
    const t = i / 8;
    coordinates.push([w + (e - w) * t, s], [w + (e - w) * t, n], [w, s + (n - s) * t], [e, s + (n - s) * t]);
  }
  return { type: 'MultiPoint', coordinates };
}

/** Degrees around the fitted area within which countries are drawn (the view's corners reach further than its fit). */
const NEAR_MARGIN = 25;
const boxes = new WeakMap<object, [number, number, number, number]>();

/** A feature's longitude/latitude box [west, south, east, north], computed once per feature. */
export function lonLatBox(feature: Feature): [number, number, number, number] {
  let box = boxes.get(feature);
  if (!box) {
    const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        const [x, y] = c as [number, number];
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      } else if (Array.isArray(c)) for (const inner of c) visit(inner);
    };
    const geometry = feature.geometry as { coordinates?: unknown; geometries?: { coordinates?: unknown }[] } | null;
    visit(geometry?.coordinates ?? geometry?.geometries?.map((g) => g.coordinates) ?? []);
    box = b;
    boxes.set(feature, box);
  }
  return box;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Places each hub's two-line label (name, count) beside its mark: right,
 * left, above or below, whichever first clears the marks and the labels
 * already placed (largest hubs first). Text width is estimated, since the
 * chart may render where nothing is measured.
 */
export function placeLabels(marks: readonly { hub: HubSummary; r: number; x: number; y: number }[], width: number, height: number) {
  const markBox = new Map(marks.map((m) => [m.hub.id, { x0: m.x - m.r - 4, y0: m.y - m.r - 4, x1: m.x + m.r + 4, y1: m.y + m.r + 4 }]));
  const placed: Box[] = [...markBox.values()];
  const out = new Map<string, { x: number; y: number; anchor: 'start' | 'middle' | 'end' }>();
  const order = [...marks].sort((a, b) => b.r - a.r || a.hub.id.localeCompare(b.hub.id));
  for (const m of order) {
    const w = Math.max(m.hub.name.length, 5) * 7.4;
    const gap = m.r + 6;
    // Label positions relative to the mark: [x of the text anchor, baseline of the first line, anchor, box].
    const candidates: { x: number; y: number; anchor: 'start' | 'middle' | 'end'; box: Box }[] = [
      { x: m.x + gap, y: m.y - 2, anchor: 'start', box: { x0: m.x + gap, y0: m.y - 14, x1: m.x + gap + w, y1: m.y + 15 } },
      { x: m.x - gap, y: m.y - 2, anchor: 'end', box: { x0: m.x - gap - w, y0: m.y - 14, x1: m.x - gap, y1: m.y + 15 } },
      { x: m.x, y: m.y - gap - 15, anchor: 'middle', box: { x0: m.x - w / 2, y0: m.y - gap - 27, x1: m.x + w / 2, y1: m.y - gap + 2 } },
      { x: m.x, y: m.y + gap + 10, anchor: 'middle', box: { x0: m.x - w / 2, y0: m.y + gap - 2, x1: m.x + w / 2, y1: m.y + gap + 27 } },
    ];
    const inside = (b: Box) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= width && b.y1 <= height;
    const own = markBox.get(m.hub.id);
    const free = candidates.find((c) => inside(c.box) && placed.every((b) => b === own || !overlaps(c.box, b)));
    const choice = free ?? candidates.find((c) => inside(c.box)) ?? candidates[0]!;
    placed.push(choice.box);
    out.set(m.hub.id, { x: choice.x - m.x, y: choice.y - m.y, anchor: choice.anchor });
  }
  return out;
}

export function hubAriaLabel(hub: HubSummary): string {
  const { total, segments, passive } = hub.counts;
  const parts = SEGMENTS.filter((s) => segments[s] > 0).map((s) => `${formatCount(segments[s])} ${segmentLabel(s).toLowerCase()}`);
  return `${hub.name}${hub.countryName ? `, ${hub.countryName}` : ''}: ${plural(total, 'candidate')}` +
    (total > 0 ? `; ${parts.join(', ')}; ${formatPercent(passive / total)} passive` : '');
}

export function renderHubMap(
  container: HTMLElement,
  { countries, hubs }: HubMapData,
  {
    width = container.clientWidth || 960,
    height = container.clientHeight || 640,
    radiusDomainMax,
    maxRadius = Math.max(16, Math.min(width, height) / 22),
    minRadius = 5,
    selected = null,
    extent = hubsExtent(hubs),
    onSelect,
  }: HubMapOptions = {},
): SVGSVGElement {
  const root = select(container);
  const svg = root
    .selectAll<SVGSVGElement, null>('svg.hub-map')
    .data([null])
    .join((enter) => {
      const s = enter.append('svg').attr('class', 'hub-map').attr('role', 'group');
      s.append('g').attr('class', 'countries').attr('aria-hidden', 'true');
      s.append('g').attr('class', 'leaders').attr('aria-hidden', 'true');
      s.append('g').attr('class', 'hubs');
      return s;
    })
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('aria-label', `Map of Europe with ${plural(hubs.length, 'hub')}`);

  const pad = Math.round(Math.min(width, height) * 0.03);
  const projection = geoAzimuthalEqualArea()
    .rotate([-10, -52])
    .clipAngle(60)
    .fitExtent(
      [
        [pad, pad],
        [width - pad, height - pad],
      ],
      extentOutline(extent),
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection);

  // Only countries near the fitted area are projected: a cheap box test first
  // spares projecting and clipping the rest of the world's 50m outlines.
  const near = (f: Feature) => {
    const [w, so, e, n] = lonLatBox(f);
    return e >= extent[0][0] - NEAR_MARGIN && w <= extent[1][0] + NEAR_MARGIN && n >= extent[0][1] - NEAR_MARGIN && so <= extent[1][1] + NEAR_MARGIN;
  };
  const shapes = countries.features
    .filter((feature) => near(feature as Feature))
    .map((feature) => ({ feature, d: path(feature as Feature) }))
    .filter((s): s is { feature: (typeof countries.features)[number]; d: string } => Boolean(s.d));
  svg
    .select('g.countries')
    .selectAll('path')
    .data(shapes)
    .join('path')
    .attr('class', 'country')
    .attr('data-name', (s) => s.feature.properties?.name ?? '')
    .attr('d', (s) => s.d);

  const max = Math.max(1, radiusDomainMax ?? 0, ...hubs.map((h) => h.counts.total));
  const radius = scaleSqrt().domain([0, max]).range([0, maxRadius]);
  const marks: Mark[] = [];
  for (const hub of hubs) {
    if (!hub.location) continue;
    const p = projection([hub.location.longitude, hub.location.latitude]);
    if (!p) continue;
    const r = hub.counts.total === 0 ? 3 : Math.max(minRadius, radius(hub.counts.total));
    marks.push({ hub, r, ax: p[0], ay: p[1], x: p[0], y: p[1] });
  }
  // Resolve overlaps: a few hundred ticks of a tiny, seeded simulation (no timers).
  const simulation = forceSimulation(marks)
    .randomSource(randomLcg(0.5))
    .force('x', forceX<Mark>((m) => m.ax).strength(0.25))
    .force('y', forceY<Mark>((m) => m.ay).strength(0.25))
    .force('collide', forceCollide<Mark>((m) => m.r + 2).iterations(3))
    .stop();
  simulation.tick(200);
  for (const m of marks) {
    m.x = Math.max(m.r, Math.min(width - m.r, m.x));
    m.y = Math.max(m.r, Math.min(height - m.r, m.y));
  }

  svg
    .select('g.leaders')
    .selectAll('g.leader')
    .data(
      marks.filter((m) => Math.hypot(m.x - m.ax, m.y - m.ay) > 2),
      (m) => (m as Mark).hub.id,
    )
    .join((enter) => {
      const g = enter.append('g').attr('class', 'leader');
      g.append('line');
      g.append('circle').attr('r', 2);
      return g;
    })
    .call((g) =>
      g
        .select('line')
        .attr('x1', (m) => m.ax)
        .attr('y1', (m) => m.ay)
        .attr('x2', (m) => m.x)
        .attr('y2', (m) => m.y),
    )
    .call((g) =>
      g
        .select('circle')
        .attr('cx', (m) => m.ax)
        .attr('cy', (m) => m.ay),
    );

  const tooltip = chartTooltip(container);
  const showTip = (m: Mark) => {
    const { total, segments, passive, active } = m.hub.counts;
    tooltip.show(
      [
        ['Candidates', formatCount(total)],
        ...SEGMENTS.map((s): [string, string] => [segmentLabel(s), formatCount(segments[s])]),
        ['Passive', total > 0 ? `${formatCount(passive)} (${formatPercent(passive / total)})` : '0'],
        ['Active', formatCount(active)],
      ],
      m.x + m.r,
      m.y,
      `${m.hub.name}${m.hub.countryName ? `, ${m.hub.countryName}` : ''}`,
    );
  };

  const arcOf = arc<{ startAngle: number; endAngle: number; inner: number; outer: number }>()
    .innerRadius((d) => d.inner)
    .outerRadius((d) => d.outer);

  const groups = svg
    .select('g.hubs')
    .selectAll<SVGGElement, Mark>('g.hub')
    .data(marks, (m) => m.hub.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'hub').attr('tabindex', 0).attr('role', 'button');
      g.append('circle').attr('class', 'hub-bg');
      g.append('g').attr('class', 'segments');
      g.append('g').attr('class', 'passive');
      g.append('circle').attr('class', 'hub-outline');
      g.append('text').attr('class', 'hub-label halo');
      g.append('text').attr('class', 'hub-count halo');
      return g;
    })
    .attr('data-hub-id', (m) => m.hub.id)
    .attr('data-total', (m) => m.hub.counts.total)
    .attr('data-passive', (m) => m.hub.counts.passive)
    .attr('aria-label', (m) => hubAriaLabel(m.hub))
    .attr('aria-pressed', (m) => String(m.hub.id === selected))
    .classed('selected', (m) => m.hub.id === selected)
    .classed('empty', (m) => m.hub.counts.total === 0)
    .attr('transform', (m) => `translate(${m.x},${m.y})`);

  groups.select('circle.hub-bg').attr('r', (m) => m.r);
  groups.select('circle.hub-outline').attr('r', (m) => m.r + (m.hub.counts.total > 0 ? 4 : 0));

  groups
    .select('g.segments')
    .selectAll('path')
    .data((m) => {
      const total = m.hub.counts.total;
      if (total === 0) return [];
      const present = SEGMENTS.filter((s) => m.hub.counts.segments[s] > 0);
      return pie<Segment>()
        .sort(null)
        .value((s) => m.hub.counts.segments[s])(present)
        .map((a) => ({ ...a, segment: a.data, inner: 0, outer: m.r }));
    })
    .join('path')
    .attr('class', 'segment')
    .attr('data-segment', (d) => d.segment)
    .attr('fill', (d) => SEGMENT_COLORS[d.segment])
    .attr('d', (d) => arcOf(d));

  groups
    .select('g.passive')
    .selectAll('path')
    .data((m) => {
      const { total, passive } = m.hub.counts;
      if (total === 0) return [];
      const end = (passive / total) * 2 * Math.PI;
      return [
        { kind: 'passive', startAngle: 0, endAngle: end, inner: m.r + 1, outer: m.r + 4 },
        { kind: 'active', startAngle: end, endAngle: 2 * Math.PI, inner: m.r + 1, outer: m.r + 4 },
      ].filter((d) => d.endAngle > d.startAngle);
    })
    .join('path')
    .attr('class', (d) => `ring ${d.kind}`)
    .attr('fill', (d) => (d.kind === 'passive' ? PASSIVE_COLOR : ACTIVE_COLOR))
    .attr('d', (d) => arcOf(d));

  const labels = placeLabels(marks, width, height);
  groups
    .select('text.hub-label')
    .attr('x', (m) => labels.get(m.hub.id)!.x)
    .attr('y', (m) => labels.get(m.hub.id)!.y)
    .attr('text-anchor', (m) => labels.get(m.hub.id)!.anchor)
    .text((m) => m.hub.name);
  groups
    .select('text.hub-count')
    .attr('x', (m) => labels.get(m.hub.id)!.x)
    .attr('y', (m) => labels.get(m.hub.id)!.y + 13)
    .attr('text-anchor', (m) => labels.get(m.hub.id)!.anchor)
    .text((m) => formatCount(m.hub.counts.total));

  groups
    .on('click', (_event, m) => onSelect?.(m.hub))
    .on('keydown', (event: KeyboardEvent, m) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect?.(m.hub);
      }
    })
    .on('mouseenter focus', (_event, m) => showTip(m))
    .on('mouseleave blur', () => tooltip.hide());

  return svg.node()!;
}
