import { defineQueries } from '../db/cypher.ts';
import { type Database, int } from '../db/neo4j.ts';
import type { PointRow } from './hubs.repository.ts';

const q = defineQueries(
  'candidate-profile',
  'candidate-pivots',
  'pivot-shared-skills',
  'pivot-former-colleagues',
  'pivot-feeder-employers',
);

type Ref = { id: string; name: string };
type SectorRef = Ref & { target: boolean };

export interface ProfileRow {
  candidate: {
    id: string;
    name: string | null;
    email: string | null;
    profileUrl: string | null;
    locationText: string | null;
    location: PointRow | null;
    seniority: string | null;
    yearsExperience: number | null;
    segment: string | null;
    passive: boolean | null;
    openToWork: boolean | null;
    sources: string[] | string | null;
    lawfulBasis: string | null;
    obtainedAt: string | null;
    informedAt: string | null;
    informedHow: string | null;
    firstContactAt: string | null;
    lastContactAt: string | null;
  };
  hub: { id: string; name: string; distanceKm: number | null } | null;
  career: {
    employerId: string;
    employerName: string;
    employerKind: string | null;
    title: string | null;
    from: string | null;
    to: string | null;
    current: boolean;
    sectors: SectorRef[];
  }[];
  skills: { id: string; name: string; group: string | null; evidence: string[] }[];
  publications: { id: string; title: string | null; year: number | null; venue: string | null; fields: SectorRef[] }[];
  education: { institutionId: string; name: string; degree: string | null; field: string | null; to: string | null }[];
  pipeline: { searchId: string; title: string; client: string; stage: string; stageSince: string }[];
}

export async function findProfile(db: Database, id: string): Promise<ProfileRow | undefined> {
  const [row] = await db.read(q['candidate-profile'], { id });
  return row as unknown as ProfileRow | undefined;
}

export interface PivotRow {
  from: Ref;
  to: Ref;
  weight: number;
  via: Ref[];
}

export async function findPivots(db: Database, id: string, target: string | null): Promise<PivotRow[]> {
  return (await db.read(q['candidate-pivots'], { id, target })) as unknown as PivotRow[];
}

interface EvidenceParams {
  id: string;
  fromSector: string;
  toSector: string;
  limit: number;
  today: string;
}

export interface SharedSkillRow {
  skill: Ref;
  movers: number;
  example: { mover: { id: string; name: string | null }; move: { e1: Ref; j1Type: string; e2: Ref; j2Type: string } };
}

export interface FormerColleagueRow {
  colleague: { id: string; name: string | null };
  employer: Ref;
  movedTo: Ref;
  jcType: string;
  jpType: string;
  jtType: string;
  movedAt: string;
}

export interface FeederEmployerRow {
  employer: Ref;
  jcType: string;
  movers: number;
  example: { mover: { id: string; name: string | null }; j1Type: string; movedTo: Ref; j2Type: string };
}

const evidenceParams = (p: EvidenceParams) => ({ ...p, limit: int(p.limit) });

export async function findPivotEvidence(db: Database, params: EvidenceParams) {
  const [sharedSkills, formerColleagues, feederEmployers] = await Promise.all([
    db.read(q['pivot-shared-skills'], evidenceParams(params)),
    db.read(q['pivot-former-colleagues'], evidenceParams(params)),
    db.read(q['pivot-feeder-employers'], evidenceParams(params)),
  ]);
  return {
    sharedSkills: sharedSkills as unknown as SharedSkillRow[],
    formerColleagues: formerColleagues as unknown as FormerColleagueRow[],
    feederEmployers: feederEmployers as unknown as FeederEmployerRow[],
  };
}
