import type { Database } from '../db/neo4j.ts';
import { type PathJob, type PathPerson, type PathVia, findContacts, findJobs } from '../repositories/paths.repository.ts';
import type { PathLink, PathsQuery, PathsResponse, WarmPath } from '../schemas/paths.schema.ts';
import { assertKnownIds } from './catalog.service.ts';
import { isoDay } from './clock.ts';
import { GraphBuilder } from './graph-nodes.ts';

/**
 * How warm paths are scored (README "Warm paths"). A link's score is
 * strength × recency; a path's is the product of its links' scores, each
 * pair of people joined by their strongest link.
 * - colleagues: strength grows with the overlap, full at two years together;
 * - co-authors: a shared publication is a full-strength link;
 * - recency halves every five years since the shared time ended.
 * Three-link paths are searched between each end's strongest contacts.
 */
export const WARM_PATH_SCORING = {
  fullOverlapDays: 730,
  coauthorStrength: 1,
  recencyHalfLifeYears: 5,
  middleFanout: 200,
} as const;

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

function recency(endedAt: number, now: number): number {
  const years = Math.max(0, (now - endedAt) / DAY_MS / YEAR_DAYS);
  return 0.5 ** (years / WARM_PATH_SCORING.recencyHalfLifeYears);
}

type Person = Omit<PathPerson, 'elementId'>;

/** One scored link between two people, with the jobs (or papers) that made it. */
interface Link {
  from: PathPerson;
  to: PathPerson;
  via: PathVia;
  fromJob: PathJob;
  toJob: PathJob;
  scored: PathLink;
}

/**
 * When a job ended, for overlaps: its end date; a current job runs to today. A past job
 * with no end date ended when the person's next job began: taking it to run to today would
 * make its holder the colleague of everyone who joined after they left. With no later job
 * known, its end is unknown and it is taken to have ended as it began (no overlap is claimed).
 */
function jobEnd(job: PathJob, nowMs: number): number {
  if (job.to) return dayOf(job.to);
  if (job.type !== 'WORKED_AT') return nowMs;
  return Math.min(dayOf(job.nextStart ?? job.from!), nowMs);
}

/** The link two people have through one employer or paper, or undefined when their tenures do not overlap. */
export function scoreLink(from: PathPerson, to: PathPerson, via: PathVia, fromJob: PathJob, toJob: PathJob, now: Date): Link | undefined {
  const nowMs = dayOf(now.toISOString());
  const person = (p: PathPerson): Person => ({ id: p.id, name: p.name, kind: p.kind });
  let scored: PathLink;
  if (via.kind === 'publication') {
    const strength = WARM_PATH_SCORING.coauthorStrength;
    const r = via.year === null ? 0 : recency(Date.UTC(via.year, 11, 31), nowMs);
    scored = {
      from: person(from),
      to: person(to),
      via: { kind: 'coauthor', publication: { id: via.id, title: via.name, year: via.year } },
      strength: round(strength),
      recency: round(r),
      score: round(strength * r),
    };
  } else {
    if (!fromJob.from || !toJob.from) return undefined;
    const start = Math.max(dayOf(fromJob.from), dayOf(toJob.from));
    const end = Math.min(jobEnd(fromJob, nowMs), jobEnd(toJob, nowMs));
    const days = (end - start) / DAY_MS;
    if (days <= 0) return undefined;
    const strength = Math.min(1, days / WARM_PATH_SCORING.fullOverlapDays);
    const r = recency(end, nowMs);
    scored = {
      from: person(from),
      to: person(to),
      via: {
        kind: 'colleague',
        employer: { id: via.id, name: via.name ?? via.id },
        overlapFrom: new Date(start).toISOString().slice(0, 10),
        overlapTo: new Date(end).toISOString().slice(0, 10),
        overlapMonths: Math.floor(days / (YEAR_DAYS / 12)),
      },
      strength: round(strength),
      recency: round(r),
      score: round(strength * r),
    };
  }
  return { from, to, via, fromJob, toJob, scored };
}

/** The same link seen from the other side. */
function reversed(link: Link): Link {
  return {
    from: link.to,
    to: link.from,
    via: link.via,
    fromJob: link.toJob,
    toJob: link.fromJob,
    scored: { ...link.scored, from: link.scored.to, to: link.scored.from },
  };
}

const better = (a: Link | undefined, b: Link) => !a || b.scored.score > a.scored.score || (b.scored.score === a.scored.score && b.via.id < a.via.id);

