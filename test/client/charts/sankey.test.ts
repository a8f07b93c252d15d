// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../../server/schemas/flows.schema.ts';
import { SOURCE_COLOR, TARGET_COLOR, renderSankey } from '../../../client/charts/sankey.ts';

const end = (id: string, name: string, target = false) => ({ id, name, target });
const FLOWS: Flow[] = [
  { from: end('automotive', 'Automotive'), to: end('radiology', 'Radiology AI', true), moves: 12 },
  { from: end('robotics', 'Robotics'), to: end('automotive', 'Automotive'), moves: 6 },
  { from: end('automotive', 'Automotive'), to: end('robotics', 'Robotics'), moves: 3 },
  { from: end('robotics', 'Robotics'), to: end('radiology', 'Radiology AI', true), moves: 4 },
];

describe('renderSankey', () => {
  let container: HTMLDivElement;
  beforeEach(() => {
    document.body.replaceChildren();
    container = document.createElement('div');
    document.body.append(container);
  });

  it('renderSankey draws one link per flow, moves both ways between two sectors included', () => {
    renderSankey(container, FLOWS, { width: 900, height: 400 });
    const links = [...container.querySelectorAll('path.flow')];
    expect(links.map((l) => `${l.getAttribute('data-from')}>${l.getAttribute('data-to')}:${l.getAttribute('data-moves')}`).sort()).toEqual([
      'automotive>radiology:12',
      'automotive>robotics:3',
      'robotics>automotive:6',
      'robotics>radiology:4',
    ]);
    for (const l of links) expect(l.getAttribute('d')).toMatch(/^M/);
  });

  it('renderSankey puts where people were on the left and where they went on the right, sized by moves', () => {
    renderSankey(container, FLOWS, { width: 900, height: 400 });
    const ends = [...container.querySelectorAll<SVGGElement>('g.end')].map((g) => ({
      side: g.getAttribute('data-side'),
      id: g.getAttribute('data-id'),
      value: Number(g.getAttribute('data-value')),
      x: Number(g.querySelector('rect')!.getAttribute('x')),
      height: Number(g.querySelector('rect')!.getAttribute('height')),
      label: g.querySelector('text')!.textContent,
    }));
    const from = ends.filter((e) => e.side === 'from');
    const to = ends.filter((e) => e.side === 'to');
    expect(from.map((e) => [e.id, e.value]).sort()).toEqual([
      ['automotive', 15],
      ['robotics', 10],
    ]);
    expect(to.map((e) => [e.id, e.value]).sort()).toEqual([
      ['automotive', 6],
      ['radiology', 16],
      ['robotics', 3],
    ]);
    expect(Math.max(...from.map((e) => e.x))).toBeLessThan(Math.min(...to.map((e) => e.x)));
    const radiology = to.find((e) => e.id === 'radiology')!;
    const robotics = to.find((e) => e.id === 'robotics')!;
    expect(radiology.height / robotics.height).toBeCloseTo(16 / 3, 1);
    expect(radiology.label).toBe('Radiology AI (16) ★');
  });

  it('renderSankey colours moves into a target sector apart from the others', () => {
    renderSankey(container, FLOWS, { width: 900, height: 400 });
    const stroke = (from: string, to: string) => container.querySelector(`path.flow[data-from="${from}"][data-to="${to}"]`)!.getAttribute('stroke');
    expect(stroke('automotive', 'radiology')).toBe(TARGET_COLOR);
    expect(stroke('robotics', 'automotive')).toBe(SOURCE_COLOR);
    expect(container.querySelector('g.end.target')!.getAttribute('data-id')).toBe('radiology');
  });

  it('renderSankey draws nothing for no flows and says so in its label', () => {
    renderSankey(container, [], { width: 900, height: 400 });
    expect(container.querySelectorAll('path.flow')).toHaveLength(0);
    expect(container.querySelectorAll('g.end')).toHaveLength(0);
    expect(container.querySelector('svg')!.getAttribute('aria-label')).toBe('Talent flows: 0 moves in 0 flows');
  });

  it('renderSankey reports the chosen end when a node is activated', () => {
    const onSelect = vi.fn();
    renderSankey(container, FLOWS, { width: 900, height: 400, onSelect });
    const node = container.querySelector('g.end[data-side="to"][data-id="radiology"]')!;
    expect(node.getAttribute('tabindex')).toBe('0');
    node.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onSelect).toHaveBeenCalledWith({ id: 'radiology', side: 'to' });
  });
});
