import { createHash } from 'node:crypto';
import type { Place } from './gazetteer.ts';
import type { ImportRow } from './row-schema.ts';

/**
 * How records of one person combine, whether two rows of a file, a row and
 * the candidate already in the graph, or two candidates `atlas merge` joins
 * (cypher/candidate-merge.cypher follows the same rules):
 * - a single value (name, email, seniority, location, …): the later record's, when it has one;
 * - past jobs (one per employer and start date), skills and sources: both;
 * - the current job: see `combineCurrent`.
 */

export interface EmployerRef {
  id: string;
  name: string;
  normName: string;
  kind: string;
}

export interface HubPlacement {
  id: string;
  latitude: number;
  longitude: number;
  distanceKm: number;
}

/** A validated row with its location, hub, employers and skills resolved against the graph. */
export interface ResolvedRow {
  row: number;
  data: ImportRow;
  place?: Place;
  hub?: HubPlacement;
  currentEmployer?: EmployerRef;
  /** One per `data.previousJobs`, in order. */
  jobEmployers: EmployerRef[];
  skillIds: string[];
  /** `slot:hash`: which source record this is, and its content. */
  entry: string;
}

export interface DraftJob {
  employerId: string;
  title: string | null;
  from: string;
  to: string | null;
}

export interface DraftProps {
  name?: string;
  email?: string;
  emailKey?: string;
  profileUrl?: string;
  profileKey?: string;
  yearsExperience?: number;
  seniority?: string;
  openToWork?: boolean;
  lawfulBasis?: string;
  obtainedAt?: string;
}

/** What is known of one person, from one or more records. */
export interface Draft {
  rows: number[];
  props: DraftProps;
  location?: { text: string; latitude: number | null; longitude: number | null; hub: HubPlacement | null };
  current?: { employerId: string; title: string | null; since: string | null };
  jobs: Map<string, DraftJob>;
  skillIds: Set<string>;
  sources: string[];
  /** The entries applied to the person, one per record slot. */
  entries: string[];
  /** Each row's own entry, in the order of `rows`. */
  rowEntries: string[];
  /** Every profile (`p:…`) and email (`e:…`) key the records carried, to find the person by. */
  identityKeys: string[];
}

/** Seniority from years of experience when a row gives only the years (the bands of the domain brief). */
export function seniorityFromYears(years: number): 'junior' | 'mid' | 'senior' {
  return years < 2 ? 'junior' : years < 5 ? 'mid' : 'senior';
}

const sha = (text: string) => createHash('sha1').update(text).digest('base64url');

/**
 * `slot:hash` for a row: the slot names the record (its source and identity
 * keys), the hash its content and resolution. A candidate stores the entries
 * applied to it, so re-reading the same record is recognised as unchanged,
 * and a changed record replaces its own slot.
 */
export function rowEntry(data: ImportRow, hubId: string | undefined): string {
  const slot = sha(`${data.source}\u0000${data.profile?.key ?? ''}\u0000${data.email?.key ?? ''}`).slice(0, 12);
  return `${slot}:${sha(JSON.stringify([data, hubId ?? null])).slice(0, 16)}`;
}

const slotOf = (entry: string) => entry.slice(0, entry.indexOf(':') + 1);

export function rowDraft(r: ResolvedRow): Draft {
  const d = r.data;
  const props: DraftProps = { name: d.name, lawfulBasis: d.lawfulBasis };
  if (d.email) Object.assign(props, { email: d.email.address, emailKey: d.email.key });
  if (d.profile) Object.assign(props, { profileUrl: d.profile.url, profileKey: d.profile.key });
  if (d.yearsExperience !== undefined) props.yearsExperience = d.yearsExperience;
  const seniority = d.seniority ?? (d.yearsExperience !== undefined ? seniorityFromYears(d.yearsExperience) : undefined);
  if (seniority) props.seniority = seniority;
  if (d.openToWork !== undefined) props.openToWork = d.openToWork;
  if (d.obtainedAt) props.obtainedAt = d.obtainedAt;
  const draft: Draft = {
    rows: [r.row],
    props,
    jobs: new Map(),
    skillIds: new Set(r.skillIds),
    sources: [d.source],
    entries: [r.entry],
    rowEntries: [r.entry],
    identityKeys: identityKeys(d),
  };
  if (d.location) {
    draft.location = {
      text: d.location,
      latitude: r.place?.latitude ?? null,
      longitude: r.place?.longitude ?? null,
      hub: r.hub ?? null,
    };
  }
  if (d.current && r.currentEmployer) {
    draft.current = { employerId: r.currentEmployer.id, title: d.current.title ?? null, since: d.current.since ?? null };
  }
  d.previousJobs.forEach((job, i) => {
    addJob(draft.jobs, { employerId: r.jobEmployers[i]!.id, title: job.title ?? null, from: job.from, to: job.to ?? null });
  });
  return draft;
}

