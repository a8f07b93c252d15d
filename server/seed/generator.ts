import { normaliseEmail, normaliseProfileUrl } from '../domain/identity.ts';
import { normaliseEmployerName } from '../import/employer-name.ts';
import { fold, slug } from '../import/text.ts';
import { SENIORITIES, type Segment, type Seniority } from '../schemas/common.schema.ts';
import type {
  CandidateBatch,
  CandidateRow,
  EducationRow,
  EmployerRow,
  HeldSkillRow,
  JobRow,
  PublicationRow,
  ReferenceRows,
  TeamBatch,
} from './rows.ts';
import { emptyCandidateBatch } from './rows.ts';
import { Rng, WeightedTable } from './random.ts';
import type { EmployerKind, Hub, Skill, World } from './world.ts';

/**
 * The demo world generator: pure and deterministic. The same world folder,
 * seed and size give the same rows, batch after batch; candidates stream out
 * in batches so a million never sit in memory at once. Employers, team
 * members and reference data are made up front.
 *
 * Segments are not generated: each candidate follows a career *track*
 * (jobs in target sectors, in sectors that pivot to one, research posts with
 * papers, or none of these) and the graph's segment is derived from what the
 * track produced.
 */

/** Bump when the generator's output changes, so an older demo world counts as another world. */
export const GENERATOR_VERSION = 1;
export const MAX_CANDIDATES = 1_000_000;
export const DEFAULT_BATCH_SIZE = 5_000;
export const DEMO_SOURCE = 'demo-generator';
export const DEMO_LAWFUL_BASIS = 'legitimate-interest';

export interface GeneratorOptions {
  seed: number;
  candidates: number;
}

/** Tags demo candidates and employers, so that other data in the database can be told apart. */
export function worldTag({ seed, candidates }: GeneratorOptions): string {
  return `seed:${seed}:${candidates}`;
}

export function candidateId(index: number): string {
  return `c-${String(index + 1).padStart(6, '0')}`;
}

/** An employer class: which segment a job there leads to. */
type JobClass = 'target' | 'adjacent' | 'other' | 'university' | 'institute' | 'hospital';
type FieldClass = 'target' | 'adjacent';

interface Employer extends EmployerRow {
  cls: JobClass;
  size: number;
  /** The Institution node of a university (where people study). */
  institutionId: string | null;
}

interface Job {
  employer: Employer;
  start: number;
  /** Exclusive month index; equal to the reference month for the current job. */
  end: number;
  current: boolean;
  title: string;
}

/** How levels spread within each track (academics are mostly doctoral and post-doctoral). */
const LEVEL_MIX: Record<Segment, Record<Seniority, number>> = {
  'target-sector': { junior: 0.1, mid: 0.35, senior: 0.35, lead: 0.2 },
  'adjacent-sector': { junior: 0.2, mid: 0.32, senior: 0.3, lead: 0.18 },
  academic: { junior: 0.35, mid: 0.4, senior: 0.17, lead: 0.08 },
  other: { junior: 0.2, mid: 0.32, senior: 0.3, lead: 0.18 },
};
const MAX_YEARS = 24;
const SKILL_COUNT: Record<Seniority, [number, number]> = { junior: [5, 8], mid: [6, 10], senior: [8, 12], lead: [9, 13] };
/** Research posts, where most papers come from. */
const RESEARCH_CLASSES: readonly JobClass[] = ['university', 'institute', 'hospital'];
/** How many people a research employer takes on, relative to a median company. */
const RESEARCH_WEIGHT: Record<'university' | 'institute' | 'hospital', number> = { university: 4, institute: 1.5, hospital: 1 };

export class DemoWorldGenerator {
  readonly tag: string;
  readonly seed: number;
  readonly size: number;
  private readonly refMonth: number;
  private readonly levelYears: { id: Seniority; minYears: number }[];
  private readonly employersList: Employer[];
  private readonly byClass = new Map<JobClass, WeightedTable<Employer>>();
  private readonly byClassAndHub = new Map<string, WeightedTable<Employer>>();
  private readonly universities: Employer[];
  private readonly universitiesByHub = new Map<string, Employer[]>();
  private readonly hubTable: WeightedTable<Hub>;
  private readonly trackTable: WeightedTable<Segment>;
  private readonly levelTables: Record<Segment, WeightedTable<Seniority>>;
  private readonly fieldsByClass: Record<FieldClass, string[]>;
  private readonly researchPool: number;
  private readonly companyPool: number;
  private readonly countries: Map<string, World['countries'][number]>;
  private readonly sectors: Map<string, World['sectors'][number]>;
  private readonly originCodes: string[];

