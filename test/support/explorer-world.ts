import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { clearGraph } from './db.ts';
import { GraphSpecBuilder, date, point } from './graph.ts';

const q = defineQueries('segments-derive-all');

/**
 * A small world whose right answers are worked out by hand in the tests that
 * use it. "Today" is TODAY; each candidate's facts are chosen so that every
 * score term, count, flow and path has one known value.
 *
 * Oxford (catchment 40 km): c1 Ada, c2 Ben, c3 Cai, c4 Dee, c5 Eve
 * London: c6 Fay (83 km from Oxford)      Munich: c7 Gus, c8 Hal, c9 Ivy
 * Cambridge: tw-a, tw-b, tw-c (identical, for ties and paging)
 */
export const TODAY = new Date('2026-01-15T12:00:00Z');

/** Degrees of latitude per km on the sphere Neo4j's point.distance uses, near enough for placing people. */
const KM_PER_DEGREE_LAT = 111.2;
const OXFORD = { latitude: 51.752, longitude: -1.2577 };
const north = (km: number) => point(OXFORD.latitude + km / KM_PER_DEGREE_LAT, OXFORD.longitude);

/** `more` adds a test's own people to the world (referring to its nodes by id) before it is written. */
export async function buildExplorerWorld(db: Database, more?: (g: GraphSpecBuilder) => void): Promise<void> {
  await clearGraph(db);
  const g = new GraphSpecBuilder();
  g.node('Country', { code: 'GB', name: 'United Kingdom', currency: 'GBP', payRegion: 'uk' })
    .node('Country', { code: 'DE', name: 'Germany', currency: 'EUR', payRegion: 'eu' });
  const hub = (id: string, name: string, countryCode: string, latitude: number, longitude: number, catchmentKm: number) =>
    g.hub(id, name, countryCode, { latitude, longitude }, catchmentKm);
  hub('oxford', 'Oxford', 'GB', OXFORD.latitude, OXFORD.longitude, 40);
  hub('london', 'London', 'GB', 51.5074, -0.1278, 60);
  hub('cambridge', 'Cambridge', 'GB', 52.2053, 0.1218, 40);
  hub('munich', 'Munich', 'DE', 48.1351, 11.582, 70);

  g.node('Sector', { id: 'radiology', name: 'Radiology AI', target: true, group: 'target' })
    .node('Sector', { id: 'pathology', name: 'Digital pathology', target: true, group: 'target' })
    .node('Sector', { id: 'automotive', name: 'Automotive', target: false, group: 'adjacent' })
    .node('Sector', { id: 'robotics', name: 'Robotics', target: false, group: 'adjacent' })
    .node('Sector', { id: 'fintech', name: 'Fintech', target: false, group: 'other' })
    .rel('automotive', 'PIVOTS_TO', 'radiology', { weight: 0.6 })
    .rel('automotive', 'PIVOTS_TO', 'pathology', { weight: 0.3 })
    .rel('robotics', 'PIVOTS_TO', 'radiology', { weight: 0.4 });

  for (const [id, name] of [
    ['seg', 'Image segmentation'],
    ['pytorch', 'PyTorch'],
    ['dicom', 'DICOM'],
  ] as const) {
    g.node('Skill', { id, name, group: 'core' });
  }

  const employer = g.employer.bind(g);
  employer('e-rad', 'RadAI', 'company', ['radiology'], ['oxford', 'munich']);
  employer('e-path', 'PathCo', 'company', ['pathology'], ['oxford', 'london']);
  employer('e-auto', 'AutoDrive', 'company', ['automotive'], ['munich', 'oxford']);
  employer('e-robo', 'RoboWorks', 'company', ['robotics'], ['oxford']);
  employer('e-fin', 'FinBank', 'company', ['fintech'], ['london']);
  employer('e-uni', 'Oxford University', 'university', [], ['oxford']);

  const candidate = (id: string, props: Record<string, unknown>, hubId: string, distanceKm: number) =>
    g.node('Candidate', { id, ...props }).rel(id, 'BASED_IN', hubId, { distanceKm });
  const works = (who: string, employerId: string, since: string, title = 'Engineer') => g.rel(who, 'WORKS_AT', employerId, { title, since: date(since) });
  const worked = (who: string, employerId: string, from: string, to: string, title = 'Engineer') =>
    g.rel(who, 'WORKED_AT', employerId, { title, from: date(from), to: date(to) });
  const skill = (who: string, skillId: string, evidence: string[]) => g.rel(who, 'HAS_SKILL', skillId, { evidence });

  candidate('c1', { name: 'Ada', seniority: 'senior', passive: true, openToWork: false, location: north(0) }, 'oxford', 0);
  works('c1', 'e-rad', '2022-01-01', 'ML Engineer');
  skill('c1', 'seg', ['job']).rel('c1', 'HAS_SKILL', 'pytorch', { evidence: ['self'] });
  skill('c1', 'dicom', ['job', 'publication']);

  candidate('c2', { name: 'Ben', seniority: 'senior', passive: false, openToWork: true, location: north(20) }, 'oxford', 20);
  works('c2', 'e-auto', '2016-01-01', 'Perception Engineer');
  worked('c2', 'e-robo', '2012-01-01', '2015-12-31');
  skill('c2', 'seg', ['self']);
  skill('c2', 'pytorch', ['job']);

  candidate('c3', { name: 'Cai', seniority: 'mid', passive: true, openToWork: false, location: north(10) }, 'oxford', 10);
  works('c3', 'e-robo', '2024-01-01');
  skill('c3', 'pytorch', ['job']);

  candidate('c4', { name: 'Dee', seniority: 'lead', passive: false, openToWork: false, location: north(30) }, 'oxford', 30);
  works('c4', 'e-uni', '2019-01-01', 'Research Fellow');
  skill('c4', 'seg', ['publication']);
  g.node('Publication', { id: 'pub1', title: 'Lesion segmentation', year: 2023, venue: 'MIDL' })
    .rel('pub1', 'IN_FIELD', 'radiology')
    .rel('c4', 'AUTHORED', 'pub1');

  candidate('c5', { name: 'Eve', seniority: 'junior', passive: false, openToWork: true, location: north(5) }, 'oxford', 5);
  works('c5', 'e-fin', '2025-06-01', 'Analyst');

  candidate('c6', { name: 'Fay', seniority: 'senior', passive: true, openToWork: false, location: point(51.5074, -0.1278) }, 'london', 0);
  works('c6', 'e-path', '2020-01-01');
  skill('c6', 'seg', ['job']);

  candidate('c7', { name: 'Gus', seniority: 'senior', passive: true, openToWork: false, location: point(48.1351, 11.582) }, 'munich', 0);
  worked('c7', 'e-auto', '2015-01-01', '2020-02-29');
  works('c7', 'e-rad', '2020-03-01');
  skill('c7', 'seg', ['job']);
  skill('c7', 'pytorch', ['job']);

  candidate('c8', { name: 'Hal', seniority: 'mid', passive: false, openToWork: false, location: point(48.2, 11.6) }, 'munich', 7);
  worked('c8', 'e-auto', '2014-01-01', '2025-01-31');
  works('c8', 'e-path', '2025-02-01');

  candidate('c9', { name: 'Ivy', seniority: 'senior', passive: true, openToWork: false, location: point(48.1, 11.5) }, 'munich', 7);
  worked('c9', 'e-robo', '2018-01-01', '2024-05-31');
  works('c9', 'e-rad', '2024-06-01');
  g.node('Publication', { id: 'pub2', title: 'Field notes on recruiting', year: 2025, venue: 'Blog' })
    .rel('c9', 'AUTHORED', 'pub2');

  for (const id of ['tw-c', 'tw-a', 'tw-b']) {
    candidate(id, { name: `Twin ${id}`, seniority: 'senior', passive: true, openToWork: false }, 'cambridge', 12);
    works(id, 'e-path', '2021-01-01');
  }

  g.node('TeamMember', { id: 'tm1', name: 'Tess' });
  worked('tm1', 'e-auto', '2010-01-01', '2017-12-31', 'Engineering Manager');
  g.rel('tm1', 'AUTHORED', 'pub2');
  g.node('TeamMember', { id: 'tm2', name: 'Tom' });

  more?.(g);
  await g.write(db);
  await db.autoCommit(q['segments-derive-all']);
}
