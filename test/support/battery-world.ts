import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { type UsedWorld, useWorld } from './app.ts';
import { clearGraph } from './db.ts';
import { GraphSpecBuilder, date, point } from './graph.ts';

const q = defineQueries('segments-derive-all');

/**
 * A second hand-made world, of another niche than the demo's (battery
 * engineers: target sectors energy storage and hydrogen, adjacent automotive
 * and chemicals), whose right answers the tests that use it work out by hand.
 * "Today" is TODAY.
 *
 * Lyon (catchment 50 km): l-01 Amélie … l-06 Fabien, twins l-07 l-08 l-09
 * Vienna (catchment 60 km): v-01 Katharina … v-05 Olga
 * Grenoble: g-01 Inès; in no hub: r-01 Jules (80 km north of Lyon), r-02 Karim (120 km)
 * Team: tm-q Quentin (Vienna Battery Lab, a 2019 paper with Niklas), tm-r Rosa (ConsultCo, a 2024 paper with Chloé),
 * tm-s Sofia (nothing on record); Fabien has no contact either
 *
 * The careers put moves on the flow windows' first days (12, 24 and 60 months
 * before TODAY), one a day before, overlapping jobs (Élodie), a past job with
 * no end (Niklas), and tenures that end the day before another's starts
 * (Olga and Bastien at Motora, Quentin and Maria at the lab).
 */
export const TODAY = new Date('2026-03-10T12:00:00Z');

/** Kilometres per degree of latitude on the sphere Neo4j's point.distance uses (radius 6,378.14 km). */
export const KM_PER_DEGREE_LAT = (6378.14 * Math.PI) / 180;
export const LYON = { latitude: 45.764, longitude: 4.8357 };
export const VIENNA = { latitude: 48.2082, longitude: 16.3738 };
export const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };
const northOf = (hub: { latitude: number; longitude: number }, km: number) => point(hub.latitude + km / KM_PER_DEGREE_LAT, hub.longitude);

