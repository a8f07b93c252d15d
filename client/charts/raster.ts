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
  const clip = (p: number, q: number) => {
    if (p === 0) return q >= 0;
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
    return true;
  };
  if (!clip(-dx, x0) || !clip(dx, w - 1 - x0) || !clip(-dy, y0) || !clip(dy, h - 1 - y0)) return false;
  out[0] = x0 + t0 * dx;
  out[1] = y0 + t0 * dy;
  out[2] = x0 + t1 * dx;
  out[3] = y0 + t1 * dy;
  return true;
}

/**
 * Adds one to the coverage of every pixel on each of `count` segments
 * (x0, y0, x1, y1 in buffer pixels), stepping one pixel at a time along the
 * longer axis (a DDA: about twice as fast as Bresenham's in JavaScript). With
 * `paint`, each pixel touched also takes the colour of its new coverage, so
 * the buffer needs no second pass. Returns the pixels touched.
 */
export function rasterizeLines(
  coverage: Uint8Array,
  width: number,
  height: number,
  lines: ArrayLike<number>,
  count: number,
  paint?: { pixels: Uint32Array; colors: Uint32Array },
): number {
  const pixels = paint?.pixels;
  const colors = paint?.colors;
  const clipped = new Float64Array(4);
  let touched = 0;
  for (let s = 0; s < count; s++) {
    if (!clipSegment(lines[4 * s]!, lines[4 * s + 1]!, lines[4 * s + 2]!, lines[4 * s + 3]!, width, height, clipped)) continue;
    const x0 = clipped[0]!;
    const y0 = clipped[1]!;
    const dx = clipped[2]! - x0;
    const dy = clipped[3]! - y0;
    const steps = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
    const ix = steps === 0 ? 0 : dx / steps;
    const iy = steps === 0 ? 0 : dy / steps;
    // Clipped to [0, size − 1], so truncating x + 0.5 rounds and stays inside.
    let x = x0 + 0.5;
    let y = y0 + 0.5;
    for (let k = 0; k <= steps; k++) {
      const i = (y | 0) * width + (x | 0);
      const c = coverage[i]!;
      if (c < MAX_COVERAGE) {
        coverage[i] = c + 1;
        if (pixels) pixels[i] = colors![c + 1]!;
      }
      x += ix;
      y += iy;
    }
    touched += steps + 1;
  }
  return touched;
}

const masks = new Map<number, { size: number; alpha: Uint8Array }>();

/** Anti-aliased coverage (0–255) of a disc of this radius, on a square grid centred on it. */
export function discMask(radius: number): { size: number; alpha: Uint8Array } {
  const r = Math.max(0.75, Math.round(radius * 2) / 2);
  let mask = masks.get(r);
  if (!mask) {
    const size = 2 * Math.ceil(r + 0.5) + 1;
    const alpha = new Uint8Array(size * size);
    const c = (size - 1) / 2;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) alpha[y * size + x] = Math.round(255 * Math.max(0, Math.min(1, r + 0.5 - Math.hypot(x - c, y - c))));
    if (masks.size > 256) masks.clear();
    mask = { size, alpha };
    masks.set(r, mask);
  }
  return mask;
}

/** Paints a disc of `color` centred on (cx, cy), blending its anti-aliased edge over what is there. */
export function stampDisc(pixels: Uint32Array, width: number, height: number, cx: number, cy: number, radius: number, [lr, lg, lb]: Rgb): void {
  const { size, alpha } = discMask(radius);
  const half = (size - 1) / 2;
  const x0 = Math.round(cx) - half;
  const y0 = Math.round(cy) - half;
  const solid = ((255 << 24) | (lb << 16) | (lg << 8) | lr) >>> 0;
  for (let my = 0; my < size; my++) {
    const y = y0 + my;
    if (y < 0 || y >= height) continue;
    for (let mx = 0; mx < size; mx++) {
      const x = x0 + mx;
      const a = alpha[my * size + mx]!;
      if (a === 0 || x < 0 || x >= width) continue;
      const i = y * width + x;
      if (a === 255) {
        pixels[i] = solid;
        continue;
      }
      const p = pixels[i]!;
      const r = p & 255;
      const g = (p >>> 8) & 255;
      const b = (p >>> 16) & 255;
      pixels[i] = ((255 << 24) | ((b + (((lb - b) * a) >> 8)) << 16) | ((g + (((lg - g) * a) >> 8)) << 8) | (r + (((lr - r) * a) >> 8))) >>> 0;
    }
  }
}
