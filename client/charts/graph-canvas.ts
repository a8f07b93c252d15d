import { type Quadtree, type ZoomBehavior, type ZoomTransform, drag, quadtree, select, zoom, zoomIdentity, zoomTransform } from 'd3';
import type { GraphLink, GraphNode, NodeKind } from '../../server/schemas/common.schema.ts';
import { nodeColor } from '../colors.ts';
import { kindLabel } from '../format.ts';
import { type Rgb, coverageColors, hexToRgb, paintCoverage, rasterizeLines, stampDisc } from './raster.ts';
import { chartTooltip } from './tooltip.ts';

/**
 * A force-directed graph drawn on a canvas (thousands of nodes stay smooth
 * where SVG would not). The chart draws positions it is given — the layout
 * runs elsewhere (a worker) — and turns pointer input into zoom, pan, hover,
 * click and drag callbacks. Nodes are coloured by kind, candidates by
 * segment; labels show for structural nodes and, zoomed in, for all.
 */

export interface GraphScene {
  nodes: GraphNode[];
  links: GraphLink[];
  center?: string | null;
  expanded?: readonly string[];
}

export interface GraphCanvasOptions {
  width?: number;
  height?: number;
  pixelRatio?: number;
  /** A 2D context to draw into instead of the canvas's own (tests pass a recording one). */
  context?: CanvasRenderingContext2D | null;
  selected?: string | null;
  onClick?: (node: GraphNode) => void;
  onHover?: (node: GraphNode | null) => void;
  /** Drag of node `index` to layout coordinates (x, y). */
  onDrag?: (index: number, x: number, y: number, phase: 'start' | 'drag' | 'end') => void;
  /** The person zoomed or panned (so the view stops fitting the picture itself). */
  onUserZoom?: () => void;
  /** Called after each frame with the milliseconds its drawing took (for measuring). */
  onDraw?: (ms: number) => void;
}

export interface GraphCanvas {
  readonly canvas: HTMLCanvasElement;
  setPositions(positions: Float32Array): void;
  setSelected(key: string | null): void;
  /** Index of the node at canvas pixel (px, py), if any. */
  nodeAt(px: number, py: number): number | undefined;
  /** Canvas pixel where node `index` is drawn. */
  screenPosition(index: number): [number, number] | undefined;
  fit(padding?: number): void;
  zoomBy(factor: number): void;
  resize(width: number, height: number): void;
  draw(): void;
  destroy(): void;
}

export const NODE_RADIUS: Record<NodeKind, number> = {
  hub: 9,
  country: 8,
  sector: 7,
  employer: 5,
  institution: 4.5,
  teamMember: 5,
  candidate: 3.5,
  skill: 3.5,
  publication: 3,
};

const ALWAYS_LABELLED = new Set<NodeKind>(['hub', 'sector', 'country']);
const MAX_LABELS = 160;
/** Zoom from which every node may be labelled (where there is room). */
const LABEL_ALL_ZOOM = 2;

export interface DrawState {
  width: number;
  height: number;
  pixelRatio: number;
  transform: { k: number; x: number; y: number };
  selected: string | null;
  hovered: number | undefined;
  /** The canvas-sized (device pixel) buffer links and nodes are drawn into, and its per-pixel link coverage. */
  links: ImageData;
  coverage: Uint8Array;
}

export const LINK_RGB: Rgb = [60, 72, 88];
export const LINK_ALPHA = 0.28;
const LINK_COLORS = coverageColors(LINK_RGB, LINK_ALPHA, [255, 255, 255]);
const rgbCache = new Map<string, Rgb>();
const rgbOf = (hex: string) => {
  let rgb = rgbCache.get(hex);
  if (!rgb) rgbCache.set(hex, (rgb = hexToRgb(hex)));
  return rgb;
};

/** Source and target index of every link; -1 where an end is not among the nodes. */
export function linkEnds(scene: GraphScene): Int32Array {
  const index = new Map(scene.nodes.map((n, i) => [n.key, i]));
  const ends = new Int32Array(scene.links.length * 2);
  scene.links.forEach((l, i) => {
    ends[2 * i] = index.get(l.source) ?? -1;
    ends[2 * i + 1] = index.get(l.target) ?? -1;
  });
  return ends;
}

