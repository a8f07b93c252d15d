import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';

const q = defineQueries('graph-node-delete', 'graph-relationship-delete', 'graph-relationship-link');

/** A node by label and id, as the edits below name their ends. */
export interface NodeRef {
  label: string;
  id: string;
}

/** Changes to a small hand-made graph between two steps of a test (a week passing, say). */
export const graphEdits = {
  async deleteNode(db: Database, node: NodeRef): Promise<void> {
    await db.write(q['graph-node-delete'], { label: node.label, id: node.id });
  },
  async unlink(db: Database, from: NodeRef, type: string, to: NodeRef): Promise<void> {
    await db.write(q['graph-relationship-delete'], { fromLabel: from.label, fromId: from.id, type, toLabel: to.label, toId: to.id });
  },
  async link(db: Database, from: NodeRef, type: string, to: NodeRef, props: Record<string, unknown> = {}): Promise<void> {
    await db.write(q['graph-relationship-link'], { fromLabel: from.label, fromId: from.id, type, toLabel: to.label, toId: to.id, props });
  },
};

export const candidate = (id: string): NodeRef => ({ label: 'Candidate', id });
export const hub = (id: string): NodeRef => ({ label: 'Hub', id });
export const employer = (id: string): NodeRef => ({ label: 'Employer', id });
export const sector = (id: string): NodeRef => ({ label: 'Sector', id });
