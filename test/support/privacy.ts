import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { clearGraph } from './db.ts';
import { GraphSpecBuilder, point } from './graph.ts';

const q = defineQueries('graph-text-search');

export interface TextHit {
  kind: 'node' | 'relationship';
  labels: string[];
  key: string;
  text: string;
}

/** Every node or relationship property, anywhere in the graph, holding one of `needles` (any case). */
export async function graphTextSearch(db: Database, needles: string[]): Promise<TextHit[]> {
  return (await db.read(q['graph-text-search'], { needles })) as unknown as TextHit[];
}

/**
 * Hubs in four countries (the retention table has rows for France and the
 * Netherlands; Germany and the UK take the default), a target sector, skills
 * and an employer that imports resolve against; `more` adds a test's own nodes
 * and relationships (to these by id) in the same write.
 */
export async function buildPrivacyWorld(db: Database, more: (g: GraphSpecBuilder) => void = () => {}): Promise<void> {
  await clearGraph(db);
  const g = new GraphSpecBuilder()
    .node('Hub', { id: 'paris', name: 'Paris', countryCode: 'FR', location: point(48.8566, 2.3522), catchmentKm: 60 })
    .node('Hub', { id: 'amsterdam', name: 'Amsterdam', countryCode: 'NL', location: point(52.3676, 4.9041), catchmentKm: 60 })
    .node('Hub', { id: 'munich', name: 'Munich', countryCode: 'DE', location: point(48.1351, 11.582), catchmentKm: 60 })
    .node('Hub', { id: 'oxford', name: 'Oxford', countryCode: 'GB', location: point(51.752, -1.2577), catchmentKm: 60 })
    .node('Sector', { id: 'radiology', name: 'Radiology AI', target: true, group: 'target' })
    .node('Skill', { id: 'pytorch', name: 'PyTorch', group: 'tooling' })
    .node('Skill', { id: 'dicom', name: 'DICOM', group: 'standards' })
    .node('Employer', { id: 'e-rad', name: 'RadAI', normName: 'radai', kind: 'company' })
    .rel('e-rad', 'IN_SECTOR', 'radiology')
    .rel('e-rad', 'HAS_SITE', 'amsterdam');
  more(g);
  await g.write(db);
}
