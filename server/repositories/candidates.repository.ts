import { defineQueries } from '../db/cypher.ts';
import { type Database, int } from '../db/neo4j.ts';
import type { PointRow } from './hubs.repository.ts';

const q = defineQueries(
  'candidate-profile',
  'candidate-pivots',
  'pivot-shared-skills',
  'pivot-former-colleagues',
  'pivot-feeder-employers',
  'candidate-profile-links',
  'candidate-profile-key-holders',
  'candidate-profile-keys-set',
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

export interface ProfileLinkRow {
  id: string;
  profileUrl: string;
  profileKey: string | null;
}

/** Every candidate's profile link and stored key, one row at a time. */
export function streamProfileLinks(db: Database): AsyncIterable<ProfileLinkRow> {
  return db.stream(q['candidate-profile-links']) as AsyncIterable<ProfileLinkRow>;
}

/** Which candidate holds each of these profile keys, if any. */
export async function findProfileKeyHolders(db: Database, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.read(q['candidate-profile-key-holders'], { keys: [...keys] });
  return new Map(rows.map((r) => [r.profileKey as string, r.id as string]));
}

/** Stores profile keys, in one transaction; returns how many candidates were updated. */
export async function setProfileKeys(db: Database, rows: readonly { id: string; profileKey: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const [row] = await db.write(q['candidate-profile-keys-set'], { rows });
  return (row?.updated as number | undefined) ?? 0;
}
