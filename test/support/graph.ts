import neo4j from 'neo4j-driver';
import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';

const q = defineQueries('graph-nodes-create', 'graph-relationships-create');

/** A calendar date as the graph stores career dates. */
export const date = (iso: string) => neo4j.types.Date.fromStandardDate(new Date(`${iso}T00:00:00Z`));

/** A WGS-84 point, as the graph stores hub and candidate locations. */
export const point = (latitude: number, longitude: number) => new neo4j.types.Point(4326, longitude, latitude);

interface NodeSpec {
  ref: string;
  labels: string[];
  props: Record<string, unknown>;
}

interface RelationshipSpec {
  from: string;
  to: string;
  type: string;
  props: Record<string, unknown>;
}

/**
 * A small hand-made graph, described in TypeScript and written in two
 * statements. Nodes are referred to by a test-local ref (usually their id).
 */
export class GraphSpecBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly relationships: RelationshipSpec[] = [];

  node(label: string, props: Record<string, unknown>, ref = String(props.id ?? props.code)): this {
    if (this.nodes.some((n) => n.ref === ref)) throw new Error(`Duplicate node ref ${ref}`);
    this.nodes.push({ ref, labels: [label], props });
    return this;
  }

  rel(from: string, type: string, to: string, props: Record<string, unknown> = {}): this {
    this.relationships.push({ from, to, type, props });
    return this;
  }

  /** A hub in its country (whose Country node the world adds itself). */
  hub(id: string, name: string, countryCode: string, at: { latitude: number; longitude: number }, catchmentKm: number): this {
    return this.node('Hub', { id, name, countryCode, location: point(at.latitude, at.longitude), catchmentKm }).rel(id, 'IN_COUNTRY', countryCode);
  }

  /** An employer in its sectors, with sites at its hubs. */
  employer(id: string, name: string, kind: string, sectors: readonly string[], sites: readonly string[]): this {
    this.node('Employer', { id, name, normName: name.toLowerCase(), kind });
    for (const s of sectors) this.rel(id, 'IN_SECTOR', s);
    for (const h of sites) this.rel(id, 'HAS_SITE', h);
    return this;
  }

  async write(db: Database): Promise<void> {
    const rows = await db.write(q['graph-nodes-create'], { nodes: this.nodes });
    const elementIds = new Map(rows.map((r) => [r.ref as string, r.elementId as string]));
    const resolve = (ref: string) => {
      const id = elementIds.get(ref);
      if (!id) throw new Error(`Unknown node ref ${ref}`);
      return id;
    };
    await db.write(q['graph-relationships-create'], {
      relationships: this.relationships.map((r) => ({ ...r, from: resolve(r.from), to: resolve(r.to) })),
    });
  }
}
