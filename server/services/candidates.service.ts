import type { Database } from '../db/neo4j.ts';
import { NotFoundError } from '../errors.ts';
import { findPivotEvidence, findPivots, findProfile } from '../repositories/candidates.repository.ts';
import type { CandidateProfile, Pivot, PivotQuery, PivotResponse } from '../schemas/candidates.schema.ts';
import type { Segment, Seniority } from '../schemas/common.schema.ts';
import type { Stage } from '../schemas/searches.schema.ts';
import { type AuditContext, recordAuditEvent } from './audit.service.ts';
import { assertKnownIds } from './catalog.service.ts';
import { noticeOf } from './privacy.service.ts';
import { daysBetween, isoDay } from './clock.ts';
import { GraphBuilder } from './graph-nodes.ts';
import { toLatLon } from './hubs.service.ts';

/** `viewer`: who opens the profile, for the audit trail (the view is recorded). */
export async function candidateProfile(db: Database, id: string, now: Date, viewer?: AuditContext): Promise<CandidateProfile> {
  const row = await findProfile(db, id);
  if (!row) throw new NotFoundError(`No candidate "${id}"`, [{ field: 'params.id', value: id }]);
  if (viewer) await recordAuditEvent(db, { action: 'candidate.view', ...viewer, at: now, details: { candidateId: id } });
  const c = row.candidate;
  const sources = c.sources === null ? [] : Array.isArray(c.sources) ? c.sources : [c.sources];
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    profileUrl: c.profileUrl,
    locationText: c.locationText,
    location: toLatLon(c.location),
    seniority: c.seniority as Seniority | null,
    yearsExperience: c.yearsExperience,
    segment: c.segment as Segment | null,
    passive: c.passive ?? false,
    openToWork: c.openToWork ?? false,
    hub: row.hub,
    career: row.career,
    skills: row.skills,
    publications: row.publications,
    education: row.education,
    pipeline: row.pipeline.map((p) => ({ ...p, stage: p.stage as Stage, daysInStage: daysBetween(p.stageSince, now) })),
    sources: sources.map(String),
    lawfulBasis: c.lawfulBasis,
    obtainedAt: c.obtainedAt,
    informedAt: c.informedAt,
    informedHow: c.informedHow,
    firstContactAt: c.firstContactAt,
    lastContactAt: c.lastContactAt,
    notice: noticeOf(c, now),
  };
}

/**
 * The evidence that a move from each adjacent sector of the candidate's career
 * into a target sector is plausible, each item drawn as a graph path.
 */
export async function candidatePivots(db: Database, id: string, query: PivotQuery, now: Date): Promise<PivotResponse> {
  await assertKnownIds(db, [
    { field: 'params.id', kind: 'candidates', ids: [id], resource: true },
    { field: 'query.target', kind: 'sectors', ids: query.target === undefined ? [] : [query.target] },
  ]);
  const profile = await findProfile(db, id);
  if (!profile) throw new NotFoundError(`No candidate "${id}"`, [{ field: 'params.id', value: id }]);
  const candidate = { id, name: profile.candidate.name };
  const pivots = await findPivots(db, id, query.target ?? null);
  const out: Pivot[] = [];
  for (const pivot of pivots) {
    const evidence = await findPivotEvidence(db, { id, fromSector: pivot.from.id, toSector: pivot.to.id, limit: query.limit, today: isoDay(now) });

    out.push({
      ...pivot,
      sharedSkills: evidence.sharedSkills.map((row) => {
        const g = new GraphBuilder();
        const c = g.node('candidate', candidate);
        const skill = g.node('skill', row.skill);
        const mover = g.node('candidate', row.example.mover);
        const e1 = g.node('employer', row.example.move.e1);
        const e2 = g.node('employer', row.example.move.e2);
        const from = g.node('sector', pivot.from);
        const to = g.node('sector', pivot.to);
        g.link(c, skill, 'HAS_SKILL');
        g.link(mover, skill, 'HAS_SKILL');
        g.link(mover, e1, row.example.move.j1Type);
        g.link(e1, from, 'IN_SECTOR');
        g.link(mover, e2, row.example.move.j2Type);
        g.link(e2, to, 'IN_SECTOR');
        return { skill: row.skill, movers: row.movers, path: g.build() };
      }),
      formerColleagues: evidence.formerColleagues.map((row) => {
        const g = new GraphBuilder();
        const c = g.node('candidate', candidate);
        const employer = g.node('employer', row.employer);
        const colleague = g.node('candidate', row.colleague);
        const movedTo = g.node('employer', row.movedTo);
        const to = g.node('sector', pivot.to);
        g.link(c, employer, row.jcType);
        g.link(colleague, employer, row.jpType);
        g.link(colleague, movedTo, row.jtType, { from: row.movedAt });
        g.link(movedTo, to, 'IN_SECTOR');
        return {
          colleague: { id: row.colleague.id, name: row.colleague.name ?? row.colleague.id },
          employer: row.employer,
          movedTo: row.movedTo,
          path: g.build(),
        };
      }),
      feederEmployers: evidence.feederEmployers.map((row) => {
        const g = new GraphBuilder();
        const c = g.node('candidate', candidate);
        const employer = g.node('employer', row.employer);
        const from = g.node('sector', pivot.from);
        const mover = g.node('candidate', row.example.mover);
        const movedTo = g.node('employer', row.example.movedTo);
        const to = g.node('sector', pivot.to);
        g.link(c, employer, row.jcType);
        g.link(employer, from, 'IN_SECTOR');
        g.link(mover, employer, row.example.j1Type);
        g.link(mover, movedTo, row.example.j2Type);
        g.link(movedTo, to, 'IN_SECTOR');
        return { employer: row.employer, movers: row.movers, path: g.build() };
      }),
    });
  }
  return { candidate: { ...candidate, segment: profile.candidate.segment as Segment | null }, pivots: out };
}
