import { scaleLinear, select } from 'd3';
import type { PoolCandidate, Score } from '../../server/schemas/pool.schema.ts';
import { SEGMENT_COLORS, TERM_COLORS } from '../colors.ts';
import { formatDecimal, formatKm, formatMonth, formatScore, segmentLabel, seniorityLabel } from '../format.ts';

/**
 * A hub's ranked pool: one row per candidate with the fit score as a stacked
 * bar of its five terms (each term's contribution = weight · value / Σ
 * weights, so the bar's length is the total) and, under it, the reasons
 * behind each term.
 */

export const TERMS = ['skills', 'sector', 'seniority', 'distance', 'movability'] as const;
export type Term = (typeof TERMS)[number];

export const TERM_LABELS: Record<Term, string> = {
  skills: 'Skills',
  sector: 'Sector fit',
  seniority: 'Seniority',
  distance: 'Distance',
  movability: 'Movability',
};

export interface PoolBarsData {
  items: PoolCandidate[];
  /** Rank of the first item minus one (page offset). */
  offset?: number;
}

export interface PoolBarsOptions {
  barWidth?: number;
  /** Names for skill and sector ids the score mentions only by id. */
  names?: ReadonlyMap<string, string>;
  selected?: string | null;
  onOpen?: (candidate: PoolCandidate) => void;
}

/** One sentence per score term, saying what earned (or cost) it. */
export function termReasons(score: Score, names: ReadonlyMap<string, string> = new Map()): Record<Term, string> {
  const name = (id: string | null) => (id === null ? '' : (names.get(id) ?? id));
  const { skills, sector, seniority, distance, movability } = score.terms;

  let skillText: string;
  if (skills.required.length === 0) skillText = 'No skills asked for: full credit';
  else {
    const matched = skills.matched.map((m) => `${m.name} (${m.evidence.length > 0 ? m.evidence.join(', ') : 'no evidence'})`);
    skillText = `${skills.matched.length} of ${skills.required.length}` + (matched.length > 0 ? `: ${matched.join('; ')}` : '');
    if (skills.missing.length > 0) skillText += ` · missing ${skills.missing.map(name).join(', ')}`;
  }

  let sectorText: string;
  const at = sector.employerName ? ` at ${sector.employerName}` : '';
  if (sector.kind === 'target') sectorText = `Target sector ${sector.sectorName ?? name(sector.sectorId)}${at}`;
  else if (sector.kind === 'adjacent')
    sectorText = `Adjacent: ${sector.sectorName ?? name(sector.sectorId)}${at}, pivots to ${name(sector.targetSectorId)}`;
  else sectorText = 'No target or adjacent sector in the career';

  const seniorityText =
    `${seniorityLabel(seniority.seniority)}` + (seniority.target.length > 0 ? ` (fits: ${seniority.target.join(', ')})` : '');

  const distanceText =
    distance.distanceKm === null ? 'Distance unknown' : `${formatKm(distance.distanceKm)} from the hub (0 at ${formatKm(distance.scaleKm)})`;

  const moveParts = [
    movability.yearsInRole === null ? 'tenure unknown' : `${formatDecimal(movability.yearsInRole)} y in role`,
    movability.passive ? 'passive' : 'active',
    movability.openToWork ? 'open to work' : null,
  ].filter(Boolean);

  return { skills: skillText, sector: sectorText, seniority: seniorityText, distance: distanceText, movability: moveParts.join(' · ') };
}