function toWarmPath(links: Link[]): WarmPath {
  const g = new GraphBuilder();
  for (const link of links) {
    const from = g.node(link.from.kind, { id: link.from.id, name: link.from.name });
    const to = g.node(link.to.kind, { id: link.to.id, name: link.to.name });
    const via = g.node(link.via.kind, link.via.kind === 'publication' ? { id: link.via.id, title: link.via.name, year: link.via.year } : { id: link.via.id, name: link.via.name });
    g.link(from, via, link.fromJob.type, { from: link.fromJob.from, to: link.fromJob.to });
    g.link(to, via, link.toJob.type, { from: link.toJob.from, to: link.toJob.to });
  }
  return {
    score: round(links.reduce((product, link) => product * link.scored.score, 1)),
    hops: links.length,
    links: links.map((l) => l.scored),
    path: g.build(),
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item)) ?? [];
    group.push(item);
    groups.set(key(item), group);
  }
  return groups;
}

const signature = (p: WarmPath) => [p.links[0]!.from.id, ...p.links.map((l) => l.to.id)].join('>');

export async function warmPaths(db: Database, query: PathsQuery, now: Date): Promise<PathsResponse> {
  await assertKnownIds(db, [
    { field: 'query.from', kind: 'teamMembers', ids: [query.from], resource: true },
    { field: 'query.to', kind: 'candidates', ids: [query.to], resource: true },
  ]);
  const rows = await findContacts(db, { from: query.from, to: query.to, today: isoDay(now) });

  // Each end's contacts, by the strongest link to each person; links run from the team member towards the candidate.
  const fromSide = new Map<string, Link>();
  const toSide = new Map<string, Link>();
  let teamMember: PathPerson | undefined;
  let candidate: PathPerson | undefined;
  for (const row of rows) {
    if (row.side === 'from') teamMember = row.end;
    else candidate = row.end;
    if (row.person === null) continue;
    if (row.side === 'from') {
      const link = scoreLink(row.end, row.person, row.via, row.endJob, row.personJob, now);
      if (link && better(fromSide.get(row.person.elementId), link)) fromSide.set(row.person.elementId, link);
    } else {
      const link = scoreLink(row.person, row.end, row.via, row.personJob, row.endJob, now);
      if (link && better(toSide.get(row.person.elementId), link)) toSide.set(row.person.elementId, link);
    }
  }

  const paths: WarmPath[] = [];
  const ends = new Set([teamMember?.elementId, candidate?.elementId]);
  if (candidate && fromSide.has(candidate.elementId)) paths.push(toWarmPath([fromSide.get(candidate.elementId)!]));
  for (const [elementId, first] of fromSide) {
    const second = toSide.get(elementId);
    if (second && !ends.has(elementId)) paths.push(toWarmPath([first, second]));
  }

  // Three links: the strongest contacts of each end, joined through a shared employer or paper.
  const strongest = (side: Map<string, Link>) =>
    [...side.entries()]
      .filter(([elementId]) => !ends.has(elementId))
      .sort(([, a], [, b]) => b.scored.score - a.scored.score || a.via.id.localeCompare(b.via.id))
      .slice(0, WARM_PATH_SCORING.middleFanout);
  const fromTop = strongest(fromSide);
  const toTop = strongest(toSide);
  const jobs = await findJobs(db, [...new Set([...fromTop, ...toTop].map(([elementId]) => elementId))]);
  const jobsByVia = groupBy(jobs, (job) => `${job.via.kind}:${job.via.id}`);
  const jobsOf = groupBy(jobs, (job) => job.person);
  const toTopIds = new Set(toTop.map(([elementId]) => elementId));
  for (const [p, first] of fromTop) {
    const middle = new Map<string, Link>();
    for (const mine of jobsOf.get(p) ?? []) {
      for (const theirs of jobsByVia.get(`${mine.via.kind}:${mine.via.id}`) ?? []) {
        if (theirs.person === p || !toTopIds.has(theirs.person)) continue;
        const link = scoreLink(first.to, toSide.get(theirs.person)!.from, mine.via, mine.job, theirs.job, now);
        if (link && better(middle.get(theirs.person), link)) middle.set(theirs.person, link);
      }
    }
    for (const [q, link] of middle) paths.push(toWarmPath([first, link, toSide.get(q)!]));
  }

  paths.sort((a, b) => b.score - a.score || a.hops - b.hops || signature(a).localeCompare(signature(b)));
  return {
    from: { id: query.from, name: teamMember?.name ?? null },
    to: { id: query.to, name: candidate?.name ?? null },
    paths: paths.filter((p) => p.score > 0).slice(0, query.limit),
  };
}