/** What a frame needs of a scene beyond positions, worked out once per scene (scenes are not changed once drawn). */
interface SceneFacts {
  ends: Int32Array;
  index: Map<string, number>;
  rgb: Rgb[];
  radius: Float32Array;
  center: number;
  /** Expanded nodes, ascending. */
  expanded: number[];
  /** Labelled at any zoom (expanded or structural), ascending; and as a flag per node. */
  structural: number[];
  isStructural: Uint8Array;
}

const facts = new WeakMap<GraphScene, SceneFacts>();

function factsOf(scene: GraphScene): SceneFacts {
  let known = facts.get(scene);
  if (known) return known;
  const index = new Map(scene.nodes.map((n, i) => [n.key, i]));
  const expandedKeys = new Set(scene.expanded ?? []);
  const expanded: number[] = [];
  const structural: number[] = [];
  const isStructural = new Uint8Array(scene.nodes.length);
  scene.nodes.forEach((n, i) => {
    if (expandedKeys.has(n.key)) expanded.push(i);
    if (expandedKeys.has(n.key) || ALWAYS_LABELLED.has(n.kind)) {
      structural.push(i);
      isStructural[i] = 1;
    }
  });
  known = {
    ends: linkEnds(scene),
    index,
    rgb: scene.nodes.map((n) => rgbOf(nodeColor(n.kind, n.props.segment))),
    radius: Float32Array.from(scene.nodes, (n) => NODE_RADIUS[n.kind]),
    center: scene.center ? (index.get(scene.center) ?? -1) : -1,
    expanded,
    structural,
    isStructural,
  };
  facts.set(scene, known);
  return known;
}

/** Scratch for a frame's line end points (screen pixels), grown as needed: no allocation per frame. */
let lineScratch = new Float32Array(0);
const labelBoxes = new Float64Array(4 * MAX_LABELS);

/**
 * Draws one frame. Pure: the same scene, positions and state give the same
 * pixels and the same calls on the context. Links and nodes are rasterised
 * into the pixel buffer (device pixels) and put on the canvas at once; rings
 * and labels are drawn through the context on top.
 */