export async function buildBatteryWorld(db: Database): Promise<void> {
  await clearGraph(db);
  const g = new GraphSpecBuilder();
  g.node('Country', { code: 'FR', name: 'France', currency: 'EUR', payRegion: 'eu' }).node('Country', {
    code: 'AT',
    name: 'Austria',
    currency: 'EUR',
    payRegion: 'eu',
  });
  const hub = g.hub.bind(g);
  hub('lyon', 'Lyon', 'FR', LYON, 50);
  hub('vienna', 'Vienna', 'AT', VIENNA, 60);
  hub('grenoble', 'Grenoble', 'FR', GRENOBLE, 40);

  g.node('Sector', { id: 'energy-storage', name: 'Energy storage', target: true, group: 'target' })
    .node('Sector', { id: 'hydrogen', name: 'Hydrogen and fuel cells', target: true, group: 'target' })
    .node('Sector', { id: 'automotive', name: 'Automotive', target: false, group: 'adjacent' })
    .node('Sector', { id: 'chemicals', name: 'Chemicals', target: false, group: 'adjacent' })
    .node('Sector', { id: 'consulting', name: 'Consulting', target: false, group: 'other' })
    .rel('automotive', 'PIVOTS_TO', 'energy-storage', { weight: 0.7 })
    .rel('automotive', 'PIVOTS_TO', 'hydrogen', { weight: 0.4 })
    .rel('chemicals', 'PIVOTS_TO', 'energy-storage', { weight: 0.5 })
    .rel('chemicals', 'PIVOTS_TO', 'hydrogen', { weight: 0.8 });

  for (const [id, name] of [
    ['electrochem', 'Electrochemistry'],
    ['bms', 'Battery management systems'],
    ['cell-design', 'Cell design'],
    ['python', 'Python'],
  ] as const) {
    g.node('Skill', { id, name, group: 'core' });
  }

  const employer = g.employer.bind(g);
  employer('e-volt', 'VoltCell', 'company', ['energy-storage'], ['lyon', 'grenoble']);
  employer('e-akku', 'Akkuwerk', 'company', ['energy-storage'], ['vienna']);
  employer('e-h2', 'HydroGen', 'company', ['hydrogen'], ['grenoble', 'lyon']);
  employer('e-moto', 'Motora', 'company', ['automotive'], ['lyon', 'vienna']);
  employer('e-chem', 'Chimex', 'company', ['chemicals'], ['lyon']);
  employer('e-multi', 'ElectroChem Solutions', 'company', ['chemicals', 'energy-storage'], ['lyon']);
  employer('e-poly', 'PolyChem Materials', 'company', ['chemicals'], ['vienna']);
  employer('e-cons', 'ConsultCo', 'company', ['consulting'], ['vienna']);
  employer('e-lab', 'Vienna Battery Lab', 'institute', [], ['vienna']);
  employer('e-uni', 'Université de Lyon', 'university', [], ['lyon']);

  const person = (id: string, props: Record<string, unknown>, hubId: string | null, distanceKm = 0) => {
    g.node('Candidate', { id, ...props });
    if (hubId) g.rel(id, 'BASED_IN', hubId, { distanceKm });
  };
  const works = (who: string, employerId: string, since: string, title = 'Engineer') => g.rel(who, 'WORKS_AT', employerId, { title, since: date(since) });
  const worked = (who: string, employerId: string, from: string, to: string | null, title = 'Engineer') =>
    g.rel(who, 'WORKED_AT', employerId, { title, from: date(from), ...(to && { to: date(to) }) });
  const skill = (who: string, skillId: string, evidence: string[]) => g.rel(who, 'HAS_SKILL', skillId, { evidence });
  const paper = (id: string, year: number, field: string | null, authors: string[]) => {
    g.node('Publication', { id, title: `Paper ${id}`, year, venue: 'Journal of Power Sources' });
    if (field) g.rel(id, 'IN_FIELD', field);
    for (const a of authors) g.rel(a, 'AUTHORED', id);
  };

  person('l-01', { name: 'Amélie', seniority: 'senior', passive: true, openToWork: false, location: northOf(LYON, 0) }, 'lyon', 0);
  worked('l-01', 'e-moto', '2015-01-01', '2021-02-28');
  works('l-01', 'e-volt', '2021-03-10', 'Cell Engineer');
  skill('l-01', 'electrochem', ['job']);
  skill('l-01', 'bms', ['self']);

  person('l-02', { name: 'Bastien', seniority: 'mid', passive: false, openToWork: true, location: northOf(LYON, 10) }, 'lyon', 10);
  worked('l-02', 'e-cons', '2021-01-01', '2024-03-09');
  works('l-02', 'e-moto', '2024-03-10', 'BMS Engineer');
  skill('l-02', 'bms', ['job', 'self']);
  skill('l-02', 'python', ['self']);

  person('l-03', { name: 'Chloé', seniority: 'lead', passive: true, openToWork: false, location: northOf(LYON, 20) }, 'lyon', 20);
  worked('l-03', 'e-uni', '2012-09-01', '2018-12-31', 'Researcher');
  works('l-03', 'e-chem', '2019-01-01', 'Lead Chemist');
  skill('l-03', 'electrochem', ['publication']);

  person('l-04', { name: 'Damien', seniority: 'junior', passive: false, openToWork: false, location: northOf(LYON, 30) }, 'lyon', 30);
  works('l-04', 'e-cons', '2025-09-10', 'Analyst');
  skill('l-04', 'python', ['job']);

  // Overlapping jobs: Chimex until mid-2023, VoltCell from the start of 2023, and ElectroChem Solutions beside it.
  person('l-05', { name: 'Élodie', seniority: 'senior', passive: true, openToWork: false, location: northOf(LYON, 5) }, 'lyon', 5);
  worked('l-05', 'e-chem', '2016-01-01', '2023-06-30');
  works('l-05', 'e-volt', '2023-01-01', 'Cell Engineer');
  works('l-05', 'e-multi', '2024-06-01', 'Advisor');
  skill('l-05', 'electrochem', ['job']);
  skill('l-05', 'cell-design', ['job']);

  person('l-06', { name: 'Fabien', seniority: 'senior', passive: false, openToWork: false, location: northOf(LYON, 60) }, 'lyon', 60);
  skill('l-06', 'cell-design', ['publication']);

  for (const id of ['l-08', 'l-07', 'l-09']) {
    person(id, { name: `Twin ${id}`, seniority: 'senior', passive: true, openToWork: false, location: northOf(LYON, 15) }, 'lyon', 15);
    works(id, 'e-h2', '2022-01-01', 'Stack Engineer');
  }

  person('g-01', { name: 'Inès', seniority: 'senior', passive: false, openToWork: true, location: point(GRENOBLE.latitude, GRENOBLE.longitude) }, 'grenoble', 0);
  works('g-01', 'e-h2', '2020-05-01');
  skill('g-01', 'cell-design', ['job']);

  person('r-01', { name: 'Jules', seniority: 'mid', passive: true, openToWork: false, location: northOf(LYON, 80) }, null);
  works('r-01', 'e-volt', '2025-01-01');
  person('r-02', { name: 'Karim', seniority: 'senior', passive: false, openToWork: false, location: northOf(LYON, 120) }, null);
  works('r-02', 'e-volt', '2020-01-01');

  person('v-01', { name: 'Katharina', seniority: 'senior', passive: true, openToWork: false, location: northOf(VIENNA, 0) }, 'vienna', 0);
  worked('v-01', 'e-lab', '2015-01-01', '2017-06-30', 'Research Engineer');
  works('v-01', 'e-akku', '2017-07-01', 'Head of BMS');
  skill('v-01', 'bms', ['job']);
  skill('v-01', 'cell-design', ['self']);

  person('v-02', { name: 'Lukas', seniority: 'mid', passive: false, openToWork: true, location: northOf(VIENNA, 10) }, 'vienna', 10);
  worked('v-02', 'e-cons', '2014-01-01', '2017-01-31');
  works('v-02', 'e-moto', '2017-02-01');
  skill('v-02', 'bms', ['self']);

  person('v-03', { name: 'Maria', seniority: 'senior', passive: true, openToWork: false, location: northOf(VIENNA, 20) }, 'vienna', 20);
  worked('v-03', 'e-moto', '2010-01-01', '2016-12-31');
  worked('v-03', 'e-lab', '2017-01-01', '2018-12-31');
  works('v-03', 'e-cons', '2019-01-01', 'Principal');
  skill('v-03', 'python', ['job']);

  // A past job whose end is unknown.
  person('v-04', { name: 'Niklas', seniority: 'senior', passive: false, openToWork: false, location: northOf(VIENNA, 40) }, 'vienna', 40);
  worked('v-04', 'e-poly', '2015-03-01', null);
  works('v-04', 'e-akku', '2025-03-10');
  skill('v-04', 'bms', ['job']);

  person('v-05', { name: 'Olga', seniority: 'lead', passive: true, openToWork: false, location: northOf(VIENNA, 50) }, 'vienna', 50);
  worked('v-05', 'e-moto', '2018-01-01', '2024-03-09');
  works('v-05', 'e-akku', '2024-03-09');
  skill('v-05', 'bms', ['publication', 'self']);

  g.node('TeamMember', { id: 'tm-q', name: 'Quentin' });
  worked('tm-q', 'e-lab', '2014-01-01', '2016-12-31', 'Lab Manager');
  g.node('TeamMember', { id: 'tm-r', name: 'Rosa' });
  works('tm-r', 'e-cons', '2023-01-01', 'Partner');
  // New to the team: no career or paper on record, so no contact.
  g.node('TeamMember', { id: 'tm-s', name: 'Sofia' });

  paper('pub-1', 2024, 'energy-storage', ['l-03', 'tm-r']);
  paper('pub-2', 2019, null, ['v-04', 'tm-q']);
  paper('pub-3', 2023, 'hydrogen', ['l-06']);

  await g.write(db);
  await db.autoCommit(q['segments-derive-all']);
}

export type BatteryWorld = UsedWorld;

/** The set-up of a describe block on the battery world (useWorld), on `clock` (TODAY unless given). */
export function useBatteryWorld(clock: () => Date = () => TODAY): BatteryWorld {
  return useWorld(buildBatteryWorld, clock);
}