  constructor(
    readonly world: World,
    options: GeneratorOptions,
  ) {
    if (!Number.isSafeInteger(options.candidates) || options.candidates < 1 || options.candidates > MAX_CANDIDATES) {
      throw new RangeError(`candidates must be a whole number between 1 and ${MAX_CANDIDATES}, got ${options.candidates}`);
    }
    if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new RangeError(`seed must be a whole number of at least 0, got ${options.seed}`);
    this.seed = options.seed;
    this.size = options.candidates;
    this.tag = worldTag(options);
    this.refMonth = monthOf(world.info.referenceDate);
    this.levelYears = world.salaryBands.levels;
    this.countries = new Map(world.countries.map((c) => [c.code, c]));
    this.sectors = new Map(world.sectors.map((s) => [s.id, s]));
    this.originCodes = Object.keys(world.names.origins);
    this.hubTable = new WeightedTable(world.hubs.map((h) => [h, h.talentWeight] as const));
    this.trackTable = new WeightedTable(Object.entries(world.info.population.segmentMix) as [Segment, number][]);
    this.levelTables = Object.fromEntries(
      Object.entries(LEVEL_MIX).map(([track, mix]) => [track, new WeightedTable(Object.entries(mix) as [Seniority, number][])]),
    ) as Record<Segment, WeightedTable<Seniority>>;
    const fieldIds = Object.keys(world.publications.fields);
    this.fieldsByClass = {
      target: fieldIds.filter((id) => this.sectors.get(id)?.target),
      adjacent: fieldIds.filter((id) => (this.sectors.get(id)?.pivotsTo.length ?? 0) > 0),
    };
    // Pools sized so that a paper has a few co-authors whatever the world's size.
    this.researchPool = Math.max(5, Math.ceil(this.size / 2000));
    this.companyPool = Math.max(2, Math.ceil(this.size / 20000));

    this.employersList = [...this.researchEmployers(), ...this.companies()];
    for (const employer of this.employersList) {
      tableFor(this.byClass, employer.cls).add(employer, employer.size);
      for (const hubId of employer.hubIds) tableFor(this.byClassAndHub, `${employer.cls}|${hubId}`).add(employer, employer.size);
    }
    this.universities = this.employersList.filter((e) => e.cls === 'university');
    for (const university of this.universities) {
      const list = this.universitiesByHub.get(university.hubIds[0]!) ?? [];
      list.push(university);
      this.universitiesByHub.set(university.hubIds[0]!, list);
    }
  }

  /** Countries, hubs, sectors and their pivots, skills and institutions: the world's facts. */
  reference(): ReferenceRows {
    const w = this.world;
    return {
      countries: w.countries.map(({ code, name, currency, payRegion }) => ({ code, name, currency, payRegion })),
      hubs: w.hubs.map(({ id, name, countryCode, latitude, longitude, catchmentKm }) => ({ id, name, country: countryCode, latitude, longitude, catchmentKm })),
      sectors: w.sectors.map(({ id, name, target, group }) => ({ id, name, target, group })),
      pivots: w.sectors.flatMap((s) => s.pivotsTo.map((p) => ({ from: s.id, to: p.sector, weight: p.weight }))),
      skills: w.skills.map(({ id, name, group }) => ({ id, name, group })),
      institutions: this.universities.map((u) => ({
        id: u.institutionId!,
        name: u.name,
        countryCode: w.hubs.find((h) => h.id === u.hubIds[0])!.countryCode,
      })),
    };
  }

  employers(): EmployerRow[] {
    return this.employersList.map(({ id, name, normName, kind, sectorId, hubIds, world }) => ({ id, name, normName, kind, sectorId, hubIds, world }));
  }

