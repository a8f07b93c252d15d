import { axisBottom, scaleTime, select, timeYear } from 'd3';
import type { CareerEntry } from '../../server/schemas/candidates.schema.ts';
import { formatMonth } from '../format.ts';

/**
 * A career as a timeline: one bar per job on a shared time axis, most recent
 * on top; jobs in a target sector are marked, current jobs run to today.
 */

export interface CareerTimelineOptions {
  width?: number;
  rowHeight?: number;
  now?: Date;
}

const parse = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

export function renderCareerTimeline(
  container: HTMLElement,
  career: CareerEntry[],
  { width = container.clientWidth || 560, rowHeight = 36, now = new Date() }: CareerTimelineOptions = {},
): SVGSVGElement {
  const jobs = career
    .map((job) => ({ job, start: job.from ? parse(job.from) : null, end: job.to ? parse(job.to) : job.current ? now : null }))
    .filter((j): j is { job: CareerEntry; start: Date; end: Date } => j.start !== null && j.end !== null)
    .sort((a, b) => b.start.getTime() - a.start.getTime());
  const margin = { top: 6, right: 10, bottom: 24, left: 10 };
  const height = margin.top + margin.bottom + Math.max(1, jobs.length) * rowHeight;
  const first = jobs.length > 0 ? Math.min(...jobs.map((j) => j.start.getTime())) : now.getTime() - 365 * 864e5;
  const x = scaleTime()
    .domain([timeYear.floor(new Date(first)), now])
    .range([margin.left, width - margin.right]);

  const svg = select(container)
    .selectAll<SVGSVGElement, null>('svg.career-timeline')
    .data([null])
    .join((enter) => {
      const s = enter.append('svg').attr('class', 'career-timeline').attr('role', 'img');
      s.append('g').attr('class', 'axis');
      s.append('g').attr('class', 'jobs');
      return s;
    })
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr(
      'aria-label',
      jobs.length === 0
        ? 'No dated jobs on record'
        : `Career of ${jobs.length} dated jobs: ` + jobs.map((j) => `${j.job.title ?? 'role'} at ${j.job.employerName}, ${formatMonth(j.job.from)} to ${formatMonth(j.job.to)}`).join('; '),
    );

  svg
    .select<SVGGElement>('g.axis')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 80))).tickSizeOuter(0));

  const rows = svg
    .select('g.jobs')
    .selectAll<SVGGElement, (typeof jobs)[number]>('g.job')
    .data(jobs)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'job');
      g.append('rect');
      g.append('text').attr('class', 'halo');
      return g;
    })
    .attr('transform', (_j, i) => `translate(0,${margin.top + i * rowHeight})`)
    .classed('target', (j) => j.job.sectors.some((s) => s.target))
    .classed('current', (j) => j.job.current);
  rows
    .select('rect')
    .attr('x', (j) => x(j.start))
    .attr('y', 3)
    .attr('width', (j) => Math.max(2, x(j.end) - x(j.start)))
    .attr('height', 11)
    .attr('rx', 2);
  rows
    .select('text')
    .attr('x', (j) => Math.min(x(j.start), width * 0.45) + 2)
    .attr('y', 27)
    .text((j) => `${j.job.title ?? 'Role'}, ${j.job.employerName}${j.job.sectors.length ? ` · ${j.job.sectors.map((s) => s.name).join(', ')}` : ''}`);
  return svg.node()!;
}