export function renderPoolBars(
  container: HTMLElement,
  { items, offset = 0 }: PoolBarsData,
  { barWidth = 220, names = new Map(), selected = null, onOpen }: PoolBarsOptions = {},
): HTMLOListElement {
  const x = scaleLinear().domain([0, 1]).range([0, barWidth]);
  const list = select(container)
    .selectAll<HTMLOListElement, null>('ol.pool-bars')
    .data([null])
    .join('ol')
    .attr('class', 'pool-bars')
    .attr('start', offset + 1);

  const rows = list
    .selectAll<HTMLLIElement, PoolCandidate>('li.pool-row')
    .data(items, (c) => c.id)
    .join((enter) => {
      const li = enter.append('li').attr('class', 'pool-row');
      const head = li.append('div').attr('class', 'row-head');
      head.append('span').attr('class', 'rank');
      head.append('button').attr('type', 'button').attr('class', 'candidate-link');
      head.append('span').attr('class', 'segment-badge');
      li.append('div').attr('class', 'role');
      li.append('div').attr('class', 'tags');
      const bar = li.append('div').attr('class', 'score');
      bar.append('svg').attr('class', 'score-bar').attr('aria-hidden', 'true').append('rect').attr('class', 'track');
      bar.append('span').attr('class', 'score-total');
      li.append('dl').attr('class', 'terms');
      return li;
    })
    .attr('data-candidate-id', (c) => c.id)
    .attr('data-score', (c) => c.score.total)
    .classed('selected', (c) => c.id === selected);

  rows.select('span.rank').text((_c, i) => `${offset + i + 1}.`);
  rows
    .select<HTMLButtonElement>('button.candidate-link')
    .text((c) => c.name ?? c.id)
    .attr('aria-label', (c) => `Open the profile of ${c.name ?? c.id}, fit ${formatScore(c.score.total)}`)
    .on('click', (_event, c) => onOpen?.(c));
  rows
    .select('span.segment-badge')
    .text((c) => segmentLabel(c.segment))
    .attr('data-segment', (c) => c.segment ?? 'unknown')
    .style('--segment-color', (c) => (c.segment ? SEGMENT_COLORS[c.segment] : '#7a7f87'));
  rows.select('div.role').text((c) =>
    c.currentRole
      ? `${c.currentRole.title ?? 'Role unknown'}, ${c.currentRole.employerName}${c.currentRole.since ? ` (since ${formatMonth(c.currentRole.since)})` : ''}`
      : 'No current role on record',
  );
  rows.select('div.tags').text((c) =>
    [
      seniorityLabel(c.seniority),
      c.passive ? 'Passive' : 'Active',
      c.openToWork ? 'Open to work' : null,
      c.basedInHub ? null : 'Within radius',
      // GDPR Art. 14: the person must be told their data is held.
      c.noticeOverdue ? 'Notice overdue' : c.noticeDue && c.noticeDueBy ? `Notice due by ${c.noticeDueBy}` : null,
    ]
      .filter(Boolean)
      .join(' · '),
  );

  const svg = rows.select('svg.score-bar').attr('width', barWidth).attr('height', 12);
  svg.select('rect.track').attr('width', barWidth).attr('height', 12);
  svg
    .selectAll('rect.term')
    .data((c) => {
      let start = 0;
      return TERMS.map((term) => {
        const contribution = c.score.terms[term].contribution;
        const d = { term, start, contribution, value: c.score.terms[term].value };
        start += contribution;
        return d;
      });
    })
    .join((enter) => {
      const rect = enter.append('rect').attr('class', 'term');
      rect.append('title');
      return rect;
    })
    .attr('data-term', (d) => d.term)
    .attr('x', (d) => x(d.start))
    .attr('width', (d) => Math.max(0, x(d.start + d.contribution) - x(d.start)))
    .attr('height', 12)
    .attr('fill', (d) => TERM_COLORS[d.term])
    .select('title')
    .text((d) => `${TERM_LABELS[d.term]}: adds ${formatScore(d.contribution)} (term value ${formatScore(d.value)})`);
  rows.select('span.score-total').text((c) => formatScore(c.score.total));

  rows
    .select('dl.terms')
    .selectAll('div.term-reason')
    .data((c) => {
      const reasons = termReasons(c.score, names);
      return TERMS.map((term) => ({ term, text: reasons[term], contribution: c.score.terms[term].contribution }));
    })
    .join((enter) => {
      const div = enter.append('div').attr('class', 'term-reason');
      div.append('dt');
      div.append('dd');
      return div;
    })
    .attr('data-term', (d) => d.term)
    .call((div) =>
      div
        .select('dt')
        .text((d) => TERM_LABELS[d.term])
        .style('--term-color', (d) => TERM_COLORS[d.term]),
    )
    .call((div) => div.select('dd').text((d) => `${d.text} (+${formatScore(d.contribution)})`));

  return list.node()!;
}

/** Legend entries for the bars' colours. */
export const termLegend = () => TERMS.map((t) => ({ label: TERM_LABELS[t], color: TERM_COLORS[t] }));