  /**
   * The search team's own people: careers at the larger employers near their
   * hub and papers from the same pools as candidates', so warm introductions
   * (former colleagues, co-authors) exist.
   */
  team(): TeamBatch {
    const batch: TeamBatch = { members: [], currentJobs: [], pastJobs: [], publications: [], authorships: [] };
    const publications = new Map<string, PublicationRow>();
    for (const member of this.world.team) {
      const rng = Rng.for(this.seed, 'team', member.id);
      batch.members.push({ id: member.id, name: member.name, email: member.email ?? null });
      const classes: JobClass[] =
        member.background === 'target'
          ? ['adjacent', 'target', 'target']
          : member.background === 'adjacent'
            ? ['other', 'adjacent', 'adjacent']
            : member.background === 'research'
              ? ['university', 'university', 'institute']
              : ['other', 'other', 'adjacent'];
      const used = new Set<string>();
      const careerStart = 12 * rng.int(2008, 2012) + rng.int(0, 11);
      let month = careerStart;
      const jobs: Job[] = [];
      for (const [i, cls] of classes.entries()) {
        const employer = this.largestNear(rng, cls, member.hubId, used);
        used.add(employer.id);
        const length = i === 0 && cls === 'university' ? rng.int(40, 50) : rng.int(30, 54);
        // Everyone had joined the search team by mid-2023.
        const end = Math.min(month + length, this.refMonth - 30);
        if (end <= month) break;
        jobs.push({ employer, start: month, end, current: false, title: this.titleFor(rng, employer, this.levelAt(month - careerStart)) });
        month = end + rng.int(0, 2);
      }
      for (const job of jobs) batch.pastJobs.push(jobRow(member.id, job, this.refMonth));
      if (member.background === 'research') {
        const university = jobs.find((j) => j.employer.cls === 'university')?.employer;
        if (university) {
          batch.currentJobs.push({ personId: member.id, employerId: university.id, title: this.world.careers.titles.visiting, from: isoFirst(this.refMonth - 24), to: null });
        }
        for (const job of jobs) {
          for (let year = yearOf(job.start); year <= yearOf(job.end - 1); year++) {
            const pub = rng.chance(0.7) ? this.publicationAt(rng, job.employer, year, 'target') : undefined;
            if (!pub || publications.has(pub.id)) continue;
            publications.set(pub.id, pub);
            batch.authorships.push({ personId: member.id, publicationId: pub.id });
          }
        }
      }
    }
    batch.publications = [...publications.values()];
    return batch;
  }

  /** Candidates in batches of `batchSize`, in id order. */
  *candidateBatches(batchSize = DEFAULT_BATCH_SIZE): Generator<CandidateBatch> {
    let batch = emptyCandidateBatch();
    let publications = new Map<string, PublicationRow>();
    for (let index = 0; index < this.size; index++) {
      this.candidate(index, batch, publications);
      if (batch.candidates.length === batchSize || index === this.size - 1) {
        batch.publications = [...publications.values()];
        yield batch;
        batch = emptyCandidateBatch();
        publications = new Map();
      }
    }
  }

