import { select } from 'd3';

/**
 * A tooltip inside a chart's container (positioned by CSS class, moved via
 * CSSOM). Rows are label/value pairs written as text.
 */
export interface Tooltip {
  show(rows: [string, string][], x: number, y: number, title?: string): void;
  hide(): void;
}

export function chartTooltip(container: HTMLElement): Tooltip {
  const tip = select(container)
    .selectAll<HTMLDivElement, null>('div.chart-tooltip')
    .data([null])
    .join((enter) => enter.append('div').attr('class', 'chart-tooltip').attr('role', 'tooltip').attr('hidden', ''));
  return {
    show(rows, x, y, title) {
      tip.selectAll('*').remove();
      if (title) tip.append('strong').text(title);
      const table = tip.append('dl');
      for (const [label, value] of rows) {
        table.append('dt').text(label);
        table.append('dd').text(value);
      }
      const width = container.clientWidth || 960;
      const flip = x > width - 240;
      tip.attr('hidden', null).style('top', `${Math.max(0, y - 10)}px`);
      if (flip) tip.style('left', null).style('right', `${width - x + 14}px`);
      else tip.style('right', null).style('left', `${x + 14}px`);
    },
    hide() {
      tip.attr('hidden', '');
    },
  };
}