export function drawGraph(ctx: CanvasRenderingContext2D, scene: GraphScene, positions: Float32Array, state: DrawState): void {
  const { width, height, pixelRatio: pr, transform: t } = state;
  const f = factsOf(scene);
  const kx = t.k * pr;
  const ox = t.x * pr;
  const oy = t.y * pr;

  const { width: bw, height: bh } = state.links;
  const pixels = new Uint32Array(state.links.data.buffer, state.links.data.byteOffset, bw * bh);
  const coverage = state.coverage;
  coverage.fill(0);
  const ends = f.ends;
  const links = ends.length >> 1;
  if (lineScratch.length < 4 * links) lineScratch = new Float32Array(4 * links);
  const lines = lineScratch;
  let count = 0;
  for (let l = 0; l < links; l++) {
    const s = ends[2 * l]!;
    const d = ends[2 * l + 1]!;
    if (s < 0 || d < 0) continue;
    lines[4 * count] = positions[2 * s]! * kx + ox;
    lines[4 * count + 1] = positions[2 * s + 1]! * kx + oy;
    lines[4 * count + 2] = positions[2 * d]! * kx + ox;
    lines[4 * count + 3] = positions[2 * d + 1]! * kx + oy;
    count++;
  }
  rasterizeLines(coverage, bw, bh, lines, count);
  paintCoverage(coverage, pixels, LINK_COLORS);

  const nodes = scene.nodes.length;
  for (let i = 0; i < nodes; i++) {
    const r = f.radius[i]! * kx;
    const x = positions[2 * i]! * kx + ox;
    const y = positions[2 * i + 1]! * kx + oy;
    if (x < -r || y < -r || x > bw + r || y > bh + r) continue;
    stampDisc(pixels, bw, bh, x, y, r, f.rgb[i]!);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.putImageData(state.links, 0, 0);
  ctx.setTransform(pr * t.k, 0, 0, pr * t.k, pr * t.x, pr * t.y);

  const selected = state.selected === null ? -1 : (f.index.get(state.selected) ?? -1);
  const hovered = state.hovered ?? -1;
  const ringed = [...f.expanded];
  for (const i of [f.center, selected, hovered]) if (i >= 0 && !ringed.includes(i)) ringed.push(i);
  ringed.sort((a, b) => a - b);
  for (const i of ringed) {
    const r = f.radius[i]! + (i === f.center ? 4 : 2.5);
    ctx.beginPath();
    ctx.arc(positions[2 * i]!, positions[2 * i + 1]!, r, 0, 2 * Math.PI);
    ctx.strokeStyle = i === selected || i === hovered ? '#d4351c' : '#1c2430';
    ctx.lineWidth = 1.6 / t.k;
    ctx.stroke();
  }

  // Labels in screen space, so text stays the same size at any zoom: the
  // important ones first, then (zoomed in) the others wherever they fit.
  ctx.setTransform(pr, 0, 0, pr, 0, 0);
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  const first = [hovered, selected].filter((i) => i >= 0).sort((a, b) => a - b);
  if (first.length === 2 && first[0] === first[1]) first.pop();
  const leading = [...first];
  if (f.center >= 0 && !leading.includes(f.center)) leading.push(f.center);
  let labels = 0;
  const label = (i: number, mayOverlap: boolean) => {
    const n = scene.nodes[i]!;
    const x = positions[2 * i]! * t.k + t.x;
    const y = positions[2 * i + 1]! * t.k + t.y;
    if (x < -50 || y < -20 || x > width + 50 || y > height + 20) return;
    const left = x + f.radius[i]! * t.k + 4;
    const right = left + n.label.length * 6.6;
    if (!mayOverlap) {
      for (let b = 0; b < labels; b++) {
        const o = 4 * b;
        if (left < labelBoxes[o + 2]! && labelBoxes[o]! < right && y - 7 < labelBoxes[o + 3]! && labelBoxes[o + 1]! < y + 7) return;
      }
    }
    const o = 4 * labels;
    labelBoxes[o] = left;
    labelBoxes[o + 1] = y - 7;
    labelBoxes[o + 2] = right;
    labelBoxes[o + 3] = y + 7;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.lineWidth = 3;
    ctx.strokeText(n.label, left, y);
    ctx.fillStyle = '#1c2430';
    ctx.fillText(n.label, left, y);
    labels++;
  };
  for (const i of leading) {
    if (labels >= MAX_LABELS) return;
    label(i, first.includes(i));
  }
  for (const i of f.structural) {
    if (labels >= MAX_LABELS) return;
    if (!leading.includes(i)) label(i, false);
  }
  if (t.k < LABEL_ALL_ZOOM) return;
  for (let i = 0; i < nodes && labels < MAX_LABELS; i++) {
    if (!f.isStructural[i] && !leading.includes(i)) label(i, false);
  }
}

export function renderGraphCanvas(
  container: HTMLElement,
  scene: GraphScene,
  {
    width = container.clientWidth || 960,
    height = container.clientHeight || 640,
    pixelRatio = globalThis.devicePixelRatio || 1,
    context,
    selected = null,
    onClick,
    onHover,
    onDrag,
    onUserZoom,
    onDraw,
  }: GraphCanvasOptions = {},
): GraphCanvas {
  const canvas = select(container)
    .selectAll<HTMLCanvasElement, null>('canvas.graph-canvas')
    .data([null])
    .join('canvas')
    .attr('class', 'graph-canvas')
    .attr('role', 'img')
    .attr('aria-label', `Graph of ${scene.nodes.length} nodes and ${scene.links.length} links; use the node list to move through it with the keyboard`)
    .node()!;
  const ctx = context === undefined ? canvas.getContext('2d', { alpha: false }) : context;
  const tooltip = chartTooltip(container);

  let positions: Float32Array = new Float32Array(scene.nodes.length * 2);
  // Worked out now rather than in the first frame, which has the drawing itself to do.
  factsOf(scene);
  // Drawn again into the same canvas (an expansion), the picture keeps its zoom.
  const previous = zoomTransform(canvas);
  let transform: ZoomTransform = previous === zoomIdentity ? zoomIdentity.translate(width / 2, height / 2) : previous;
  let hovered: number | undefined;
  let tree: Quadtree<number> | null = null;
  let frame = 0;

  const size = (w: number, h: number) => {
    width = w;
    height = h;
    canvas.width = Math.round(w * pixelRatio);
    canvas.height = Math.round(h * pixelRatio);
    select(canvas).style('width', `${w}px`).style('height', `${h}px`);
  };
  size(width, height);

  let buffer: { links: ImageData; coverage: Uint8Array } | null = null;
  const buffers = () => {
    if (!buffer || buffer.links.width !== canvas.width || buffer.links.height !== canvas.height) {
      const data = new Uint8ClampedArray(canvas.width * canvas.height * 4);
      const links = typeof ImageData === 'function' ? new ImageData(data, canvas.width, canvas.height) : ({ data, width: canvas.width, height: canvas.height } as ImageData);
      buffer = { links, coverage: new Uint8Array(canvas.width * canvas.height) };
    }
    return buffer;
  };
  const draw = () => {
    // Drawn now, a picture already asked for would be the same one again.
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    if (!ctx) return;
    const started = performance.now();
    drawGraph(ctx, scene, positions, { width, height, pixelRatio, transform, selected, hovered, ...buffers() });
    onDraw?.(performance.now() - started);
  };
  const requestDraw = () => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };

  const find = (px: number, py: number): number | undefined => {
    tree ??= quadtree<number>()
      .x((i) => positions[2 * i]!)
      .y((i) => positions[2 * i + 1]!)
      .addAll(scene.nodes.map((_n, i) => i));
    const [x, y] = transform.invert([px, py]);
    const i = tree.find(x, y, 12 / transform.k);
    return i;
  };

  const zoomer: ZoomBehavior<HTMLCanvasElement, unknown> = zoom<HTMLCanvasElement, unknown>()
    // The known size, rather than d3's default of reading the canvas's client size (a layout) on every zoom, fit included.
    .extent(() => [
      [0, 0],
      [width, height],
    ])
    .scaleExtent([0.05, 12])
    .on('zoom', (event: { transform: ZoomTransform; sourceEvent: Event | null }) => {
      transform = event.transform;
      if (event.sourceEvent) onUserZoom?.();
      requestDraw();
    });

  let dragged: number | undefined;
  const dragger = drag<HTMLCanvasElement, unknown, { index: number; x: number; y: number }>()
    .subject((event: { x: number; y: number }) => {
      const i = find(event.x, event.y);
      if (i === undefined) return null as unknown as { index: number; x: number; y: number };
      return { index: i, x: transform.applyX(positions[2 * i]!), y: transform.applyY(positions[2 * i + 1]!) };
    })
    .on('start', (event: { subject: { index: number } }) => {
      dragged = event.subject.index;
      canvas.classList.add('dragging');
      const [x, y] = [positions[2 * dragged]!, positions[2 * dragged + 1]!];
      onDrag?.(dragged, x, y, 'start');
    })
    .on('drag', (event: { x: number; y: number; subject: { index: number } }) => {
      const [x, y] = transform.invert([event.x, event.y]);
      const i = event.subject.index;
      positions[2 * i] = x;
      positions[2 * i + 1] = y;
      tree = null;
      onDrag?.(i, x, y, 'drag');
      requestDraw();
    })
    .on('end', (event: { subject: { index: number } }) => {
      canvas.classList.remove('dragging');
      const i = event.subject.index;
      onDrag?.(i, positions[2 * i]!, positions[2 * i + 1]!, 'end');
      dragged = undefined;
    });

  const selection = select(canvas);
  selection.call(dragger).call(zoomer).on('dblclick.zoom', null);
  selection.call(zoomer.transform, transform);

  const showTooltip = (i: number) => {
    const n = scene.nodes[i]!;
    const rows: [string, string][] = [['Kind', kindLabel(n.kind)]];
    for (const [k, v] of Object.entries(n.props)) if (v !== null) rows.push([k, String(v)]);
    rows.push(['Links', String(scene.links.filter((l) => l.source === n.key || l.target === n.key).length)]);
    tooltip.show(rows, transform.applyX(positions[2 * i]!), transform.applyY(positions[2 * i + 1]!), n.label);
  };

  selection
    .on('pointermove.hover', (event: PointerEvent) => {
      if (dragged !== undefined) return;
      const rect = canvas.getBoundingClientRect();
      const i = find(event.clientX - rect.left, event.clientY - rect.top);
      if (i === hovered) return;
      hovered = i;
      canvas.classList.toggle('over-node', i !== undefined);
      if (i === undefined) tooltip.hide();
      else showTooltip(i);
      onHover?.(i === undefined ? null : scene.nodes[i]!);
      requestDraw();
    })
    .on('pointerleave.hover', () => {
      hovered = undefined;
      tooltip.hide();
      onHover?.(null);
      requestDraw();
    })
    .on('click.select', (event: MouseEvent) => {
      const rect = canvas.getBoundingClientRect();
      const i = find(event.clientX - rect.left, event.clientY - rect.top);
      if (i !== undefined) onClick?.(scene.nodes[i]!);
    });

  return {
    canvas,
    setPositions(next) {
      positions = next;
      tree = null;
      requestDraw();
    },
    setSelected(key) {
      selected = key;
      requestDraw();
    },
    nodeAt: find,
    screenPosition(i) {
      if (i < 0 || i >= scene.nodes.length) return undefined;
      return [transform.applyX(positions[2 * i]!), transform.applyY(positions[2 * i + 1]!)];
    },
    fit(padding = 36) {
      if (scene.nodes.length === 0) return;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let i = 0; i < scene.nodes.length; i++) {
        const x = positions[2 * i]!;
        const y = positions[2 * i + 1]!;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      // Room on the right for the labels, which are drawn there.
      const right = padding + Math.min(120, width * 0.12);
      const k = Math.min(4, (width - padding - right) / Math.max(1, x1 - x0), (height - 2 * padding) / Math.max(1, y1 - y0));
      const next = zoomIdentity.translate(padding + (width - padding - right) / 2 - (k * (x0 + x1)) / 2, height / 2 - (k * (y0 + y1)) / 2).scale(k);
      selection.call(zoomer.transform, next);
    },
    zoomBy(factor) {
      selection.call(zoomer.scaleBy, factor);
    },
    resize(w, h) {
      size(w, h);
      draw();
    },
    draw,
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      selection.on('.zoom', null).on('.drag', null).on('.hover', null).on('.select', null);
      tooltip.hide();
    },
  };
}