  private candidate(index: number, out: CandidateBatch, publications: Map<string, PublicationRow>): void {
    const w = this.world;
    const pop = w.info.population;
    const rng = Rng.for(this.seed, 'candidate', index);
    const id = candidateId(index);
    const track = this.trackTable.pick(rng);

    // Where: around a hub (jittered inside its catchment, then based at the nearest hub), elsewhere, or remote.
    let hub: Hub | null = null;
    let latitude: number | null = null;
    let longitude: number | null = null;
    let locationText: string | null;
    if (rng.chance(pop.outsideHubsShare)) {
      if (w.places.length === 0 || rng.chance(pop.remoteShare)) {
        locationText = 'Remote';
      } else {
        const place = rng.pick(w.places);
        [latitude, longitude] = jitter(place.latitude, place.longitude, rng.between(0, 8), rng.between(0, 2 * Math.PI));
        locationText = `${place.name}, ${place.country}`;
      }
    } else {
      const home = this.hubTable.pick(rng);
      [latitude, longitude] = jitter(home.latitude, home.longitude, home.catchmentKm * 0.85 * rng.float() ** 1.3, rng.between(0, 2 * Math.PI));
      hub = nearestHub(w.hubs, latitude, longitude);
      locationText = `${hub.name}, ${this.countries.get(hub.countryCode)!.name}`;
    }

    const origin =
      hub && w.names.origins[hub.countryCode] && rng.chance(w.names.localShare) ? hub.countryCode : rng.pick(this.originCodes);
    const names = w.names.origins[origin]!;
    const first = rng.pick(names.first);
    const last = rng.pick(names.last);
    const name = `${first} ${last}`;

    // Career: choose the experience first, lay the jobs out backwards from today, then pick employers per track.
    const level = this.levelTables[track].pick(rng);
    const workMonths = Math.max(3, Math.round(12 * this.yearsWithin(rng, level)));
    const employed = rng.chance(0.92);
    const doctoralFirst =
      track === 'academic' || (rng.chance(track === 'target-sector' ? 0.25 : track === 'adjacent-sector' ? 0.2 : 0.05) && workMonths >= 60);
    const spans = this.layOutJobs(rng, workMonths, employed ? this.refMonth : this.refMonth - rng.int(1, 8), doctoralFirst);
    const classes = this.jobClasses(rng, track, spans.length, doctoralFirst);
    const used = new Set<string>();
    const jobs: Job[] = spans.map((span, i) => {
      const employer = this.employerFor(rng, classes[i]!, hub?.id ?? null, used);
      used.add(employer.id);
      return { employer, ...span, current: employed && i === spans.length - 1, title: this.titleFor(rng, employer, this.levelAt(span.start - spans[0]!.start)) };
    });
    for (const job of jobs) (job.current ? out.currentJobs : out.pastJobs).push(jobRow(id, job, this.refMonth));
    const yearsExperience = Math.round((10 * workMonths) / 12) / 10;
    const seniority = this.levelAt(workMonths);

    // Papers: from research posts (the pools of each employer and year), now and then from an industry job.
    const papers: PublicationRow[] = [];
    const want: FieldClass = track === 'academic' || track === 'target-sector' ? 'target' : 'adjacent';
    for (const job of jobs) {
      if (RESEARCH_CLASSES.includes(job.employer.cls)) {
        const rate = track === 'academic' ? 0.5 : 0.3;
        for (let year = yearOf(job.start); year <= Math.max(yearOf(job.start), Math.min(yearOf(job.end - 1), yearOf(this.refMonth) - 1)); year++) {
          const count = (rng.chance(rate) ? 1 : 0) + (rng.chance(rate) ? 1 : 0);
          for (let k = 0; k < count; k++) {
            const field = track === 'academic' && rng.chance(0.15) ? 'adjacent' : want;
            const pub = this.publicationAt(rng, job.employer, year, field);
            if (pub) papers.push(pub);
          }
        }
      } else if ((job.employer.cls === 'target' && rng.chance(0.2)) || (job.employer.cls === 'adjacent' && rng.chance(0.08))) {
        const pub = this.publicationAt(rng, job.employer, rng.int(yearOf(job.start), Math.max(yearOf(job.start), yearOf(job.end - 1))), want);
        if (pub) papers.push(pub);
      }
    }
    if (track === 'academic' && !papers.some((p) => this.sectors.get(p.fieldId)?.target)) {
      const job = jobs[jobs.length - 1]!;
      const pub = this.publicationAt(rng, job.employer, Math.min(yearOf(job.start) + 1, yearOf(this.refMonth)), 'target');
      if (pub) papers.push(pub);
    }
    const authored = new Set<string>();
    for (const pub of papers) {
      if (authored.has(pub.id)) continue;
      authored.add(pub.id);
      publications.set(pub.id, pub);
      out.authorships.push({ personId: id, publicationId: pub.id });
    }

    out.education.push(...this.education(rng, id, track, hub, jobs, doctoralFirst));
    out.skills.push(
      ...this.skills(
        rng,
        id,
        track,
        seniority,
        new Set(jobs.map((j) => j.employer.sectorId)),
        new Set(papers.map((p) => p.fieldId)),
      ),
    );

    // Contact details and the record's provenance.
    const handle = `${fold(first).replace(/ /g, '')}.${fold(last).replace(/ /g, '')}`;
    const email = rng.chance(pop.emailShare)
      ? `${rng.chance(0.15) ? capitalise(handle) : handle}.${index + 1}@${rng.pick(w.info.emailDomains)}`
      : null;
    let profileUrl: string | null = null;
    if (rng.chance(pop.profileShare)) {
      profileUrl = `${w.info.profileBaseUrl}${slug(name)}-${(index + 1).toString(36)}`;
      if (rng.chance(0.1)) profileUrl += '/';
      else if (rng.chance(0.1)) profileUrl += '?utm_source=newsletter';
    }
    const passive = employed && rng.chance(pop.passiveShare);
    const openToWork = !employed || (passive ? rng.chance(0.08) : rng.chance(0.75));
    const obtainedAt = isoDay(Date.UTC(yearOf(this.refMonth), this.refMonth % 12, 1) - rng.int(1, 730) * 86_400_000);

    const row: CandidateRow = {
      id,
      name,
      email,
      emailKey: email ? normaliseEmail(email) : null,
      profileUrl,
      profileKey: profileUrl ? normaliseProfileUrl(profileUrl) : null,
      locationText,
      latitude,
      longitude,
      hubId: hub?.id ?? null,
      yearsExperience,
      seniority,
      openToWork,
      passive,
      sources: [DEMO_SOURCE],
      lawfulBasis: DEMO_LAWFUL_BASIS,
      obtainedAt,
      world: this.tag,
    };
    out.candidates.push(row);
    out.tracks.push(track);
  }

