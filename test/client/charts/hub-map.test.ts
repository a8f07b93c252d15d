// @vitest-environment happy-dom
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import countries50m from 'world-atlas/countries-50m.json' with { type: 'json' };
import { SEGMENT_COLORS } from '../../../client/colors.ts';
import { hubsExtent, lonLatBox, placeLabels, renderHubMap } from '../../../client/charts/hub-map.ts';
import { HUBS, hub } from '../fixtures.ts';

const topology = countries50m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name?: string }>;

describe('renderHubMap', () => {
  let container: HTMLDivElement;
  beforeEach(() => {
    document.body.replaceChildren();
    container = document.createElement('div');
    document.body.append(container);
  });

  it('renderHubMap draws Europe from the 50m countries, small states included, and leaves far countries out', () => {
    renderHubMap(container, { countries, hubs: HUBS }, { width: 900, height: 600 });
    const names = [...container.querySelectorAll('path.country')].map((p) => p.getAttribute('data-name'));
    expect(names).toEqual(expect.arrayContaining(['Germany', 'France', 'Poland', 'Luxembourg', 'Liechtenstein', 'Netherlands', 'Czechia']));
    expect(names).not.toContain('Australia');
    expect(names).not.toContain('Brazil');
    for (const path of container.querySelectorAll('path.country')) expect(path.getAttribute('d')).toMatch(/^M/);
  });

  it('renderHubMap draws one mark per located hub carrying its count, and leaves out a hub without a location', () => {
    renderHubMap(container, { countries, hubs: HUBS }, { width: 900, height: 600 });
    const marks = [...container.querySelectorAll<SVGGElement>('g.hub')];
    expect(marks.map((m) => m.dataset.hubId ?? m.getAttribute('data-hub-id'))).toEqual(['munich', 'berlin', 'nijmegen']);
    expect(marks.map((m) => m.getAttribute('data-total'))).toEqual(['200', '50', '0']);
    expect(marks.map((m) => m.querySelector('text.hub-count')!.textContent)).toEqual(['200', '50', '0']);
    expect(marks.map((m) => m.querySelector('text.hub-label')!.textContent)).toEqual(['Munich', 'Berlin', 'Nijmegen']);
    expect(marks[0]!.getAttribute('aria-label')).toBe(
      'Munich, Germany: 200 candidates; 20 target sector, 100 adjacent sector, 30 academic, 50 other; 75% passive',
    );
    expect(marks[2]!.classList.contains('empty')).toBe(true);
  });

  it('renderHubMap splits each mark by segment and rings it with its passive share', () => {
    renderHubMap(container, { countries, hubs: HUBS }, { width: 900, height: 600 });
    const munich = container.querySelector('g.hub[data-hub-id="munich"]')!;
    const slices = [...munich.querySelectorAll('path.segment')];
    expect(slices.map((s) => s.getAttribute('data-segment'))).toEqual(['target-sector', 'adjacent-sector', 'academic', 'other']);
    expect(slices.map((s) => s.getAttribute('fill'))).toEqual([
      SEGMENT_COLORS['target-sector'],
      SEGMENT_COLORS['adjacent-sector'],
      SEGMENT_COLORS.academic,
      SEGMENT_COLORS.other,
    ]);
    expect(munich.querySelectorAll('path.ring.passive')).toHaveLength(1);
    expect(munich.querySelectorAll('path.ring.active')).toHaveLength(1);
    // Berlin has one segment only: one full slice.
    expect(container.querySelectorAll('g.hub[data-hub-id="berlin"] path.segment')).toHaveLength(1);
    expect(container.querySelectorAll('g.hub[data-hub-id="nijmegen"] path')).toHaveLength(0);
  });

  it('renderHubMap sizes marks by area against a fixed domain, so filtering shrinks them', () => {
    const radius = (id: string) => Number(container.querySelector(`g.hub[data-hub-id="${id}"] circle.hub-bg`)!.getAttribute('r'));
    renderHubMap(container, { countries, hubs: HUBS }, { width: 900, height: 600, maxRadius: 40 });
    expect(radius('munich')).toBeCloseTo(40);
    expect(radius('berlin')).toBeCloseTo(20);
    renderHubMap(container, { countries, hubs: HUBS }, { width: 900, height: 600, maxRadius: 40, radiusDomainMax: 800 });
    expect(radius('munich')).toBeCloseTo(20);
    expect(container.querySelectorAll('g.hub')).toHaveLength(3);
  });

  it('renderHubMap pushes hubs at the same spot apart and draws a leader line to where they are', () => {
    const twins = [hub('a', 'Alpha', 50, 10, { total: 100 }), hub('b', 'Beta', 50, 10, { total: 100 })];
    renderHubMap(container, { countries, hubs: twins }, { width: 900, height: 600, maxRadius: 30 });
    const centres = [...container.querySelectorAll('g.hub')].map((g) => g.getAttribute('transform')!.match(/translate\(([-\d.]+),([-\d.]+)\)/)!.slice(1).map(Number));
    const [[x1, y1], [x2, y2]] = centres as [[number, number], [number, number]];
    expect(Math.hypot(x1 - x2, y1 - y2)).toBeGreaterThanOrEqual(60);
    expect(container.querySelectorAll('g.leader line')).toHaveLength(2);
  });

  it('renderHubMap marks the selected hub and reports clicks and Enter on a hub', () => {
    const onSelect = vi.fn();
    renderHubMap(container, { countries, hubs: HUBS }, { width: 900, height: 600, selected: 'berlin', onSelect });
    const berlin = container.querySelector<SVGGElement>('g.hub[data-hub-id="berlin"]')!;
    expect(berlin.classList.contains('selected')).toBe(true);
    expect(berlin.getAttribute('aria-pressed')).toBe('true');
    expect(berlin.getAttribute('tabindex')).toBe('0');
    container.querySelector('g.hub[data-hub-id="munich"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    berlin.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onSelect.mock.calls.map(([h]) => h.id)).toEqual(['munich', 'berlin']);
  });

  it('renderHubMap shows a hub’s numbers on hover and hides them on leave', () => {
    renderHubMap(container, { countries, hubs: HUBS }, { width: 900, height: 600 });
    const munich = container.querySelector('g.hub[data-hub-id="munich"]')!;
    munich.dispatchEvent(new MouseEvent('mouseenter'));
    const tip = container.querySelector<HTMLElement>('.chart-tooltip')!;
    expect(tip.hasAttribute('hidden')).toBe(false);
    expect(tip.querySelector('strong')!.textContent).toBe('Munich, Germany');
    const rows = Object.fromEntries([...tip.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(rows).toMatchObject({ Candidates: '200', 'Target sector': '20', Academic: '30', Passive: '150 (75%)', Active: '50' });
    munich.dispatchEvent(new MouseEvent('mouseleave'));
    expect(tip.hasAttribute('hidden')).toBe(true);
  });

  it('renderHubMap fits the projection to the hubs, and every located hub lands inside the map', () => {
    renderHubMap(container, { countries, hubs: HUBS }, { width: 900, height: 600 });
    for (const g of container.querySelectorAll('g.hub')) {
      const [x, y] = g.getAttribute('transform')!.match(/translate\(([-\d.]+),([-\d.]+)\)/)!.slice(1).map(Number) as [number, number];
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(900);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(600);
    }
    expect(hubsExtent(HUBS)).toEqual([
      [5.8372 - 4, 48.1351 - 2.5],
      [13.405 + 4, 52.52 + 2.5],
    ]);
  });

  it('lonLatBox gives a country’s longitude and latitude bounds', () => {
    const germany = countries.features.find((f) => f.properties.name === 'Germany')!;
    const [w, so, e, n] = lonLatBox(germany);
    expect([w, so, e, n].map((v) => Math.round(v))).toEqual([6, 47, 15, 55]);
    expect(lonLatBox(germany)).toBe(lonLatBox(germany));
  });

  it('placeLabels keeps the labels of neighbouring hubs from overlapping', () => {
    const marks = [
      { hub: hub('london', 'London', 0, 0, { total: 1 }), r: 20, x: 300, y: 300 },
      { hub: hub('oxford', 'Oxford', 0, 0, { total: 1 }), r: 12, x: 262, y: 290 },
      { hub: hub('cambridge', 'Cambridge', 0, 0, { total: 1 }), r: 12, x: 300, y: 262 },
    ];
    const labels = placeLabels(marks, 900, 600);
    const boxes = marks.map((m) => {
      const l = labels.get(m.hub.id)!;
      const w = m.hub.name.length * 7.4;
      const x0 = m.x + l.x - (l.anchor === 'end' ? w : l.anchor === 'middle' ? w / 2 : 0);
      return { x0, x1: x0 + w, y0: m.y + l.y - 12, y1: m.y + l.y + 15 };
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1, `${marks[i]!.hub.id} / ${marks[j]!.hub.id}`).toBe(false);
      }
  });
});
