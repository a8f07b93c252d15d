import { select } from 'd3';

export interface LegendItem {
  label: string;
  color: string;
  /** `ring` for an outline-only swatch (e.g. an active/passive ring). */
  shape?: 'dot' | 'square' | 'ring' | 'line';
}

/** A legend: coloured swatches with their labels, as a list a screen reader reads. */
export function renderLegend(container: HTMLElement, items: LegendItem[], { title }: { title?: string } = {}): HTMLElement {
  const root = select(container)
    .selectAll<HTMLDivElement, null>('div.legend')
    .data([null])
    .join((enter) => {
      const div = enter.append('div').attr('class', 'legend');
      div.append('span').attr('class', 'legend-title');
      div.append('ul');
      return div;
    });
  root.select('span.legend-title').text(title ?? '').attr('hidden', title ? null : '');
  const li = root
    .select('ul')
    .selectAll<HTMLLIElement, LegendItem>('li')
    .data(items, (d) => d.label)
    .join((enter) => {
      const item = enter.append('li');
      item.append('span').attr('class', 'swatch').attr('aria-hidden', 'true');
      item.append('span').attr('class', 'legend-label');
      return item;
    });
  li.select('span.swatch')
    .attr('class', (d) => `swatch ${d.shape ?? 'dot'}`)
    .style('--swatch-color', (d) => d.color);
  li.select('span.legend-label').text((d) => d.label);
  return root.node()!;
}