  private yearsWithin(rng: Rng, level: Seniority): number {
    const i = SENIORITIES.indexOf(level);
    const min = Math.max(0.25, this.levelYears[i]!.minYears);
    const max = this.levelYears[i + 1]?.minYears ?? MAX_YEARS;
    // A month's margin on each side keeps the rounded experience inside the level.
    return rng.between(min + 1 / 12, Math.max(min + 1 / 12, max - 1 / 12));
  }

  /** Seniority after `months` of work, by the levels' minimum years. */
  private levelAt(months: number): Seniority {
    const years = Math.round((10 * months) / 12) / 10;
    let level: Seniority = 'junior';
    for (const l of this.levelYears) if (years >= l.minYears) level = l.id;
    return level;
  }

  /** Job spans (month indexes) filling `workMonths`, the last ending at `endMonth`, laid out backwards. */
  private layOutJobs(rng: Rng, workMonths: number, endMonth: number, doctoralFirst: boolean): { start: number; end: number }[] {
    const spans: { start: number; end: number }[] = [];
    const doctoral = doctoralFirst ? Math.min(workMonths, rng.int(36, 54)) : 0;
    let remaining = workMonths - doctoral;
    let cursor = endMonth;
    while (remaining > 0) {
      let tenure = Math.min(remaining, rng.int(14, 60));
      if (remaining - tenure < 8) tenure = remaining;
      spans.unshift({ start: cursor - tenure, end: cursor });
      remaining -= tenure;
      cursor -= tenure + rng.int(0, 3);
    }
    if (doctoral > 0) spans.unshift({ start: cursor - doctoral, end: cursor });
    return spans;
  }

  /** The employer class of each job, so that the track's segment follows from the graph. */
  private jobClasses(rng: Rng, track: Segment, count: number, doctoralFirst: boolean): JobClass[] {
    const research = (): JobClass => (rng.chance(0.65) ? 'university' : rng.chance(0.55) ? 'institute' : 'hospital');
    const classes: JobClass[] = [];
    for (let i = 0; i < count; i++) {
      if (i === 0 && doctoralFirst) {
        classes.push('university');
        continue;
      }
      switch (track) {
        case 'target-sector':
          classes.push(rng.chance(0.35) ? 'target' : rng.chance(0.75) ? 'adjacent' : 'other');
          break;
        case 'adjacent-sector':
          classes.push(rng.chance(0.75) ? 'adjacent' : 'other');
          break;
        case 'academic':
          classes.push(research());
          break;
        default:
          classes.push(rng.chance(0.9) ? 'other' : 'university');
      }
    }
    // The job that makes the segment: usually the current one, otherwise an earlier industry job.
    const anchor: JobClass | null = track === 'target-sector' ? 'target' : track === 'adjacent-sector' ? 'adjacent' : null;
    if (anchor && !classes.includes(anchor)) {
      const first = doctoralFirst && count > 1 ? 1 : 0;
      const at = rng.chance(0.7) ? count - 1 : rng.int(first, count - 1);
      classes[Math.max(first, at)] = anchor;
    }
    return classes;
  }

