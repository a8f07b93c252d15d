import type { Segment, Seniority } from '../schemas/common.schema.ts';
import type { EmployerKind } from './world.ts';

/**
 * The rows the seed repository writes, one interface per UNWIND statement in
 * `cypher/seed-*.cypher`. Dates are ISO strings (YYYY-MM-DD); Cypher turns
 * them into `date` values.
 */

export interface CountryRow {
  code: string;
  name: string;
  currency: string;
  payRegion: string;
}

export interface HubRow {
  id: string;
  name: string;
  /** The country's code (written as the hub's `countryCode`). */
  country: string;
  latitude: number;
  longitude: number;
  catchmentKm: number;
}

export interface SectorRow {
  id: string;
  name: string;
  target: boolean;
  group: string;
}

export interface PivotRow {
  from: string;
  to: string;
  weight: number;
}

export interface SkillRow {
  id: string;
  name: string;
  group: string;
}

export interface InstitutionRow {
  id: string;
  name: string;
  countryCode: string;
}

export interface ReferenceRows {
  countries: CountryRow[];
  hubs: HubRow[];
  sectors: SectorRow[];
  pivots: PivotRow[];
  skills: SkillRow[];
  institutions: InstitutionRow[];
}

export interface EmployerRow {
  id: string;
  name: string;
  normName: string;
  kind: EmployerKind;
  sectorId: string;
  hubIds: string[];
  /** The demo world's tag (`seed:42:5000`); null for employers from elsewhere. */
  world: string | null;
}

export interface CandidateRow {
  id: string;
  name: string;
  email: string | null;
  emailKey: string | null;
  profileUrl: string | null;
  profileKey: string | null;
  locationText: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The hub the candidate is based in; null outside every hub. */
  hubId: string | null;
  yearsExperience: number;
  seniority: Seniority;
  openToWork: boolean;
  passive: boolean;
  sources: string[];
  lawfulBasis: string;
  obtainedAt: string;
  world: string | null;
}

/** A job of a candidate or a team member; `to: null` is the current job (WORKS_AT {since: from}). */
export interface JobRow {
  personId: string;
  employerId: string;
  title: string;
  from: string;
  to: string | null;
}

export interface HeldSkillRow {
  candidateId: string;
  skillId: string;
  evidence: ('self' | 'job' | 'publication')[];
}

export interface PublicationRow {
  id: string;
  title: string;
  year: number;
  venue: string;
  fieldId: string;
}

export interface AuthorshipRow {
  personId: string;
  publicationId: string;
}

export interface EducationRow {
  candidateId: string;
  institutionId: string;
  degree: string;
  field: string;
  to: string;
}

export interface TeamMemberRow {
  id: string;
  name: string;
  email: string | null;
}

export interface CandidateBatch {
  candidates: CandidateRow[];
  currentJobs: JobRow[];
  pastJobs: JobRow[];
  skills: HeldSkillRow[];
  publications: PublicationRow[];
  authorships: AuthorshipRow[];
  education: EducationRow[];
  /**
   * The career track the generator followed for each candidate (same order as
   * `candidates`). Never written: the graph's segment is derived from the
   * careers and papers, and tests compare the two.
   */
  tracks: Segment[];
}

export interface TeamBatch {
  members: TeamMemberRow[];
  currentJobs: JobRow[];
  pastJobs: JobRow[];
  publications: PublicationRow[];
  authorships: AuthorshipRow[];
}

export function emptyCandidateBatch(): CandidateBatch {
  return { candidates: [], currentJobs: [], pastJobs: [], skills: [], publications: [], authorships: [], education: [], tracks: [] };
}
