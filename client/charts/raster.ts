/**
 * The graph view's software rasteriser: links and nodes are written straight
 * into the pixel memory of one ImageData (little-endian RGBA words), then put
 * on the canvas in one call. Where the canvas itself rasterises in software
 * (no GPU), stroking thousands of anti-aliased lines and filling thousands of
 * discs through the 2D context costs tens of milliseconds a frame; this costs
 * a few (figures in BENCHMARKS.md, `npm run bench:client`).
 *
 * Links all share one colour and opacity, so n links crossing a pixel give
 * exactly the colour of n alpha blends: the lines only count coverage per
 * pixel, and a lookup table turns counts into colours.
 */

export type Rgb = [number, number, number];

/** An opaque colour as the buffer stores it. */
export const packRgb = ([r, g, b]: Rgb) => ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Coverage counts stop here; beyond it a pixel is as dark as it gets. */
export const MAX_COVERAGE = 15;

/** Colour of a pixel crossed by n links, for n = 0 … MAX_COVERAGE. */
export function coverageColors(line: Rgb, alpha: number, background: Rgb): Uint32Array {
  const lut = new Uint32Array(MAX_COVERAGE + 1);
  for (let n = 0; n <= MAX_COVERAGE; n++) {
    const keep = (1 - alpha) ** n;
    lut[n] = packRgb([0, 1, 2].map((c) => Math.round(background[c]! * keep + line[c]! * (1 - keep))) as Rgb);
  }
  return lut;
}

/** Clips the segment to [0, w) × [0, h) (Liang–Barsky); false when it lies outside. Writes the result into `out`. */
export function clipSegment(x0: number, y0: number, x1: number, y1: number, w: number, h: number, out: Float64Array): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  // The four edges as (p, q) pairs in a loop, not a helper closure, which would be allocated per segment every frame.
  for (let edge = 0; edge < 4; edge++) {
    const p = edge === 0 ? -dx : edge === 1 ? dx : edge === 2 ? -dy : dy;
    const q = edge === 0 ? x0 : edge === 1 ? w - 1 - x0 : edge === 2 ? y0 : h - 1 - y0;
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  out[0] = x0 + t0 * dx;
  out[1] = y0 + t0 * dy;
  out[2] = x0 + t1 * dx;
  out[3] = y0 + t1 * dy;
  return true;
}

/** Fixed-point scale of the line stepper (16.16). */
const ONE = 65536;
/** Per segment: start x, start y, step x, step y (16.16 fixed point) and the number of steps. Grown, never shrunk. */
let steppers = new Int32Array(0);
const clipped = new Float64Array(4);

/**
 * Adds one to the coverage of every pixel on each of `count` segments
 * (x0, y0, x1, y1 in buffer pixels), stepping one pixel at a time along the
 * longer axis (a DDA in 16.16 fixed point). Segments are clipped and set up
 * first, then stepped in one tight loop: the per-pixel step is what costs,
 * millions of times a frame. Coverage saturates at MAX_COVERAGE; turn it into
 * colours with `paintCoverage`. Returns the pixels touched.
 */
export function rasterizeLines(coverage: Uint8Array, width: number, height: number, lines: ArrayLike<number>, count: number): number {
  if (steppers.length < 5 * count) steppers = new Int32Array(5 * count);
  let n = 0;
  let touched = 0;
  for (let s = 0; s < count; s++) {
    if (!clipSegment(lines[4 * s]!, lines[4 * s + 1]!, lines[4 * s + 2]!, lines[4 * s + 3]!, width, height, clipped)) continue;
    const x0 = clipped[0]!;
    const y0 = clipped[1]!;
    const dx = clipped[2]! - x0;
    const dy = clipped[3]! - y0;
    const adx = dx < 0 ? -dx : dx;
    const ady = dy < 0 ? -dy : dy;
    const steps = Math.ceil(adx > ady ? adx : ady);
    // Clipped to [0, size − 1], so truncating x + 0.5 rounds and stays inside.
    const o = 5 * n++;
    steppers[o] = Math.floor((x0 + 0.5) * ONE);
    steppers[o + 1] = Math.floor((y0 + 0.5) * ONE);
    steppers[o + 2] = steps === 0 ? 0 : Math.trunc((dx / steps) * ONE);
    steppers[o + 3] = steps === 0 ? 0 : Math.trunc((dy / steps) * ONE);
    steppers[o + 4] = steps;
    touched += steps + 1;
  }
  step(coverage, width, steppers, n);
  return touched;
}

function step(coverage: Uint8Array, width: number, segments: Int32Array, n: number): void {
  for (let s = 0; s < n; s++) {
    const o = 5 * s;
    let x = segments[o]!;
    let y = segments[o + 1]!;
    const ix = segments[o + 2]!;
    const iy = segments[o + 3]!;
    const steps = segments[o + 4]!;
    for (let k = 0; k <= steps; k++) {
      const i = Math.imul(y >> 16, width) + (x >> 16);
      const c = coverage[i]!;
      // Adds one below MAX_COVERAGE, nothing from it on (no branch in the hot loop).
      coverage[i] = c + ((c - MAX_COVERAGE) >>> 31);
      x += ix;
      y += iy;
    }
  }
}