  private employerFor(rng: Rng, cls: JobClass, hubId: string | null, used: Set<string>): Employer {
    const local = hubId ? this.byClassAndHub.get(`${cls}|${hubId}`) : undefined;
    const all = this.byClass.get(cls)!;
    for (let attempt = 0; attempt < 6; attempt++) {
      const table = local && attempt < 3 && rng.chance(0.85) ? local : all;
      const employer = table.pick(rng);
      if (!used.has(employer.id)) return employer;
    }
    // A small world may run out of distinct employers in a class: take the first one not yet used, if any.
    return this.employersList.find((e) => e.cls === cls && !used.has(e.id)) ?? all.pick(rng);
  }

  /** One of the three largest employers of a class at a hub (where a team member most likely met candidates). */
  private largestNear(rng: Rng, cls: JobClass, hubId: string, used: Set<string>): Employer {
    const near = this.employersList.filter((e) => e.cls === cls && e.hubIds.includes(hubId) && !used.has(e.id));
    const pool = near.length > 0 ? near : this.employersList.filter((e) => e.cls === cls && !used.has(e.id));
    pool.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
    return rng.pick(pool.slice(0, 3));
  }

  private titleFor(rng: Rng, employer: Employer, level: Seniority): string {
    const titles = this.world.careers.titles;
    if (employer.kind === 'company') return rng.pick(titles.company.bySector[employer.sectorId]?.[level] ?? titles.company.default[level]);
    return rng.pick(titles[employer.kind][level]);
  }

  /**
   * A paper from an employer's pool for a year. The pools are fixed by id
   * (`p-<employer>-<year>-<slot>`), so people at the same place and time share
   * papers: co-authors.
   */
  private publicationAt(rng: Rng, employer: Employer, year: number, field: FieldClass): PublicationRow | undefined {
    let slot: number;
    let fieldId: string | undefined;
    if (RESEARCH_CLASSES.includes(employer.cls)) {
      // Slots 0–2 of every five hold target-field papers, 3–4 adjacent-field ones.
      const perFive = field === 'target' ? 3 : 2;
      const blocks = Math.ceil(this.researchPool / 5);
      slot = 5 * rng.int(0, blocks - 1) + (field === 'target' ? 0 : 3) + rng.int(0, perFive - 1);
      const fields = this.fieldsByClass[field];
      fieldId = fields[Rng.for(this.seed, 'field', employer.id, year, slot).int(0, fields.length - 1)];
    } else {
      if (!this.world.publications.fields[employer.sectorId]) return undefined;
      slot = rng.int(0, this.companyPool - 1);
      fieldId = employer.sectorId;
    }
    if (!fieldId) return undefined;
    const id = `p-${employer.id.replace(/^e-/, '')}-${year}-${slot}`;
    const prng = Rng.for(this.seed, 'publication', id);
    const pubs = this.world.publications;
    const method = prng.pick(pubs.methods);
    const task = prng.pick(pubs.fields[fieldId]!.tasks);
    const title = prng
      .pick(pubs.patterns)
      .replace('{Method}', capitalise(method))
      .replace('{method}', method)
      .replace('{Task}', capitalise(task))
      .replace('{task}', task);
    return { id, title, year, venue: prng.pick(pubs.fields[fieldId]!.venues), fieldId };
  }

