import { select } from 'd3';
import { STAGES, type MarketMap, type MarketMapCell, type Stage } from '../../server/schemas/searches.schema.ts';
import { STAGE_COLORS } from '../colors.ts';
import { formatCount, formatPercent, humanize, plural, seniorityLabel } from '../format.ts';

/**
 * A mandate's market map: target employers in a grid of sector (rows) ×
 * hub (columns); each cell lists its employers and their people with the
 * stage each has reached, which can be changed in place.
 */

export interface MarketGridOptions {
  onStageChange?: (candidateId: string, stage: Stage, previous: Stage | null, control: HTMLSelectElement) => void;
  onOpenCandidate?: (candidateId: string) => void;
}

type MarketPerson = MarketMapCell['employers'][number]['candidates'][number];

export const stageLabel = (stage: Stage | null) => (stage === null ? 'Not in pipeline' : humanize(stage));

export function renderMarketGrid(container: HTMLElement, map: MarketMap, { onStageChange, onOpenCandidate }: MarketGridOptions = {}): HTMLTableElement {
  const cellOf = new Map(map.cells.map((c) => [`${c.sector.id}|${c.hub.id}`, c]));
  const table = select(container)
    .selectAll<HTMLTableElement, null>('table.market-grid')
    .data([null])
    .join((enter) => {
      const t = enter.append('table').attr('class', 'market-grid');
      t.append('caption').attr('class', 'visually-hidden');
      t.append('thead').append('tr');
      t.append('tbody');
      return t;
    });
  table
    .select('caption')
    .text(
      `${map.search.title} for ${map.search.client}: ${plural(map.totals.employers, 'target employer')}, ` +
        `${plural(map.totals.people, 'person', 'people')}, ${formatCount(map.totals.inPipeline)} in the pipeline (coverage ${formatPercent(map.totals.coverage)})`,
    );
  table
    .select('thead tr')
    .selectAll('th')
    .data(['Sector', ...map.hubs.map((h) => h.name)])
    .join('th')
    .attr('scope', 'col')
    .text((d) => d);

  const rows = table
    .select('tbody')
    .selectAll<HTMLTableRowElement, MarketMap['sectors'][number]>('tr')
    .data(map.sectors, (s) => s.id)
    .join((enter) => {
      const tr = enter.append('tr');
      tr.append('th').attr('scope', 'row');
      return tr;
    })
    .attr('data-sector-id', (s) => s.id);
  rows.select('th').text((s) => s.name);

  const cells = rows
    .selectAll<HTMLTableCellElement, { sector: string; hub: string; cell: MarketMapCell | undefined }>('td')
    .data((s) => map.hubs.map((h) => ({ sector: s.id, hub: h.id, cell: cellOf.get(`${s.id}|${h.id}`) })))
    .join('td')
    .attr('data-hub-id', (d) => d.hub)
    .attr('data-sector-id', (d) => d.sector)
    .classed('empty', (d) => !d.cell || d.cell.employers.length === 0);

  cells.each(function (d) {
    const td = select(this);
    td.selectAll('*').remove();
    if (!d.cell || d.cell.employers.length === 0) {
      td.append('span').attr('class', 'muted').text('No target employer here');
      return;
    }
    const c = d.cell.counts;
    td.append('div')
      .attr('class', 'coverage')
      .text(`${plural(c.employers, 'employer')} · ${formatCount(c.inPipeline)}/${formatCount(c.people)} in pipeline (${formatPercent(d.cell.coverage)})`);
    for (const employer of d.cell.employers) {
      const block = td.append('section').attr('class', 'employer').attr('data-employer-id', employer.id);
      block
        .append('h4')
        .text(employer.name)
        .append('span')
        .attr('class', 'muted')
        .text(` ${formatCount(employer.inPipeline)}/${formatCount(employer.people)}`);
      const list = block.append('ul').attr('class', 'people');
      if (employer.candidates.length === 0) list.append('li').attr('class', 'muted').text('Nobody on record matches the mandate');
      for (const person of employer.candidates) renderPerson(list.append('li').node()!, person, d.hub, { onStageChange, onOpenCandidate });
    }
  });
  return table.node()!;
}

function renderPerson(li: HTMLLIElement, person: MarketPerson, hubId: string, { onStageChange, onOpenCandidate }: MarketGridOptions) {
  const item = select(li).attr('class', 'person').attr('data-candidate-id', person.id).attr('data-stage', person.stage ?? 'none');
  item.append('span').attr('class', 'stage-dot').attr('aria-hidden', 'true').style('--stage-color', person.stage ? STAGE_COLORS[person.stage] : 'transparent');
  item
    .append('button')
    .attr('type', 'button')
    .attr('class', 'link')
    .text(person.name ?? person.id)
    .on('click', () => onOpenCandidate?.(person.id));
  item
    .append('span')
    .attr('class', 'muted')
    .text(` ${[person.title, person.seniority ? seniorityLabel(person.seniority) : null].filter(Boolean).join(', ')}`);
  const id = `stage-${hubId}-${person.id}`;
  item.append('label').attr('class', 'visually-hidden').attr('for', id).text(`Stage of ${person.name ?? person.id}`);
  const control = item.append('select').attr('id', id).attr('class', 'stage-select').attr('data-candidate-id', person.id);
  control
    .selectAll('option')
    .data<Stage | null>(person.stage === null ? [null, ...STAGES] : [...STAGES])
    .join('option')
    .attr('value', (s) => s ?? '')
    .property('selected', (s) => s === person.stage)
    .text((s) => (s === null ? 'Not in pipeline' : humanize(s)) + (s === person.stage && person.daysInStage !== null ? ` (${Math.floor(person.daysInStage)} d)` : ''));
  control.on('change', function () {
    const value = (this as HTMLSelectElement).value;
    if (value !== '') onStageChange?.(person.id, value as Stage, person.stage, this as HTMLSelectElement);
  });
}