function addJob(jobs: Map<string, DraftJob>, job: DraftJob): void {
  const key = `${job.employerId}|${job.from}`;
  const had = jobs.get(key);
  jobs.set(key, had ? { ...job, title: job.title ?? had.title, to: job.to ?? had.to } : job);
}

type CurrentJob = NonNullable<Draft['current']>;

/**
 * The current job of two records, the other kept as a past job where it can be:
 * - at one employer: one job, the later record's title and start where it has them;
 * - at two, both started on known dates: the one started last stays current (the
 *   later record's on the same date), so an older record read after a newer one
 *   does not undo a move;
 * - at two, one start unknown: a past job is known by its start, so the job without
 *   one cannot be kept as past; it stays current and the dated one becomes past,
 *   and neither is lost;
 * - at two, both starts unknown: the later record's stays current and the earlier
 *   one, which can be kept neither as current nor as past, is not kept.
 * The job that stops being current ends where the kept one starts, or, when that
 * start is unknown, by `today` (the record that replaced it is no later than the
 * import); an end that would come on or before its own start is left unknown.
 */
function combineCurrent(earlier: CurrentJob | undefined, later: CurrentJob | undefined, jobs: Map<string, DraftJob>, today: string): CurrentJob | undefined {
  if (!earlier || !later) return later ?? earlier;
  if (earlier.employerId === later.employerId) {
    return { employerId: earlier.employerId, title: later.title ?? earlier.title, since: later.since ?? earlier.since };
  }
  const earlierStays = earlier.since === null ? later.since !== null : later.since !== null && earlier.since > later.since;
  const [kept, ended] = earlierStays ? [earlier, later] : [later, earlier];
  if (ended.since !== null) {
    const end = kept.since ?? today;
    addJob(jobs, { employerId: ended.employerId, title: ended.title, from: ended.since, to: end > ended.since ? end : null });
  }
  return kept;
}

/** `later` on top of `earlier` (neither is changed); `today` is the import's date. */
export function combine(earlier: Draft, later: Draft, today: string): Draft {
  const jobs = new Map(earlier.jobs);
  const current = combineCurrent(earlier.current, later.current, jobs, today);
  for (const job of later.jobs.values()) addJob(jobs, job);
  const laterSlots = new Set(later.entries.map(slotOf));
  const location = later.location ?? earlier.location;
  return {
    rows: [...earlier.rows, ...later.rows],
    props: { ...earlier.props, ...definedOnly(later.props) },
    ...(location && { location }),
    ...(current && { current }),
    jobs,
    skillIds: new Set([...earlier.skillIds, ...later.skillIds]),
    sources: [...earlier.sources, ...later.sources.filter((s) => !earlier.sources.includes(s))],
    entries: [...earlier.entries.filter((e) => !laterSlots.has(slotOf(e))), ...later.entries],
    rowEntries: [...earlier.rowEntries, ...later.rowEntries],
    identityKeys: [...earlier.identityKeys, ...later.identityKeys.filter((k) => !earlier.identityKeys.includes(k))],
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function identityKeys(d: ImportRow): string[] {
  return [...(d.profile ? [`p:${d.profile.key}`] : []), ...(d.email ? [`e:${d.email.key}`] : [])];
}

/** Groups rows that share an identity key (profile or email), each group in file order. */
export function groupByIdentity(rows: ResolvedRow[]): ResolvedRow[][] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  rows.forEach((r, i) => {
    for (const key of identityKeys(r.data)) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, i);
      else {
        const a = find(other);
        const b = find(i);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, ResolvedRow[]>();
  rows.forEach((r, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(r);
    else groups.set(root, [r]);
  });
  return [...groups.values()];
}