  private education(rng: Rng, id: string, track: Segment, hub: Hub | null, jobs: Job[], doctoralFirst: boolean): EducationRow[] {
    const careers = this.world.careers;
    const fields =
      track === 'target-sector'
        ? careers.studyFields.target
        : track === 'adjacent-sector'
          ? careers.studyFields.adjacent
          : track === 'academic'
            ? careers.studyFields.research
            : careers.studyFields.other;
    const near = hub ? this.universitiesByHub.get(hub.id) : undefined;
    const master = near && rng.chance(0.6) ? rng.pick(near) : rng.pick(this.universities);
    const rows: EducationRow[] = [
      { candidateId: id, institutionId: master.institutionId!, degree: rng.pick(careers.degrees.master), field: rng.pick(fields), to: isoLast(jobs[0]!.start - rng.int(1, 4)) },
    ];
    const doctoral = doctoralFirst ? jobs[0] : undefined;
    if (doctoral && !doctoral.current && doctoral.employer.institutionId) {
      rows.push({ candidateId: id, institutionId: doctoral.employer.institutionId, degree: careers.degrees.doctorate, field: rng.pick(fields), to: isoLast(doctoral.end - 1) });
    }
    return rows;
  }

  /**
   * Skills weighted by where the candidate worked and published, their track
   * and level; evidence says which of those shows the skill.
   */
  private skills(rng: Rng, id: string, track: Segment, level: Seniority, jobSectors: Set<string>, pubFields: Set<string>): HeldSkillRow[] {
    const rank = SENIORITIES.indexOf(level);
    const keyed: { skill: Skill; key: number; job: boolean; publication: boolean }[] = [];
    for (const skill of this.world.skills) {
      const anywhere = skill.sectors.includes('*');
      const job = anywhere ? jobSectors.size > 0 && rng.chance(0.8) : skill.sectors.some((s) => jobSectors.has(s));
      const publication = !anywhere && skill.sectors.some((s) => pubFields.has(s));
      let weight = 0.05 + (anywhere ? 0.8 : 0) + (job && !anywhere ? 1.6 : 0) + (publication ? 1 : 0) + (skill.segments.includes(track) ? 0.8 : 0);
      if (skill.seniority && SENIORITIES.indexOf(skill.seniority) > rank) weight *= 0.2;
      // Weighted sampling without replacement (Efraimidis–Spirakis): the largest keys win.
      keyed.push({ skill, key: Math.log(1 - rng.float()) / weight, job, publication });
    }
    keyed.sort((a, b) => b.key - a.key);
    const [min, max] = SKILL_COUNT[level];
    return keyed.slice(0, rng.int(min, max)).map(({ skill, job, publication }) => {
      const evidence: HeldSkillRow['evidence'] = [];
      if (rng.chance(0.6) || (!job && !publication)) evidence.push('self');
      if (job) evidence.push('job');
      if (publication) evidence.push('publication');
      return { candidateId: id, skillId: skill.id, evidence };
    });
  }

  private *researchEmployers(): Generator<Employer> {
    const w = this.world;
    for (const hub of w.hubs) {
      const templates = w.employerNames.research[hub.countryCode];
      const sectorOf = (kind: EmployerKind) => w.sectors.find((s) => s.employerKind === kind)!.id;
      for (const kind of ['university', 'institute', 'hospital'] as const) {
        const count = hub.research[kind === 'university' ? 'universities' : kind === 'institute' ? 'institutes' : 'hospitals'];
        for (let n = 1; n <= count; n++) {
          const template = templates![kind][(n - 1) % templates![kind].length]!;
          const name = template.replace('{hub}', hub.name).replace('{local}', hub.localName ?? hub.name) + (n > templates![kind].length ? ` ${n}` : '');
          yield {
            id: `e-${hub.id}-${kind}-${n}`,
            name,
            normName: normaliseEmployerName(name),
            kind,
            sectorId: sectorOf(kind),
            hubIds: [hub.id],
            world: this.tag,
            cls: kind,
            size: RESEARCH_WEIGHT[kind] * Math.sqrt(hub.talentWeight),
            institutionId: kind === 'university' ? `i-${hub.id}-${n}` : null,
          };
        }
      }
    }
  }