/**
 * Draws a made-up graph a few times into a buffer of the canvas's size, one
 * task per round, so the first real picture is drawn by compiled code. Cold,
 * the first 2,000-node picture takes several times a warm one (40–80 ms
 * against 10): its pixel loops start in the interpreter. Called while the data
 * is on its way; each round stays well under 50 ms, even the first. Settles
 * when done (at once if there is no 2D canvas to draw into).
 */
export function warmGraphDrawing(width: number, height: number): Promise<void> {
  // Once a page: after that the code is warm.
  warming ??= warm(width, height, 8);
  return warming;
}

let warming: Promise<void> | null = null;

function warm(width: number, height: number, rounds: number): Promise<void> {
  const count = 400;
  const kinds: NodeKind[] = ['hub', 'employer', 'candidate', 'skill', 'sector', 'candidate'];
  const nodes: GraphNode[] = Array.from({ length: count }, (_, i) => ({ key: `w${i}`, kind: kinds[i % kinds.length]!, label: `node ${i}`, props: {} }) as GraphNode);
  const links: GraphLink[] = nodes.slice(1).map((n, i) => ({ source: nodes[Math.floor(i / 3)]!.key, target: n.key, type: 'LINK' }) as GraphLink);
  const scene: GraphScene = { nodes, links, center: nodes[0]!.key, expanded: [] };
  const positions = new Float32Array(2 * count);
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) return Promise.resolve();
  // The first rounds small (the interpreter's rounds, the costly ones, stay short), the last at full size.
  const sizes = Array.from({ length: rounds }, (_, round): [number, number] => (round < rounds / 2 ? [Math.ceil(width / 4), Math.ceil(height / 4)] : [width, height]));
  return new Promise((resolve) => {
    let round = 0;
    const next = () => {
      const [w, h] = sizes[round]!;
      canvas.width = w;
      canvas.height = h;
      const state: DrawState = {
        width: w,
        height: h,
        pixelRatio: 1,
        transform: { k: 1, x: w / 2, y: h / 2 },
        selected: null,
        hovered: undefined,
        links: new ImageData(new Uint8ClampedArray(w * h * 4), w, h),
        coverage: new Uint8Array(w * h),
      };
      for (let i = 0; i < count; i++) {
        const a = i * 2.4 + round;
        const r = (Math.min(w, h) / 2) * Math.sqrt(i / count);
        positions[2 * i] = r * Math.cos(a);
        positions[2 * i + 1] = r * Math.sin(a);
      }
      drawGraph(ctx, scene, positions, state);
      if (++round < rounds) setTimeout(next, 0);
      else resolve();
    };
    setTimeout(next, 0);
  });
}