/** Colours every pixel by its coverage (`colors` from `coverageColors`): the background where no line runs. */
export function paintCoverage(coverage: Uint8Array, pixels: Uint32Array, colors: Uint32Array): void {
  pixels.fill(colors[0]!);
  const n = coverage.length;
  // Four pixels at a time: most of a frame has no line at all.
  const aligned = coverage.byteOffset % 4 === 0 ? n >> 2 : 0;
  const words = new Uint32Array(coverage.buffer, coverage.byteOffset, aligned);
  for (let w = 0; w < aligned; w++) {
    if (words[w] === 0) continue;
    const i = 4 * w;
    pixels[i] = colors[coverage[i]!]!;
    pixels[i + 1] = colors[coverage[i + 1]!]!;
    pixels[i + 2] = colors[coverage[i + 2]!]!;
    pixels[i + 3] = colors[coverage[i + 3]!]!;
  }
  for (let i = 4 * aligned; i < n; i++) pixels[i] = colors[coverage[i]!]!;
}

export interface DiscMask {
  size: number;
  /** Coverage (0–255) per cell of a size × size grid centred on the disc. */
  alpha: Uint8Array;
  /** Per row: first covered cell, first solid cell, end of the solid cells, end of the covered cells (a disc's rows are convex). */
  spans: Int16Array;
}

const masks = new Map<number, DiscMask>();

/** Anti-aliased coverage (0–255) of a disc of this radius, on a square grid centred on it. */
export function discMask(radius: number): DiscMask {
  const r = Math.max(0.75, Math.round(radius * 2) / 2);
  let mask = masks.get(r);
  if (!mask) {
    const size = 2 * Math.ceil(r + 0.5) + 1;
    const alpha = new Uint8Array(size * size);
    const spans = new Int16Array(size * 4);
    const c = (size - 1) / 2;
    for (let y = 0; y < size; y++) {
      let first = size;
      let end = 0;
      let solid = size;
      let solidEnd = 0;
      for (let x = 0; x < size; x++) {
        const a = Math.round(255 * Math.max(0, Math.min(1, r + 0.5 - Math.hypot(x - c, y - c))));
        alpha[y * size + x] = a;
        if (a > 0) {
          first = Math.min(first, x);
          end = x + 1;
        }
        if (a === 255) {
          solid = Math.min(solid, x);
          solidEnd = x + 1;
        }
      }
      if (solid >= solidEnd) solid = solidEnd = end;
      spans.set([Math.min(first, end), solid, solidEnd, end], 4 * y);
    }
    if (masks.size > 256) masks.clear();
    mask = { size, alpha, spans };
    masks.set(r, mask);
  }
  return mask;
}

/** Blends a colour (its red and blue channels `rb`, green `g`, in place) at coverage `a` (0–255) over pixel i, two channels per multiply. */
function blend(pixels: Uint32Array, i: number, a: number, rb: number, g: number): void {
  const p = pixels[i]!;
  const keep = 256 - a;
  pixels[i] = 0xff000000 | (((rb * a + (p & 0xff00ff) * keep) >>> 8) & 0xff00ff) | (((g * a + (p & 0xff00) * keep) >>> 8) & 0xff00);
}

/** Paints a disc of `color` centred on (cx, cy), blending its anti-aliased edge over what is there. */
export function stampDisc(pixels: Uint32Array, width: number, height: number, cx: number, cy: number, radius: number, [lr, lg, lb]: Rgb): void {
  const { size, alpha, spans } = discMask(radius);
  const half = (size - 1) / 2;
  const x0 = Math.round(cx) - half;
  const y0 = Math.round(cy) - half;
  const solid = ((255 << 24) | (lb << 16) | (lg << 8) | lr) >>> 0;
  const rb = solid & 0xff00ff;
  const g = solid & 0xff00;
  // Mask columns that fall inside the buffer.
  const from = Math.max(0, -x0);
  const to = Math.min(size, width - x0);
  for (let my = 0; my < size; my++) {
    const y = y0 + my;
    if (y < 0 || y >= height) continue;
    const row = y * width + x0;
    const a = my * size;
    const o = 4 * my;
    const leftEnd = Math.min(to, spans[o + 1]!);
    for (let mx = Math.max(from, spans[o]!); mx < leftEnd; mx++) blend(pixels, row + mx, alpha[a + mx]!, rb, g);
    const solidEnd = Math.min(to, spans[o + 2]!);
    for (let mx = Math.max(from, spans[o + 1]!); mx < solidEnd; mx++) pixels[row + mx] = solid;
    const end = Math.min(to, spans[o + 3]!);
    for (let mx = Math.max(from, spans[o + 2]!); mx < end; mx++) blend(pixels, row + mx, alpha[a + mx]!, rb, g);
  }
}
