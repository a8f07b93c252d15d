// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphNode } from '../../../server/schemas/common.schema.ts';
import { KIND_COLORS, SEGMENT_COLORS } from '../../../client/colors.ts';
import { type DrawState, type GraphScene, LINK_ALPHA, LINK_RGB, drawGraph, renderGraphCanvas, warmGraphDrawing } from '../../../client/charts/graph-canvas.ts';

/** A 2D context that records what is drawn, since the DOM under test has no canvas rendering. */
function recordingContext() {
  const calls: { name: string; args: unknown[]; fillStyle?: unknown; strokeStyle?: unknown }[] = [];
  const state: Record<string, unknown> = {};
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      return (...args: unknown[]) => calls.push({ name: prop, args, fillStyle: target.fillStyle, strokeStyle: target.strokeStyle });
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const node = (kind: GraphNode['kind'], id: string, label: string, props: GraphNode['props'] = {}): GraphNode => ({ key: `${kind}:${id}`, id, kind, label, props });

const SCENE: GraphScene = {
  nodes: [
    node('hub', 'munich', 'Munich'),
    node('employer', 'e-1', 'RadAI', { kind: 'company' }),
    node('candidate', 'c-1', 'Ada', { segment: 'target-sector' }),
    node('candidate', 'c-2', 'Ben', { segment: 'adjacent-sector' }),
  ],
  links: [
    { source: 'employer:e-1', target: 'hub:munich', type: 'HAS_SITE', props: {} },
    { source: 'candidate:c-1', target: 'employer:e-1', type: 'WORKS_AT', props: {} },
    { source: 'candidate:c-2', target: 'hub:munich', type: 'BASED_IN', props: {} },
    { source: 'candidate:c-9', target: 'hub:munich', type: 'BASED_IN', props: {} },
  ],
  center: 'hub:munich',
  expanded: ['hub:munich'],
};
const POSITIONS = Float32Array.from([0, 0, 50, 0, 100, 0, 0, 60]);
const W = 400;
const H = 300;
/** A fresh frame state with its own pixel buffers (the DOM under test has no ImageData). */
const state = (patch: Partial<DrawState> = {}): DrawState => ({
  width: W,
  height: H,
  pixelRatio: 1,
  transform: { k: 1, x: 200, y: 150 },
  selected: null,
  hovered: undefined,
  links: { data: new Uint8ClampedArray(W * H * 4), width: W, height: H, colorSpace: 'srgb' } as ImageData,
  coverage: new Uint8Array(W * H),
  ...patch,
});
const pixel = (s: DrawState, x: number, y: number) => {
  const i = 4 * (Math.round(y) * W + Math.round(x));
  return [...s.links.data.slice(i, i + 3)];
};
const hex = (color: string) => [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
const WHITE = [255, 255, 255];

describe('drawGraph', () => {
  it('drawGraph rasterises every link whose ends are present, and puts the frame on the canvas once', () => {
    const { ctx, calls } = recordingContext();
    const s = state();
    drawGraph(ctx, SCENE, POSITIONS, s);
    const line = LINK_RGB.map((c, i) => Math.round(WHITE[i]! * (1 - LINK_ALPHA) + c * LINK_ALPHA));
    // Midpoints of employer→hub, candidate c-1→employer and c-2→hub (the fourth link's end is not in the scene).
    expect(pixel(s, 200 + 25, 150)).toEqual(line);
    expect(pixel(s, 200 + 75, 150)).toEqual(line);
    expect(pixel(s, 200, 150 + 30)).toEqual(line);
    expect(pixel(s, 200 + 25, 150 + 40)).toEqual(WHITE);
    expect(calls.filter((c) => c.name === 'putImageData')).toHaveLength(1);
    expect(calls.find((c) => c.name === 'putImageData')!.args).toEqual([s.links, 0, 0]);
  });

  it('drawGraph fills nodes by kind, candidates by segment, at their radius', () => {
    const { ctx } = recordingContext();
    const s = state();
    drawGraph(ctx, SCENE, POSITIONS, s);
    expect(pixel(s, 200, 150)).toEqual(hex(KIND_COLORS.hub));
    expect(pixel(s, 250, 150)).toEqual(hex(KIND_COLORS.employer));
    expect(pixel(s, 300, 150)).toEqual(hex(SEGMENT_COLORS['target-sector']));
    expect(pixel(s, 200, 210)).toEqual(hex(SEGMENT_COLORS['adjacent-sector']));
    // The hub's radius is 9: inside at 7 px, outside at 11 px (where only its link runs).
    expect(pixel(s, 200 - 7, 150)).toEqual(hex(KIND_COLORS.hub));
    expect(pixel(s, 200 - 11, 150)).toEqual(WHITE);
    // Zoomed in threefold, the same node covers three times the distance.
    const zoomed = state({ transform: { k: 3, x: 200, y: 150 } });
    drawGraph(ctx, SCENE, POSITIONS, zoomed);
    expect(pixel(zoomed, 200 - 25, 150)).toEqual(hex(KIND_COLORS.hub));
  });

  it('drawGraph gives the same pixels and calls when the same scene is drawn again, and follows new positions', () => {
    const once = recordingContext();
    const first = state();
    drawGraph(once.ctx, SCENE, POSITIONS, first);
    const again = recordingContext();
    const second = state();
    drawGraph(again.ctx, SCENE, POSITIONS, second);
    expect(Buffer.from(second.links.data.buffer).equals(Buffer.from(first.links.data.buffer))).toBe(true);
    const named = (calls: typeof once.calls) => calls.map((c) => [c.name, c.name === 'putImageData' ? c.args.slice(1) : c.args, c.fillStyle, c.strokeStyle]);
    expect(named(again.calls)).toEqual(named(once.calls));
    const moved = state();
    drawGraph(recordingContext().ctx, SCENE, Float32Array.from([0, 0, 50, 0, 100, 0, 0, -60]), moved);
    expect(pixel(moved, 200, 150 - 60)).toEqual(hex(SEGMENT_COLORS['adjacent-sector']));
    expect(pixel(moved, 200, 150 + 60)).toEqual(WHITE);
  });

  it('drawGraph rings the centre node', () => {
    const { ctx, calls } = recordingContext();
    drawGraph(ctx, SCENE, POSITIONS, state());
    const arcs = calls.filter((c) => c.name === 'arc');
    expect(arcs.map((c) => c.args.slice(0, 3))).toEqual([[0, 0, 13]]);
  });

  it('drawGraph labels the structural and expanded nodes at a low zoom, and every node zoomed in', () => {
    const labels = (k: number) => {
      const { ctx, calls } = recordingContext();
      drawGraph(ctx, SCENE, POSITIONS, state({ transform: { k, x: 50, y: 50 } }));
      return calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    };
    expect(labels(1)).toEqual(['Munich']);
    expect(labels(3)).toEqual(['Munich', 'RadAI', 'Ada', 'Ben']);
  });

  it('drawGraph skips the labels of nodes outside the view', () => {
    const { ctx, calls } = recordingContext();
    drawGraph(ctx, SCENE, POSITIONS, state({ transform: { k: 3, x: 200, y: 150 } }));
    expect(calls.filter((c) => c.name === 'fillText').map((c) => c.args[0])).toEqual(['Munich', 'RadAI']);
  });

  it('drawGraph rings the selected node and labels it first', () => {
    const { ctx, calls } = recordingContext();
    drawGraph(ctx, SCENE, POSITIONS, state({ selected: 'candidate:c-2' }));
    const strokes = calls.filter((c) => c.name === 'stroke').map((c) => c.strokeStyle);
    expect(strokes).toContain('#d4351c');
    expect(calls.filter((c) => c.name === 'fillText').map((c) => c.args[0])).toEqual(['Ben', 'Munich']);
  });

  it('drawGraph leaves out an ordinary label that would overlap one already drawn', () => {
    const { ctx, calls } = recordingContext();
    const crowded = Float32Array.from([0, 0, 50, 0, 100, 0, 101, 1]);
    drawGraph(ctx, SCENE, crowded, state({ transform: { k: 3, x: 20, y: 100 } }));
    expect(calls.filter((c) => c.name === 'fillText').map((c) => c.args[0])).toEqual(['Munich', 'RadAI', 'Ada']);
  });
});

describe('renderGraphCanvas', () => {
  let container: HTMLDivElement;
  beforeEach(() => {
    document.body.replaceChildren();
    container = document.createElement('div');
    document.body.append(container);
  });

  it('renderGraphCanvas sizes its canvas for the pixel ratio and draws the positions it is given', () => {
    const { ctx, calls } = recordingContext();
    const chart = renderGraphCanvas(container, SCENE, { width: 400, height: 300, pixelRatio: 2, context: ctx });
    expect(chart.canvas.width).toBe(800);
    expect(chart.canvas.height).toBe(600);
    expect(chart.canvas.style.width).toBe('400px');
    expect(chart.canvas.getAttribute('aria-label')).toBe('Graph of 4 nodes and 4 links; use the node list to move through it with the keyboard');
    chart.setPositions(POSITIONS);
    chart.draw();
    const put = calls.find((c) => c.name === 'putImageData')!;
    expect(put.args[0]).toMatchObject({ width: 800, height: 600 });
    expect(calls.filter((c) => c.name === 'fillText').map((c) => c.args[0])).toEqual(['Munich']);
    chart.destroy();
  });

  it('renderGraphCanvas finds the node under a pixel through the zoom transform', () => {
    const { ctx } = recordingContext();
    const chart = renderGraphCanvas(container, SCENE, { width: 400, height: 300, context: ctx });
    chart.setPositions(POSITIONS);
    expect(chart.nodeAt(200 + 50, 150 + 1)).toBe(1);
    expect(chart.nodeAt(200, 150 + 60)).toBe(3);
    expect(chart.nodeAt(10, 10)).toBeUndefined();
    expect(chart.screenPosition(2)).toEqual([300, 150]);
    chart.destroy();
  });

  it('renderGraphCanvas fits the drawn nodes into the view, keeping room on the right for labels', () => {
    const { ctx } = recordingContext();
    const chart = renderGraphCanvas(container, SCENE, { width: 400, height: 300, context: ctx });
    chart.setPositions(POSITIONS);
    chart.fit(20);
    const [x0, y0] = chart.screenPosition(0)!;
    const [x2] = chart.screenPosition(2)!;
    const [, y3] = chart.screenPosition(3)!;
    expect(x0).toBeCloseTo(20, 5);
    expect(x2).toBeCloseTo(400 - 20 - 400 * 0.12, 5);
    expect(y0).toBeGreaterThanOrEqual(20);
    expect(y3).toBeLessThanOrEqual(280);
    chart.destroy();
  });

  it('renderGraphCanvas reports a click on a node', () => {
    const { ctx } = recordingContext();
    const onClick = vi.fn();
    const chart = renderGraphCanvas(container, SCENE, { width: 400, height: 300, context: ctx, onClick });
    chart.setPositions(POSITIONS);
    chart.canvas.dispatchEvent(new MouseEvent('click', { clientX: 300, clientY: 150, bubbles: true }));
    expect(onClick).toHaveBeenCalledWith(SCENE.nodes[2]);
    chart.destroy();
  });
});

describe('warmGraphDrawing', () => {
  it('warmGraphDrawing draws a made-up graph in rounds, small ones first and then at the size asked for, once a page', async () => {
    const { ctx, calls } = recordingContext();
    const sizes: [number, number][] = [];
    const getContext = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
      return new Proxy(ctx, {
        get: (target, prop) => {
          if (prop === 'putImageData') return (image: ImageData) => sizes.push([image.width, image.height]);
          return Reflect.get(target, prop);
        },
      });
    } as never);
    try {
      const first = warmGraphDrawing(400, 240);
      expect(warmGraphDrawing(800, 600)).toBe(first);
      await first;
      expect(sizes).toEqual([...Array(4).fill([100, 60]), ...Array(4).fill([400, 240])]);
      expect(calls.some((c) => c.name === 'fillText')).toBe(true);
    } finally {
      getContext.mockRestore();
    }
  });
});
