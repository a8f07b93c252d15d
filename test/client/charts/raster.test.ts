import { describe, expect, it } from 'vitest';
import { MAX_COVERAGE, clipSegment, coverageColors, discMask, packRgb, paintCoverage, rasterizeLines, stampDisc } from '../../../client/charts/raster.ts';

const W = 20;
const H = 10;

describe('the graph rasteriser', () => {
  it('rasterizeLines covers each pixel of a line once, end points included', () => {
    const coverage = new Uint8Array(W * H);
    const touched = rasterizeLines(coverage, W, H, [2, 3, 8, 3, 5, 0, 5, 9], 2);
    expect(touched).toBe(7 + 10);
    const row3 = [...coverage.slice(3 * W, 4 * W)];
    expect(row3.slice(0, 10)).toEqual([0, 0, 1, 1, 1, 2, 1, 1, 1, 0]);
    for (let y = 0; y < H; y++) expect(coverage[y * W + 5], `row ${y}`).toBeGreaterThanOrEqual(1);
  });

  it('rasterizeLines steps along the longer axis, one pixel per step', () => {
    const coverage = new Uint8Array(W * H);
    rasterizeLines(coverage, W, H, [0, 0, 9, 9], 1);
    for (let i = 0; i <= 9; i++) expect(coverage[i * W + i]).toBe(1);
    expect(coverage.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('rasterizeLines clips lines to the buffer and skips those outside it', () => {
    const coverage = new Uint8Array(W * H);
    rasterizeLines(coverage, W, H, [-100, 4, 100, 4, 30, -5, 40, -1], 2);
    expect([...coverage.slice(4 * W, 5 * W)]).toEqual(Array(W).fill(1));
    expect(coverage.reduce((a, b) => a + b, 0)).toBe(W);
    const out = new Float64Array(4);
    expect(clipSegment(-10, 5, 30, 5, W, H, out)).toBe(true);
    expect([...out]).toEqual([0, 5, W - 1, 5]);
    expect(clipSegment(0, -3, 10, -1, W, H, out)).toBe(false);
  });

  it('coverageColors gives n crossings the colour of n alpha blends; paintCoverage colours lines by it, and coverage saturates', () => {
    const lut = coverageColors([0, 0, 0], 0.5, [255, 255, 255]);
    expect(lut[0]).toBe(packRgb([255, 255, 255]));
    expect(lut[1]).toBe(packRgb([128, 128, 128]));
    expect(lut[2]).toBe(packRgb([64, 64, 64]));
    const coverage = new Uint8Array(W * H);
    const pixels = new Uint32Array(W * H);
    const many = Array.from({ length: 40 }, () => [0, 0, 5, 0]).flat();
    rasterizeLines(coverage, W, H, many, 40);
    expect(coverage[0]).toBe(MAX_COVERAGE);
    rasterizeLines(coverage, W, H, [0, 2, 0, 2], 1);
    paintCoverage(coverage, pixels, lut);
    expect(pixels[0]).toBe(lut[MAX_COVERAGE]);
    expect(pixels[2 * W]).toBe(lut[1]);
    expect(pixels[W * H - 1]).toBe(lut[0]);
  });

  it('paintCoverage colours every pixel, also where the buffer is not a whole number of words', () => {
    const lut = coverageColors([0, 0, 0], 0.5, [255, 255, 255]);
    const coverage = new Uint8Array(7);
    coverage[1] = 1;
    coverage[6] = 2;
    const pixels = new Uint32Array(7);
    paintCoverage(coverage, pixels, lut);
    expect([...pixels]).toEqual([lut[0], lut[1], lut[0], lut[0], lut[0], lut[0], lut[2]]);
  });

  it('stampDisc fills a disc solid inside, blends its edge and clips at the buffer edges', () => {
    const pixels = new Uint32Array(W * H).fill(packRgb([255, 255, 255]));
    stampDisc(pixels, W, H, 10, 5, 3, [0, 100, 200]);
    const solid = packRgb([0, 100, 200]);
    expect(pixels[5 * W + 10]).toBe(solid);
    expect(pixels[5 * W + 12]).toBe(solid);
    expect(pixels[5 * W + 15]).toBe(packRgb([255, 255, 255]));
    const edge = pixels[5 * W + 13]!;
    expect(edge).not.toBe(solid);
    expect(edge).not.toBe(packRgb([255, 255, 255]));
    stampDisc(pixels, W, H, 0, 0, 4, [0, 0, 0]);
    expect(pixels[0]).toBe(packRgb([0, 0, 0]));
    const { size, alpha } = discMask(3);
    expect(size).toBe(2 * Math.ceil(3.5) + 1);
    expect(alpha[(size * size - 1) / 2]).toBe(255);
    expect(alpha[0]).toBe(0);
  });
});