  private *companies(): Generator<Employer> {
    const w = this.world;
    const count = Math.round(170 * (this.size / 5000) ** 0.25);
    const companySectors = w.sectors.filter((s) => s.employerKind === 'company' && s.employerShare > 0);
    const classOf = (s: World['sectors'][number]): JobClass => (s.target ? 'target' : s.pivotsTo.length > 0 ? 'adjacent' : 'other');
    const taken = new Set<string>();
    for (let k = 0; k < Math.max(3, count); k++) {
      const rng = Rng.for(this.seed, 'employer', k);
      const hq = this.hubTable.pick(rng);
      // The first three cover the three classes, so every track has somewhere to work.
      const forced = k < 3 ? (['target', 'adjacent', 'other'] as const)[k] : undefined;
      const sector = new WeightedTable(
        companySectors.filter((s) => !forced || classOf(s) === forced).map((s) => [s, s.employerShare * (hq.sectorEmphasis[s.id] ?? 1)] as const),
      ).pick(rng);
      const country = this.countries.get(hq.countryCode)!;
      const descriptors = w.employerNames.descriptors[sector.id] ?? w.employerNames.descriptors.default!;
      let name = '';
      for (let attempt = 0; attempt < 40; attempt++) {
        const brand = rng.pick(w.employerNames.brandStarts) + rng.pick(w.employerNames.brandEnds);
        name = `${brand} ${rng.pick(descriptors)}${attempt >= 20 ? ` ${hq.name}` : ''} ${rng.pick(country.legalSuffixes)}`;
        if (!taken.has(normaliseEmployerName(name))) break;
      }
      const normName = normaliseEmployerName(name);
      if (taken.has(normName)) name = name.replace(` ${country.legalSuffixes[0]}`, ` ${k} ${country.legalSuffixes[0]}`);
      taken.add(normaliseEmployerName(name));
      const hubIds = [hq.id];
      if (rng.chance(0.15)) {
        for (let extra = rng.int(1, 2); extra > 0; extra--) {
          const site = this.hubTable.pick(rng);
          if (!hubIds.includes(site.id)) hubIds.push(site.id);
        }
      }
      yield {
        id: `e-${String(k + 1).padStart(4, '0')}`,
        name,
        normName: normaliseEmployerName(name),
        kind: 'company',
        sectorId: sector.id,
        hubIds,
        world: this.tag,
        cls: classOf(sector),
        size: Math.exp(rng.normal()),
        institutionId: null,
      };
    }
  }
}

function tableFor<K>(map: Map<K, WeightedTable<Employer>>, key: K): WeightedTable<Employer> {
  let table = map.get(key);
  if (!table) map.set(key, (table = new WeightedTable()));
  return table;
}

function jobRow(personId: string, job: Job, refMonth: number): JobRow {
  return {
    personId,
    employerId: job.employer.id,
    title: job.title,
    from: isoFirst(job.start),
    to: job.current || job.end > refMonth ? null : isoLast(job.end - 1),
  };
}

/** Month index (year · 12 + month − 1) of an ISO date. */
function monthOf(iso: string): number {
  const [y, m] = iso.split('-').map(Number);
  return y! * 12 + (m! - 1);
}

const yearOf = (month: number) => Math.floor(month / 12);
const pad = (n: number) => String(n).padStart(2, '0');
const isoFirst = (month: number) => `${yearOf(month)}-${pad((month % 12) + 1)}-01`;
const isoLast = (month: number) => isoDay(Date.UTC(yearOf(month), (month % 12) + 1, 0));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const KM_PER_DEGREE = 111.32;

/** A point `km` away in direction `bearing` (radians); flat-earth is exact enough at these distances. */
function jitter(latitude: number, longitude: number, km: number, bearing: number): [number, number] {
  const lat = latitude + (km * Math.cos(bearing)) / KM_PER_DEGREE;
  const lon = longitude + (km * Math.sin(bearing)) / (KM_PER_DEGREE * Math.cos((latitude * Math.PI) / 180));
  return [Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5];
}

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

function nearestHub(hubs: readonly Hub[], latitude: number, longitude: number): Hub {
  let best = hubs[0]!;
  let bestKm = Infinity;
  for (const hub of hubs) {
    const km = distanceKm(latitude, longitude, hub.latitude, hub.longitude);
    if (km < bestKm) [best, bestKm] = [hub, km];
  }
  return best;
}
